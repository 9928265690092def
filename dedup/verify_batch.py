"""Verification of many candidate pairs at once: `dedup.verify.evidence`, vectorised.

The same evidence and thresholds as `evidence`, computed over columns of documents instead of
one pair of `Features` at a time: the term cosine is a row-wise product of sparse unit vectors
(scipy), the date and year factors are array arithmetic, and the exact word n-gram Jaccard is
computed only for the pairs whose MinHash estimate comes near the near-duplicate threshold
(every other pair is far below it, so its relation and score do not depend on the exact value).
Each pair's result depends on its two documents only, never on the rest of the batch, so any
split of the pairs into batches (or engines) gives the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from dedup.event_evidence import NO_DAY, event_agreements, share_names
from dedup.settings import MatchSettings
from dedup.verify import RELATIONS
from dedup.verify_columns import NO_SHINGLES, Columns

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
U32 = npt.NDArray[np.uint32]
CODES = npt.NDArray[np.int8]

DUPLICATE, NEAR_DUPLICATE, SAME_EVENT, UNRELATED = (RELATIONS.index(r) for r in RELATIONS)
# A pair's exact Jaccard is computed when its MinHash estimate is at least the near-duplicate
# threshold minus this margin: 4.5 standard errors of a 128-permutation estimate at 0.5.
JACCARD_MARGIN = 0.2
# Pairs per chunk: bounds the memory of the sparse row products (~100 terms a row). Chunks
# whose temporaries stay under glibc's 32 MiB mmap threshold reuse heap memory; at 65,536 pairs
# every chunk mapped fresh pages, and the kernel's page zeroing cost a third as much as the
# products (`benchmarks/` profile, 100k documents).
CHUNK = 1 << 13


def verify_rows(
    left: Columns, right: Columns, rows: tuple[I64, I64], *, settings: MatchSettings
) -> tuple[CODES, F64]:
    """Relation code (index into `RELATIONS`) and score of each pair (left row, right row),
    equal to `evidence` for the same two documents (up to the last bit of the cosine)."""
    first, second = rows
    codes = np.empty(first.size, dtype=np.int8)
    scores = np.empty(first.size, dtype=np.float64)
    for start in range(0, first.size, CHUNK):
        chunk = slice(start, start + CHUNK)
        codes[chunk], scores[chunk] = _verify_chunk(
            left, right, first[chunk], second[chunk], settings=settings
        )
    return codes, scores


def _verify_chunk(
    left: Columns, right: Columns, first: I64, second: I64, *, settings: MatchSettings
) -> tuple[CODES, F64]:
    similarity = np.asarray(
        left.terms[first].multiply(right.terms[second]).sum(axis=1), dtype=np.float64
    ).reshape(-1)
    agreement = event_agreements(
        (left.events[first], left.named[first]),
        (right.events[second], right.named[second]),
        settings=settings,
    )
    dates = _date_factors(left.days[first], right.days[second], settings=settings)
    bonus = np.where(share_names(left.names[first], right.names[second]), settings.name_bonus, 0)
    score = (similarity + bonus) * np.where(agreement > 0, 1.0, dates)
    years_l, years_r = left.years[first], right.years[second]
    named = years_l.any(axis=1) & years_r.any(axis=1)
    disjoint = named & ~(years_l & years_r).any(axis=1)
    score = score * np.where(disjoint, settings.disjoint_years_factor, 1.0)
    factors = np.array(
        [settings.event_disagree_factor, 1.0, settings.event_agree_factor], dtype=np.float64
    )
    score = score * factors[agreement + 1]
    jaccard = _jaccards(left, right, first, second, settings=settings)
    near = jaccard >= settings.near_duplicate_jaccard
    codes = np.where(score >= settings.same_event_score, SAME_EVENT, UNRELATED).astype(np.int8)
    codes[near] = NEAR_DUPLICATE
    final = np.where(near, np.maximum(score, jaccard), score)
    rounded = round4(final)
    for at in np.flatnonzero(left.digests[first] == right.digests[second]).tolist():
        if left.features[first[at]].content_hash == right.features[second[at]].content_hash:
            codes[at], rounded[at] = DUPLICATE, 1.0
    return codes, rounded


def round4(values: F64) -> F64:
    """`round(value, 4)` of each value, the same floats as Python's correctly rounded `round`.

    `rint(v · 10⁴) / 10⁴` is that float except where v · 10⁴ lands next to a half (the product
    itself rounded); those few are rounded by Python.
    """
    scaled = values * 1e4
    rounded: F64 = np.rint(scaled) / 1e4
    near_half = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    for at in np.flatnonzero(near_half | ~np.isfinite(values)).tolist():
        rounded[at] = round(float(values[at]), 4)
    return rounded


def _date_factors(days_l: I64, days_r: I64, *, settings: MatchSettings) -> F64:
    """`date_factor` of each pair, from a table over the distinct gaps (same floats)."""
    known = (days_l != NO_DAY) & (days_r != NO_DAY)
    gaps = np.where(known, np.abs(np.where(known, days_l - days_r, 0)), 0)
    extra = np.maximum(gaps - settings.date_grace_days, 0)
    distinct, inverse = np.unique(extra, return_inverse=True)
    table = np.array(
        [1.0 / (1.0 + settings.date_decay * math.log1p(days)) for days in distinct.tolist()]
    )
    factors = table[inverse.reshape(-1)] if distinct.size else np.ones(0)
    return np.where(known, factors, 1.0)


def _jaccards(
    left: Columns, right: Columns, first: I64, second: I64, *, settings: MatchSettings
) -> F64:
    """Exact shingle Jaccard where the MinHash estimate comes near the threshold, else 0."""
    jaccard = np.zeros(first.size)
    if left.signatures.shape[1] and right.signatures.shape[1]:
        agree = np.count_nonzero(left.signatures[first] == right.signatures[second], axis=1)
        estimate = agree / left.signatures.shape[1]
        close = np.flatnonzero(estimate >= settings.near_duplicate_jaccard - JACCARD_MARGIN)
    else:
        close = np.arange(first.size)
    for start in range(0, close.size, JACCARD_CHUNK):
        at = close[start : start + JACCARD_CHUNK]
        jaccard[at] = exact_jaccards(
            [left.features[i].shingles for i in first[at].tolist()],
            [right.features[j].shingles for j in second[at].tolist()],
        )
    return jaccard


# Pairs whose shingles are merged at once (~700 shingles a pair, 8 bytes each: ~24 MiB).
JACCARD_CHUNK = 1 << 12


def exact_jaccards(lefts: Sequence[U32], rights: Sequence[U32]) -> F64:
    """`shingle_jaccard` of each pair of sorted distinct shingle arrays, all pairs at once.

    Each pair's shingles are tagged with the pair's number and the two sorted runs merged
    (a stable sort of two sorted runs is one linear merge); a shingle both sides hold is two
    equal neighbours, as each side's shingles are distinct.
    """
    sizes_l = np.fromiter(map(len, lefts), np.int64, count=len(lefts))
    sizes_r = np.fromiter(map(len, rights), np.int64, count=len(rights))
    number = np.arange(len(lefts), dtype=np.int64) << 32
    tagged = np.concatenate(
        [
            np.repeat(number, sizes_l) | np.concatenate([*lefts, NO_SHINGLES]),
            np.repeat(number, sizes_r) | np.concatenate([*rights, NO_SHINGLES]),
        ]
    )
    tagged.sort(kind="stable")
    both = tagged[1:][tagged[1:] == tagged[:-1]] >> 32
    shared = np.bincount(both, minlength=len(lefts)).astype(np.float64)
    union = sizes_l + sizes_r - shared
    ratio: F64 = np.divide(
        shared, union, out=np.zeros(len(lefts)), where=(sizes_l > 0) & (sizes_r > 0)
    )
    return ratio
