"""The persistent index: one SQLite file that CI and incremental runs query instead of the corpus.

WAL mode, one transaction per batch, schema version in `PRAGMA user_version`, and a `meta`
table with every parameter that changes results. Signatures are stored as bytes, LSH band keys
as 64-bit integers in an indexed table, so a query is a few index look-ups. A crash or Ctrl-C
in the middle of a batch rolls that batch back and leaves every committed batch intact.
Entries arrive packed (`dedup.index_rows`): this module only numbers and writes their rows.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from dedup import index_bands
from dedup.article import Article
from dedup.errors import IndexFileError
from dedup.index_faults import FAULTS, faults, guarded, index_fault, roll_back
from dedup.index_rows import (
    DOCUMENT_COLUMNS,
    IndexEntry,
    PackedEntry,
    decode_terms,
    decode_text,
    keys_from,
    pack,
)
from dedup.walk import shown

# 3: a `counts` table keeps the number of documents, so a query never counts 1M rows.
# 4: `documents_doc_id`, so ranking candidates reads ids from a narrow index instead of one
#    wide documents row (text, features: several KiB) per candidate.
# 5: terms stored once (the `terms` column, in the features' order; the features hold none),
#    text and terms compressed at zlib level 1, feature headers packed without JSON, and a
#    staging table for the band keys of a large add (`dedup.index_bands`).
SCHEMA_VERSION = 5
_APPLICATION = "dedup-index"
# Parameters per IN (...) query, well under SQLite's limit.
_CHUNK = 500
_COMPOUND = 250
# While a large add writes (`Index.bulk`): 256 MiB of page cache, so the band-key B-tree's
# pages are rewritten in memory rather than read again for each batch, and a checkpoint per
# 64 MiB of log instead of per 4 MiB, so fewer times each page is copied back to the file.
_BULK_CACHE_KIB = 262_144
_BULK_CHECKPOINT_PAGES = 16_384

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


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document read back from the index, with its signatures."""

    article: Article
    content_hash: str
    signatures: Mapping[str, bytes]


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


@dataclass(frozen=True, slots=True)
class IndexStats:
    """Counts and parameters of an index, for `dedup index stats`."""

    path: str
    documents: int
    band_keys: int
    terms: int
    schema_version: int
    meta: Mapping[str, str]
    size_bytes: int

    def to_dict(self) -> dict[str, object]:
        """The statistics as JSON-ready data: what `dedup index stats --format json` prints."""
        from dedup.render.index_stats import stats_as_dict

        return stats_as_dict(self)


class Index:
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
            db = _connect(path, writable=writable)
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
        return cls(path, db)

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the file; committed batches are already on disk."""
        self._db.close()

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
        old = self._rows([entry.id for entry in entries])
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

    def _rows(self, ids: Sequence[str]) -> dict[str, tuple[int, str, bytes, bytes]]:
        """doc, content hash, terms and band keys of the stored documents with these ids."""
        found: dict[str, tuple[int, str, bytes, bytes]] = {}
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for doc, doc_id, content_hash, terms, keys in self._db.execute(
                "SELECT doc, id, content_hash, terms, band_keys FROM documents"
                f" WHERE id IN ({marks})",
                chunk,
            ):
                found[doc_id] = (doc, content_hash, terms, keys)
        return found

    @guarded
    def ids_by_source(self, sources: Iterable[str]) -> dict[str, str]:
        """The id of the stored document read from each of `sources` (a file path as given)."""
        wanted = sorted(set(sources))
        found: dict[str, str] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT source, id FROM documents WHERE source IN ({marks}) ORDER BY id", chunk
            )
            for source, doc_id in rows:
                found.setdefault(source, doc_id)
        return found

    @guarded
    def hashes(self, ids: Iterable[str]) -> dict[str, str]:
        """The content hash of each stored id among `ids` (unknown ids are left out)."""
        return {doc_id: row[1] for doc_id, row in self._rows(list(ids)).items()}

    @guarded
    def features(self, ids: Iterable[str]) -> dict[str, tuple[bytes, list[str]]]:
        """The stored feature bytes and terms (in the features' order) of each known id."""
        wanted = sorted(set(ids))
        found: dict[str, tuple[bytes, list[str]]] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT id, features, terms FROM documents WHERE id IN ({marks})", chunk
            )
            found.update((doc_id, (data, decode_terms(terms))) for doc_id, data, terms in rows)
        return found

    @guarded
    def ranked_candidates(
        self, band_keys: Iterable[int], *, per_key: int, limit: int
    ) -> list[tuple[str, int]]:
        """Stored documents sharing band keys with a query, most shared keys first (then id).

        Each key contributes at most `per_key` documents (the first stored): a key held by
        thousands (a wire story reprinted everywhere, a term every story of a kind uses) then
        costs a bounded look-up and still yields documents that hold it. The counting is done
        by SQLite; at most `limit` (id, shared keys) pairs are returned.
        """
        keys = sorted({int(key) for key in band_keys})
        if not keys or limit < 1 or per_key < 1:
            return []
        shared: Counter[str] = Counter()
        arm, width = index_bands.first_docs(with_staged=index_bands.staged(self._db) > 0)
        # One compound SELECT per chunk; SQLite allows 500 terms in a compound select.
        for start in range(0, len(keys), _COMPOUND):
            chunk = keys[start : start + _COMPOUND]
            arms = " UNION ALL ".join([arm] * len(chunk))
            # Counted per doc before the join, so each distinct document costs one look-up, not
            # one per shared key, in the narrow (doc, id) index: left to itself the planner
            # reads the rowid's wide rows (text, features: several KiB each).
            sql = (
                f"SELECT d.id, c.shared FROM (SELECT doc, count(*) AS shared FROM ({arms})"
                " GROUP BY doc) c JOIN documents d INDEXED BY documents_doc_id ON d.doc = c.doc"
                " ORDER BY c.shared DESC, d.id"
            )
            parameters = [value for key in chunk for value in (key,) * (width - 1) + (per_key,)]
            if len(keys) <= _COMPOUND:
                sql += " LIMIT ?"
                parameters.append(limit)
            shared.update(dict(self._db.execute(sql, parameters)))
        return sorted(shared.items(), key=_by_shared)[:limit]

    @guarded
    def content_hashes(self) -> dict[str, str]:
        """Every stored id with its content hash."""
        return dict(self._db.execute("SELECT id, content_hash FROM documents"))

    @guarded
    def candidates(self, band_keys: Iterable[int]) -> list[str]:
        """Ids of stored documents sharing at least one band key, sorted."""
        keys = sorted(set(band_keys))
        found: set[str] = set()
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                doc_id
                for (doc_id,) in self._db.execute(
                    "SELECT DISTINCT d.id FROM (SELECT key, doc FROM bands UNION ALL"
                    " SELECT key, doc FROM staged_bands) b JOIN documents d ON d.doc = b.doc"
                    f" WHERE b.key IN ({marks})",
                    chunk,
                )
            )
        return sorted(found)

    @guarded
    def get(self, ids: Iterable[str]) -> list[StoredDocument]:
        """The stored documents with these ids, in id order; unknown ids are left out."""
        wanted = sorted(set(ids))
        stored: list[StoredDocument] = []
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT {_DOC_COLUMNS} FROM documents WHERE id IN ({marks}) ORDER BY id", chunk
            ).fetchall()
            stored.extend(self._stored(row) for row in rows)
        return sorted(stored, key=lambda doc: doc.article.id)

    def documents(self) -> Iterator[StoredDocument]:
        """Every stored document, in id order, streamed."""
        with faults(self.path):
            cursor = self._db.execute(f"SELECT {_DOC_COLUMNS} FROM documents ORDER BY id")
            for row in cursor:
                yield self._stored(row)

    @guarded
    def document_frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """How many stored documents contain each term (0 for unseen terms)."""
        wanted = sorted(set(terms))
        counts = dict.fromkeys(wanted, 0)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            counts.update(
                self._db.execute(f"SELECT term, df FROM terms WHERE term IN ({marks})", chunk)
            )
        return counts

    @guarded
    def meta(self) -> dict[str, str]:
        """The parameters the index was built with."""
        return dict(self._db.execute("SELECT key, value FROM meta ORDER BY key"))

    @guarded
    def count(self) -> int:
        """Number of stored documents (kept up to date by each batch, not counted)."""
        return int(
            self._db.execute("SELECT value FROM counts WHERE name = 'documents'").fetchone()[0]
        )

    @guarded
    def stats(self) -> IndexStats:
        """Counts, parameters and file size."""
        db = self._db
        return IndexStats(
            path=str(self.path),
            documents=self.count(),
            band_keys=index_bands.count(db),
            terms=int(db.execute("SELECT count(*) FROM terms").fetchone()[0]),
            schema_version=int(db.execute("PRAGMA user_version").fetchone()[0]),
            meta=self.meta(),
            size_bytes=sum(
                p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists()
            ),
        )

    def _stored(self, row: tuple[Any, ...]) -> StoredDocument:
        doc, doc_id, content_hash, title, published, url, source, text, removed, extra = row
        signatures = dict(
            self._db.execute("SELECT name, value FROM signatures WHERE doc = ?", (doc,))
        )
        article = Article(
            id=doc_id,
            text=decode_text(text),
            title=title,
            published=published,
            url=url,
            source=source,
            removed=tuple(json.loads(removed)),
            extra=json.loads(extra),
        )
        return StoredDocument(article=article, content_hash=content_hash, signatures=signatures)


_DOC_COLUMNS = "doc, id, content_hash, title, published, url, source, text, removed, extra"


def _connect(path: Path, *, writable: bool) -> sqlite3.Connection:
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


def _by_shared(item: tuple[str, int]) -> tuple[int, str]:
    return (-item[1], item[0])


def _band_rows(numbered: list[tuple[int, PackedEntry]]) -> list[tuple[int, int]]:
    """(key, doc) rows of the numbered entries, sorted: the inserts then walk the band B-tree in
    order instead of at random."""
    if not numbered:
        return []
    keys = np.concatenate([entry.band_keys for _doc, entry in numbered])
    docs = np.repeat([doc for doc, _entry in numbered], [e.band_keys.size for _d, e in numbered])
    order = np.lexsort((docs, keys))
    return list(zip(keys[order].tolist(), docs[order].tolist(), strict=True))


def stored_hashes(path: Path, ids: Iterable[str]) -> dict[str, str]:
    """The content hash of each id among `ids` stored in the index at `path`, read through a
    connection of its own (a worker process deciding what it need not prepare)."""
    wanted = sorted(set(ids))
    found: dict[str, str] = {}
    with faults(path):
        db = _connect(path, writable=False)
        try:
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                found.update(
                    db.execute(
                        f"SELECT id, content_hash FROM documents WHERE id IN ({marks})", chunk
                    )
                )
        finally:
            db.close()
    return found
