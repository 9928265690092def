"""The persistent index: one SQLite file that CI and incremental runs query instead of the corpus.

WAL mode, one transaction per batch, schema version in `PRAGMA user_version`, and a `meta`
table with every parameter that changes results (`dedup.index_schema`). Signatures are stored as
bytes, LSH band keys as 64-bit integers in an indexed table, so a query is a few index look-ups
(`dedup.index_reads`). A crash or Ctrl-C in the middle of a batch rolls that batch back and
leaves every committed batch intact (`dedup.index_writes`). Entries arrive packed
(`dedup.index_rows`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from pathlib import Path

from dedup.index_reads import IndexReads, IndexStats
from dedup.index_schema import open_connection
from dedup.index_writes import AddResult, IndexWrites

# The result types callers (and the public API, `dedup.AddResult`) import from here.
__all__ = ["AddResult", "Index", "IndexStats"]


class Index(IndexReads, IndexWrites):
    """An open index file. Use `Index.open(...)` and close it (or use it as a context manager)."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection
        self._staging = False

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        meta: Mapping[str, str],
        create: bool = False,
        writable: bool = True,
    ) -> Index:
        """Open (or with `create`, create) the index at `path`, refusing other parameters.

        Without `writable` the file is opened read-only (a query must never write, and works on
        a read-only file or mount); `create` implies `writable`.
        """
        return cls(path, open_connection(path, meta=meta, create=create, writable=writable))

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the file; committed batches are already on disk."""
        self._db.close()
