"""Facts of an article and the `dedup facts` command."""

from __future__ import annotations

import json

import pytest

from dedup.article import Article
from dedup.clean import clean_article
from dedup.facts import extract_facts
from dedup.read import read_paths
from tests.conftest import SEED_LEFT, SEED_RIGHT, CliRunner


def _seed(path: object) -> Article:
    (article,) = [clean_article(a) for a in read_paths([path])]  # type: ignore[list-item]
    return article


def test_spans_slice_the_text() -> None:
    """Every fact's span slices its own text out of the article and sits in its sentence."""
    facts = extract_facts(_seed(SEED_RIGHT))
    text = _seed(SEED_RIGHT).text
    for fact in facts.facts:
        assert text[fact.start : fact.end] == fact.text
        sentence = facts.sentences[fact.sentence]
        assert sentence.start <= fact.start < sentence.end


def test_seed_facts() -> None:
    """The seed pair's figures, counts, dates and names are found with their kinds."""
    left = extract_facts(_seed(SEED_LEFT))
    right = extract_facts(_seed(SEED_RIGHT))
    left_values = {(f.kind, f.role, f.value) for f in left.facts}
    right_values = {(f.kind, f.role, f.value) for f in right.facts}
    assert ("count", "killed", "6") in left_values
    assert ("count", "killed", "?") in right_values
    assert {("number", None, "120000"), ("number", None, "3000")} <= right_values
    assert ("date", None, "1991") in left_values and ("date", None, "1994") in right_values
    assert ("place", None, "Khojavand") in right_values
    assert ("person", None, "Nikol Pashinyan") in right_values
    assert left.summary.killed == 6


def test_relative_event_date() -> None:
    """A weekday is resolved against the published date into the event date."""
    article = Article(
        id="x",
        text="A man was shot and killed Wednesday night on Main Street, police said.",
        published="2014-01-31",
    )
    summary = extract_facts(article).summary
    assert (summary.killed, summary.injured, summary.event_date) == (1, 0, "2014-01-29")


def test_facts_jsonl(run_cli: CliRunner) -> None:
    """`dedup facts --format jsonl` prints one {"id", "facts", "summary"} line per document."""
    result = run_cli("facts", SEED_LEFT, SEED_RIGHT, "--format", "jsonl")
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [sorted(line) for line in lines] == [["facts", "id", "summary"]] * 2
    assert sorted(lines[0]["summary"]) == ["event_date", "injured", "killed", "places"]
    assert lines[0]["summary"]["killed"] == 6


@pytest.mark.parametrize("fmt", ["terminal", "json", "markdown"])
def test_facts_formats(run_cli: CliRunner, fmt: str) -> None:
    """Every facts format runs on the seeds and names the documents."""
    result = run_cli("facts", SEED_RIGHT, "--format", fmt)
    assert result.exit_code == 0
    assert "003_74b6125a896b40ce" in result.stdout


def test_facts_bad_format(run_cli: CliRunner) -> None:
    """An unknown format is a usage error (exit 2) that lists the choices."""
    result = run_cli("facts", SEED_RIGHT, "--format", "yaml")
    assert result.exit_code == 2
    assert "jsonl" in result.stderr
