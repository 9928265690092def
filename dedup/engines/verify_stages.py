"""Verification on partitions: each part verifies the pairs whose first row it holds.

The second rows of a part's pairs live on many parts. Rather than bringing whole parts
together (a worker that meets every pair of parts ends up holding, or re-reading from its
spill directory, every part), each part sends every other part just the rows that part needs,
packed (`Columns.take`: a few arrays): one shuffle whose size follows the number of candidate
pairs. A row is sent once to each part that pairs with it, whatever the number of its pairs
there. The pairs of each (part, partner part) block are verified by one task, holding that
part and one extract; each extract is made once and read once, so a worker under a memory
limit writes it to disk at most once.
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
from dedup.verify_batch import verify_rows
from dedup.verify_columns import Columns

F64 = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True, eq=False)
class Extract:
    """Some rows of one part (ascending) as columns, on their way to a part that pairs them."""

    rows: I64
    columns: Columns

    def __sizeof__(self) -> int:
        return OBJECT_BYTES + array_bytes(self.rows, *self.columns.arrays())


@dataclass(frozen=True, slots=True, eq=False)
class Verified:
    """Verified pairs: relation (an index into `RELATIONS`) and score of each."""

    pairs: I64
    relations: npt.NDArray[np.int8]
    scores: F64

    def __sizeof__(self) -> int:
        return OBJECT_BYTES + array_bytes(self.pairs, self.relations, self.scores)


def extract_rows(prepared: Prepared, pairs: I64) -> Extract:
    """The rows of this part that are second rows of `pairs` (a block of another part)."""
    rows = np.unique(pairs[:, 1])
    return Extract(rows, prepared.columns.take(np.searchsorted(prepared.rows, rows)))


def block_sizes(blocks: Sequence[I64]) -> list[int]:
    """How many pairs each block holds (the client leaves out the empty ones)."""
    return [len(pairs) for pairs in blocks]


def verify_block(
    prepared: Prepared, pairs: I64, partners: Extract | None, *, settings: MatchSettings
) -> Verified:
    """The verdict of each pair whose first row this part holds and second row `partners`
    holds (None: this part too). A task holds one part and one extract."""
    right = prepared.columns if partners is None else partners.columns
    right_rows = prepared.rows if partners is None else partners.rows
    at_left = np.searchsorted(prepared.rows, pairs[:, 0])
    at_right = np.searchsorted(right_rows, pairs[:, 1])
    codes, scores = verify_rows(prepared.columns, right, (at_left, at_right), settings=settings)
    return Verified(pairs, codes, scores)
