"""`dedup index add --engine dask`: workers read, clean and prepare entries; the client commits.

Per part, a worker reads and cleans the articles (kept on the worker) and sends the client their
ids and content hashes only. The client decides, in reading order, what the local `index add`
would do with each document: skip a duplicate id or an emptied document with a warning, count an
unchanged one, prepare a changed or new one (`dedup.index_plan`, shared with the local command).
The worker then prepares and packs the entries of those with `dedup.indexing.prepare` and
`packed_entries`, the local functions, and the client stores them with `Index.add_packed` in the
same batches of `batch_size` documents as the local command, so the index file is the same:
documents, row numbers, keys, features, frequencies and counts.

At most `window` parts are in flight at once, and the client holds one part's entries and the
unfinished batch: memory is bounded by the part size on both sides. Every batch is committed as
soon as its part arrives, so an interrupted run keeps them all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dedup.engines.dask_client import Runner, dask_module
from dedup.engines.dask_engine import DaskOptions, running
from dedup.engines.partitions import Piece, count_piece_lines, plan_parts
from dedup.engines.sizes import strings_bytes
from dedup.errors import InputError
from dedup.index import Index
from dedup.index_plan import (
    Batches,
    LoadedArticles,
    Plan,
    list_articles,
    load_articles,
    plan_part,
    replay,
)
from dedup.index_rows import PackedEntry
from dedup.index_writes import AddResult
from dedup.indexing import Bands, packed_entries, prepare
from dedup.read import DEFAULT_FIELDS, FieldNames
from dedup.settings import MatchSettings

OnBatch = Callable[[AddResult], None]
DEFAULT_OPTIONS = DaskOptions()


@dataclass(frozen=True, slots=True, eq=False)
class PartEntries:
    """Packed index entries of one part's new and changed documents, by ordinal."""

    entries: dict[int, PackedEntry]

    def __sizeof__(self) -> int:
        return sum(
            sum(len(v) for v in e.columns if isinstance(v, bytes | str))
            + e.band_keys.nbytes
            + strings_bytes(e.terms)
            + sum(len(value) for _name, value in e.signatures)
            for e in self.entries.values()
        )


def part_entries(
    loaded: LoadedArticles,
    ordinals: Sequence[int],
    hashes: Sequence[str],
    *,
    settings: MatchSettings,
    bands: Bands,
) -> PartEntries:
    """The packed index entries of the articles at `ordinals` (content hashes `hashes`), as the
    local `index add` makes them."""
    articles = [loaded.articles[o] for o in ordinals]
    made = packed_entries(prepare(articles, settings=settings, bands=bands), hashes=hashes)
    return PartEntries(dict(zip(ordinals, made, strict=True)))


def add_paths_dask(
    index: Index,
    paths: Sequence[Path],
    *,
    settings: MatchSettings,
    options: DaskOptions = DEFAULT_OPTIONS,
    batch_size: int = 1000,
    fields: FieldNames = DEFAULT_FIELDS,
    strict: bool = False,
    on_warning: Callable[[InputError], None] = lambda problem: None,
    on_batch: OnBatch | None = None,
) -> AddResult:
    """`add_articles(index, <the cleaned, non-empty articles under paths>, ...)` on Dask: the
    same index and the same counts, with the text read and prepared on the workers."""
    with running(options) as runner:
        return run_index_add(
            runner,
            index,
            paths,
            settings=settings,
            part_bytes=options.part_bytes,
            batch_size=batch_size,
            fields=fields,
            strict=strict,
            on_warning=on_warning,
            on_batch=on_batch,
        )


def run_index_add(
    runner: Runner,
    index: Index,
    paths: Sequence[Path],
    *,
    settings: MatchSettings,
    part_bytes: int,
    batch_size: int = 1000,
    fields: FieldNames = DEFAULT_FIELDS,
    strict: bool = False,
    on_warning: Callable[[InputError], None] = lambda problem: None,
    on_batch: OnBatch | None = None,
    window: int | None = None,
) -> AddResult:
    """`add_paths_dask` on the client of `runner`; at most `window` parts in flight (default:
    two per worker)."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be positive, got {batch_size}")
    client = runner.client
    delayed = dask_module("dask").delayed

    def count_lines(pieces: Sequence[Piece]) -> list[int | None]:
        tasks = [delayed(count_piece_lines)(piece) for piece in pieces]
        return runner.compute(tasks, stage="counting jsonl lines") if tasks else []

    def prepare_later(load: Any, ordinals: list[int], listed: Any) -> Any:
        hashes = [listed.hashes[n] for n in ordinals]
        return client.submit(part_entries, load, ordinals, hashes, settings=settings, bands=bands)

    parts = plan_parts(list(paths), part_bytes=part_bytes, count_lines=count_lines)
    ahead = window or max(2, 2 * len(client.scheduler_info()["workers"]))
    bands = Bands.of_index(index)
    batches = Batches(index, batch_size=batch_size, on_batch=on_batch)
    with index.bulk():
        loads: dict[int, tuple[Any, Any]] = {}
        plans: dict[int, tuple[Plan, Any]] = {}
        seen: dict[str, str] = {}
        submitted = decided = 0
        for at in range(len(parts)):
            while submitted < min(len(parts), at + ahead):
                load = client.submit(load_articles, parts[submitted], fields=fields, strict=strict)
                loads[submitted] = (load, client.submit(list_articles, load, parts[submitted]))
                submitted += 1
            # Decide about the parts whose listing is in, in order; wait for this one only.
            while decided < submitted and (decided == at or loads[decided][1].done()):
                load, listed = loads.pop(decided)
                listing = runner.result(listed, stage="reading")
                plan = plan_part(index, listing, seen=seen, strict=strict)
                changed = plan.changed()
                plans[decided] = (plan, prepare_later(load, changed, listing) if changed else None)
                decided += 1
            plan, future = plans.pop(at)
            made = (
                {}
                if future is None
                else runner.result(future, stage="preparing index entries").entries
            )
            replay(plan, made, batches, strict=strict, on_warning=on_warning)
        batches.flush()
    return batches.total
