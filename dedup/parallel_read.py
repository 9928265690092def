"""Reading, cleaning and representing a corpus on local worker processes that read the input
themselves.

The input is cut into parts as the Dask engine cuts it (`dedup.engines.partitions`: groups of
files, and byte ranges of a large jsonl file); each worker reads, cleans and represents whole
parts (`dedup.engines.stages.load_part`) and sends back features (packed into a few arrays:
`dedup.packed_features`), ids and problems, never text.
The main process then keeps the first document of each id and orders the rest by id
(`dedup.engines.numbering`), so the result and the warnings are those of reading the paths
in order with `dedup.read.read_paths` in one process, for any number of processes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

from dedup.engines.numbering import number_documents
from dedup.engines.partitions import Part, Piece, count_piece_lines, plan_parts
from dedup.engines.stages import Loaded, listing, load_part
from dedup.errors import InputError
from dedup.frequencies import frequency_dict
from dedup.packed_features import PackedFeatures, pack_features, unpack_features
from dedup.read import FieldNames
from dedup.represent import Features
from dedup.settings import MatchSettings
from dedup.workers import default_jobs as default_jobs
from dedup.workers import process_context

# Input bytes per part: small enough that the last parts keep both processes busy to the end,
# large enough that a part's result is worth its round trip (about 2,000 news articles).
PART_BYTES = 4 << 20

_In = TypeVar("_In")
_Out = TypeVar("_Out")


@dataclass(frozen=True, slots=True, eq=False)
class ReadFeatures:
    """The features of the documents read (sorted by id, ids distinct), and the problems that
    skipped documents, in the order `read_paths` meets them (emptied documents last)."""

    features: list[Features]
    warnings: list[InputError]


def read_features(
    paths: Sequence[Path],
    *,
    settings: MatchSettings,
    fields: FieldNames,
    strict: bool,
    jobs: int,
    part_bytes: int = PART_BYTES,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> ReadFeatures:
    """Read, clean and represent the documents under `paths` on `jobs` processes (one: in this
    process). With `strict`, the first problem is raised instead of listed."""
    # A corpus meets many thousands of distinct words: the whole frequency list is worth
    # building, once, before the workers fork from this process.
    frequency_dict()
    if jobs <= 1:
        return _read(paths, None, settings, fields, strict, part_bytes, progress)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=process_context()) as pool:
        return _read(paths, pool, settings, fields, strict, part_bytes, progress)


def _read(
    paths: Sequence[Path],
    pool: Executor | None,
    settings: MatchSettings,
    fields: FieldNames,
    strict: bool,
    part_bytes: int,
    progress: Callable[[int, int], None],
) -> ReadFeatures:
    def count_lines(pieces: Sequence[Piece]) -> list[int | None]:
        return _map(pool, count_piece_lines, pieces)

    parts = plan_parts(list(paths), part_bytes=part_bytes, count_lines=count_lines)
    if pool is None:
        load = partial(load_part, fields=fields, strict=strict, settings=settings)
        loaded: list[Loaded] = _map(pool, load, parts, progress=progress)
    else:
        sent = partial(_load_packed, fields=fields, strict=strict, settings=settings)
        loaded = [_unpacked(part) for part in _map(pool, sent, parts, progress=progress)]
    numbering = number_documents([listing(part) for part in loaded], strict=strict)
    features: list[Features | None] = [None] * len(numbering.ids)
    for part, rows in zip(loaded, numbering.rows, strict=True):
        for found, row in zip(part.features, rows.tolist(), strict=True):
            if row >= 0:
                features[row] = found
    return ReadFeatures([found for found in features if found is not None], numbering.warnings)


def _load_packed(
    part: Part, *, fields: FieldNames, strict: bool, settings: MatchSettings
) -> tuple[Loaded, PackedFeatures]:
    """`load_part` in a worker, its features packed for the way back (`dedup.packed_features`)."""
    loaded = load_part(part, fields=fields, strict=strict, settings=settings)
    features = pack_features(loaded.features)
    return Loaded(loaded.ids, loaded.sources, [], loaded.problems), features


def _unpacked(sent: tuple[Loaded, PackedFeatures]) -> Loaded:
    loaded, features = sent
    return Loaded(loaded.ids, loaded.sources, unpack_features(features), loaded.problems)


def _map(
    pool: Executor | None,
    function: Callable[[_In], _Out],
    items: Sequence[_In],
    *,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> list[_Out]:
    """`function` of each item, in order: on the pool when there is one and more than one item."""
    results: list[_Out] = []
    progress(0, len(items))
    outputs = (
        pool.map(function, items) if pool is not None and len(items) > 1 else map(function, items)
    )
    for result in outputs:
        results.append(result)
        progress(len(results), len(items))
    return results
