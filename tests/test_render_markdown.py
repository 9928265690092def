"""Markdown rendering: golden files."""

from __future__ import annotations

from contextlib import chdir
from pathlib import Path

from dedup.article import Article
from dedup.clean import clean_article
from dedup.diff import build_diff
from dedup.factcheck import extract_facts
from dedup.read import read_paths
from dedup.render.markdown import render_diff_markdown, render_facts_markdown
from tests.conftest import ROOT, SEED_LEFT, SEED_RIGHT
from tests.golden import check_golden


def _read(*paths: Path) -> list[Article]:
    """Read seeds by paths relative to the repository, so `source` is the same everywhere."""
    with chdir(ROOT):
        return list(read_paths([path.relative_to(ROOT) for path in paths]))


def test_diff_golden() -> None:
    """The seed diff as markdown matches its golden file; table cells never break the table."""
    left, right = (clean_article(a) for a in _read(SEED_LEFT, SEED_RIGHT))
    text = render_diff_markdown(build_diff(left, right))
    check_golden("seed_diff.md", text)
    for line in text.splitlines():
        if line.startswith("| ~") or line.startswith("| <") or line.startswith("| >"):
            assert line.count(" | ") == 3


def test_facts_golden() -> None:
    """The right seed's facts as markdown match the golden file."""
    (article,) = (clean_article(a) for a in _read(SEED_RIGHT))
    check_golden("seed_facts.md", render_facts_markdown([extract_facts(article)]))
