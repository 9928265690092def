"""The documents of a batch as columns: what batch verification (`dedup.verify_batch`) reads.

One row per document: the sparse term vectors, the low bits of the shingle MinHash signatures,
publication and event days, the years and days named, the full names, and the features (or,
for rows taken out of a batch, their shingles and content hashes packed into a few arrays,
cheap to pickle and to send to a worker). Columns that share a vocabulary verify against each
other the same way whichever batch or engine built them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt
import scipy.sparse as sparse

from dedup.event_evidence import NO_DAY, NO_NAME, padded, widened
from dedup.represent import Features
from dedup.verify import Vector

I64 = npt.NDArray[np.int64]
U32 = npt.NDArray[np.uint32]

FIRST_YEAR, LAST_YEAR = 1950, 2039
NO_SHINGLES = np.empty(0, dtype=np.uint32)


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
            np.concatenate([r.shingles for r in rows] or [NO_SHINGLES]),
            np.r_[0, np.cumsum(sizes)],
            np.array([r.content_hash.encode("ascii") for r in rows], dtype=np.bytes_),
        )

    @classmethod
    def concat(cls, parts: Sequence[Packed]) -> Packed:
        """The rows of `parts`, one after the other."""
        offsets = np.cumsum([0, *(part.shingles.size for part in parts)])
        return cls(
            np.concatenate([part.shingles for part in parts] or [NO_SHINGLES]),
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
