"""Facts on worker processes: the one-process facts, in input order, handed on as they finish."""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import pytest

import dedup
from dedup.article import Article
from dedup.factcheck import ArticleFacts
from dedup.facts_parallel import _chunks, facts_in_order
from dedup.read import read_paths
from dedup.render.facts_json import facts_as_dict, facts_line, render_facts_jsonl
from tests.conftest import CORPUS, CliRunner, record_progress

ECB = CORPUS / "ecbplus" / "documents.jsonl"


def _itself(found: ArticleFacts) -> ArticleFacts:
    return found


def _id_of(found: ArticleFacts) -> str:
    return found.id


@pytest.fixture(scope="module")
def ecb() -> list[Article]:
    """The first 40 ECB+ documents, as read."""
    return list(islice(read_paths([ECB]), 40))


@pytest.mark.parametrize("jobs", [1, 2])
def test_facts_equal_one_process_facts_in_order(ecb: list[Article], jobs: int) -> None:
    """Every document's facts and summary are `dedup.facts`', in the order given."""
    expected = [facts_as_dict(dedup.facts(article)) for article in ecb]
    found = [facts_as_dict(f) for f in facts_in_order(ecb, jobs=jobs, shape=_itself)]
    assert found == expected


def test_workers_shape_results(ecb: list[Article]) -> None:
    """A shaping function runs on the workers: the JSON lines are those rendered here."""
    lines = list(facts_in_order(ecb[:12], jobs=2, shape=facts_line))
    assert "".join(lines) == render_facts_jsonl([dedup.facts(a) for a in ecb[:12]])


def test_first_result_comes_before_the_input_is_read(ecb: list[Article]) -> None:
    """The first document's facts come out when a few chunks have been read, not all 40."""
    taken: list[int] = []

    def counted() -> Iterator[Article]:
        for article in ecb:
            taken.append(1)
            yield article

    results = facts_in_order(counted(), jobs=2, shape=_id_of)
    assert next(results) == ecb[0].id
    assert len(taken) <= 1 + 2 + 4 + 8 < len(ecb)
    assert list(results) == [a.id for a in ecb[1:]]


def test_chunks_grow_to_the_largest() -> None:
    """Chunks of 1, 2, 4, 8, then 16 articles, the last one what is left."""
    articles = iter([Article(id=str(n), text="x") for n in range(50)])
    assert [len(chunk) for chunk in _chunks(articles)] == [1, 2, 4, 8, 16, 16, 3]


def test_cli_jsonl_on_two_processes_is_the_one_process_output(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """`dedup facts --format jsonl --jobs 2` prints what `--jobs 1` prints, line for line."""
    one = run_cli("facts", ECB, "--format", "jsonl", "--jobs", "1", "--quiet")
    two = run_cli("facts", ECB, "--format", "jsonl", "--jobs", "2", "--quiet")
    assert one.exit_code == two.exit_code == 0
    assert two.stdout == one.stdout
    lines = two.stdout.splitlines()
    assert len(lines) == 496 and json.loads(lines[0])["id"] == "1_10ecb.xml"


def test_cli_progress_counts_documents_done(
    run_cli: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The bar moves one document at a time toward the documents counted up front."""
    path = tmp_path / "few.jsonl"
    path.write_text("".join(ECB.read_text(encoding="utf-8").splitlines(True)[:3]))
    calls = record_progress(monkeypatch, "dedup.cli.facts")
    result = run_cli("facts", path, "--format", "json", "--jobs", "2")
    assert result.exit_code == 0
    assert calls == [("facts", 1, 3), ("facts", 2, 3), ("facts", 3, 3)]


def test_cli_without_documents_is_an_input_error(run_cli: CliRunner, tmp_path: Path) -> None:
    """Only unreadable lines: nothing printed, exit 3, the lines warned about."""
    path = tmp_path / "bad.jsonl"
    path.write_text("{not json\n[1]\n")
    result = run_cli("facts", path, "--format", "jsonl")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "no readable documents (2 skipped)" in result.stderr
