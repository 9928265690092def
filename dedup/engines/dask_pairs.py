"""The Dask engine's candidate pairs and their verification, as task graphs.

Candidates: (band key, row) rows shuffled by key; each key's bucket gives its pairs with their
shared keys, counted over all keys at the first row's part; each part ranks its rows' pairs and
keeps each row's nearest; the kept pairs are grouped in blocks by the parts holding their two
rows. Verification: for each non-empty block, one task cuts the rows it needs out of the
partner part (`verify_stages.extract_rows`), and another verifies the block with its part and
that extract.

Every level of the shuffles is persisted before the next is built: a delayed call walks (and
culls) the whole graph behind its arguments, so a graph built in one go would cost the client
time growing with the cube of the part count (and more).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from dedup.engines.dask_client import Runner, dask_module
from dedup.engines.stages import (
    block_pairs,
    bucket_candidates,
    count_pairs,
    days_of,
    key_rows,
    part_days,
    rank_pairs,
    route_pairs,
)
from dedup.engines.verify_stages import Verified, block_sizes, extract_rows, verify_block
from dedup.settings import MatchSettings


def candidate_blocks(
    runner: Runner,
    prepared: list[Any],
    *,
    home: npt.NDArray[np.int32],
    copy_of: npt.NDArray[np.int64],
    settings: MatchSettings,
) -> list[Any]:
    """Per part a (persisted): the candidate pairs whose first row it holds, by the part
    holding their second row (a tuple of arrays). Only first copies (`copy_of`) take part."""
    delayed = dask_module("dask").delayed
    width, count = len(prepared), int(home.size)
    sent, days, firsts = runner.persist(
        [
            delayed(home, pure=True),
            delayed(days_of)([delayed(part_days)(part) for part in prepared], count=count),
            delayed(copy_of, pure=True),
        ],
        stage="numbering rows",
    )

    def by_first_row(pairs: Any) -> Any:
        """The pairs grouped by the part holding their first row (a task)."""
        return delayed(route_pairs, nout=width)(pairs, home=sent, column=0, parts=width)

    split = runner.persist(
        [
            delayed(key_rows, nout=width)(part, parts=width, copy_of=firsts, settings=settings)
            for part in prepared
        ],
        stage="finding candidates",
    )
    routed = runner.persist(
        [
            by_first_row(
                delayed(bucket_candidates)(
                    [split[m][d] for m in range(width)], count=count, settings=settings
                )
            )
            for d in range(width)
        ],
        stage="finding candidates",
    )
    del split
    counted = runner.persist(
        [
            delayed(count_pairs, nout=width)(
                [routed[b][a] for b in range(width)], home=sent, count=count, parts=width
            )
            for a in range(width)
        ],
        stage="counting candidates",
    )
    del routed
    kept = runner.persist(
        [
            by_first_row(
                delayed(rank_pairs)(
                    [counted[p][b] for b in range(width)],
                    [counted[a][p] for a in range(width)],
                    part=p,
                    home=sent,
                    days=days,
                    top=settings.candidates_per_document,
                )
            )
            for p in range(width)
        ],
        stage="ranking candidates",
    )
    del counted
    return runner.persist(
        [
            delayed(block_pairs, nout=width)(
                [kept[p][a] for p in range(width)], home=sent, count=count, parts=width
            )
            for a in range(width)
        ],
        stage="grouping candidate pairs",
    )


def verify_blocks(
    runner: Runner, prepared: list[Any], blocks: list[Any], *, settings: MatchSettings
) -> list[Verified]:
    """The verdicts of every non-empty block of candidate pairs."""
    delayed = dask_module("dask").delayed
    width = len(prepared)
    sizes = runner.compute(
        [delayed(block_sizes)(blocks[a]) for a in range(width)], stage="grouping candidate pairs"
    )
    wanted = [(a, b) for a in range(width) for b in range(width) if sizes[a][b]]
    if not wanted:
        return [Verified(np.empty((0, 2), np.int64), np.empty(0, np.int8), np.empty(0))]
    # One task per block cuts its extract out of the partner part (a few MiB, whatever the
    # corpus size). Priorities, which the workers follow among ready tasks: first the
    # extracts, part by part, then the blocks' verification, part by part, each task placed by
    # preference on the worker holding its part (any worker takes it should that one die), so
    # that a worker under a memory limit reads a part back from disk about once, not once per
    # block.
    annotate = dask_module("dask").annotate
    holder = _holders(runner, prepared)
    partners: dict[tuple[int, int], Any] = {}
    for a, b in sorted(wanted, key=lambda block: block[::-1]):
        if a != b:
            with annotate(priority=1 + width - b, **holder[b]):
                partners[a, b] = delayed(extract_rows)(prepared[b], blocks[a][b])
    tasks = []
    for a, b in wanted:
        with annotate(priority=-1 - a, **holder[a]):
            partner = partners.get((a, b))
            verify = delayed(verify_block)(prepared[a], blocks[a][b], partner, settings=settings)
        tasks.append(verify)
    verified: list[Verified] = runner.compute(tasks, stage="verifying candidate pairs")
    return verified


def _holders(runner: Runner, persisted: list[Any]) -> list[dict[str, Any]]:
    """For each persisted value, the annotations placing a task with the worker holding it."""
    futures = [dask_module("distributed").futures_of(value)[0] for value in persisted]
    where = runner.client.who_has(futures)
    return [
        {"workers": sorted(where.get(future.key, ()))[:1], "allow_other_workers": True}
        if where.get(future.key)
        else {}
        for future in futures
    ]
