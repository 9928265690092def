"""Reading the index: stored documents, their hashes and features, candidates by band keys,
document frequencies and statistics.

Queries ask in chunks of ids or keys (`IN (...)` lists well under SQLite's limit) and never
write, so they work on a file opened read-only. `IndexReads` is the reading half of
`dedup.index.Index`.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dedup import index_bands, index_schema
from dedup.article import Article
from dedup.index_faults import faults, guarded
from dedup.index_rows import decode_terms, decode_text

# Parameters per IN (...) query, well under SQLite's limit.
_CHUNK = 500
_COMPOUND = 250
_DOC_COLUMNS = "doc, id, content_hash, title, published, url, source, text, removed, extra"


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document read back from the index, with its signatures."""

    article: Article
    content_hash: str
    signatures: Mapping[str, bytes]


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


class IndexReads:
    """The queries of an open index (`dedup.index.Index`), on its connection."""

    path: Path
    _db: sqlite3.Connection

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
        return {doc_id: row[1] for doc_id, row in stored_rows(self._db, list(ids)).items()}

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


def stored_rows(
    db: sqlite3.Connection, ids: Sequence[str]
) -> dict[str, tuple[int, str, bytes, bytes]]:
    """doc, content hash, terms and band keys of the stored documents with these ids."""
    found: dict[str, tuple[int, str, bytes, bytes]] = {}
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        for doc, doc_id, content_hash, terms, keys in db.execute(
            f"SELECT doc, id, content_hash, terms, band_keys FROM documents WHERE id IN ({marks})",
            chunk,
        ):
            found[doc_id] = (doc, content_hash, terms, keys)
    return found


def stored_hashes(path: Path, ids: Iterable[str]) -> dict[str, str]:
    """The content hash of each id among `ids` stored in the index at `path`, read through a
    connection of its own (a worker process deciding what it need not prepare)."""
    wanted = sorted(set(ids))
    found: dict[str, str] = {}
    with faults(path):
        db = index_schema.connect(path, writable=False)
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


def _by_shared(item: tuple[str, int]) -> tuple[int, str]:
    return (-item[1], item[0])
