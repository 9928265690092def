"""`dedup index add/stats` and `dedup cluster --index` through the real entry point."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from dedup.indexing import open_index

from .conftest import CORPUS, ROOT, SEEDS, CliRunner, record_progress

ECB = CORPUS / "ecbplus" / "documents.jsonl"
BATCH = 50


def _ecb_lines(count: int) -> list[str]:
    return ECB.read_text(encoding="utf-8").splitlines()[:count]


def test_add_creates_extends_and_is_idempotent(run_cli: CliRunner, tmp_path: Path) -> None:
    """A first add creates the index; a second adds nothing; a changed document is replaced."""
    docs = tmp_path / "docs.jsonl"
    docs.write_text("\n".join(_ecb_lines(60)) + "\n", encoding="utf-8")
    index = tmp_path / "x.dedup"
    first = run_cli("index", "add", docs, "--index", index, "--batch-size", "25")
    assert first.exit_code == 0, first.stderr
    assert (
        first.stdout == f"{index}: 60 added, 0 replaced, 0 unchanged; 60 documents in the index\n"
    )
    again = run_cli("index", "add", docs, "--index", index)
    assert "0 added, 0 replaced, 60 unchanged" in again.stdout
    records = [json.loads(line) for line in _ecb_lines(61)]
    records[0]["text"] += "\nA sentence the outlet added later."
    docs.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    changed = run_cli("index", "add", docs, "--index", index)
    assert "1 added, 1 replaced, 59 unchanged; 61 documents" in changed.stdout


def test_add_reads_jsonl_from_standard_input(
    run_cli: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`index add -` with --input-format jsonl adds each record, as from a file."""
    import io

    lines = "".join(line + "\n" for line in _ecb_lines(5)).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines)))
    index = tmp_path / "x.dedup"
    added = run_cli("index", "add", "-", "--input-format", "jsonl", "--index", index)
    assert added.exit_code == 0, added.stderr
    assert "5 added, 0 replaced, 0 unchanged" in added.stdout


def test_an_unknown_input_format_creates_no_index(run_cli: CliRunner, tmp_path: Path) -> None:
    """A bad --input-format is a usage error (exit 2) before the index file is created."""
    index = tmp_path / "x.dedup"
    result = run_cli("index", "add", "-", "--input-format", "xyz", "--index", index)
    assert result.exit_code == 2 and "input format 'xyz'" in result.stderr
    assert not index.exists()


def test_stats_terminal_and_json(run_cli: CliRunner, tmp_path: Path) -> None:
    """stats shows counts and parameters; json is stable with a schema version."""
    index = tmp_path / "x.dedup"
    assert run_cli("index", "add", SEEDS, "--index", index).exit_code == 0
    text = run_cli("index", "stats", "--index", index)
    assert text.exit_code == 0
    assert "documents       2\n" in text.stdout and "match.num_perm" in text.stdout
    data = json.loads(run_cli("index", "stats", "--index", index, "--format", "json").stdout)
    assert data["schema_version"] == 1 and data["documents"] == 2
    assert data["meta"]["lsh.near_bands"] == "25x5"
    assert data["band_keys"] > 0 and data["terms"] > 0


def test_index_errors(run_cli: CliRunner, tmp_path: Path) -> None:
    """A missing index for stats, a corrupt file and a bad batch size are one-line errors."""
    missing = run_cli("index", "stats", "--index", tmp_path / "none.dedup")
    assert missing.exit_code == 4 and "no such index" in missing.stderr
    corrupt = tmp_path / "c.dedup"
    corrupt.write_bytes(b"\x00garbage" * 1000)
    bad = run_cli("index", "add", SEEDS, "--index", corrupt)
    assert bad.exit_code == 4 and bad.stderr.count("\n") == 1
    size = run_cli("index", "add", SEEDS, "--index", tmp_path / "y.dedup", "--batch-size", "0")
    assert size.exit_code == 2


def test_cluster_with_index(run_cli: CliRunner, tmp_path: Path) -> None:
    """--index clusters what the index holds plus the given paths; PATH is then optional (and an
    index of one says "1 document")."""
    index = tmp_path / "x.dedup"
    one = run_cli("index", "add", SEEDS / "000_fcc5a75e636137bc.txt", "--index", index)
    assert one.exit_code == 0 and one.stdout.endswith("; 1 document in the index\n")
    alone = run_cli("cluster", "--index", index, "--format", "jsonl")
    assert alone.exit_code == 0, alone.stderr
    assert [json.loads(line)["id"] for line in alone.stdout.splitlines()] == [
        "000_fcc5a75e636137bc.txt"
    ]
    both = run_cli(
        "cluster", SEEDS / "003_74b6125a896b40ce.txt", "--index", index, "--format", "jsonl"
    )
    rows = [json.loads(line) for line in both.stdout.splitlines()]
    assert len(rows) == 2 and rows[0]["cluster"] == rows[1]["cluster"]
    assert run_cli("cluster").exit_code == 2


def _big_input(tmp_path: Path) -> tuple[Path, int]:
    """ECB+ four times over under distinct ids: long enough to interrupt mid-way."""
    records = [json.loads(line) for line in _ecb_lines(10_000)]
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for copy in range(4):
            for record in records:
                out.write(json.dumps({**record, "id": f"{copy}/{record['id']}"}) + "\n")
    return path, 4 * len(records)


def _committed(index: Path) -> int:
    try:
        with closing(sqlite3.connect(f"file:{index}?mode=ro", uri=True)) as db:
            return int(db.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _start_and_stop(tmp_path: Path, signal_number: int) -> tuple[Path, int, int, int]:
    """Run `dedup index add` on a big input; send a signal after the first committed batch."""
    path, total = _big_input(tmp_path)
    index = tmp_path / "k.dedup"
    command = [sys.executable, "-m", "dedup", "index", "add", str(path), "--index", str(index)]
    proc = subprocess.Popen(
        [*command, "--batch-size", str(BATCH)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    seen = 0
    while seen < BATCH and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
        seen = _committed(index)
    proc.send_signal(signal_number)
    _out, err = proc.communicate(timeout=60)
    assert seen >= BATCH, err
    return index, seen, total, proc.returncode


def _assert_intact(index: Path, *, seen: int, total: int) -> int:
    with open_index(index, create=False) as opened:
        count = opened.count()
    assert seen <= count < total
    assert count % BATCH == 0
    with closing(sqlite3.connect(index)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return count


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_kill_9_during_index_add_keeps_committed_batches(tmp_path: Path) -> None:
    """SIGKILL after the first commit leaves an index that opens with every committed batch."""
    index, seen, total, code = _start_and_stop(tmp_path, signal.SIGKILL)
    assert code == -signal.SIGKILL
    _assert_intact(index, seen=seen, total=total)


def test_ctrl_c_during_index_add_exits_130_and_keeps_batches(tmp_path: Path) -> None:
    """SIGINT rolls back the open batch, keeps the committed ones and exits 130."""
    index, seen, total, code = _start_and_stop(tmp_path, signal.SIGINT)
    assert code == 130
    _assert_intact(index, seen=seen, total=total)


def test_add_progress_moves_toward_the_documents_to_come(
    run_cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bar's total is the documents counted up front, not the documents done so far
    (which drew 100% throughout)."""
    calls = record_progress(monkeypatch, "dedup.cli.index")
    result = run_cli("index", "add", ECB, "--index", tmp_path / "i.dedup", "--batch-size", 200)
    assert result.exit_code == 0
    assert calls == [("index", 200, 496), ("index", 400, 496), ("index", 496, 496)]
