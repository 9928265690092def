"""Writing the index: batches of packed entries, each in one transaction.

A new id is numbered and its rows written; a changed one (another content hash) replaces its
rows, band keys and term counts; an unchanged one is skipped. A crash or Ctrl-C in the middle
of a batch rolls that batch back and leaves every committed batch intact. `IndexWrites` is the
writing half of `dedup.index.Index`.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dedup import index_bands
from dedup.index_faults import faults, roll_back
from dedup.index_reads import stored_rows
from dedup.index_rows import (
    DOCUMENT_COLUMNS,
    IndexEntry,
    PackedEntry,
    decode_terms,
    keys_from,
    pack,
)

# While a large add writes (`Index.bulk`): 256 MiB of page cache, so the band-key B-tree's
# pages are rewritten in memory rather than read again for each batch, and a checkpoint per
# 64 MiB of log instead of per 4 MiB, so fewer times each page is copied back to the file.
_BULK_CACHE_KIB = 262_144
_BULK_CHECKPOINT_PAGES = 16_384


@dataclass(frozen=True, slots=True)
class AddResult:
    """What one `add` did: new documents, replaced (changed) ones, and unchanged ones skipped."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0

    def to_dict(self) -> dict[str, int]:
        """The counts as JSON-ready data."""
        return {"added": self.added, "replaced": self.replaced, "unchanged": self.unchanged}

    def __add__(self, other: AddResult) -> AddResult:
        return AddResult(
            self.added + other.added,
            self.replaced + other.replaced,
            self.unchanged + other.unchanged,
        )


class IndexWrites:
    """The writes of an open index (`dedup.index.Index`), on its connection."""

    path: Path
    _db: sqlite3.Connection
    _staging: bool

    def add_batch(self, entries: Iterable[IndexEntry]) -> AddResult:
        """Store a batch in one transaction: new ids are added, changed ones replaced.

        Within one batch the last entry with a given id wins. Either the whole batch is on disk
        after this returns, or (error, Ctrl-C, kill) none of it is.
        """
        return self.add_packed([pack(entry) for entry in entries])

    def add_packed(self, entries: Iterable[PackedEntry]) -> AddResult:
        """`add_batch` of entries already packed (`dedup.index_rows.pack`)."""
        latest: dict[str, PackedEntry] = {}
        for entry in entries:
            latest[entry.id] = entry
        db = self._db
        with faults(self.path):
            db.execute("BEGIN IMMEDIATE")
            try:
                result = self._put_all(list(latest.values()))
                db.execute("COMMIT")
            except BaseException:
                roll_back(db)
                raise
        return result

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Settings for writing many batches: band keys staged and merged in key order
        (`dedup.index_bands`), a larger page cache, rarer checkpoints.

        None changes what a commit guarantees: each batch is still one transaction in the
        write-ahead log, and a killed process leaves every committed batch in the file, its
        band keys merged or staged (queries read both).
        """
        db = self._db
        with faults(self.path):
            cache = db.execute("PRAGMA cache_size").fetchone()[0]
            checkpoint = db.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
            db.execute(f"PRAGMA cache_size = -{_BULK_CACHE_KIB}")
            db.execute(f"PRAGMA wal_autocheckpoint = {_BULK_CHECKPOINT_PAGES}")
        self._staging = True
        try:
            yield
            self._merge_staged()
        finally:
            self._staging = False
            with faults(self.path):
                db.execute(f"PRAGMA cache_size = {int(cache)}")
                db.execute(f"PRAGMA wal_autocheckpoint = {int(checkpoint)}")

    def _merge_staged(self) -> None:
        db = self._db
        with faults(self.path):
            if not index_bands.staged(db):
                return
            db.execute("BEGIN IMMEDIATE")
            try:
                index_bands.merge(db)
                db.execute("COMMIT")
            except BaseException:
                roll_back(db)
                raise

    def _put_all(self, entries: list[PackedEntry]) -> AddResult:
        db = self._db
        old = stored_rows(db, [entry.id for entry in entries])
        fresh = [e for e in entries if e.id not in old or old[e.id][1] != e.content_hash]
        gone = [old[e.id] for e in fresh if e.id in old]
        deltas: Counter[str] = Counter()
        for _doc, _hash, stored_terms, _keys in gone:
            deltas.subtract(decode_terms(stored_terms))
        index_bands.delete(
            db, [(key, doc) for doc, _hash, _terms, keys in gone for key in keys_from(keys)]
        )
        # Signatures go with their document (ON DELETE CASCADE).
        db.executemany("DELETE FROM documents WHERE doc = ?", [(row[0],) for row in gone])
        first = int(db.execute("SELECT coalesce(max(doc), 0) FROM documents").fetchone()[0]) + 1
        numbered = list(enumerate(fresh, start=first))
        db.executemany(
            f"INSERT INTO documents ({DOCUMENT_COLUMNS}) VALUES ({', '.join('?' * 13)})",
            [(doc, *entry.columns) for doc, entry in numbered],
        )
        db.executemany(
            "INSERT INTO signatures (doc, name, value) VALUES (?, ?, ?)",
            [(doc, name, value) for doc, entry in numbered for name, value in entry.signatures],
        )
        index_bands.insert(db, _band_rows(numbered), staging=self._staging)
        for entry in fresh:
            deltas.update(entry.terms)
        _count_terms(db, deltas)
        replaced = len(gone)
        db.execute(
            "UPDATE counts SET value = value + ? WHERE name = 'documents'", (len(fresh) - replaced,)
        )
        return AddResult(
            added=len(fresh) - replaced, replaced=replaced, unchanged=len(entries) - len(fresh)
        )


def _count_terms(db: sqlite3.Connection, deltas: Counter[str]) -> None:
    changes = sorted((term, delta) for term, delta in deltas.items() if delta)
    db.executemany(
        "INSERT INTO terms (term, df) VALUES (?, ?)"
        " ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
        changes,
    )
    db.executemany(
        "DELETE FROM terms WHERE term = ? AND df <= 0", [(t,) for t, d in changes if d < 0]
    )


def _band_rows(numbered: list[tuple[int, PackedEntry]]) -> list[tuple[int, int]]:
    """(key, doc) rows of the numbered entries, sorted: the inserts then walk the band B-tree in
    order instead of at random."""
    if not numbered:
        return []
    keys = np.concatenate([entry.band_keys for _doc, entry in numbered])
    docs = np.repeat([doc for doc, _entry in numbered], [e.band_keys.size for _d, e in numbered])
    order = np.lexsort((docs, keys))
    return list(zip(keys[order].tolist(), docs[order].tolist(), strict=True))
