"""The index's LSH band keys: the `bands` table, and the staging table a large add writes to.

Band keys are random 64-bit integers, so a batch's keys land all over the (key, doc) B-tree:
at 100,000 documents a batch of a thousand rewrites most of the tree's pages, and inserting
costs more with every batch. During a large add (`Index.bulk`) the keys go to `staged_bands`
instead, a table of the same shape kept small, and are moved to `bands` in key order, every
`MERGE_ROWS` rows and when the add ends: each page of `bands` is then written once a merge, not
once a batch. Moving is part of a batch's transaction (or, at the end, one of its own), so a
killed add leaves every committed key in one table or the other.

Queries read both tables while staged keys remain (after an interrupted add, or during one). A
document's number is one more than the highest stored, and a merge moves every staged key, so
every staged document is newer than every document in `bands`: the first documents of a key,
which a query takes, are those of `bands` followed by those of `staged_bands`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

SCHEMA = """
CREATE TABLE bands (key INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (key, doc))
    WITHOUT ROWID;
CREATE TABLE staged_bands (key INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (key, doc))
    WITHOUT ROWID;
"""
# Staged rows that call for a merge: about 25 batches of a thousand news articles, a tree that
# stays in the page cache while it takes random inserts.
MERGE_ROWS = 1_500_000
_COUNT = "staged_bands"


def start(db: sqlite3.Connection) -> None:
    """Record that nothing is staged (a new index)."""
    db.execute("INSERT INTO counts (name, value) VALUES (?, 0)", (_COUNT,))


def staged(db: sqlite3.Connection) -> int:
    """How many keys are staged."""
    return int(db.execute("SELECT value FROM counts WHERE name = ?", (_COUNT,)).fetchone()[0])


def insert(db: sqlite3.Connection, rows: Iterable[tuple[int, int]], *, staging: bool) -> None:
    """Store (key, doc) rows (sorted by key: the inserts then walk the tree in order): staged
    during a large add, else in `bands`; a large add merges when enough are staged."""
    if not staging:
        db.executemany("INSERT OR IGNORE INTO bands (key, doc) VALUES (?, ?)", rows)
        return
    added = db.executemany("INSERT OR IGNORE INTO staged_bands (key, doc) VALUES (?, ?)", rows)
    _count(db, added.rowcount)
    if staged(db) >= MERGE_ROWS:
        merge(db)


def delete(db: sqlite3.Connection, rows: list[tuple[int, int]]) -> None:
    """Remove (key, doc) rows of replaced documents, wherever they are."""
    db.executemany("DELETE FROM bands WHERE key = ? AND doc = ?", rows)
    if staged(db):
        removed = db.executemany("DELETE FROM staged_bands WHERE key = ? AND doc = ?", rows)
        _count(db, -removed.rowcount)


def merge(db: sqlite3.Connection) -> None:
    """Move every staged key to `bands`, in key order (inside the caller's transaction)."""
    db.execute("INSERT OR IGNORE INTO bands (key, doc) SELECT key, doc FROM staged_bands")
    db.execute("DELETE FROM staged_bands")
    db.execute("UPDATE counts SET value = 0 WHERE name = ?", (_COUNT,))


def first_docs(*, with_staged: bool) -> tuple[str, int]:
    """A query's look-up of one key, the first `limit` documents holding it, as SQL and the
    number of its parameters: (key, limit), or (key, key, limit) when staged keys are read too."""
    if not with_staged:
        return "SELECT * FROM (SELECT doc FROM bands WHERE key = ? LIMIT ?)", 2
    # Staged documents are newer than those in `bands`: these come first.
    sql = (
        "SELECT * FROM (SELECT doc FROM (SELECT doc FROM bands WHERE key = ?"
        " UNION ALL SELECT doc FROM staged_bands WHERE key = ?) LIMIT ?)"
    )
    return sql, 3


def count(db: sqlite3.Connection) -> int:
    """How many keys are stored, staged or not."""
    merged = int(db.execute("SELECT count(*) FROM bands").fetchone()[0])
    return merged + staged(db)


def _count(db: sqlite3.Connection, change: int) -> None:
    db.execute("UPDATE counts SET value = value + ? WHERE name = ?", (change, _COUNT))
