"""Many documents' `Features` as a few arrays, for sending from a worker process and back.

Pickling a list of `Features` pickles each document's arrays one by one (a header and a call
each, three arrays a document), and unpickling them is work for the one process that gathers
every part. Packed, each array field of a part is one array of all its documents' values and
one of where each document starts, and every other field one list: a handful of objects
whatever the number of documents. Unpacked, each document's arrays are views into those.

The fields are found from `Features` itself, so a field added to it travels too: a field whose
values are all one-dimensional arrays of one dtype is packed as an array, any other as a list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from itertools import pairwise
from typing import Any

import numpy as np
import numpy.typing as npt

from dedup.represent import Features

I64 = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True, eq=False)
class PackedFeatures:
    """The features of a part's documents: `kept` says which documents have features (not
    emptied by cleaning); `arrays` maps a field to (its values, one after the other; each kept
    document's start, and the end); `lists` maps every other field to one value per kept
    document."""

    kept: list[bool]
    arrays: dict[str, tuple[npt.NDArray[Any], I64]]
    lists: dict[str, list[Any]]


def pack_features(documents: Sequence[Features | None]) -> PackedFeatures:
    """The features of `documents` (None: a document without features), packed."""
    present = [found for found in documents if found is not None]
    arrays: dict[str, tuple[npt.NDArray[Any], I64]] = {}
    lists: dict[str, list[Any]] = {}
    for field in fields(Features):
        values = [getattr(found, field.name) for found in present]
        if values and _same_kind_arrays(values):
            sizes = np.fromiter((value.size for value in values), dtype=np.int64, count=len(values))
            starts = np.zeros(len(values) + 1, dtype=np.int64)
            np.cumsum(sizes, out=starts[1:])
            arrays[field.name] = (np.concatenate(values), starts)
        else:
            lists[field.name] = values
    return PackedFeatures([found is not None for found in documents], arrays, lists)


def unpack_features(packed: PackedFeatures) -> list[Features | None]:
    """The documents' features again (None where a document had none); arrays are views."""
    columns: dict[str, Sequence[Any]] = dict(packed.lists)
    for name, (values, starts) in packed.arrays.items():
        columns[name] = [values[start:end] for start, end in pairwise(starts.tolist())]
    names = list(columns)
    rows = iter(zip(*(columns[name] for name in names), strict=True))
    return [
        Features(**dict(zip(names, next(rows), strict=True))) if kept else None
        for kept in packed.kept
    ]


def _same_kind_arrays(values: list[Any]) -> bool:
    first = values[0]
    return isinstance(first, np.ndarray) and all(
        isinstance(value, np.ndarray) and value.ndim == 1 and value.dtype == first.dtype
        for value in values
    )
