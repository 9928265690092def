"""LSH banding: band keys from MinHash signatures, and candidate pairs from shared keys.

Band parameters come from datasketch's own optimiser (equal weight on false positives and
false negatives at the target Jaccard threshold). A band key is a 64-bit digest of the band's
signature slice, its band number and the representation's tag, computed for all documents at
once; keys are plain integers, so an index can store them in an indexed column and a query is a
look-up per key. Candidate pairs come from sorting (key, document) rows: no per-pair Python and
no all-pairs comparison.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import numpy.typing as npt

I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]

# Odd 64-bit multiplier (the golden ratio) of the multiply-accumulate digest.
_MIX = np.uint64(0x9E3779B97F4A7C15)


@functools.lru_cache(maxsize=32)
def band_params(*, threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) minimising false positives + false negatives at `threshold`."""
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"LSH threshold must be in (0, 1), got {threshold}")
    # Imported here: datasketch.lsh loads scipy (about 1 s), which `dedup check` cannot afford.
    from datasketch.lsh import _optimal_param

    bands, rows = _optimal_param(threshold, num_perm, 0.5, 0.5)
    return int(bands), int(rows)


def band_keys(
    signatures: npt.NDArray[np.unsignedinteger[Any]],
    *,
    bands: int,
    rows: int,
    tag: int,
    doc_rows: I64 | None = None,
) -> I64:
    """A (documents × bands) array of signed 64-bit band keys (SQLite's INTEGER).

    Equal keys mean equal signature slices in the same band of the same representation (up to
    a 2⁻⁶⁴ chance of collision). A document whose signature is empty gets no usable keys: its
    slices are all at the maximum and would put every empty document in one bucket, so its keys
    are replaced by unique negative sentinels no other document shares, numbered by the
    document's row: its position in `signatures`, or `doc_rows` when the batch is one part of a
    larger corpus (so that sentinels stay unique across parts).
    """
    values = np.asarray(signatures)
    if values.ndim != 2 or values.shape[1] < bands * rows:
        raise ValueError(f"signatures of shape {values.shape} cannot give {bands}×{rows} bands")
    wide = values[:, : bands * rows].astype(np.uint64).reshape(values.shape[0], bands, rows)
    with np.errstate(over="ignore"):
        acc = np.arange(bands, dtype=np.uint64)[None, :] + np.uint64(tag) * _MIX
        acc = np.broadcast_to(acc, wide.shape[:2]).copy()
        for row in range(rows):
            acc *= _MIX
            acc += wide[:, :, row]
        acc ^= acc >> np.uint64(29)
        acc *= _MIX
        acc ^= acc >> np.uint64(32)
    keys: I64 = acc.view(np.int64)
    maximum = np.iinfo(values.dtype).max
    empty = np.all(values == maximum, axis=1)
    if np.any(empty):
        keys = keys.copy()
        docs = np.flatnonzero(empty) if doc_rows is None else np.asarray(doc_rows)[empty]
        sentinel = -(docs[:, None] * bands + np.arange(bands)[None, :] + 1)
        keys[empty] = sentinel.astype(np.int64) - (1 << 62)
    return keys


def candidate_pairs(keys: I64, *, max_bucket: int) -> I64:
    """Sorted distinct (i, j) row pairs, i < j, that share at least one band key.

    A bucket with more than `max_bucket` members is boilerplate or a template shared by many
    pages; its members are paired only with their `max_bucket` successors (by row), which keeps
    the cost linear and still joins true copies, which share many other buckets.
    """
    count, bands = keys.shape
    docs = np.repeat(np.arange(count, dtype=np.int64), bands)
    return bucket_pairs(keys.reshape(-1), docs, count=count, max_bucket=max_bucket)


def bucket_pairs(flat_keys: I64, docs: I64, *, count: int, max_bucket: int) -> I64:
    """`candidate_pairs` from (key, row) rows: sorted distinct pairs of rows sharing a key.

    Every row of a key must be present (a distributed engine sends each key's rows to one
    partition); `count` bounds the rows (the corpus size) and `max_bucket` is as above.
    """
    if count < 2 or flat_keys.size < 2:
        return np.empty((0, 2), dtype=np.int64)
    order = np.lexsort((docs, flat_keys))
    flat, docs = flat_keys[order], docs[order]
    starts = np.flatnonzero(np.r_[True, flat[1:] != flat[:-1]])
    sizes = np.diff(np.r_[starts, flat.size])
    chunks: list[I64] = []
    for size in np.unique(sizes[sizes > 1]):
        group_starts = starts[sizes == size]
        members = docs[group_starts[:, None] + np.arange(size)[None, :]]
        left, right = _pair_offsets(int(size), max_bucket=max_bucket)
        chunks.append(np.stack([members[:, left].ravel(), members[:, right].ravel()], axis=1))
    if not chunks:
        return np.empty((0, 2), dtype=np.int64)
    pairs = np.concatenate(chunks)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    pairs.sort(axis=1)
    encoded = np.unique(pairs[:, 0] * count + pairs[:, 1])
    return np.stack([encoded // count, encoded % count], axis=1)


@functools.lru_cache(maxsize=256)
def _pair_offsets(size: int, *, max_bucket: int) -> tuple[I64, I64]:
    """Positions (a, b), a < b, of the pairs taken from a bucket of `size` sorted members."""
    left, right = np.triu_indices(size, k=1)
    keep = right - left <= max_bucket
    return left[keep].astype(np.int64), right[keep].astype(np.int64)
