"""The persistent index: one SQLite file that CI and incremental runs query instead of the corpus.

WAL mode, one transaction per batch, schema version in `PRAGMA user_version`, and a `meta`
table with every parameter that changes results. Signatures are stored as bytes, LSH band keys
as 64-bit integers in an indexed table, so a query is a few index look-ups. A crash or Ctrl-C
in the middle of a batch rolls that batch back and leaves every committed batch intact.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dedup.article import Article
from dedup.errors import IndexFileError

SCHEMA_VERSION = 1
_APPLICATION = "dedup-index"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE documents (
    doc INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    title TEXT, published TEXT, url TEXT, source TEXT,
    text BLOB NOT NULL,
    removed TEXT NOT NULL,
    extra TEXT NOT NULL,
    terms TEXT NOT NULL
);
CREATE TABLE signatures (
    doc INTEGER NOT NULL REFERENCES documents(doc) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value BLOB NOT NULL,
    PRIMARY KEY (doc, name)
) WITHOUT ROWID;
CREATE TABLE bands (key INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (key, doc))
    WITHOUT ROWID;
CREATE INDEX bands_doc ON bands (doc);
CREATE TABLE terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
"""


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """What the index stores for one document.

    `signatures` maps a representation name to its signature bytes; `band_keys` are the LSH
    band keys of all representations (the representation is folded into each key); `terms`
    are the distinct terms counted in the document-frequency statistics.
    """

    article: Article
    content_hash: str
    signatures: Mapping[str, bytes]
    band_keys: Sequence[int]
    terms: Sequence[str] = field(default_factory=tuple)


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


class Index:
    """An open index file. Use `Index.open(...)` and close it (or use it as a context manager)."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection

    @classmethod
    def open(cls, path: Path, *, meta: Mapping[str, str], create: bool = False) -> Index:
        """Open (or with `create`, create) the index at `path`, refusing other parameters."""
        exists = path.exists()
        if not exists and not create:
            raise IndexFileError(
                f"{path}: no such index (create it with `dedup index add PATH... --index {path}`)"
            )
        if exists and path.is_dir():
            raise IndexFileError(f"{path}: is a directory, not an index file")
        try:
            db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA foreign_keys = ON")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if not exists or (version == 0 and _is_empty(db)):
                _create(db, meta)
            else:
                _check(db, path, version, meta)
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            raise IndexFileError(
                f"{path}: not a dedup index or corrupt ({exc}); rebuild it with `dedup index add`"
            ) from None
        return cls(path, db)

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the file; committed batches are already on disk."""
        self._db.close()

    def add_batch(self, entries: Iterable[IndexEntry]) -> AddResult:
        """Store a batch in one transaction: new ids are added, changed ones replaced."""
        result = AddResult()
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            for entry in entries:
                result = result + self._put(entry)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return result

    def _put(self, entry: IndexEntry) -> AddResult:
        db = self._db
        article = entry.article
        row = db.execute(
            "SELECT doc, content_hash, terms FROM documents WHERE id = ?", (article.id,)
        ).fetchone()
        if row is not None and row[1] == entry.content_hash:
            return AddResult(unchanged=1)
        if row is not None:
            _count_terms(db, json.loads(row[2]), -1)
            db.execute("DELETE FROM bands WHERE doc = ?", (row[0],))
            db.execute("DELETE FROM documents WHERE doc = ?", (row[0],))
        terms = sorted(set(entry.terms))
        cursor = db.execute(
            "INSERT INTO documents (id, content_hash, title, published, url, source, text,"
            " removed, extra, terms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                entry.content_hash,
                article.title,
                article.published,
                article.url,
                article.source,
                zlib.compress(article.text.encode("utf-8")),
                json.dumps(list(article.removed), ensure_ascii=False),
                json.dumps(article.extra, ensure_ascii=False, sort_keys=True, default=str),
                json.dumps(terms, ensure_ascii=False),
            ),
        )
        doc = cursor.lastrowid
        db.executemany(
            "INSERT INTO signatures (doc, name, value) VALUES (?, ?, ?)",
            [(doc, name, value) for name, value in sorted(entry.signatures.items())],
        )
        db.executemany(
            "INSERT OR IGNORE INTO bands (key, doc) VALUES (?, ?)",
            [(key, doc) for key in sorted(set(entry.band_keys))],
        )
        _count_terms(db, terms, +1)
        return AddResult(added=1) if row is None else AddResult(replaced=1)

    def content_hashes(self) -> dict[str, str]:
        """Every stored id with its content hash."""
        return dict(self._db.execute("SELECT id, content_hash FROM documents"))

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
                    "SELECT DISTINCT d.id FROM bands b JOIN documents d ON d.doc = b.doc"
                    f" WHERE b.key IN ({marks})",
                    chunk,
                )
            )
        return sorted(found)

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
        cursor = self._db.execute(f"SELECT {_DOC_COLUMNS} FROM documents ORDER BY id")
        for row in cursor:
            yield self._stored(row)

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

    def count(self) -> int:
        """Number of stored documents."""
        return int(self._db.execute("SELECT count(*) FROM documents").fetchone()[0])

    def stats(self) -> IndexStats:
        """Counts, parameters and file size."""
        db = self._db
        return IndexStats(
            path=str(self.path),
            documents=self.count(),
            band_keys=int(db.execute("SELECT count(*) FROM bands").fetchone()[0]),
            terms=int(db.execute("SELECT count(*) FROM terms").fetchone()[0]),
            schema_version=int(db.execute("PRAGMA user_version").fetchone()[0]),
            meta=dict(db.execute("SELECT key, value FROM meta ORDER BY key")),
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
            text=zlib.decompress(text).decode("utf-8"),
            title=title,
            published=published,
            url=url,
            source=source,
            removed=tuple(json.loads(removed)),
            extra=json.loads(extra),
        )
        return StoredDocument(article=article, content_hash=content_hash, signatures=signatures)


_DOC_COLUMNS = "doc, id, content_hash, title, published, url, source, text, removed, extra"


def _is_empty(db: sqlite3.Connection) -> bool:
    count: int = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    return count == 0


def _create(db: sqlite3.Connection, meta: Mapping[str, str]) -> None:
    db.execute("BEGIN IMMEDIATE")
    for statement in filter(None, (s.strip() for s in _SCHEMA.split(";"))):
        db.execute(statement)
    rows = [("application", _APPLICATION), *sorted(meta.items())]
    db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", rows)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    db.execute("COMMIT")


def _check(db: sqlite3.Connection, path: Path, version: int, meta: Mapping[str, str]) -> None:
    try:
        stored = dict(db.execute("SELECT key, value FROM meta"))
    except sqlite3.OperationalError:
        stored = {}
    if stored.get("application") != _APPLICATION:
        raise IndexFileError(f"{path}: an SQLite file, but not a dedup index")
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


def _count_terms(db: sqlite3.Connection, terms: Sequence[str], step: int) -> None:
    if step > 0:
        db.executemany(
            "INSERT INTO terms (term, df) VALUES (?, 1)"
            " ON CONFLICT(term) DO UPDATE SET df = df + 1",
            [(term,) for term in terms],
        )
    else:
        db.executemany("UPDATE terms SET df = df - 1 WHERE term = ?", [(term,) for term in terms])
        db.execute("DELETE FROM terms WHERE df <= 0")
