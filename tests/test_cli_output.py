"""`--out FILE` as `dedup.cli.output` writes it: refused by name when it cannot be written,
written whole or not at all, streamed lines flushed to a pipe."""

from __future__ import annotations

import json
import os
import resource
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from dedup.cli.exits import EXIT_CODES_HELP
from dedup.cli.output import write_lines
from dedup.errors import ExitCode
from tests.unprivileged import run_unprivileged

from .conftest import CORPUS, ROOT, SEED_LEFT, SEEDS, CliRunner

ECB = CORPUS / "ecbplus" / "documents.jsonl"
KEPT = "an earlier report\n"


def test_out_that_is_a_directory_or_a_fifo(run_cli: CliRunner, tmp_path: Path) -> None:
    """A directory or a FIFO as FILE is refused by name (the FIFO is not opened: no hang)."""
    folder = run_cli("read", SEEDS, "--out", tmp_path)
    assert (folder.exit_code, folder.stdout) == (3, "")
    assert folder.stderr == (
        f"dedup: error: {tmp_path}: cannot write: it is a directory "
        f"(name a file in it, e.g. {tmp_path}/report)\n"
    )
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    piped = run_cli("read", SEEDS, "--out", fifo)
    assert piped.exit_code == 3
    assert piped.stderr == (
        f"dedup: error: {fifo}: cannot write: not a regular file "
        "(leave out --out to write to stdout)\n"
    )


def test_out_not_writable_file_or_folder(shared_folder: Path) -> None:
    """A FILE or a folder the user may not write to: exit 3, one line, no traceback. Run as
    an unprivileged user (root may write anything)."""
    theirs = shared_folder / "theirs.jsonl"
    theirs.write_text(KEPT, encoding="utf-8")
    theirs.chmod(0o644)
    taken = run_unprivileged("read", SEED_LEFT, "--out", theirs)
    assert (taken.returncode, taken.stdout) == (3, "")
    assert taken.stderr == (
        f"dedup: error: {theirs}: cannot write: the file is not writable "
        "(chmod u+w it, or choose another path)\n"
    )
    new = shared_folder / "new.jsonl"
    closed = run_unprivileged("read", SEED_LEFT, "--out", new)
    assert (closed.returncode, closed.stdout) == (3, "")
    assert closed.stderr == (
        f"dedup: error: {new}: cannot write: Permission denied in {shared_folder} "
        "(choose a folder you can write to)\n"
    )
    assert theirs.read_text(encoding="utf-8") == KEPT and not new.exists()


def test_a_link_is_followed_and_the_mode_kept(run_cli: CliRunner, tmp_path: Path) -> None:
    """--out through a link replaces the file it points to and keeps the link; an existing
    FILE keeps its permissions."""
    target = tmp_path / "report.jsonl"
    target.write_text(KEPT, encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "latest.jsonl"
    link.symlink_to(target)
    assert run_cli("read", SEED_LEFT, "--out", link).exit_code == 0
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8"))["id"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_lines_to_a_pipe_are_flushed_one_by_one() -> None:
    """Each line written to a pipe is in the pipe before the next one is made (Python would
    otherwise hold it in its buffer)."""
    read_end, write_end = os.pipe()
    os.set_blocking(read_end, False)
    with os.fdopen(write_end, "w") as sink, os.fdopen(read_end, "rb", buffering=0) as source:

        def lines() -> Iterator[str]:
            yield "first\n"
            assert source.read(100) == b"first\n"
            yield "second\n"

        assert write_lines(lines(), sink) == 2
        assert source.read(100) == b"second\n"


def _cli(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "dedup", *map(str, args)]


def test_a_full_disk_is_one_line_and_the_file_kept(tmp_path: Path) -> None:
    """A write that fails midway (a file size limit standing in for a full disk) is exit 3
    with one line naming FILE; FILE keeps its earlier content and no temporary is left."""
    out = tmp_path / "read.jsonl"
    out.write_text(KEPT, encoding="utf-8")
    limit = 64 * 1024  # the report of ECB+ is about 1 MB

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = subprocess.run(
        _cli("read", ECB, "--out", out),
        cwd=ROOT,
        capture_output=True,
        text=True,
        preexec_fn=small_files,  # the child has no threads yet: safe
        timeout=120,
    )
    assert (done.returncode, done.stdout) == (3, "")
    assert done.stderr == (
        f"dedup: error: {out}: cannot write: File too large (check the free space)\n"
    )
    assert out.read_text(encoding="utf-8") == KEPT and list(tmp_path.iterdir()) == [out]


def test_ctrl_c_while_streaming_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    """SIGINT while facts lines stream into the temporary file: exit 130, FILE unchanged, the
    temporary removed."""
    big = tmp_path / "big.jsonl"
    records = [json.loads(line) for line in ECB.read_text(encoding="utf-8").splitlines()]
    with big.open("w", encoding="utf-8") as handle:
        for copy in range(4):
            for record in records:
                handle.write(json.dumps({**record, "id": f"{copy}/{record['id']}"}) + "\n")
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "facts.jsonl"
    out.write_text(KEPT, encoding="utf-8")
    args = ("facts", big, "--format", "jsonl", "--jobs", "1", "--out", out)
    proc = subprocess.Popen(_cli(*args), cwd=ROOT, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    temporary: list[Path] = []
    while time.monotonic() < deadline and proc.poll() is None:
        temporary = [path for path in folder.iterdir() if path != out]
        if temporary and temporary[0].stat().st_size > 0:
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert temporary and temporary[0].name.startswith(".facts.jsonl."), err
    assert (proc.returncode, err) == (130, "dedup: interrupted\n")
    assert out.read_text(encoding="utf-8") == KEPT and list(folder.iterdir()) == [out]


def test_readme_and_help_document_out_and_every_exit_code() -> None:
    """The exit-code table (docs/errors.md) has a row per code, and it and `dedup --help` say
    what happens to an --out FILE that cannot be written."""
    section = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    for code in ExitCode:
        assert f"\n| {int(code)} | " in section, code
    assert "**`--out FILE`.**" in section and "`--out FILE` that cannot be written" in section
    assert "--out FILE that cannot be written" in EXIT_CODES_HELP
