"""The index file's SQLite schema, and opening a connection to it that checks it.

The schema version is kept in `PRAGMA user_version` and every parameter that changes results
in the `meta` table: a file of another version, another program or other parameters is refused
with a one-line error saying how to rebuild it. An empty or new file gets the schema.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Mapping
from pathlib import Path

from dedup import index_bands
from dedup.errors import IndexFileError
from dedup.index_faults import FAULTS, index_fault
from dedup.walk import shown

# 3: a `counts` table keeps the number of documents, so a query never counts 1M rows.
# 4: `documents_doc_id`, so ranking candidates reads ids from a narrow index instead of one
#    wide documents row (text, features: several KiB) per candidate.
# 5: terms stored once (the `terms` column, in the features' order; the features hold none),
#    text and terms compressed at zlib level 1, feature headers packed without JSON, and a
#    staging table for the band keys of a large add (`dedup.index_bands`).
SCHEMA_VERSION = 5
_APPLICATION = "dedup-index"

_SCHEMA = (
    """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE documents (
    doc INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    title TEXT, published TEXT, url TEXT, source TEXT,
    text BLOB NOT NULL,
    removed TEXT NOT NULL,
    extra TEXT NOT NULL,
    terms BLOB NOT NULL,
    features BLOB NOT NULL,
    band_keys BLOB NOT NULL
);
CREATE INDEX documents_source ON documents (source);
CREATE INDEX documents_doc_id ON documents (doc, id);
CREATE TABLE signatures (
    doc INTEGER NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value BLOB NOT NULL,
    PRIMARY KEY (doc, name)
) WITHOUT ROWID;
CREATE TABLE terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE counts (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
"""
    + index_bands.SCHEMA
)


def open_connection(
    path: Path, *, meta: Mapping[str, str], create: bool, writable: bool
) -> sqlite3.Connection:
    """A connection to the index at `path` (with `create`, made when missing or empty), its
    schema version and `meta` checked; `create` implies `writable` (see `Index.open`)."""
    exists = path.exists()
    if not exists and not create:
        raise IndexFileError(
            f"{shown(path)}: no such index (create it with "
            f"`dedup index add PATH... --index {shown(path)}`)"
        )
    if exists and path.is_dir():
        raise IndexFileError(f"{shown(path)}: is a directory, not an index file")
    writable = writable or create
    try:
        db = connect(path, writable=writable)
    except FAULTS as exc:
        raise index_fault(path, exc) from None
    try:
        db.execute("PRAGMA foreign_keys = ON")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if not exists or (version == 0 and _is_empty(db)):
            if not writable:
                raise IndexFileError(
                    f"{shown(path)}: an empty file, not a dedup index (create one with "
                    f"`dedup index add PATH... --index {shown(path)}`)"
                )
            _create(db, meta)
        else:
            _check(db, path, version, meta)
        if writable:
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        # 64 MiB of page cache: batches of band-key inserts stay in memory until commit.
        db.execute("PRAGMA cache_size = -65536")
    except FAULTS as exc:
        db.close()
        raise index_fault(path, exc) from None
    except IndexFileError:
        db.close()
        raise
    return db


def connect(path: Path, *, writable: bool) -> sqlite3.Connection:
    """A connection to the file at `path`; without `writable`, one that cannot write."""
    if writable:
        return sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    uri = f"{path.resolve().as_uri()}?mode=ro"
    db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    try:
        db.execute("PRAGMA user_version").fetchone()
    except sqlite3.OperationalError:
        # A WAL index on a read-only mount: SQLite cannot create the shared-memory file it
        # reads through. Nothing can write there either, so the file may be read as immutable.
        db.close()
        if os.access(path.parent, os.W_OK):
            raise
        db = sqlite3.connect(
            f"{uri}&immutable=1", uri=True, isolation_level=None, check_same_thread=False
        )
    return db


def _is_empty(db: sqlite3.Connection) -> bool:
    count: int = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    return count == 0


def _create(db: sqlite3.Connection, meta: Mapping[str, str]) -> None:
    db.execute("BEGIN IMMEDIATE")
    for statement in filter(None, (s.strip() for s in _SCHEMA.split(";"))):
        db.execute(statement)
    rows = [("application", _APPLICATION), *sorted(meta.items())]
    db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", rows)
    db.execute("INSERT INTO counts (name, value) VALUES ('documents', 0)")
    index_bands.start(db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    db.execute("COMMIT")


def _check(db: sqlite3.Connection, path: Path, version: int, meta: Mapping[str, str]) -> None:
    try:
        stored = dict(db.execute("SELECT key, value FROM meta"))
    except sqlite3.OperationalError:
        stored = {}
    if stored.get("application") != _APPLICATION:
        raise IndexFileError(f"{shown(path)}: an SQLite file, but not a dedup index")
    if version != SCHEMA_VERSION:
        raise IndexFileError(
            f"{path}: index schema version {version}, this dedup reads version {SCHEMA_VERSION};"
            " rebuild the index with `dedup index add`"
        )
    for key, value in sorted(meta.items()):
        if stored.get(key) != value:
            raise IndexFileError(
                f"{path}: index built with {key}={stored.get(key, '(unset)')}, this run uses"
                f" {key}={value}; use the index's settings or rebuild it"
            )
