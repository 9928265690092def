"""`dedup facts` through the real CLI: JSON Lines streamed as documents are done."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, CliRunner, write_bad_at_end

# Plain lower-case prose: no fact to find, so each output line is short, yet each document of
# ~120 KB takes a sizeable fraction of a second to read through.
PROSE = "the quiet river ran past the old mill and on through the fields beyond the town. "


def test_the_first_line_comes_while_the_rest_is_still_worked_on(tmp_path: Path) -> None:
    """Read from a pipe, the first document's line arrives while the process still has
    seconds of work on the others ahead (their lines are too short to fill the pipe and keep
    it waiting): it is still running two seconds later."""
    slow = tmp_path / "slow.jsonl"
    with slow.open("w", encoding="utf-8") as handle:
        for number in range(20):
            handle.write(json.dumps({"id": f"d{number:02}", "text": PROSE * 1500}) + "\n")
    command = [sys.executable, "-m", "dedup", "facts", slow, "--format", "jsonl", "--jobs", "1"]
    proc = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        assert proc.stdout is not None
        first = json.loads(proc.stdout.readline())
        try:
            proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            still_running = True
        else:
            still_running = False
    finally:
        proc.kill()
        proc.communicate(timeout=60)
    assert (first["id"], first["facts"]) == ("d00", [])
    assert still_running


def test_lines_go_out_before_a_bad_line_later_in_the_input(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """With --strict, the documents before a malformed line are already written when the run
    stops at it (exit 3): lines are not held back until the input ends."""
    bad = tmp_path / "bad.jsonl"
    ids = write_bad_at_end(bad, documents=3)
    result = run_cli("facts", bad, "--strict", "--format", "jsonl", "--jobs", "1")
    assert result.exit_code == 3
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ids
    assert result.stderr.startswith(f"dedup: error: {bad} line 4: not valid JSON")
