"""`dedup index add` on this machine's cores: workers read, clean and pack; this process writes.

The input is cut into parts as for clustering (`dedup.engines.partitions`). A worker process
reads and cleans a part, hashes each document once, and prepares and packs the entries
(`dedup.index_rows`) of the documents the index does not already hold unchanged, which it asks
a read-only connection of its own (only when the index held documents as the run started).
This process decides in reading order what the one-process `index add` does with each document
(`dedup.index_plan`) and commits the same batches: the index file is the same for any number of
processes, and it does nothing but write. At most two parts per worker are in flight, so memory
stays bounded when writing is the slower side.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TypeVar

from dedup.engines.partitions import Part, Piece, count_piece_lines, plan_parts
from dedup.errors import InputError
from dedup.frequencies import frequency_dict
from dedup.index import Index
from dedup.index_plan import (
    ArticleListing,
    Batches,
    OnBatch,
    list_articles,
    load_articles,
    plan_part,
    replay,
)
from dedup.index_reads import stored_hashes
from dedup.index_rows import PackedEntry
from dedup.index_writes import AddResult
from dedup.indexing import Bands, packed_entries, prepare
from dedup.parallel_read import PART_BYTES
from dedup.read import DEFAULT_FIELDS, FieldNames
from dedup.represent import BATCH
from dedup.settings import MatchSettings
from dedup.workers import process_context, start_worker, stop_pool

_In = TypeVar("_In")
_Out = TypeVar("_Out")
# Parts in flight per worker: one being prepared, one waiting to be written.
_AHEAD = 2


@dataclass(frozen=True, slots=True, eq=False)
class PreparedPart:
    """A part read and listed, with the packed entries of the documents the worker found new
    or changed, by ordinal in the part."""

    listing: ArticleListing
    entries: dict[int, PackedEntry]


def prepare_part(
    part: Part,
    *,
    fields: FieldNames,
    strict: bool,
    settings: MatchSettings,
    bands: Bands,
    lookup: Path | None,
    only: Sequence[int] | None = None,
) -> PreparedPart:
    """Read, clean, list and prepare one part. The entries made are those of `only` (ordinals)
    when given, else of every non-empty document that the index at `lookup` (None: an index that
    held nothing) does not hold with the same content hash."""
    loaded = load_articles(part, fields=fields, strict=strict)
    listing = list_articles(loaded, part)
    if only is None:
        stored = stored_hashes(lookup, listing.ids) if lookup is not None else {}
        pairs = zip(listing.ids, listing.hashes, strict=True)
        only = [
            n for n, (doc_id, digest) in enumerate(pairs) if digest and stored.get(doc_id) != digest
        ]
    entries: dict[int, PackedEntry] = {}
    wanted = iter(only)
    while chunk := list(islice(wanted, BATCH)):
        prepared = prepare([loaded.articles[n] for n in chunk], settings=settings, bands=bands)
        made = packed_entries(prepared, hashes=[listing.hashes[n] for n in chunk])
        entries.update(zip(chunk, made, strict=True))
    return PreparedPart(listing, entries)


def add_paths(
    index: Index,
    paths: Sequence[Path],
    *,
    settings: MatchSettings,
    jobs: int,
    batch_size: int = 1000,
    fields: FieldNames = DEFAULT_FIELDS,
    strict: bool = False,
    on_warning: Callable[[InputError], None] = lambda problem: None,
    on_batch: OnBatch | None = None,
    part_bytes: int = PART_BYTES,
) -> AddResult:
    """`add_articles(index, <the cleaned, non-empty articles under paths>, ...)` with the reading
    and preparing on `jobs` processes (one: in this process): the same index and counts."""
    batches = Batches(index, batch_size=batch_size, on_batch=on_batch)
    prepare_one = partial(
        prepare_part,
        fields=fields,
        strict=strict,
        settings=settings,
        bands=Bands.of_index(index),
        lookup=index.path if index.count() else None,
    )
    seen: dict[str, str] = {}
    with _workers(jobs) as pool, index.bulk():

        def count_lines(pieces: Sequence[Piece]) -> list[int | None]:
            return list(_in_order(pool, count_piece_lines, pieces, ahead=len(pieces)))

        parts = plan_parts(list(paths), part_bytes=part_bytes, count_lines=count_lines)
        prepared = _in_order(pool, prepare_one, parts, ahead=_AHEAD * jobs)
        for part, done in zip(parts, prepared, strict=True):
            plan = plan_part(index, done.listing, seen=seen, strict=strict)
            made = done.entries
            missing = [n for n in plan.changed() if n not in made]
            if missing:  # another process changed the index since the worker looked
                made = made | prepare_one(part, only=missing).entries
            replay(plan, made, batches, strict=strict, on_warning=on_warning)
        batches.flush()
    return batches.total


class _workers:  # noqa: N801 (a context manager, named as the functions that make one are)
    """A pool of `jobs` worker processes (None for one job), stopped at once on an error or an
    interrupt: unfinished parts are never written, so waiting for them would only delay exit."""

    def __init__(self, jobs: int) -> None:
        self._pool: ProcessPoolExecutor | None = None
        if jobs > 1:
            # Built before the workers fork, so they share it instead of each building it.
            frequency_dict()
            self._pool = ProcessPoolExecutor(
                max_workers=jobs, mp_context=process_context(), initializer=start_worker
            )

    def __enter__(self) -> ProcessPoolExecutor | None:
        return self._pool

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if self._pool is not None:
            stop_pool(self._pool, finished=kind is None)


def _in_order(
    pool: ProcessPoolExecutor | None,
    function: Callable[[_In], _Out],
    items: Sequence[_In],
    *,
    ahead: int,
) -> Iterator[_Out]:
    """`function` of each item, in order, with at most `ahead` items submitted and unread."""
    if pool is None:
        yield from map(function, items)
        return
    pending: deque[Future[_Out]] = deque()
    upcoming = iter(items)
    for item in islice(upcoming, max(ahead, 1)):
        pending.append(pool.submit(function, item))
    while pending:
        result = pending.popleft().result()
        for item in islice(upcoming, 1):
            pending.append(pool.submit(function, item))
        yield result
