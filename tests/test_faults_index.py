"""Fault matrix, the index: every way an index file can fail is one line naming the file and
the cause, exit 4, no traceback; committed batches are never lost; queries never write."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest

import dedup.index_schema
from dedup.indexing import open_index
from tests.conftest import CORPUS, ROOT, SEED_LEFT, SEEDS, CliRunner

ECB = CORPUS / "ecbplus" / "documents.jsonl"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the two seed articles, built once; tests damage copies of it."""
    from dedup.cli import main

    path = tmp_path_factory.mktemp("built") / "seeds.dedup"
    with pytest.raises(SystemExit) as done:
        import sys

        argv, sys.argv = sys.argv, ["dedup", "index", "add", str(SEEDS), "--index", str(path)]
        try:
            main()
        finally:
            sys.argv = argv
    assert done.value.code in (0, None)
    return path


def _damaged(built: Path, tmp_path: Path, sql: str) -> Path:
    copy = tmp_path / "damaged.dedup"
    shutil.copy(built, copy)
    with closing(sqlite3.connect(copy)) as db:
        db.execute(sql)
        db.commit()
    return copy


REBUILD = "rebuild it with `dedup index add PATH... --index {p}`"
BAD_BLOB = "UPDATE documents SET text = x'00112233'"
BAD_TEXT = "UPDATE documents SET title = CAST(x'fffe' AS TEXT)"
NO_TABLE = "DROP TABLE counts"
BLOB_PROBLEM = "the index is damaged (Error -3 while decompressing data: incorrect header check)"
TEXT_PROBLEM = (
    "the index is damaged (Could not decode to UTF-8 column 'title' with text '\ufffd\ufffd')"
)
TABLE_PROBLEM = "the index is damaged (no such table: counts)"
CLUSTER = ("cluster", "--index", "{p}", "--format", "jsonl", "--jobs", "1")
STATS = ("index", "stats", "--index", "{p}")
# A copy of an indexed article under a new name: check diffs it against the stored text.
CHECK = ("check", "{new}", "--index", "{p}")
ADD = ("index", "add", "{new}", "--index", "{p}")
DAMAGES = [
    ("cluster-bad-blob", CLUSTER, BAD_BLOB, BLOB_PROBLEM),
    ("cluster-bad-text", CLUSTER, BAD_TEXT, TEXT_PROBLEM),
    ("stats-no-table", STATS, NO_TABLE, TABLE_PROBLEM),
    ("check-bad-blob", CHECK, BAD_BLOB, BLOB_PROBLEM),
    ("check-bad-text", CHECK, BAD_TEXT, TEXT_PROBLEM),
    ("check-no-table", CHECK, NO_TABLE, TABLE_PROBLEM),
    ("add-no-table", ADD, NO_TABLE, TABLE_PROBLEM),
]


@pytest.mark.parametrize(
    ("command", "sql", "problem"), [d[1:] for d in DAMAGES], ids=[d[0] for d in DAMAGES]
)
def test_damaged_index_is_exit_4_with_the_cause(
    run_cli: CliRunner,
    built: Path,
    tmp_path: Path,
    command: tuple[str, ...],
    sql: str,
    problem: str,
) -> None:
    """A damaged blob, an undecodable text column or a missing table: one line, exit 4."""
    path = _damaged(built, tmp_path, sql)
    new = tmp_path / "reprint.txt"
    new.write_text(SEED_LEFT.read_text())
    result = run_cli(*(arg.format(p=path, new=new) for arg in command))
    assert (result.exit_code, result.stdout) == (4, "")
    assert result.stderr == f"dedup: error: {path}: {problem}; {REBUILD.format(p=path)}\n"


def test_empty_file_is_refused_by_a_query_and_left_alone(
    run_cli: CliRunner, tmp_path: Path
) -> None:
    """stats on a 0-byte file: exit 4, and the file is still 0 bytes (a query never writes)."""
    path = tmp_path / "empty.dedup"
    path.touch()
    result = run_cli("index", "stats", "--index", path)
    assert (result.exit_code, result.stderr) == (
        4,
        f"dedup: error: {path}: an empty file, not a dedup index (create one with "
        f"`dedup index add PATH... --index {path}`)\n",
    )
    assert path.stat().st_size == 0 and sorted(tmp_path.iterdir()) == [path]


def test_queries_do_not_write(run_cli: CliRunner, built: Path, tmp_path: Path) -> None:
    """stats, cluster --index and check (without --add) leave the index's bytes as they were."""
    path = tmp_path / "i.dedup"
    shutil.copy(built, path)
    before = path.read_bytes()
    for args in (
        ("index", "stats", "--index", path),
        ("cluster", "--index", path, "--format", "jsonl", "--jobs", "1"),
        ("check", SEEDS, "--index", path),
    ):
        assert run_cli(*args).exit_code == 0
    assert path.read_bytes() == before


Setup = Callable[[sqlite3.Connection], object]


@pytest.fixture
def connect_with(monkeypatch: pytest.MonkeyPatch) -> Callable[[Setup], None]:
    """Every index connection is first set up by a function: a real SQLite limit, as a full
    disk or a read-only mount would impose it."""

    def install(setup: Setup) -> None:
        real = dedup.index_schema.connect

        def limited(path: Path, *, writable: bool) -> sqlite3.Connection:
            db = real(path, writable=writable)
            setup(db)
            return db

        monkeypatch.setattr(dedup.index_schema, "connect", limited)

    return install


def _room_for(pages: int) -> Setup:
    def setup(db: sqlite3.Connection) -> None:
        size = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {size + pages}")

    return setup


def test_full_disk_keeps_every_committed_batch(
    run_cli: CliRunner, tmp_path: Path, connect_with: Callable[[Setup], None]
) -> None:
    """A disk that fills mid-run (SQLite's max_page_count, its SQLITE_FULL): exit 4 naming the
    cause, and the index opens with every batch committed before, intact."""
    connect_with(_room_for(150))
    path = tmp_path / "full.dedup"
    result = run_cli("index", "add", ECB, "--index", path, "--batch-size", "20")
    assert (result.exit_code, result.stdout) == (4, "")
    assert result.stderr == (
        f"dedup: error: {path}: the disk is full (database or disk is full); free some space and"
        " run again (every batch committed before is kept)\n"
    )
    with open_index(path, create=False, writable=False) as index:
        kept = index.count()
    assert kept > 0 and kept % 20 == 0
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == kept


def test_read_only_file_on_add(
    run_cli: CliRunner, built: Path, tmp_path: Path, connect_with: Callable[[Setup], None]
) -> None:
    """An index SQLite may only read (as a read-only file or mount gives): exit 4, said so."""
    path = tmp_path / "ro.dedup"
    shutil.copy(built, path)
    connect_with(lambda db: db.execute("PRAGMA query_only = ON"))
    result = run_cli("index", "add", CORPUS / "ecbplus" / "documents.jsonl", "--index", path)
    assert result.exit_code == 4
    assert result.stderr == (
        f"dedup: error: {path}: cannot write the index: the file or its folder is read-only"
        " (attempt to write a readonly database); make it writable, or write a new index"
        " elsewhere\n"
    )


@pytest.fixture
def locked(built: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the index that another connection holds an exclusive lock on."""
    path = tmp_path / "locked.dedup"
    shutil.copy(built, path)
    with closing(sqlite3.connect(path, isolation_level=None)) as holder:
        holder.execute("PRAGMA journal_mode = DELETE")
        holder.execute("BEGIN EXCLUSIVE")
        yield path
        holder.execute("ROLLBACK")


def test_locked_index(
    run_cli: CliRunner, locked: Path, connect_with: Callable[[Setup], None]
) -> None:
    """An index another process holds locked: exit 4, "run again when it has finished"."""
    connect_with(lambda db: db.execute("PRAGMA busy_timeout = 50"))
    result = run_cli("index", "stats", "--index", locked)
    assert result.exit_code == 4
    assert result.stderr == (
        f"dedup: error: {locked}: the index is locked by another process (database is locked);"
        " run again when that process has finished\n"
    )


def test_unreadable_index_is_exit_4_not_a_usage_error(shared_folder: Path, built: Path) -> None:
    """An index file its user may not read: exit 4 naming it (click called it exit 2)."""
    from tests.unprivileged import run_unprivileged

    path = shared_folder / "i.dedup"
    shutil.copy(built, path)
    path.chmod(0)
    result = run_unprivileged("index", "stats", "--index", path)
    assert result.returncode == 4
    assert result.stderr.startswith(f"dedup: error: {path}: cannot open the index (")
    assert result.stderr.count("\n") == 1


def _on_read_only_mount(folder: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """`dedup ARGS...` with `folder` mounted read-only (a private mount namespace: no real
    mount is touched); skipped where user namespaces are not allowed."""
    script = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" && shift && exec "$@"'
    command = [
        "unshare",
        "-rm",
        "sh",
        "-c",
        script,
        "sh",
        str(folder),
        sys.executable,
        "-m",
        "dedup",
    ]
    if (
        shutil.which("unshare") is None
        or subprocess.run([*command[:-3], "true"], capture_output=True).returncode
    ):
        pytest.skip("cannot mount a folder read-only here")
    return subprocess.run(
        [*command, *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_index_on_a_read_only_mount(built: Path, tmp_path: Path) -> None:
    """On a read-only mount a query reads the index (it was "not a dedup index or corrupt");
    adding to it is exit 4 saying it is read-only."""
    folder = tmp_path / "mounted"
    folder.mkdir()
    path = folder / "i.dedup"
    shutil.copy(built, path)
    stats = _on_read_only_mount(folder, "index", "stats", "--index", path)
    assert stats.returncode == 0, stats.stderr
    assert "documents       2\n" in stats.stdout
    add = _on_read_only_mount(folder, "index", "add", SEED_LEFT, "--index", path)
    assert (add.returncode, add.stderr) == (
        4,
        f"dedup: error: {path}: cannot write the index: the file or its folder is read-only"
        " (unable to open database file); make it writable, or write a new index elsewhere\n",
    )
