"""How many bytes the engine's values hold, for Dask's memory manager.

A worker keeps task results in memory up to a share of its memory limit and spills the rest to
disk, judging each result by `dask.sizeof`, which falls back to `sys.getsizeof` (a few dozen
bytes for any object holding arrays). The engine's values define `__sizeof__` with these
estimates (array bytes plus a fixed allowance per Python object), so what they really hold is
counted and spilled when it should be.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dedup.article import Article
from dedup.represent import Features

# Per small Python object (header, slots, a boxed int): a rough, generous figure.
OBJECT_BYTES = 120
# The header of a CPython str of ASCII text.
STR_BYTES = 49


def array_bytes(*arrays: Any) -> int:
    """The bytes of numpy arrays (and scipy sparse matrices, by their three arrays)."""
    total = 0
    for array in arrays:
        if hasattr(array, "indptr"):
            total += array.data.nbytes + array.indices.nbytes + array.indptr.nbytes
        elif array is not None:
            total += int(array.nbytes)
    return total


def strings_bytes(strings: Iterable[str | None]) -> int:
    """Python strings, with their object headers."""
    return sum(STR_BYTES + len(s) for s in strings if s is not None)


def features_bytes(features: Iterable[Features | None]) -> int:
    """Documents' features: arrays, terms, id and hash."""
    total = 0
    for f in features:
        if f is None:
            continue
        total += 6 * OBJECT_BYTES + array_bytes(f.shingles, f.term_hashes, f.weights, f.names)
        total += strings_bytes((f.id, f.content_hash, f.outlet, *f.terms))
    return total


def articles_bytes(articles: Iterable[Article]) -> int:
    """Cleaned articles: text and metadata (the `extra` fields roughly)."""
    total = 0
    for a in articles:
        total += 4 * OBJECT_BYTES + 4 * len(a.text) // 3
        total += strings_bytes((a.id, a.title, a.published, a.url, a.source, *a.removed))
        total += strings_bytes(str(value) for value in a.extra.values())
    return total
