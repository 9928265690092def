"""Opening an index file: missing, foreign, corrupt, other-version or other-parameter files
are refused with a one-line error."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from dedup.errors import IndexFileError
from dedup.index import Index
from dedup.index_schema import SCHEMA_VERSION

META = {"match.num_perm": "128", "match.seed": "1"}


def test_missing_index_is_an_error(tmp_path: Path) -> None:
    """Opening an index that does not exist without create says how to make one."""
    with pytest.raises(IndexFileError, match="no such index"):
        Index.open(tmp_path / "none.dedup", meta=META)


def test_other_parameters_are_refused(tmp_path: Path) -> None:
    """An index built with other parameters is a clear error naming the parameter."""
    path = tmp_path / "x.dedup"
    Index.open(path, meta=META, create=True).close()
    with pytest.raises(
        IndexFileError, match=r"built with match.num_perm=128, this run uses match.num_perm=256"
    ):
        Index.open(path, meta={**META, "match.num_perm": "256"})


def test_corrupt_file_is_refused(tmp_path: Path) -> None:
    """A file that is not SQLite is refused with a message, not a traceback."""
    path = tmp_path / "junk.dedup"
    path.write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(IndexFileError, match="not a dedup index or corrupt"):
        Index.open(path, meta=META)


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    """An SQLite file of some other program is not taken for an index."""
    path = tmp_path / "other.db"
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(IndexFileError, match="an SQLite file, but not a dedup index"):
        Index.open(path, meta=META)


def test_other_schema_version_is_refused(tmp_path: Path) -> None:
    """An index of another schema version asks to be rebuilt."""
    path = tmp_path / "x.dedup"
    Index.open(path, meta=META, create=True).close()
    with closing(sqlite3.connect(path)) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(IndexFileError, match="rebuild"):
        Index.open(path, meta=META)
