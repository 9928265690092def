"""Facts of an article and the `dedup facts` command."""

from __future__ import annotations

import json

import pytest

from dedup.article import Article
from dedup.clean import clean_article
from dedup.factcheck import extract_facts
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
    """The seed pair's counts, figures, dates and names are found with their kinds and slots."""
    left = extract_facts(_seed(SEED_LEFT))
    right = extract_facts(_seed(SEED_RIGHT))
    left_values = {(f.kind, f.role, f.value) for f in left.facts}
    right_values = {(f.kind, f.role, f.value) for f in right.facts}
    assert ("count", "killed", "6") in left_values
    # "The loss of lives": killed, with no figure stated.
    assert ("count", "killed", "") in right_values
    assert {("quantity", None, "120000"), ("quantity", None, "3000")} <= right_values
    assert ("date", None, "1991") in left_values and ("date", None, "1994") in right_values
    assert ("place", None, "Khojavand") in right_values
    assert ("person", None, "Nikol Pashinyan") in right_values
    assert left.summary.killed == 6
    (peacekeepers,) = [f for f in right.facts if f.value == "3000"]
    assert (peacekeepers.slot, peacekeepers.stated) == ("peacekeeper", "3,000 Russian peacekeepers")


def test_a_figure_is_read_once() -> None:
    """ "7 p.m." is a time, never also a number; an age is never a count of people."""
    facts = extract_facts(Article(id="x", text="A 15-year-old was shot at 7 p.m. on Main Street."))
    kinds = [(f.kind, f.value) for f in facts.facts if f.kind not in ("place", "person", "name")]
    assert ("time", "19:00") in kinds and ("age", "15") in kinds
    assert ("number", "7") not in kinds and ("number", "15") not in kinds


def test_relative_dates_follow_the_tense() -> None:
    """ "Takes effect on July 1" in a March article is this July; "died on July 1" last July."""
    future = Article(id="a", text="The rule takes effect on July 1.", published="2024-03-12")
    past = Article(id="b", text="He died on July 1.", published="2024-03-12")
    assert [f.value for f in extract_facts(future).facts if f.kind == "date"] == ["2024-07-01"]
    assert [f.value for f in extract_facts(past).facts if f.kind == "date"] == ["2023-07-01"]


def test_a_dateline_dates_relative_dates_when_nothing_else_does() -> None:
    """Without a published date, the page's own date at its top resolves "last year"."""
    text = "Quake hits Aceh\nJuly 03, 2013 6:22AM\nIn April last year a quake struck off Aceh."
    facts = extract_facts(Article(id="x", text=text))
    assert "2012-04" in [f.value for f in facts.facts if f.kind == "date"]


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
