"""A document's features as the compact bytes the index stores, and back.

Little-endian, behind a magic number: a fixed header of counts, then the content hash, the
outlet, the years and named days, and the shingle, term-hash, weight and full-name arrays. The
term strings are not included: the index stores them once, beside these bytes. A change of
layout changes the magic number and bumps `dedup.indexing.ENTRY_VERSION`.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence

import numpy as np

from dedup.errors import IndexFileError
from dedup.represent import Features

_FEATURES_MAGIC = b"DF\x03"
# Shingles, terms, years, words, day, whether there is a day, length of the content hash, event
# day, whether there is one, named days, full names, length of the outlet.
_HEADER = struct.Struct("<IIHIiBBiBHII")


def features_to_bytes(features: Features) -> bytes:
    """Compact bytes for a document's features, little-endian: a fixed header, the content hash,
    the outlet, the years, the named days, then the shingle, term-hash, weight and full-name
    arrays. The term strings are not included: the index stores them once, beside these bytes
    (`features_from_bytes` takes them back)."""
    digest = features.content_hash.encode("utf-8")
    outlet = features.outlet.encode("utf-8")
    header = _HEADER.pack(
        features.shingles.size,
        features.term_hashes.size,
        len(features.years),
        features.words,
        features.day or 0,
        features.day is not None,
        len(digest),
        features.event_day or 0,
        features.event_day is not None,
        len(features.named_days),
        features.names.size,
        len(outlet),
    )
    return b"".join(
        (
            _FEATURES_MAGIC,
            header,
            digest,
            outlet,
            np.array(sorted(features.years), dtype="<u2").tobytes(),
            np.array(features.named_days, dtype="<i4").tobytes(),
            features.shingles.astype("<u4").tobytes(),
            features.term_hashes.astype("<u4").tobytes(),
            features.weights.astype("<f4").tobytes(),
            features.names.astype("<u4").tobytes(),
        )
    )


def features_from_bytes(doc_id: str, data: bytes, terms: Sequence[str]) -> Features:
    """The features `features_to_bytes` wrote, with their `terms`; anything else (or terms that
    do not fit them) is an IndexFileError."""
    start = len(_FEATURES_MAGIC) + _HEADER.size
    if data[: len(_FEATURES_MAGIC)] != _FEATURES_MAGIC or len(data) < start:
        raise IndexFileError(f"stored features of {doc_id!r} are not dedup features; rebuild")
    (
        shingles,
        count,
        years,
        words,
        day,
        has_day,
        digest,
        event,
        has_event,
        named,
        names,
        outlet,
    ) = _HEADER.unpack_from(data, len(_FEATURES_MAGIC))
    size = start + digest + outlet + 2 * years + 4 * named + 4 * shingles + 8 * count + 4 * names
    if len(data) != size:
        raise IndexFileError(f"stored features of {doc_id!r} are truncated; rebuild the index")
    if len(terms) != count:
        raise IndexFileError(
            f"stored features of {doc_id!r} have {count} terms, the index {len(terms)}; rebuild it"
        )
    try:
        content = data[start : start + digest].decode("utf-8")
        source = data[start + digest : start + digest + outlet].decode("utf-8")
    except UnicodeDecodeError as error:
        raise IndexFileError(
            f"stored features of {doc_id!r} are damaged ({error}); rebuild the index"
        ) from None
    at = start + digest + outlet
    year_values = np.frombuffer(data, dtype="<u2", count=years, offset=at)
    at += 2 * years
    named_values = np.frombuffer(data, dtype="<i4", count=named, offset=at)
    at += 4 * named
    shingle_array = np.frombuffer(data, dtype="<u4", count=shingles, offset=at)
    at += 4 * shingles
    hashes = np.frombuffer(data, dtype="<u4", count=count, offset=at)
    weights = np.frombuffer(data, dtype="<f4", count=count, offset=at + 4 * count)
    name_values = np.frombuffer(data, dtype="<u4", count=names, offset=at + 8 * count)
    return Features(
        id=doc_id,
        content_hash=content,
        shingles=shingle_array.astype(np.uint32),
        terms=tuple(terms),
        term_hashes=hashes.astype(np.uint32),
        weights=weights.astype(np.float32),
        day=day if has_day else None,
        years=frozenset(year_values.tolist()),
        words=words,
        outlet=source,
        event_day=event if has_event else None,
        named_days=tuple(named_values.tolist()),
        names=name_values.astype(np.uint32),
    )
