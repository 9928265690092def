"""The clustering pipeline: represent → sign → candidates → verify → cluster.

Articles arrive read and cleaned. Every stage works on one document or one batch at a time
(features, signatures and band keys per document; verification per candidate pair), so an index
can store the per-document parts and feed band keys from a database instead of memory. The
stages up to candidate pairs are in `dedup.candidates`, batch verification in
`dedup.verify_batch`, the step from verified pairs to clusters in `dedup.cluster_assembly` and
the result types in `dedup.cluster_result`; this module runs them in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from dedup.article import Article
from dedup.candidates import (
    day_positions,
    document_band_keys,
    represent_all,
    select_candidates,
    shingle_signatures,
    vocabulary,
)
from dedup.cluster_assembly import assemble
from dedup.cluster_result import Cluster, ClusterResult, Member
from dedup.copies import copy_key, first_copies, with_copy_links
from dedup.lsh import I64
from dedup.progress import Progress, no_progress
from dedup.represent import Features
from dedup.settings import DEFAULT_SETTINGS, MatchSettings, Settings
from dedup.verify import BatchStats, TermStats, weigh_all

if TYPE_CHECKING:
    # Imported where used: it loads scipy (~0.1 s), which `dedup check` never needs.
    from dedup.verify_columns import Columns

# The names callers (and the public API, `dedup.ClusterResult`) import from here.
__all__ = [
    "Cluster",
    "ClusterResult",
    "Member",
    "Progress",
    "cluster_articles",
    "cluster_features",
    "no_progress",
    "verify_pairs",
]

F64 = npt.NDArray[np.float64]
Codes = npt.NDArray[np.int8]


def cluster_articles(
    articles: Sequence[Article],
    *,
    settings: Settings = DEFAULT_SETTINGS,
    stats: TermStats | None = None,
    progress: Progress = no_progress,
) -> ClusterResult:
    """Cluster cleaned articles; document frequencies come from `stats` or from the articles."""
    ordered = sorted(articles, key=lambda article: article.id)
    features = represent_all(ordered, settings=settings.match, progress=progress)
    return cluster_features(features, settings=settings, stats=stats, progress=progress)


def cluster_features(
    features: Sequence[Features],
    *,
    settings: Settings = DEFAULT_SETTINGS,
    stats: TermStats | None = None,
    jobs: int = 1,
    progress: Progress = no_progress,
) -> ClusterResult:
    """Cluster documents by their features (sorted by id, ids distinct): `cluster_articles`
    after `represent`, for callers that represent documents as they read them. `jobs`: threads
    for the array work (the result does not depend on it)."""
    from dedup.verify_columns import Columns

    match = settings.match
    # Shown at once: signing and weighing take seconds before the first candidates.
    progress("candidates", 0, len(features))
    # Term strings are only needed for index statistics; a corpus's worth of them is large.
    bare = [replace(f, terms=()) if f.terms else f for f in features]
    # Independent stages overlap on two threads: numpy work runs outside the interpreter
    # lock while the other thread runs Python loops.
    with ThreadPoolExecutor(max_workers=2 if jobs > 1 else 1) as pool:
        signing = pool.submit(shingle_signatures, bare, settings=match)
        term_stats = stats if stats is not None else BatchStats.count(list(features))
        vectors = weigh_all(features, stats=term_stats, settings=match)
        near = signing.result()
        building = pool.submit(
            Columns.of, bare, vectors, signatures=near, vocabulary=vocabulary(vectors)
        )
        # Exact copies take no part in the candidates: their first copy stands for them.
        copy_of = first_copies([copy_key(f) for f in bare])
        firsts = np.flatnonzero(copy_of == np.arange(len(bare)))
        keys = document_band_keys(
            [bare[row] for row in firsts.tolist()],
            [vectors[row] for row in firsts.tolist()],
            settings=match,
            doc_rows=firsts,
            near=near[firsts],
        )
        pairs = firsts[select_candidates(keys, day_positions(bare)[firsts], settings=match)]
        del keys
        progress("candidates", len(bare), len(bare))
        columns = building.result()
    codes, scores = verify_pairs(columns, pairs, settings=match, jobs=jobs, progress=progress)
    del near, vectors
    pairs, codes, scores = with_copy_links(pairs, codes, scores, copy_of=copy_of)
    return assemble(
        bare, columns, pairs, codes, scores, settings=match, copy_of=copy_of, progress=progress
    )


def verify_pairs(
    columns: Columns,
    pairs: I64,
    *,
    settings: MatchSettings,
    jobs: int = 1,
    progress: Progress = no_progress,
) -> tuple[Codes, F64]:
    """The relation code (index into `RELATIONS`) and score of each candidate pair of rows.

    With `jobs` > 1, batches of pairs are verified on that many threads: the work is numpy
    and scipy array code, which runs outside the interpreter lock; each pair's result depends
    on its two documents only, so the output is the same.
    """
    from dedup.verify_batch import verify_rows

    codes = np.empty(len(pairs), dtype=np.int8)
    scores = np.empty(len(pairs), dtype=np.float64)
    starts = range(0, len(pairs), VERIFY_BATCH)

    def verify(start: int) -> int:
        part = pairs[start : start + VERIFY_BATCH]
        codes[start : start + VERIFY_BATCH], scores[start : start + VERIFY_BATCH] = verify_rows(
            columns, columns, (part[:, 0], part[:, 1]), settings=settings
        )
        return start

    with ThreadPoolExecutor(max_workers=max(jobs, 1)) as pool:
        for start in pool.map(verify, starts):
            progress("verify", min(start + VERIFY_BATCH, len(pairs)), len(pairs))
    if not len(pairs):
        progress("verify", 0, 0)
    return codes, scores


VERIFY_BATCH = 1 << 16
