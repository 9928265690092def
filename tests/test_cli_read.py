"""`dedup read` through the real CLI: a line per document, written as it is read."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import SEEDS, CliRunner, write_bad_at_end


def test_lines_go_out_as_documents_are_read(run_cli: CliRunner, tmp_path: Path) -> None:
    """With --strict, the documents before a malformed line are written before the run stops
    at it (exit 3): read does not collect the input first."""
    bad = tmp_path / "bad.jsonl"
    ids = write_bad_at_end(bad, documents=3)
    result = run_cli("read", bad, "--strict")
    assert result.exit_code == 3
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ids
    assert result.stderr.startswith(f"dedup: error: {bad} line 4: not valid JSON")


def test_nothing_readable_is_still_an_error(run_cli: CliRunner, tmp_path: Path) -> None:
    """Streaming keeps the summary error when no document could be read (exit 3, how many
    were skipped), and prints nothing."""
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    result = run_cli("read", empty)
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr.splitlines()[-1] == (
        f"dedup: error: {empty}: no readable documents (1 skipped) (see the warnings above)"
    )
    assert run_cli("read", SEEDS).stdout.count("\n") == 2
