"""Index faults in one line: the cause named, what to do next, exit 4."""

from __future__ import annotations

import sqlite3
import zlib
from contextlib import closing
from pathlib import Path

import pytest

from dedup.errors import ExitCode, IndexFileError
from dedup.index_faults import faults, index_fault, roll_back

PATH = Path("corpus.dedup")
REBUILD = "rebuild it with `dedup index add PATH... --index corpus.dedup`"


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (
            sqlite3.OperationalError("database or disk is full"),
            "the disk is full (database or disk is full); free some space and run again (every"
            " batch committed before is kept)",
        ),
        (
            sqlite3.OperationalError("attempt to write a readonly database"),
            "cannot write the index: the file or its folder is read-only (attempt to write a"
            " readonly database); make it writable, or write a new index elsewhere",
        ),
        (
            sqlite3.OperationalError("database is locked"),
            "the index is locked by another process (database is locked); run again when that"
            " process has finished",
        ),
        (
            sqlite3.OperationalError("unable to open database file"),
            "cannot open the index (unable to open database file); check the path and its"
            " permissions",
        ),
        (
            sqlite3.DatabaseError("file is not a database"),
            f"not a dedup index or corrupt (file is not a database); {REBUILD}",
        ),
        (
            sqlite3.OperationalError("no such table: bands"),
            f"the index is damaged (no such table: bands); {REBUILD}",
        ),
        (
            zlib.error("Error -3 while decompressing data"),
            f"the index is damaged (Error -3 while decompressing data); {REBUILD}",
        ),
    ],
    ids=["full", "read-only", "locked", "cannot-open", "not-sqlite", "no-table", "zlib"],
)
def test_each_cause_has_its_message(error: Exception, message: str) -> None:
    """Each SQLite or decoding failure becomes one line naming the file and the cause."""
    fault = index_fault(PATH, error)
    assert (str(fault), fault.exit_code) == (f"corpus.dedup: {message}", ExitCode.INDEX)


def test_faults_turns_errors_into_index_errors() -> None:
    """Inside `faults`, a decoding error of a stored value is an IndexFileError."""
    with pytest.raises(IndexFileError, match="the index is damaged"), faults(PATH):
        zlib.decompress(b"not zlib")


def test_roll_back_after_sqlite_already_did(tmp_path: Path) -> None:
    """Rolling back with no transaction open (SQLite ends it on a full disk) is quiet, so the
    error that caused it is the one reported."""
    with closing(sqlite3.connect(tmp_path / "x.db", isolation_level=None)) as db:
        roll_back(db)
        db.execute("BEGIN")
        db.execute("CREATE TABLE t (x)")
        roll_back(db)
        assert not db.in_transaction
        assert db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
