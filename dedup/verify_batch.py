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
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt
import scipy.sparse as sparse

from dedup.event_evidence import (
    NO_DAY,
    NO_NAME,
    event_agreements,
    padded,
    share_names,
    widened,
)
from dedup.represent import Features
from dedup.settings import MatchSettings
from dedup.verify import RELATIONS, Vector

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
U32 = npt.NDArray[np.uint32]
CODES = npt.NDArray[np.int8]

DUPLICATE, NEAR_DUPLICATE, SAME_EVENT, UNRELATED = (RELATIONS.index(r) for r in RELATIONS)
# A pair's exact Jaccard is computed when its MinHash estimate is at least the near-duplicate
# threshold minus this margin: 4.5 standard errors of a 128-permutation estimate at 0.5.
JACCARD_MARGIN = 0.2
FIRST_YEAR, LAST_YEAR = 1950, 2039
# Pairs per chunk: bounds the memory of the sparse row products (~100 terms a row). Chunks
# whose temporaries stay under glibc's 32 MiB mmap threshold reuse heap memory; at 65,536 pairs
# every chunk mapped fresh pages, and the kernel's page zeroing cost a third as much as the
# products (`benchmarks/` profile, 100k documents).
CHUNK = 1 << 13


class Verifiable(Protocol):
    """What verification reads of a document besides its columns."""

    @property
    def shingles(self) -> U32: ...

    @property
    def content_hash(self) -> str: ...


class Rows(Protocol):
    """Documents by row: features, or `Packed` rows."""

    def __len__(self) -> int: ...

    def __getitem__(self, row: int, /) -> Verifiable: ...


@dataclass(frozen=True, slots=True)
class PackedRow:
    """One row of `Packed`."""

    shingles: U32
    content_hash: str


@dataclass(frozen=True, slots=True, eq=False)
class Packed:
    """Shingles and content hashes of some documents in three arrays: what `Columns.take`
    keeps of their features, cheap to pickle and to measure."""

    shingles: U32
    bounds: I64
    hashes: npt.NDArray[np.bytes_]

    @classmethod
    def of(cls, rows: Sequence[Verifiable]) -> Packed:
        """The rows' shingles, end to end, and their hashes."""
        sizes = np.fromiter((r.shingles.size for r in rows), np.int64, count=len(rows))
        return cls(
            np.concatenate([r.shingles for r in rows] or [_NO_SHINGLES]),
            np.r_[0, np.cumsum(sizes)],
            np.array([r.content_hash.encode("ascii") for r in rows], dtype=np.bytes_),
        )

    @classmethod
    def concat(cls, parts: Sequence[Packed]) -> Packed:
        """The rows of `parts`, one after the other."""
        offsets = np.cumsum([0, *(part.shingles.size for part in parts)])
        return cls(
            np.concatenate([part.shingles for part in parts] or [_NO_SHINGLES]),
            np.r_[0, *(part.bounds[1:] + at for part, at in zip(parts, offsets, strict=False))],
            np.concatenate([part.hashes for part in parts] or [np.empty(0, np.bytes_)]),
        )

    @property
    def nbytes(self) -> int:
        return int(self.shingles.nbytes + self.bounds.nbytes + self.hashes.nbytes)

    def __len__(self) -> int:
        return int(self.hashes.size)

    def __getitem__(self, row: int, /) -> PackedRow:
        begin, end = self.bounds[row], self.bounds[row + 1]
        return PackedRow(self.shingles[begin:end], self.hashes[row].decode("ascii"))


@dataclass(frozen=True, slots=True, eq=False)
class Columns:
    """The documents of one batch as columns: what verification reads, one row per document."""

    features: Rows
    terms: sparse.csr_matrix
    signatures: npt.NDArray[np.uint16]
    days: I64
    years: npt.NDArray[np.uint64]
    digests: I64
    events: I64
    named: I64
    names: I64

    @classmethod
    def of(
        cls,
        features: Sequence[Features],
        vectors: Sequence[Vector],
        *,
        signatures: U32 | None,
        vocabulary: U32,
    ) -> Columns:
        """Columns of `features` with their term `vectors` and shingle MinHash `signatures`
        (None: every pair's exact Jaccard is computed, for a few pairs).

        `vocabulary`: sorted term hashes holding every term of the vectors; `Columns` verified
        against each other must share it. Any such vocabulary gives the same results: a row's
        terms keep their hash order, so each product is summed in the same order.
        """
        lengths = np.fromiter((v.hashes.size for v in vectors), np.int64, count=len(vectors))
        indptr = np.r_[0, np.cumsum(lengths)]
        hashes = np.concatenate([v.hashes for v in vectors] or [np.empty(0, np.uint32)])
        values = np.concatenate([v.values for v in vectors] or [np.empty(0)])
        columns = np.searchsorted(vocabulary, hashes)
        terms = sparse.csr_matrix(
            (values, columns, indptr), shape=(len(vectors), max(vocabulary.size, 1))
        )
        days = np.fromiter(
            (NO_DAY if f.day is None else f.day for f in features), np.int64, count=len(features)
        )
        return cls(
            features,
            terms,
            # The low 16 bits of each value: enough to estimate a Jaccard similarity (a chance
            # agreement costs 2⁻¹⁶), at an eighth of the memory traffic of 128 uint64 values.
            np.empty((len(features), 0), dtype=np.uint16)
            if signatures is None
            else np.asarray(signatures).astype(np.uint16),
            days,
            np.array([_year_bits(f.years) for f in features], dtype=np.uint64).reshape(-1, 2),
            np.fromiter((int(f.content_hash[:15], 16) for f in features), np.int64, len(features)),
            np.fromiter(
                (NO_DAY if f.event_day is None else f.event_day for f in features),
                np.int64,
                count=len(features),
            ),
            padded([f.named_days for f in features]),
            padded([v.names.tolist() for v in vectors], fill=NO_NAME),
        )

    @classmethod
    def concat(cls, parts: Sequence[Columns]) -> Columns:
        """The rows of `parts` (taken columns, sharing a vocabulary), one after the other."""
        packed = [part.features for part in parts]
        if not all(isinstance(rows, Packed) for rows in packed):
            raise TypeError("only taken columns (Packed rows) are joined")
        return Columns(
            Packed.concat([rows for rows in packed if isinstance(rows, Packed)]),
            sparse.vstack([part.terms for part in parts], format="csr"),
            np.concatenate([part.signatures for part in parts]),
            np.concatenate([part.days for part in parts]),
            np.concatenate([part.years for part in parts]),
            np.concatenate([part.digests for part in parts]),
            np.concatenate([part.events for part in parts]),
            widened([part.named for part in parts]),
            widened([part.names for part in parts], fill=NO_NAME),
        )

    def arrays(self) -> tuple[object, ...]:
        """The arrays the columns hold (what they weigh in memory)."""
        return (
            self.features,
            self.terms,
            self.signatures,
            self.days,
            self.years,
            self.digests,
            self.events,
            self.named,
            self.names,
        )

    def take(self, at: I64) -> Columns:
        """The rows at positions `at`, as columns verified the same way against any others,
        their features packed (`Packed`): a few arrays, however many rows."""
        return Columns(
            Packed.of([self.features[i] for i in at.tolist()]),
            self.terms[at],
            self.signatures[at],
            self.days[at],
            self.years[at],
            self.digests[at],
            self.events[at],
            self.named[at],
            self.names[at],
        )


def _year_bits(years: frozenset[int]) -> tuple[int, int]:
    """The years 1950–2039 as two 64-bit masks (years outside never occur, see represent)."""
    bits = 0
    for year in years:
        if FIRST_YEAR <= year <= LAST_YEAR:
            bits |= 1 << (year - FIRST_YEAR)
    return bits & ((1 << 64) - 1), bits >> 64


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
            np.repeat(number, sizes_l) | np.concatenate([*lefts, _NO_SHINGLES]),
            np.repeat(number, sizes_r) | np.concatenate([*rights, _NO_SHINGLES]),
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


_NO_SHINGLES = np.empty(0, dtype=np.uint32)
