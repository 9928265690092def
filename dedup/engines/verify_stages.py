"""Verification on partitions: each part verifies the pairs whose first row it holds.

The second rows of a part's pairs live on many parts. Rather than bringing whole parts
together (a worker that meets every pair of parts ends up holding, or re-reading from its
spill directory, every part), each part sends every other part just the rows that part needs,
as light columns (`Columns.take`): one shuffle whose size follows the number of candidate
pairs. A row is sent once to each part that pairs with it, whatever the number of its pairs
there; each extract is made once and read once, so a worker under a memory limit writes it to
disk at most once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from dedup.engines.sizes import OBJECT_BYTES, array_bytes
from dedup.engines.stages import Prepared
from dedup.lsh import I64
from dedup.settings import MatchSettings
from dedup.verify_batch import Columns, verify_rows

F64 = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True, eq=False)
class Extract:
    """Some rows of one part (ascending) as columns, on their way to a part that pairs them."""

    rows: I64
    columns: Columns

    def __sizeof__(self) -> int:
        c = self.columns
        arrays = array_bytes(self.rows, c.features, c.terms, c.signatures, c.days, c.years)
        return OBJECT_BYTES + arrays + array_bytes(c.digests)


@dataclass(frozen=True, slots=True, eq=False)
class Verified:
    """Verified pairs: relation (an index into `RELATIONS`) and score of each."""

    pairs: I64
    relations: npt.NDArray[np.int8]
    scores: F64

    def __sizeof__(self) -> int:
        return OBJECT_BYTES + array_bytes(self.pairs, self.relations, self.scores)


def extract_rows(prepared: Prepared, wanted: Sequence[I64], *, part: int) -> list[Extract | None]:
    """For each part p, the rows of this part (number `part`) that are second rows of
    `wanted[p]`, the pairs whose first row p holds (None for this part itself, which has them
    all)."""
    extracts: list[Extract | None] = []
    for p, pairs in enumerate(wanted):
        if p == part:
            extracts.append(None)
            continue
        rows = np.unique(pairs[:, 1])
        at = np.searchsorted(prepared.rows, rows)
        extracts.append(Extract(rows, prepared.columns.take(at)))
    return extracts


def verify_part(
    prepared: Prepared,
    blocks: Sequence[I64],
    extracts: Sequence[Extract | None],
    *,
    settings: MatchSettings,
) -> Verified:
    """The verdict of every pair whose first row this part holds: `blocks[p]` are those whose
    second row part p holds, found in `extracts[p]` (None: this part itself)."""
    found: list[tuple[I64, npt.NDArray[np.int8], F64]] = []
    for pairs, extract in zip(blocks, extracts, strict=True):
        right = prepared.columns if extract is None else extract.columns
        right_rows = prepared.rows if extract is None else extract.rows
        at_left = np.searchsorted(prepared.rows, pairs[:, 0])
        at_right = np.searchsorted(right_rows, pairs[:, 1])
        codes, scores = verify_rows(prepared.columns, right, (at_left, at_right), settings=settings)
        found.append((pairs, codes, scores))
    if not found:
        return Verified(np.empty((0, 2), np.int64), np.empty(0, np.int8), np.empty(0))
    return Verified(
        np.concatenate([pairs for pairs, _, _ in found]).reshape(-1, 2),
        np.concatenate([codes for _, codes, _ in found]),
        np.concatenate([scores for _, _, scores in found]),
    )
