"""`dedup cluster` and `dedup eval` through the real entry point."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from .bursts import copy_id, write_burst
from .conftest import CORPUS, SEEDS, CliRunner, record_progress

ECB = CORPUS / "ecbplus" / "documents.jsonl"


def test_cluster_jsonl_groups_the_seed_rewrites(run_cli: CliRunner) -> None:
    """The two seed rewrites share a cluster; exit 0; nothing but the report on stdout."""
    result = run_cli("cluster", SEEDS, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 2 and rows[0]["cluster"] == rows[1]["cluster"]
    assert {r["relation"] for r in rows} == {"representative", "same-event"}


def test_cluster_out_file_and_no_progress_off_terminal(run_cli: CliRunner, tmp_path: Path) -> None:
    """--out writes the report to a file; with stderr not a terminal, no progress bar."""
    out = tmp_path / "clusters.json"
    result = run_cli("cluster", SEEDS, "--format", "json", "--out", out)
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == ""
    assert json.loads(out.read_text())["schema_version"] == 1


def test_cluster_terminal_summary(run_cli: CliRunner) -> None:
    """The default view prints the summary line."""
    result = run_cli("cluster", SEEDS)
    assert result.exit_code == 0
    assert "2 documents · 1 clusters of 2 or more" in result.stdout


def test_cluster_rejects_unknown_format(run_cli: CliRunner) -> None:
    """An unknown --format is a usage error (exit 2) naming the choices."""
    result = run_cli("cluster", SEEDS, "--format", "xml")
    assert result.exit_code == 2 and "jsonl" in result.stderr


def test_eval_prints_scores(run_cli: CliRunner) -> None:
    """`dedup eval` prints pairwise P/R/F1, ARI and counts per relation."""
    result = run_cli("eval", ECB, "--label-field", "cluster", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["scores"]["f1"] >= 0.9 and data["excluded"] == 0
    text = run_cli("eval", ECB, "--label-field", "cluster").stdout
    for label in ("pairwise precision", "pairwise F1", "ARI", "pair relations", "near-duplicate"):
        assert label in text


def test_eval_missing_label_is_an_input_error(run_cli: CliRunner) -> None:
    """A corpus without the label field exits 3 with a hint."""
    result = run_cli("eval", ECB, "--label-field", "nope")
    assert result.exit_code == 3 and "--label-field" in result.stderr


def test_cluster_jsonl_is_the_same_for_any_jobs_and_input_order(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """--jobs 2 (worker processes over batches) prints the bytes --jobs 1 does, in any order."""
    lines = ECB.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    copies = [{**r, "id": f"{prefix}-{r['id']}"} for prefix in ("a", "b") for r in records]
    forward, backward = tmp_path / "forward.jsonl", tmp_path / "backward.jsonl"
    forward.write_text("".join(json.dumps(r) + "\n" for r in copies), encoding="utf-8")
    backward.write_text("".join(json.dumps(r) + "\n" for r in copies[::-1]), encoding="utf-8")
    one = run_cli("cluster", forward, "--format", "jsonl", "--jobs", "1")
    two = run_cli("cluster", backward, "--format", "jsonl", "--jobs", "2")
    assert one.exit_code == 0 and two.exit_code == 0, one.stderr + two.stderr
    assert one.stdout == two.stdout and one.stdout.count("\n") == 2 * len(records)


def test_cluster_two_folders_with_the_same_file_name(
    run_cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`dedup cluster dirA dirB` with `a.txt` in each clusters both, named by their folder."""
    monkeypatch.chdir(tmp_path)
    for folder, seed in (
        ("dirA", "000_fcc5a75e636137bc.txt"),
        ("dirB", "003_74b6125a896b40ce.txt"),
    ):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_bytes((SEEDS / seed).read_bytes())
    result = run_cli("cluster", "dirA", "dirB", "--format", "jsonl", "--jobs", "2")
    assert result.exit_code == 0 and result.stderr == ""
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["id"] for row in rows] == ["dirA/a.txt", "dirB/a.txt"]
    assert rows[0]["cluster"] == rows[1]["cluster"]


def test_cluster_progress_shows_each_stage_as_it_starts(
    run_cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each stage appears when it starts (read did sit at 100% through signing, and cluster
    through the differences of the terminal view)."""
    calls = record_progress(monkeypatch, "dedup.cli.cluster")
    assert run_cli("cluster", SEEDS, "--jobs", "1").exit_code == 0
    started = [stage for stage, done, _ in calls if done == 0]
    assert started == ["read", "candidates", "differences"]
    assert calls[-1] == ("differences", 1, 1)


@pytest.mark.parametrize("changed", [False, True], ids=["identical", "changed-lead"])
@pytest.mark.parametrize("count", [40, 500])
def test_a_wire_burst_is_one_group(
    run_cli: CliRunner, tmp_path: Path, count: int, changed: bool
) -> None:
    """40 or 500 copies of one article among other stories are one cluster of exactly the
    copies: one represents it, every other is a duplicate (identical) or near-duplicate (its
    own first sentence)."""
    path = write_burst(tmp_path / "burst.jsonl", count, changed=changed)
    others = ECB.read_text(encoding="utf-8").splitlines()[:30]
    with path.open("a", encoding="utf-8") as out:
        out.write("".join(line + "\n" for line in others))
    result = run_cli("cluster", path, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    cluster = next(r["cluster"] for r in rows if r["id"] == copy_id(0))
    burst = [r for r in rows if r["cluster"] == cluster]
    assert {r["id"] for r in burst} == {copy_id(n) for n in range(count)}
    assert len({r["representative"] for r in burst}) == 1
    relations = Counter(r["relation"] for r in burst)
    copy = "near-duplicate" if changed else "duplicate"
    assert relations == {"representative": 1, copy: count - 1}


def test_cluster_html_writes_the_index_and_a_diff_page_per_member(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """--format html --out writes the overview and, beside it in OUT_files/, one diff page per
    member against the representative; pages left there by an earlier run are removed."""
    out = tmp_path / "report.html"
    folder = tmp_path / "report_files"
    folder.mkdir()
    (folder / "stale.html").write_text("old")
    result = run_cli("cluster", SEEDS, "--format", "html", "--out", out)
    assert result.exit_code == 0 and result.stdout == "", result.stderr
    pages = sorted(p.name for p in folder.iterdir())
    assert len(pages) == 1 and pages[0].endswith("-1.html")
    index = out.read_text(encoding="utf-8")
    assert f'href="report_files/{pages[0]}"' in index
    assert "no figure" in index and "Khojavand" in index


def test_cluster_limit_zero_lists_names_without_details(run_cli: CliRunner) -> None:
    """--limit 0 keeps every cluster's name in the overview but computes no table or diff."""
    result = run_cli("cluster", SEEDS, "--format", "html", "--limit", "0")
    assert result.exit_code == 0
    assert "In a recent move to address security concerns" in result.stdout
    assert "computed for the 0 largest clusters only" in result.stdout
    assert 'class="facts"' not in result.stdout


def test_cluster_terminal_names_clusters_and_tabulates_facts(run_cli: CliRunner) -> None:
    """The terminal view names a cluster by its representative and shows its fact table."""
    result = run_cli("cluster", SEEDS)
    assert "In a recent move to address security concerns" in result.stdout
    assert "killed:" in result.stdout and "no figure — 1 source" in result.stdout
    assert "differs from" not in result.stdout
