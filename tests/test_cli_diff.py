"""`dedup diff` from a cluster to a pair: --ids, FILE#ID, --pairs, jsonl; and `dedup explain`."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import CORPUS, SEED_LEFT, SEED_RIGHT, CliRunner

ECB = CORPUS / "ecbplus" / "documents.jsonl"
A, B, C = "1_12ecb.xml", "1_10ecb.xml", "1_1ecb.xml"


def test_ids_and_file_hash_id_pick_the_same_pair(run_cli: CliRunner) -> None:
    """`CORPUS --ids A B` and `CORPUS#A CORPUS#B` give the same report, of those two."""
    by_ids = run_cli("diff", ECB, "--ids", A, B, "--format", "json")
    by_hash = run_cli("diff", f"{ECB}#{A}", f"{ECB}#{B}", "--format", "json")
    assert by_ids.exit_code == 0 and by_ids.stdout == by_hash.stdout
    report = json.loads(by_ids.stdout)
    assert (report["left"]["id"], report["right"]["id"]) == (A, B)


def test_an_unknown_id_is_a_one_line_input_error(run_cli: CliRunner) -> None:
    """A missing id names where it was looked for and exits 3."""
    result = run_cli("diff", ECB, "--ids", A, "nope")
    assert result.exit_code == 3
    assert (
        result.stderr
        == f"dedup: error: {ECB}: no document with id 'nope' (see the ids with `dedup read`)\n"
    )


def test_pairs_stream_one_report_per_line(run_cli: CliRunner, tmp_path: Path) -> None:
    """--pairs diffs every row in one process, one JSON report per line, in the file's order;
    a row naming an unknown id is a warning."""
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(f"left,right\n{A},{B}\n{B},nope\n{C},{A}\n", encoding="utf-8")
    result = run_cli("diff", "--pairs", pairs, ECB, "--format", "jsonl")
    assert result.exit_code == 0
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["left"]["id"], r["right"]["id"]) for r in reports] == [(A, B), (C, A)]
    assert result.stderr == f"dedup: warning: {pairs} line 3: no document with id 'nope'; skipped\n"
    single = json.loads(run_cli("diff", ECB, "--ids", A, B, "--format", "json").stdout)
    assert reports[0] == single


def test_pairs_refuse_json_and_ids(run_cli: CliRunner, tmp_path: Path) -> None:
    """--pairs with --format json, or with --ids, is a usage error."""
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(f"left,right\n{A},{B}\n", encoding="utf-8")
    assert run_cli("diff", "--pairs", pairs, ECB, "--format", "json").exit_code == 2
    assert run_cli("diff", "--pairs", pairs, ECB, "--ids", A, B).exit_code == 2


def test_explain_gives_relation_evidence_thresholds_and_placement(run_cli: CliRunner) -> None:
    """Alone the pair (two events of one ECB+ topic that name one person) is same-event; in
    its corpus, where that name is no longer rare, it is verified unrelated and split: explain
    says both, with the thresholds."""
    left, right = "13_10ecb.xml", "13_5ecbplus.xml"
    alone = json.loads(
        run_cli("explain", f"{ECB}#{left}", f"{ECB}#{right}", "--format", "json").stdout
    )
    assert alone["relation"] == "same-event" and alone["clustering"] is None
    assert alone["thresholds"]["same_event_score"] == 0.15 and alone["proposed"] is True
    assert alone["evidence"]["name_bonus"] == 0.1
    placed = run_cli("explain", ECB, "--ids", left, right)
    assert placed.exit_code == 0
    assert "- same-event: score 0.2436 ≥ same-event threshold 0.15" in placed.stdout
    assert "(term cosine 0.1436 + 0.1 for a shared rare full name)" in placed.stdout
    assert (
        "in different clusters" in placed.stdout and "verified there as unrelated" in placed.stdout
    )


def test_explain_seed_pair_text(run_cli: CliRunner) -> None:
    """The seed rewrites: same-event, not a copy, proposed by the same-event bands."""
    result = run_cli("explain", SEED_LEFT, SEED_RIGHT)
    assert result.stdout.splitlines()[:6] == [
        "000_fcc5a75e636137bc.txt vs 003_74b6125a896b40ce.txt: same-event (score 0.617)",
        "",
        "- same-event: score 0.617 ≥ same-event threshold 0.15",
        "- not a copy: word 5-gram Jaccard 0.0038 < near-duplicate threshold 0.5",
        "- score 0.617 = term cosine 0.617 × date factor 1 × year factor 1 × event factor 1",
        "- LSH proposes the pair: 0 near-duplicate, 16 same-event and 0 full-name keys shared",
    ]
