"""Numbering the documents of a partitioned corpus the way the local engine does.

The client sees ids and problems only (never text). It keeps the first document of each id in
reading order, drops the ones cleaning emptied, and numbers the rest by sorted id: the row order
on which every later tie-break depends. It also orders the warnings as `read_paths` and the CLI
report them: read problems and duplicate ids in reading order, then emptied documents.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from dedup.copies import first_copies
from dedup.engines.stages import Listing
from dedup.errors import InputError
from dedup.lsh import I64
from dedup.read import duplicate_id


@dataclass(frozen=True, slots=True, eq=False)
class Numbering:
    """Rows of the kept documents: `ids` by row, each part's row per article read (-1 when
    skipped), the part holding each row, and the problems that skipped documents."""

    ids: list[str]
    rows: list[I64]
    home: npt.NDArray[np.int32]
    warnings: list[InputError]

    def ordinals(self, ids: Iterable[str]) -> dict[int, list[int]]:
        """Where the documents with `ids` were read: part → ordinals within it."""
        wanted = {bisect_left(self.ids, doc_id) for doc_id in ids}
        found: dict[int, list[int]] = {}
        for part, rows in enumerate(self.rows):
            at = np.flatnonzero(np.isin(rows, list(wanted)))
            if at.size:
                found[part] = at.tolist()
        return found


def number_documents(listings: Sequence[Listing], *, strict: bool) -> Numbering:
    """Number the documents of all parts; in strict mode the first problem is raised."""
    first_source: dict[str, str] = {}
    warnings: list[InputError] = []
    kept: list[tuple[str, int, int]] = []
    emptied: list[InputError] = []
    for part, listed in enumerate(listings):
        problems = sorted(listed.problems, key=lambda problem: problem.ordinal)
        at = 0
        for ordinal, (doc_id, source) in enumerate(zip(listed.ids, listed.sources, strict=True)):
            while at < len(problems) and problems[at].ordinal <= ordinal:
                warnings.append(problems[at].error())
                at += 1
            where = first_source.get(doc_id)
            if where is not None:
                warnings.append(duplicate_id(doc_id, source, first=where))
                continue
            first_source[doc_id] = source
            if listed.empty[ordinal]:
                emptied.append(InputError(source, "empty document after removing page junk"))
            else:
                kept.append((doc_id, part, ordinal))
        warnings.extend(problem.error() for problem in problems[at:])
    warnings.extend(emptied)
    if strict and warnings:
        raise warnings[0]
    kept.sort()
    rows = [np.full(len(listed.ids), -1, dtype=np.int64) for listed in listings]
    home = np.empty(len(kept), dtype=np.int32)
    for row, (_, part, ordinal) in enumerate(kept):
        rows[part][ordinal] = row
        home[row] = part
    return Numbering([doc_id for doc_id, _, _ in kept], rows, home, warnings)


def copies_by_row(listings: Sequence[Listing], numbering: Numbering) -> I64:
    """Each row's first exact copy (`dedup.copies.first_copies` in row order)."""
    keys = [b""] * len(numbering.ids)
    for listed, rows in zip(listings, numbering.rows, strict=True):
        for ordinal, row in enumerate(rows.tolist()):
            if row >= 0:
                keys[row] = listed.copy_keys[ordinal]
    return first_copies(keys)
