"""The persistent index: one SQLite file that CI and incremental runs query instead of the corpus.

WAL mode, one transaction per batch, schema version in `PRAGMA user_version`, and a `meta`
table with every parameter that changes results. Signatures are stored as bytes, LSH band keys
as 64-bit integers in an indexed table, so a query is a few index look-ups. A crash or Ctrl-C
in the middle of a batch rolls that batch back and leaves every committed batch intact.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from dedup.article import Article
from dedup.errors import IndexFileError
from dedup.index_faults import FAULTS, faults, guarded, index_fault, roll_back
from dedup.walk import shown

# 3: a `counts` table keeps the number of documents, so a query never counts 1M rows.
# 4: `documents_doc_id`, so ranking candidates reads ids from a narrow index instead of one
#    wide documents row (text, features: several KiB) per candidate.
SCHEMA_VERSION = 4
_APPLICATION = "dedup-index"
# Parameters per IN (...) query, well under SQLite's limit.
_CHUNK = 500
_COMPOUND = 250

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
CREATE TABLE bands (key INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (key, doc))
    WITHOUT ROWID;
CREATE TABLE terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE counts (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
"""


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """What the index stores for one document.

    `signatures` maps a representation name to its signature bytes; `band_keys` are the LSH
    band keys of all representations (the representation is folded into each key); `terms`
    are the distinct terms counted in the document-frequency statistics; `features` are the
    serialised per-document features the verifier reads (see `dedup.indexing`), so a query
    never re-reads or re-tokenises a stored text.
    """

    article: Article
    content_hash: str
    signatures: Mapping[str, bytes]
    band_keys: Sequence[int]
    terms: Sequence[str] = field(default_factory=tuple)
    features: bytes = b""


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
        latest: dict[str, IndexEntry] = {}
        for entry in entries:
            latest[entry.article.id] = entry
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

    def _put_all(self, entries: list[IndexEntry]) -> AddResult:
        db = self._db
        old = self._rows([entry.article.id for entry in entries])
        fresh = [
            e for e in entries if e.article.id not in old or old[e.article.id][1] != e.content_hash
        ]
        gone = [old[e.article.id] for e in fresh if e.article.id in old]
        deltas: Counter[str] = Counter()
        for _doc, _hash, stored_terms, _keys in gone:
            deltas.subtract(json.loads(zlib.decompress(stored_terms)))
        db.executemany(
            "DELETE FROM bands WHERE key = ? AND doc = ?",
            [(key, doc) for doc, _hash, _terms, keys in gone for key in _keys_from(keys)],
        )
        # Signatures go with their document (ON DELETE CASCADE).
        db.executemany("DELETE FROM documents WHERE doc = ?", [(row[0],) for row in gone])
        next_doc = int(db.execute("SELECT coalesce(max(doc), 0) FROM documents").fetchone()[0]) + 1
        documents: list[tuple[object, ...]] = []
        signatures: list[tuple[int, str, bytes]] = []
        bands: list[tuple[int, int]] = []
        for doc, entry in enumerate(fresh, start=next_doc):
            article = entry.article
            terms = sorted(set(entry.terms))
            keys = sorted({int(key) for key in entry.band_keys})
            deltas.update(terms)
            documents.append(
                (
                    doc,
                    article.id,
                    entry.content_hash,
                    article.title,
                    article.published,
                    article.url,
                    article.source,
                    zlib.compress(article.text.encode("utf-8")),
                    json.dumps(list(article.removed), ensure_ascii=False),
                    json.dumps(article.extra, ensure_ascii=False, sort_keys=True, default=str),
                    zlib.compress(json.dumps(terms, ensure_ascii=False).encode("utf-8")),
                    entry.features,
                    _keys_to(keys),
                )
            )
            signatures.extend(
                (doc, name, value) for name, value in sorted(entry.signatures.items())
            )
            bands.extend((key, doc) for key in keys)
        db.executemany(
            "INSERT INTO documents (doc, id, content_hash, title, published, url, source, text,"
            " removed, extra, terms, features, band_keys)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            documents,
        )
        db.executemany("INSERT INTO signatures (doc, name, value) VALUES (?, ?, ?)", signatures)
        # Sorted by key, the inserts walk the band B-tree in order instead of at random.
        db.executemany("INSERT OR IGNORE INTO bands (key, doc) VALUES (?, ?)", sorted(bands))
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
    def features(self, ids: Iterable[str]) -> dict[str, bytes]:
        """The stored feature bytes of each known id among `ids`."""
        wanted = sorted(set(ids))
        found: dict[str, bytes] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            found.update(
                self._db.execute(f"SELECT id, features FROM documents WHERE id IN ({marks})", chunk)
            )
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
        # One compound SELECT per chunk; SQLite allows 500 terms in a compound select.
        for start in range(0, len(keys), _COMPOUND):
            chunk = keys[start : start + _COMPOUND]
            arms = " UNION ALL ".join(
                ["SELECT * FROM (SELECT doc FROM bands WHERE key = ? LIMIT ?)"] * len(chunk)
            )
            # Counted per doc before the join, so each distinct document costs one look-up, not
            # one per shared key, in the narrow (doc, id) index: left to itself the planner
            # reads the rowid's wide rows (text, features: several KiB each).
            sql = (
                f"SELECT d.id, c.shared FROM (SELECT doc, count(*) AS shared FROM ({arms})"
                " GROUP BY doc) c JOIN documents d INDEXED BY documents_doc_id ON d.doc = c.doc"
                " ORDER BY c.shared DESC, d.id"
            )
            parameters = [value for key in chunk for value in (key, per_key)]
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
                    "SELECT DISTINCT d.id FROM bands b JOIN documents d ON d.doc = b.doc"
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
            band_keys=int(db.execute("SELECT count(*) FROM bands").fetchone()[0]),
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


def _keys_to(keys: Sequence[int]) -> bytes:
    return np.asarray(keys, dtype="<i8").tobytes()


def _keys_from(data: bytes) -> list[int]:
    keys: list[int] = np.frombuffer(data, dtype="<i8").tolist()
    return keys
