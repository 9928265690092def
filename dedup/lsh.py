"""LSH banding: band keys from MinHash signatures, and candidate pairs from shared keys.

Band parameters are those datasketch's optimiser picks (equal weight on false positives and
false negatives at the target Jaccard threshold). A band key is a 64-bit digest of the band's
signature slice, its band number and the representation's tag, computed for all documents at
once; keys are plain integers, so an index can store them in an indexed column and a query is a
look-up per key. Candidate pairs come from sorting (key, document) rows: no per-pair Python and
no all-pairs comparison; each document keeps its nearest candidates by shared keys, so the
number of pairs grows linearly with the corpus.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from dedup.banding import optimal_bands

I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]

# Odd 64-bit multiplier (the golden ratio) of the multiply-accumulate digest.
_MIX = np.uint64(0x9E3779B97F4A7C15)


@functools.lru_cache(maxsize=32)
def band_params(*, threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) minimising false positives + false negatives at `threshold`: datasketch's
    choice, computed without scipy (`dedup.banding`)."""
    return optimal_bands(threshold, num_perm)


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


def value_keys(values: I64, *, tag: int, doc_rows: I64 | None = None) -> I64:
    """A (documents × k) array of keys of single values (such as a document's full names, by
    hash; -1 pads a row): equal values under one tag give equal keys, whatever their columns.
    A padding value gets a unique negative sentinel, numbered like `band_keys`' (by `doc_rows`
    when given) but never equal to one of those."""
    width = values.shape[1] if values.ndim == 2 else 0
    with np.errstate(over="ignore"):
        acc = np.uint64(tag) * _MIX + values.astype(np.uint64)
        acc *= _MIX
        acc ^= acc >> np.uint64(29)
        acc *= _MIX
        acc ^= acc >> np.uint64(32)
    keys: I64 = acc.view(np.int64).copy()
    empty = values < 0
    if np.any(empty):
        rows = np.arange(values.shape[0]) if doc_rows is None else np.asarray(doc_rows)
        sentinel = -(rows[:, None] * width + np.arange(width)[None, :] + 1) - (1 << 61)
        keys[empty] = sentinel[empty]
    return keys


def candidate_pairs(
    keys: I64,
    *,
    max_bucket: int,
    top: int | None = None,
    positions: I64 | None = None,
    sampled_bands: int = 0,
    sample: int = 0,
) -> I64:
    """Sorted distinct (i, j) row pairs, i < j, that share a band key of a bucket of at most
    `max_bucket` members; with `top`, only each row's `top` nearest (see `nearest`).

    A bucket with more members is a term or a template shared by too many documents to say
    anything about any two of them: it proposes no pairs, except in the first `sampled_bands`
    band columns (the near-duplicate bands), where it proposes `sample` pairs per member (see
    `bucket_pairs`): a wire story reprinted by hundreds fills such buckets with its copies.
    """
    count, bands = keys.shape
    docs = np.repeat(np.arange(count, dtype=np.int64), bands)
    sampled = np.tile(np.arange(bands) < sampled_bands, count) if sampled_bands else None
    counted = bucket_pairs(
        keys.reshape(-1), docs, count=count, max_bucket=max_bucket, sample=sample, sampled=sampled
    )
    if top is None:
        return counted[:, :2].copy()
    return counted[nearest(counted, top=top, positions=positions), :2].copy()


def bucket_pairs(
    flat_keys: I64,
    docs: I64,
    *,
    count: int,
    max_bucket: int,
    sample: int = 0,
    sampled: npt.NDArray[np.bool_] | None = None,
) -> I64:
    """Counted pairs from (key, row) rows: an (m, 3) array of sorted distinct (i, j, shared),
    i < j, where `shared` is how many of the given keys rows i and j share.

    Every row of a key must be present (a distributed engine sends each key's rows to one
    partition, then adds up the partitions' counts with `merge_counted`); `count` bounds the
    rows (the corpus size). A bucket of at most `max_bucket` members gives all its pairs. A
    larger one gives none, unless its rows are flagged in `sampled` (one flag per given row,
    the same for every row of a key): then each member is paired with `sample` others at most,
    the bucket's first (lowest) row and the next `sample - 1` rows after it, so that a burst of
    hundreds of copies is verified (and grouped) at a cost linear in its size, while a
    template shared by unrelated pages costs a few verified pairs per page.
    """
    if count < 2 or flat_keys.size < 2:
        return np.empty((0, 3), dtype=np.int64)
    order = np.lexsort((docs, flat_keys))
    flat, docs = flat_keys[order], docs[order]
    starts = np.flatnonzero(np.r_[True, flat[1:] != flat[:-1]])
    sizes = np.diff(np.r_[starts, flat.size])
    wanted = (sizes > 1) & (sizes <= max_bucket)
    big = sizes > max_bucket
    if sampled is not None and sample > 0:
        big &= sampled[order][starts]
        linked = _sampled_pairs(docs, starts[big], sizes[big], count=count, sample=sample)
    else:
        linked = _EMPTY
    total = int(np.sum(sizes[wanted] * (sizes[wanted] - 1) // 2)) + linked.size
    # One preallocated array, sorted in place: a corpus's raw pairs are tens of millions.
    encoded = np.empty(total, dtype=np.int64)
    encoded[: linked.size] = linked
    filled = linked.size
    for size in np.unique(sizes[wanted]).tolist():
        group_starts = starts[sizes == size]
        left, right = np.triu_indices(size, k=1)
        # Buckets of one size at a time, a bounded number at once (~64 MiB of pairs).
        step = max(1, _PAIRS_AT_ONCE // left.size)
        for at in range(0, group_starts.size, step):
            members = docs[group_starts[at : at + step, None] + np.arange(size)[None, :]]
            chunk = (members[:, left] * count + members[:, right]).reshape(-1)
            encoded[filled : filled + chunk.size] = chunk
            filled += chunk.size
    # Members are sorted by row; a row given twice under one key would pair with itself.
    encoded = (
        encoded[encoded // count != encoded % count] if _has_repeats(docs, starts) else encoded
    )
    return _count(encoded, None, count=count)


def _sampled_pairs(docs: I64, starts: I64, sizes: I64, *, count: int, sample: int) -> I64:
    """Encoded pairs (i·count + j) of large buckets (rows `docs[start : start + size]`, sorted):
    each member after the first with the first, and with the `sample - 1` members after it."""
    pieces = [docs[np.repeat(starts, sizes - 1)] * count + docs[_ranges(starts + 1, sizes - 1)]]
    for step in range(1, sample):
        lengths = np.maximum(sizes - 1 - step, 0)
        at = _ranges(starts + 1, lengths)
        pieces.append(docs[at] * count + docs[at + step])
    return np.concatenate(pieces)


def _ranges(starts: I64, lengths: I64) -> I64:
    """The positions start, start + 1, … of each (start, length), one range after another."""
    ends = np.cumsum(lengths)
    offsets = np.arange(int(ends[-1]) if ends.size else 0) - np.repeat(ends - lengths, lengths)
    return np.repeat(starts, lengths) + offsets


_PAIRS_AT_ONCE = 1 << 23


def _has_repeats(docs: I64, starts: I64) -> bool:
    """Whether a row occurs twice under one key (rows are sorted within each key)."""
    same = docs[1:] == docs[:-1]
    same[starts[1:] - 1] = False
    return bool(same.any())


def merge_counted(chunks: Sequence[I64], *, count: int) -> I64:
    """Counted pairs from several key partitions, each pair's shared keys added up."""
    joined = np.concatenate([np.reshape(chunk, (-1, 3)) for chunk in chunks] or [_NONE])
    return _count(joined[:, 0] * count + joined[:, 1], joined[:, 2], count=count)


_NONE = np.empty((0, 3), dtype=np.int64)


def _count(encoded: I64, weights: I64 | None, *, count: int) -> I64:
    """Distinct pairs from encoded ones (i·count + j, i < j), with their total weight (or
    multiplicity), as an (m, 3) array sorted by pair. Sorts `encoded` in place."""
    if weights is None:
        encoded.sort()
        starts = (
            np.flatnonzero(np.r_[True, encoded[1:] != encoded[:-1]]) if encoded.size else _EMPTY
        )
        unique = encoded[starts]
        shared = np.diff(np.r_[starts, encoded.size])
    else:
        unique, inverse = np.unique(encoded, return_inverse=True)
        shared = np.bincount(inverse.reshape(-1), weights=weights, minlength=unique.size)
    return np.stack([unique // count, unique % count, shared.astype(np.int64)], axis=1)


_EMPTY = np.empty(0, dtype=np.int64)


UNKNOWN = np.iinfo(np.int64).min
"""A row's position when it has none (see `nearest`)."""
# Distances rank up to 2¹⁴ - 1 (45 years of days); farther, and unknown, tie at the end.
_DISTANCE_BITS = 14
_FAR = (1 << _DISTANCE_BITS) - 1
# Shared keys rank up to 63 (more tie).
_CLOSENESS_BITS = 6 + _DISTANCE_BITS
# Rows for which (own, closeness, other) fits one 63-bit key.
_ONE_KEY_ROWS = 1 << ((63 - _CLOSENESS_BITS) // 2)


def nearest(
    counted: I64,
    *,
    top: int,
    positions: I64 | None = None,
    owned: npt.NDArray[np.bool_] | None = None,
) -> npt.NDArray[np.bool_]:
    """Which counted pairs are among the `top` nearest of either of their rows.

    A row ranks all its pairs by shared keys (most first, up to 63), then, with `positions` (one
    integer per row, such as the publication day; `UNKNOWN` when a row has none), by the
    distance between the two rows' positions (up to 2¹⁴ - 1; unknown: farthest), then by the
    other row. Each row keeps
    at most `top`, so the total is linear in the rows, and a pair stays when either row keeps
    it. Every pair needs all its keys counted (see `merge_counted`); with `owned` (a flag per
    row) only the flagged rows rank, and each must be given all of its pairs: a distributed
    engine ranks each row where it lives and unites the pairs kept.
    """
    size = counted.shape[0]
    keep = np.zeros(size, dtype=bool)
    if not size:
        return keep
    first, second, shared = counted[:, 0], counted[:, 1], counted[:, 2]
    # Rows are ranked a range at a time, each range's pairs (both ends) sorted together:
    # sorting every pair twice at once would take several times the pairs' own memory.
    count = int(max(first.max(), second.max())) + 1
    pieces = 2 * size // _RANKED_AT_ONCE + 1
    bounds = np.linspace(0, count, pieces + 1).astype(np.int64).tolist()
    for low, high in itertools.pairwise(bounds):
        mine = [np.flatnonzero((column >= low) & (column < high)) for column in (first, second)]
        own = np.r_[first[mine[0]], second[mine[1]]]
        other = np.r_[second[mine[0]], first[mine[1]]]
        pair = np.r_[mine[0], mine[1]]
        if owned is not None:
            flagged = owned[own]
            own, other, pair = own[flagged], other[flagged], pair[flagged]
        if positions is None:
            distance = np.zeros(own.size, dtype=np.int64)
        else:
            left, right = positions[own], positions[other]
            known = (left != UNKNOWN) & (right != UNKNOWN)
            distance = np.where(known, np.abs(np.where(known, left - right, 0)), _FAR)
            np.minimum(distance, _FAR, out=distance)
        closeness = (63 - np.minimum(shared[pair], 63)) << _DISTANCE_BITS | distance
        if count <= _ONE_KEY_ROWS:
            # One integer key sorts faster than four keys: (own, closeness, other).
            order = np.argsort((own << _CLOSENESS_BITS | closeness) * count + other)
        else:
            order = np.lexsort((other, closeness, own))
        ranked = own[order]
        starts = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]])
        rank = np.arange(ranked.size) - np.repeat(starts, np.diff(np.r_[starts, ranked.size]))
        keep[pair[order[rank < top]]] = True
    return keep


# Pair ends sorted at once while ranking (about 40 bytes each).
_RANKED_AT_ONCE = 1 << 22
