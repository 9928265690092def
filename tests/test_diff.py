"""The diff report and the `dedup diff` command."""

from __future__ import annotations

import json

import pytest

from dedup.article import Article
from dedup.clean import clean_article
from dedup.diff import SCHEMA_VERSION, build_diff, build_diffs
from dedup.read import read_paths
from tests.conftest import SEED_LEFT, SEED_RIGHT, CliRunner


def _seed(path: object) -> Article:
    (article,) = [clean_article(a) for a in read_paths([path])]  # type: ignore[list-item]
    return article


def test_seed_report() -> None:
    """The seed pair is same-event coverage with metadata, scores and discrepancies."""
    report = build_diff(_seed(SEED_LEFT), _seed(SEED_RIGHT))
    assert report.relation == "same-event"
    assert report.right.metadata["published"] == "2023-11-13"
    assert report.left.metadata["published"] is None
    assert 0 < report.scores["aligned_share"] < 1
    assert report.schema_version == SCHEMA_VERSION
    rows_text = " ".join(report.left.sentences + report.right.sentences)
    assert "cookies" not in rows_text and "FAQ" not in rows_text


def test_identical_articles_are_duplicates() -> None:
    """An article diffed with itself is a duplicate with nothing to report."""
    article = _seed(SEED_LEFT)
    report = build_diff(article, article)
    assert report.relation == "duplicate"
    assert report.discrepancies == ()
    assert {row.op for row in report.alignment.rows} == {"same"}


def test_diff_json(run_cli: CliRunner) -> None:
    """`dedup diff --format json` carries the documented fields."""
    result = run_cli("diff", SEED_LEFT, SEED_RIGHT, "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["schema_version"] == SCHEMA_VERSION
    assert document["right"]["published"] == "2023-11-13"
    assert document["relation"] == "same-event"
    row = document["alignment"][0]
    assert {
        "op",
        "left_index",
        "right_index",
        "left_text",
        "right_text",
        "score",
        "word_diff",
    } <= set(row)
    assert {"kind", "left", "right", "left_text", "right_text"} <= set(document["discrepancies"][0])
    assert {r["op"] for r in document["alignment"]} <= {
        "same",
        "changed",
        "moved",
        "left-only",
        "right-only",
    }


@pytest.mark.parametrize("fmt", ["terminal", "markdown"])
def test_diff_formats(run_cli: CliRunner, fmt: str) -> None:
    """The terminal and markdown views run and list the discrepancies."""
    result = run_cli("diff", SEED_LEFT, SEED_RIGHT, "--format", fmt)
    assert result.exit_code == 0
    assert "killed" in result.stdout and "Khojavand" in result.stdout


def test_diff_needs_one_document_per_side(run_cli: CliRunner, tmp_path: object) -> None:
    """A file with two documents on one side is an input error naming the file."""
    from pathlib import Path

    path = Path(str(tmp_path)) / "two.jsonl"
    path.write_text('{"id": "a", "text": "One."}\n{"id": "b", "text": "Two."}\n', encoding="utf-8")
    result = run_cli("diff", path, SEED_RIGHT)
    assert result.exit_code == 3
    assert "expected one document, found 2" in result.stderr


def test_diff_missing_file(run_cli: CliRunner) -> None:
    """A missing path is an input error, not a traceback."""
    result = run_cli("diff", "nope.txt", SEED_RIGHT)
    assert result.exit_code == 3
    assert "Traceback" not in result.stderr


def test_one_against_many_gives_each_pair_its_own_report() -> None:
    """`build_diffs` of one article against several gives what `build_diff` gives per pair."""
    left, right = _seed(SEED_LEFT), _seed(SEED_RIGHT)
    others = [right, left, Article(id="short", text="A fire killed 3 people on Monday.")]
    assert build_diffs(left, others) == tuple(build_diff(left, other) for other in others)
