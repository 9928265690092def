"""`dedup cluster --engine dask`: the clustering pipeline mapped over partitions with Dask.

The same stage functions as the local engine, run as a Dask task graph (`dask.delayed`, computed
by a `distributed` client):

1. Plan: the client lists the input files and cuts large jsonl files into byte ranges.
2. Read, clean, represent: one task per part; the workers read the files themselves.
3. Number: the client collects ids (no text), keeps the first of each id, sorts them: rows;
   exact copies are found from each document's content hash and day (`dedup.copies`).
4. Document frequencies: per-part counts summed in a tree reduction.
5. Term vectors and LSH band keys per part.
6. Candidates (`dedup.engines.dask_pairs`): (band key, row) rows of first copies shuffled by
   key, counted and ranked at the parts holding the rows; each row keeps its nearest.
7. Verification: every part sends each other part the rows it pairs with, packed; one task
   per (part, partner part) block holds one part and one extract, whatever the corpus size.
8. Clustering: the client clusters the verified graph (rows, relations, scores only); members'
   rows are shuffled, packed, to the parts that build each cluster (`build_stages`).

Rows are positions in the id-sorted corpus, so every tie breaks as in the local engine and the
jsonl output is the same bytes. What persists on the workers between stages is recomputed from
its lineage if a worker dies; see `dedup.engines.dask_client` for the no-worker-left case.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from dedup.article import Article
from dedup.cluster import cluster_id
from dedup.cluster_assembly import Graph, verified_graph
from dedup.cluster_result import Cluster, ClusterResult, Member, relation_counts
from dedup.copies import with_copy_links
from dedup.engines.build_stages import GroupJob, build_clusters, members_out
from dedup.engines.dask_client import Runner, connect, dask_module
from dedup.engines.dask_pairs import candidate_blocks, verify_blocks
from dedup.engines.numbering import copies_by_row, number_documents
from dedup.engines.partitions import Piece, count_piece_lines, plan_parts
from dedup.engines.stages import (
    listing,
    load_part,
    merge_counts,
    pick_articles,
    prepare,
    term_counts,
)
from dedup.engines.verify_stages import Verified
from dedup.errors import InputError
from dedup.progress import Progress, no_progress
from dedup.read import DEFAULT_FIELDS, FieldNames, no_documents
from dedup.settings import DEFAULT_SETTINGS, Settings

STEPS = 6
# Fan-in of the document-frequency reduction tree.
SPLIT_EVERY = 8


@dataclass(frozen=True, slots=True)
class DaskClustering:
    """The clustering, and the cleaned articles `articles_for` asked for (read again by the
    workers, so only those reach the client)."""

    result: ClusterResult
    articles: dict[str, Article]


@dataclass(frozen=True, slots=True)
class DaskOptions:
    """Where to run and how finely to cut the input."""

    scheduler: str | None = None  # address of a running scheduler; None: a LocalCluster
    workers: int = 2  # LocalCluster worker processes (one thread each)
    part_bytes: int = 8 << 20  # input bytes per part (a large jsonl file is cut too)
    worker_timeout: float = 30.0  # seconds with no worker (or no scheduler) before failing
    worker_memory: str | None = None  # LocalCluster memory limit per worker ("2GiB")


@contextmanager
def running(options: DaskOptions) -> Iterator[Runner]:
    """A runner on the client `options` name: of their scheduler, else of a local cluster."""
    with connect(
        scheduler=options.scheduler,
        workers=options.workers,
        worker_timeout=options.worker_timeout,
        worker_memory=options.worker_memory,
    ) as client:
        yield Runner(client, options.worker_timeout)


def cluster_paths_dask(
    paths: Sequence[Path],
    *,
    options: DaskOptions = DaskOptions(),
    fields: FieldNames = DEFAULT_FIELDS,
    strict: bool = False,
    settings: Settings = DEFAULT_SETTINGS,
    on_warning: Callable[[InputError], None] = lambda problem: None,
    progress: Progress = no_progress,
    articles_for: Callable[[ClusterResult], Collection[str]] = lambda result: (),
) -> DaskClustering:
    """Cluster the documents under `paths` on Dask: the same result as reading them with
    `read_paths`, cleaning, dropping emptied documents and calling `cluster_articles`, except
    that `pair_relations` is left empty (per-pair evidence stays on the workers)."""
    with running(options) as runner:
        return run_clustering(
            runner,
            paths,
            part_bytes=options.part_bytes,
            fields=fields,
            strict=strict,
            settings=settings,
            on_warning=on_warning,
            progress=progress,
            articles_for=articles_for,
        )


def run_clustering(
    runner: Runner,
    paths: Sequence[Path],
    *,
    part_bytes: int,
    fields: FieldNames = DEFAULT_FIELDS,
    strict: bool = False,
    settings: Settings = DEFAULT_SETTINGS,
    on_warning: Callable[[InputError], None] = lambda problem: None,
    progress: Progress = no_progress,
    articles_for: Callable[[ClusterResult], Collection[str]] = lambda result: (),
) -> DaskClustering:
    """`cluster_paths_dask` on the client of `runner`."""
    delayed = dask_module("dask").delayed
    match = settings.match

    def count_lines(pieces: Sequence[Piece]) -> list[int | None]:
        tasks = [delayed(count_piece_lines)(piece) for piece in pieces]
        return runner.compute(tasks, stage="counting jsonl lines") if tasks else []

    parts = plan_parts(list(paths), part_bytes=part_bytes, count_lines=count_lines)
    width = len(parts)
    loaded = runner.persist(
        [delayed(load_part)(part, fields=fields, strict=strict, settings=match) for part in parts],
        stage="reading",
    )
    progress("read", 1, STEPS)
    listings = runner.compute([delayed(listing)(part) for part in loaded], stage="listing ids")
    numbering = number_documents(listings, strict=strict)
    copy_of = copies_by_row(listings, numbering)
    del listings
    for problem in numbering.warnings:
        on_warning(problem)
    if not numbering.ids:
        raise no_documents(paths, skipped=len(numbering.warnings))
    count = len(numbering.ids)
    counts = [
        delayed(term_counts)(part, rows) for part, rows in zip(loaded, numbering.rows, strict=True)
    ]
    while len(counts) > 1:
        counts = [
            delayed(merge_counts)(*counts[at : at + SPLIT_EVERY])
            for at in range(0, len(counts), SPLIT_EVERY)
        ]
    prepared = runner.persist(
        [
            delayed(prepare)(part, rows, stats=counts[0], settings=match)
            for part, rows in zip(loaded, numbering.rows, strict=True)
        ],
        stage="signing",
    )
    del loaded, counts
    progress("sign", 2, STEPS)
    blocks = candidate_blocks(
        runner, prepared, home=numbering.home, copy_of=copy_of, settings=match
    )
    verified = verify_blocks(runner, prepared, blocks, settings=match)
    del blocks
    progress("verify", 4, STEPS)
    pairs, codes, scores = with_copy_links(*_gather(verified), copy_of=copy_of)
    graph = verified_graph(
        count, pairs, codes=codes, scores=scores, settings=match, copy_of=copy_of
    )
    progress("cluster", 5, STEPS)
    jobs, destination = _group_jobs(graph, parts=width)
    (sent,) = runner.persist([delayed(destination, pure=True)], stage="building clusters")
    members = runner.persist(
        [
            delayed(members_out, nout=width)(part, destination=sent, parts=width)
            for part in prepared
        ],
        stage="building clusters",
    )
    del prepared
    built = runner.compute(
        [
            delayed(build_clusters)(jobs[d], [members[p][d] for p in range(width)], settings=match)
            for d in range(width)
        ],
        stage="building clusters",
    )
    clusters = [cluster for part in built for cluster in part]
    clusters.extend(
        _singleton(numbering.ids[group[0]]) for group in graph.groups if len(group) == 1
    )
    clusters.sort(key=lambda c: (-len(c.members), c.id))
    result = ClusterResult(tuple(clusters), count, len(pairs), relation_counts(codes), {})
    wanted = numbering.ordinals(articles_for(result))
    picked = runner.compute(
        [
            delayed(pick_articles)(parts[part], ordinals, fields=fields)
            for part, ordinals in sorted(wanted.items())
        ],
        stage="reading the articles shown",
    )
    progress("done", STEPS, STEPS)
    return DaskClustering(result, {a.id: a for part in picked for a in part})


def _gather(verified: Sequence[Verified]) -> tuple[Any, Any, Any]:
    """All verified pairs in (i, j) order, as the local engine lists them: pairs, relation
    codes, scores."""
    pairs = np.concatenate([part.pairs for part in verified]).reshape(-1, 2)
    codes = np.concatenate([part.relations for part in verified])
    scores = np.concatenate([part.scores for part in verified])
    order = np.lexsort((pairs[:, 1], pairs[:, 0]))
    return pairs[order], codes[order], scores[order]


def _group_jobs(graph: Graph, *, parts: int) -> tuple[list[GroupJob], Any]:
    """Clusters of two or more spread over the parts, and the part building each row's."""
    destination = np.full(graph.strength.size, -1, dtype=np.int32)
    group_of = np.full(graph.strength.size, -1, dtype=np.int64)
    jobs = [GroupJob([], [], []) for _ in range(parts)]
    multi = [group for group in graph.groups if len(group) > 1]
    for number, group in enumerate(multi):
        destination[group] = number % parts
        group_of[group] = number
    copies = graph.copies
    inside = copies[
        (group_of[copies[:, 0]] == group_of[copies[:, 1]]) & (group_of[copies[:, 0]] >= 0)
    ]
    owner = group_of[inside[:, 0]]
    order = np.argsort(owner, kind="stable")
    inside, owner = inside[order], owner[order]
    bounds = np.searchsorted(owner, np.arange(len(multi) + 1))
    for number, group in enumerate(multi):
        rows = np.asarray(group, dtype=np.int64)
        local = np.searchsorted(rows, inside[bounds[number] : bounds[number + 1]])
        job = jobs[number % parts]
        job.groups.append(group)
        job.strengths.append(graph.strength[rows])
        job.copies.append(local.reshape(-1, 2))
    return jobs, destination


def _singleton(doc_id: str) -> Cluster:
    """A cluster of one document, as the local engine builds it."""
    return Cluster(cluster_id([doc_id]), doc_id, (Member(doc_id, "representative", 1.0),), ())
