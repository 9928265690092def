"""JSON rendering: golden files and stable, sorted output."""

from __future__ import annotations

import json
from contextlib import chdir
from pathlib import Path

from dedup.article import Article
from dedup.clean import clean_article
from dedup.diff import build_diff
from dedup.factcheck import extract_facts
from dedup.read import read_paths
from dedup.render.json import render_diff_json, render_facts_json, render_facts_jsonl
from tests.conftest import ROOT, SEED_LEFT, SEED_RIGHT
from tests.golden import check_golden


def _read(*paths: Path) -> list[Article]:
    """Read seeds by paths relative to the repository, so `source` is the same everywhere."""
    with chdir(ROOT):
        return list(read_paths([path.relative_to(ROOT) for path in paths]))


def _seeds() -> list:  # type: ignore[type-arg]
    return [clean_article(a) for a in _read(SEED_LEFT, SEED_RIGHT)]


def test_diff_golden() -> None:
    """The seed diff as JSON matches its golden file and is the same on a second run."""
    left, right = _seeds()
    text = render_diff_json(build_diff(left, right))
    assert text == render_diff_json(build_diff(left, right))
    check_golden("seed_diff.json", text)


def test_facts_golden() -> None:
    """The seeds' facts as JSON and JSONL match their golden files."""
    documents = [extract_facts(a) for a in _seeds()]
    check_golden("seed_facts.json", render_facts_json(documents))
    check_golden("seed_facts.jsonl", render_facts_jsonl(documents))
    lines = render_facts_jsonl(documents).splitlines()
    assert [json.loads(line)["id"] for line in lines] == [d.id for d in documents]
