"""Fault matrix, reading: every hostile or broken input is one line, a documented exit code, no
traceback, no hang; nothing is skipped without a warning (issue 17)."""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from dedup.settings import DEFAULT_SETTINGS
from tests.conftest import SEED_LEFT, SEED_RIGHT, CliRunner
from tests.unprivileged import run_unprivileged

LIMIT = DEFAULT_SETTINGS.read.max_document_bytes
ARTICLE = "A flood closed the bridge in the town on Monday. Two people were rescued.\n"
Setup = Callable[[Path], Path]


def _write(name: str, content: bytes) -> Setup:
    def setup(root: Path) -> Path:
        path = root / name
        path.write_bytes(content)
        return path

    return setup


def _fifo(root: Path) -> Path:
    os.mkfifo(root / "pipe.txt")
    return root / "pipe.txt"


def _socket(root: Path) -> Path:
    # A socket path must be short (108 bytes): bind it from inside its folder.
    here = Path.cwd()
    os.chdir(root)
    try:
        server = socket.socket(socket.AF_UNIX)
        server.bind("sock.txt")
        server.close()
    finally:
        os.chdir(here)
    return root / "sock.txt"


def _loop(root: Path) -> Path:
    (root / "a.txt").symlink_to("b.txt")
    (root / "b.txt").symlink_to("a.txt")
    return root / "a.txt"


def _broken(root: Path) -> Path:
    (root / "gone.txt").symlink_to("nowhere.txt")
    return root / "gone.txt"


def _oversized(name: str, line: bytes) -> Setup:
    def setup(root: Path) -> Path:
        path = root / name
        path.write_bytes((line * (LIMIT // len(line) + 1))[: LIMIT + 1])
        return path

    return setup


BIG_INT = b'{"text": "A story.", "n": ' + b"9" * 5000 + b"}\n"
DEEP = b'{"text": "A story.", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
LONG_LINE = ("word " * 50_000).encode() + b"\n"

# (case, what to make in a fresh folder, the one warning it gives: {p} is the path made).
CASES: list[tuple[str, Setup, str]] = [
    (
        "huge-integer",
        _write("n.jsonl", BIG_INT),
        "{p} line 1: a number with more than 4,300 digits (fix the line)",
    ),
    (
        "deep-nesting",
        _write("d.jsonl", DEEP),
        "{p} line 1: JSON nested more than 64 levels deep (fix the line)",
    ),
    ("fifo", _fifo, "{p}: not a regular file (a FIFO) (give a text, HTML, JSONL or CSV file)"),
    (
        "socket",
        _socket,
        "{p}: not a regular file (a socket) (give a text, HTML, JSONL or CSV file)",
    ),
    (
        "oversized-txt",
        _oversized("big.txt", b"Words and more words. "),
        f"{{p}}: too large for one document: {LIMIT + 1:,} bytes (the limit is {LIMIT:,}) (split it into articles)",
    ),
    (
        "oversized-jsonl-line",
        _oversized("big.jsonl", b"aaaaaaaa"),
        f"{{p}} line 1: too large for one document: {LIMIT + 1:,} bytes (the limit is {LIMIT:,}) (split it into articles)",
    ),
    (
        "long-line",
        _write("wide.txt", LONG_LINE),
        "{p}: a line of 250,000 characters (the limit is 200,000) (is it an article? break its paragraphs into lines)",
    ),
    (
        "csv-field-over-limit",
        lambda root: _write("f.csv", b"id,text\n1," + b"a" * (LIMIT + 1) + b"\n")(root),
        f"{{p}} line 2: bad CSV: field larger than field limit ({LIMIT})",
    ),
]


@pytest.mark.parametrize(("setup", "warning"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_alone_is_a_warning_then_exit_3(
    run_cli: CliRunner, tmp_path: Path, setup: Setup, warning: str
) -> None:
    """Alone, a bad input is warned about, then "no readable documents", exit 3."""
    path = setup(tmp_path)
    result = run_cli("read", path)
    message = warning.format(p=path)
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == (
        f"dedup: warning: {message}; skipped\n"
        f"dedup: error: {path}: no readable documents (1 skipped) (see the warnings above)\n"
    )


@pytest.mark.parametrize(("setup", "warning"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_beside_a_good_one_is_warned_and_strict_stops(
    run_cli: CliRunner, tmp_path: Path, setup: Setup, warning: str
) -> None:
    """Beside a good file, a bad one is warned about (never dropped silently); --strict stops."""
    path = setup(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    result = run_cli("read", path, good)
    message = warning.format(p=path)
    assert result.exit_code == 0
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["good.txt"]
    assert result.stderr == f"dedup: warning: {message}; skipped\n"
    strict = run_cli("read", "--strict", path, good)
    assert (strict.exit_code, strict.stderr) == (3, f"dedup: error: {message}\n")


@pytest.mark.parametrize("command", ["read", "facts", "cluster", "index"])
def test_every_command_warns_about_the_same_bad_line(
    run_cli: CliRunner, tmp_path: Path, command: str
) -> None:
    """read, facts, cluster and index add all report a huge integer as a bad line."""
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(BIG_INT + json.dumps({"id": "ok", "text": ARTICLE}).encode() + b"\n")
    args = (
        ["index", "add", path, "--index", tmp_path / "i.dedup"]
        if command == "index"
        else [command, path]
    )
    if command == "cluster":
        args += ["--format", "jsonl", "--jobs", "1"]
    result = run_cli(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"dedup: warning: {path} line 1: a number with more than 4,300 digits (fix the line); skipped\n"
    )


def test_diff_of_a_bad_document_is_exit_3(run_cli: CliRunner, tmp_path: Path) -> None:
    """diff with a file nested 100,000 levels deep: a warning and exit 3, no RecursionError."""
    path = _write("d.jsonl", DEEP)(tmp_path)
    result = run_cli("diff", path, SEED_RIGHT)
    assert result.exit_code == 3
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 2


@pytest.mark.parametrize("first", [b"", b"\n  \n"], ids=["empty", "blank"])
def test_cluster_folder_whose_first_file_is_empty(
    run_cli: CliRunner, tmp_path: Path, first: bytes
) -> None:
    """An empty first file no longer crashes the partitioner: warned about, the rest clustered."""
    (tmp_path / "000.txt").write_bytes(first)
    (tmp_path / "001.txt").write_text(SEED_LEFT.read_text())
    os.mkfifo(tmp_path / "002.txt")
    result = run_cli("cluster", tmp_path, "--format", "jsonl", "--jobs", "2")
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["001.txt"]
    assert result.stderr == (
        f"dedup: warning: {tmp_path}/000.txt: empty document (add the article text or remove it); skipped\n"
        f"dedup: warning: {tmp_path}/002.txt: not a regular file (a FIFO) (give a text, HTML, JSONL or CSV file); skipped\n"
    )


@pytest.mark.parametrize(
    ("setup", "problem"),
    [
        (_loop, "symbolic link loop (fix or remove the link)"),
        (_broken, "broken symbolic link (its target does not exist) (fix the link)"),
    ],
    ids=["loop", "broken"],
)
def test_links_given_or_met_in_a_folder(
    run_cli: CliRunner, tmp_path: Path, setup: Setup, problem: str
) -> None:
    """A link loop or broken link given is an error naming it; met in a folder, a warning."""
    path = setup(tmp_path)
    given = run_cli("read", path)
    assert (given.exit_code, given.stderr) == (3, f"dedup: error: {path}: {problem}\n")
    (tmp_path / "good.txt").write_text(ARTICLE)
    walked = run_cli("read", tmp_path)
    assert walked.exit_code == 0
    assert f"dedup: warning: {path}: {problem}; skipped\n" in walked.stderr
    assert "Traceback" not in walked.stderr


def test_file_names_that_are_not_utf8(run_cli: CliRunner, tmp_path: Path) -> None:
    """A file name with a byte that is not UTF-8 is shown escaped in every command's output."""
    folder = tmp_path / "new"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.txt")
    (folder / name).write_text(SEED_LEFT.read_text())
    (folder / "b.txt").write_text(SEED_RIGHT.read_text())
    index = tmp_path / "i.dedup"
    read = run_cli("read", folder)
    assert [json.loads(line)["id"] for line in read.stdout.splitlines()] == [
        "b.txt",
        "caf\\xe9.txt",
    ]
    cluster = run_cli("cluster", folder, "--format", "jsonl", "--jobs", "1")
    assert "caf\\\\xe9.txt" in cluster.stdout
    added = run_cli("index", "add", folder, "--index", index)
    assert added.exit_code == 0, added.stderr
    check = run_cli("check", folder, "--index", index, "--format", "json")
    assert check.exit_code == 0, check.stderr
    assert "caf\\\\xe9.txt" in check.stdout
    terminal = run_cli("cluster", folder)
    assert terminal.exit_code == 0 and "caf\\xe9.txt" in terminal.stdout


def test_unreadable_files_and_folders(shared_folder: Path) -> None:
    """An unreadable file (exit 3, not a 4-line usage error) and an unreadable subfolder (a
    warning; fatal under --strict) are reported by name. Run as an unprivileged user."""
    folder = shared_folder
    (folder / "ok.txt").write_text(ARTICLE)
    (folder / "secret.txt").write_text(ARTICLE)
    (folder / "secret.txt").chmod(0)
    (folder / "sub").mkdir()
    (folder / "sub" / "c.txt").write_text(ARTICLE)
    (folder / "sub").chmod(0)
    alone = run_unprivileged("read", folder / "secret.txt")
    assert (alone.returncode, alone.stderr.splitlines()[0]) == (
        3,
        f"dedup: warning: {folder}/secret.txt: cannot read file: Permission denied; skipped",
    )
    walked = run_unprivileged("read", folder)
    assert walked.returncode == 0
    assert walked.stderr.splitlines() == [
        f"dedup: warning: {folder}/secret.txt: cannot read file: Permission denied; skipped",
        f"dedup: warning: {folder}/sub: cannot read directory: Permission denied; skipped",
    ]
    strict = run_unprivileged("read", "--strict", folder / "ok.txt", folder / "sub")
    assert (strict.returncode, strict.stderr) == (
        3,
        f"dedup: error: {folder}/sub: cannot read directory: Permission denied\n",
    )


def test_scheduler_that_is_not_an_address(run_cli: CliRunner, tmp_path: Path) -> None:
    """--scheduler notaurl: exit 6 naming the address, at once and without a traceback."""
    pytest.importorskip("distributed")
    path = _write("a.txt", ARTICLE.encode())(tmp_path)
    result = run_cli("cluster", path, "--engine", "dask", "--scheduler", "notaurl")
    assert (result.exit_code, result.stderr) == (
        6,
        "dedup: error: --scheduler notaurl: not a scheduler address (give tcp://HOST:PORT)\n",
    )


def test_scheduler_nobody_answers(run_cli: CliRunner, tmp_path: Path) -> None:
    """A port where no scheduler listens: exit 6 within the timeout, one line."""
    pytest.importorskip("distributed")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    path = _write("a.txt", ARTICLE.encode())(tmp_path)
    address = f"tcp://127.0.0.1:{port}"
    result = run_cli(
        "index", "add", path, "--index", tmp_path / "i.dedup", "--engine", "dask",
        "--scheduler", address, "--worker-timeout", "2",
    )  # fmt: skip
    assert result.exit_code == 6
    assert result.stderr.startswith(f"dedup: error: cannot reach the Dask scheduler at {address}:")
    assert result.stderr.count("\n") == 1


def test_oversized_line_is_reported_alike_by_one_and_two_processes(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """A jsonl line past the limit, inside a file read in parts: the same warning, the same
    documents, whether one process reads it or two read its parts."""
    path = tmp_path / "big.jsonl"
    good = json.dumps({"text": ARTICLE}) + "\n"
    with path.open("w") as out:
        out.write(good * 3 + '{"text": "' + "a" * LIMIT + '"}\r\n' + good * 3)
    runs = [run_cli("cluster", path, "--format", "jsonl", "--jobs", jobs) for jobs in ("1", "2")]
    assert runs[0].stdout == runs[1].stdout and runs[0].stdout.count("\n") == 6
    assert (
        runs[0].stderr
        == runs[1].stderr
        == (
            f"dedup: warning: {path} line 4: too large for one document: {LIMIT + 12:,} bytes (the"
            f" limit is {LIMIT:,}) (split it into articles); skipped\n"
        )
    )
