"""What the index stores per document, and the column values it is stored as.

An `IndexEntry` is the readable form (an article, its signatures, band keys, terms and feature
bytes); a `PackedEntry` is the same entry encoded into the values of its table rows, all but
the row number. Packing (compressing the text, encoding the terms and keys) is the expensive
part of storing, so it is done where the entry is made: in the worker processes of
`dedup index add`, which send packed entries to the one process that writes the file.

Text and terms are zlib-compressed at level 1: news text of a few KiB compresses to half either
way, and level 1 costs a fifth less than the default. The terms are those of the stored
features, in their order, so they are stored once: the features hold none (`dedup.indexing`).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from dedup.article import Article

_LEVEL = 1


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """What the index stores for one document.

    `signatures` maps a representation name to its signature bytes; `band_keys` are the LSH
    band keys of all representations (the representation is folded into each key); `terms`
    are the distinct terms counted in the document-frequency statistics, in the order the
    features list them; `features` are the serialised per-document features the verifier reads
    (see `dedup.indexing`), so a query never re-reads or re-tokenises a stored text.
    """

    article: Article
    content_hash: str
    signatures: Mapping[str, bytes]
    band_keys: Sequence[int]
    terms: Sequence[str] = field(default_factory=tuple)
    features: bytes = b""


@dataclass(frozen=True, slots=True, eq=False)
class PackedEntry:
    """An entry as its rows hold it: the documents row without its row number (`columns`, in
    `DOCUMENT_COLUMNS` order after `doc`), the signature rows without it, its distinct band keys
    (sorted) and its distinct terms (for the document frequencies)."""

    id: str
    content_hash: str
    columns: tuple[object, ...]
    signatures: tuple[tuple[str, bytes], ...]
    band_keys: np.ndarray
    terms: tuple[str, ...]


DOCUMENT_COLUMNS = (
    "doc, id, content_hash, title, published, url, source, text, removed, extra, terms, features,"
    " band_keys"
)


def pack(entry: IndexEntry) -> PackedEntry:
    """The column values of `entry`."""
    article = entry.article
    terms = tuple(dict.fromkeys(entry.terms))
    # A few dozen keys: sorting a set of Python ints costs less than numpy's unique.
    keys = np.array(sorted(set(np.asarray(entry.band_keys, dtype=np.int64).tolist())), np.int64)
    return PackedEntry(
        id=article.id,
        content_hash=entry.content_hash,
        columns=(
            article.id,
            entry.content_hash,
            article.title,
            article.published,
            article.url,
            article.source,
            encode_text(article.text),
            _json(list(article.removed)),
            _json(article.extra),
            encode_terms(terms),
            entry.features,
            keys.astype("<i8").tobytes(),
        ),
        signatures=tuple(sorted(entry.signatures.items())),
        band_keys=keys,
        terms=terms,
    )


def _json(value: list[str] | dict[str, object]) -> str:
    """A list or mapping as stored: sorted keys, any value as text (most are empty)."""
    if not value:
        return "[]" if isinstance(value, list) else "{}"
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def encode_text(text: str) -> bytes:
    """A document's text as stored."""
    return zlib.compress(text.encode("utf-8"), _LEVEL)


def decode_text(data: bytes) -> str:
    """The text `encode_text` stored."""
    return zlib.decompress(data).decode("utf-8")


def encode_terms(terms: Sequence[str]) -> bytes:
    """Terms as stored: one per line (a term is a word or a figure: it holds no line break)."""
    return zlib.compress("\n".join(terms).encode("utf-8"), _LEVEL)


def decode_terms(data: bytes) -> list[str]:
    """The terms `encode_terms` stored, in their order."""
    text = zlib.decompress(data).decode("utf-8")
    return text.split("\n") if text else []


def keys_from(data: bytes) -> list[int]:
    """Band keys stored as little-endian 64-bit integers."""
    keys: list[int] = np.frombuffer(data, dtype="<i8").tolist()
    return keys
