"""The clustering pipeline: represent → sign → candidates → verify → cluster.

Articles arrive read and cleaned. Every stage works on one document or one batch at a time
(features, signatures and band keys per document; verification per candidate pair), so an index
can store the per-document parts and feed band keys from a database instead of memory.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from dedup.article import Article
from dedup.cluster import Edge, average_link, cluster_id, damp_hubs, near_groups
from dedup.lsh import I64, band_keys, band_params, candidate_pairs
from dedup.minhash import signatures
from dedup.represent import Features, represent
from dedup.settings import DEFAULT_SETTINGS, MatchSettings, Settings
from dedup.verify import BatchStats, TermStats, Vector, Verdict, evidence, salient, weigh

Progress = Callable[[str, int, int], None]
"""Called as `progress(stage, done, total)` while a stage runs."""

NEAR_TAG = 1
EVENT_TAG = 2
BATCH = 1000


def no_progress(stage: str, done: int, total: int) -> None:
    """The default progress callback: report nothing."""


@dataclass(frozen=True, slots=True)
class Member:
    """A document in a cluster and its relation to the cluster's representative."""

    id: str
    relation: str  # "representative", "duplicate", "near-duplicate" or "same-event"
    score: float


@dataclass(frozen=True, slots=True)
class Cluster:
    """Documents covering one event; `near_duplicates` are groups of copies among them."""

    id: str
    representative: str
    members: tuple[Member, ...]
    near_duplicates: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class ClusterResult:
    """All clusters (singletons included), largest first, and the pair counts behind them."""

    clusters: tuple[Cluster, ...]
    documents: int
    candidate_pairs: int
    relation_counts: dict[str, int]
    pair_relations: dict[tuple[str, str], Verdict]


def represent_all(
    articles: Sequence[Article], *, settings: MatchSettings, progress: Progress = no_progress
) -> list[Features]:
    """Features of every article, in order."""
    features: list[Features] = []
    for start in range(0, len(articles), BATCH):
        features.extend(represent(a, settings=settings) for a in articles[start : start + BATCH])
        progress("represent", len(features), len(articles))
    return features


def document_band_keys(
    features: Sequence[Features],
    vectors: Sequence[Vector],
    *,
    settings: MatchSettings,
    doc_rows: I64 | None = None,
) -> I64:
    """Each document's LSH band keys: near-duplicate bands (shingles), then same-event bands
    (the document's most salient terms). `doc_rows`: the documents' rows in the whole corpus
    when this batch is one part of it (see `dedup.lsh.band_keys`)."""
    parts: list[I64] = []
    sets = (
        [f.shingles for f in features],
        [salient(v, count=settings.event_terms) for v in vectors],
    )
    for batch, threshold, tag in (
        (sets[0], settings.near_lsh_threshold, NEAR_TAG),
        (sets[1], settings.event_lsh_threshold, EVENT_TAG),
    ):
        bands, rows = band_params(threshold=threshold, num_perm=settings.num_perm)
        sigs = signatures(batch, num_perm=settings.num_perm, seed=settings.seed)
        parts.append(band_keys(sigs, bands=bands, rows=rows, tag=tag, doc_rows=doc_rows))
    return np.concatenate(parts, axis=1)


def verify_pairs(
    features: Sequence[Features],
    vectors: Sequence[Vector],
    pairs: npt.NDArray[np.int64],
    *,
    settings: MatchSettings,
    progress: Progress = no_progress,
) -> list[Verdict]:
    """The verdict for each candidate pair of rows."""
    verdicts: list[Verdict] = []
    total = len(pairs)
    for done, (i, j) in enumerate(pairs.tolist(), start=1):
        verdicts.append(
            evidence(features[i], features[j], vectors=(vectors[i], vectors[j]), settings=settings)
        )
        if done % 10_000 == 0 or done == total:
            progress("verify", done, total)
    return verdicts


def cluster_articles(
    articles: Sequence[Article],
    *,
    settings: Settings = DEFAULT_SETTINGS,
    stats: TermStats | None = None,
    progress: Progress = no_progress,
) -> ClusterResult:
    """Cluster cleaned articles; document frequencies come from `stats` or from the articles."""
    match = settings.match
    ordered = sorted(articles, key=lambda article: article.id)
    features = represent_all(ordered, settings=match, progress=progress)
    term_stats = stats if stats is not None else BatchStats.count(features)
    vectors = [weigh(f, stats=term_stats, settings=match) for f in features]
    keys = document_band_keys(features, vectors, settings=match)
    progress("candidates", len(features), len(features))
    pairs = candidate_pairs(keys, max_bucket=match.max_bucket)
    verdicts = verify_pairs(features, vectors, pairs, settings=match, progress=progress)
    return assemble(features, vectors, pairs, verdicts, settings=match, progress=progress)


def assemble(
    features: Sequence[Features],
    vectors: Sequence[Vector],
    pairs: npt.NDArray[np.int64],
    verdicts: Sequence[Verdict],
    *,
    settings: MatchSettings,
    progress: Progress = no_progress,
) -> ClusterResult:
    """Group verified pairs into clusters with representatives, relations and copy groups."""
    graph = verified_graph(
        len(features),
        pairs,
        relations=[verdict.relation for verdict in verdicts],
        scores=[verdict.score for verdict in verdicts],
        settings=settings,
    )
    progress("cluster", len(features), len(features))
    clusters = [
        build_cluster(group, features, vectors, graph.strength, graph.copies, settings=settings)
        for group in graph.groups
    ]
    clusters.sort(key=lambda c: (-len(c.members), c.id))
    counts = dict.fromkeys(("duplicate", "near-duplicate", "same-event", "unrelated"), 0)
    for verdict in verdicts:
        counts[verdict.relation] += 1
    relations = {
        (features[i].id, features[j].id): verdict
        for (i, j), verdict in zip(pairs.tolist(), verdicts, strict=True)
    }
    return ClusterResult(tuple(clusters), len(features), len(pairs), counts, relations)


@dataclass(frozen=True, slots=True, eq=False)
class Graph:
    """The verified pair graph, clustered: groups of rows, each row's total edge score, and
    the copy pairs (duplicate or near-duplicate) among the candidates."""

    groups: list[list[int]]
    strength: npt.NDArray[np.float64]
    copies: npt.NDArray[np.int64]


def verified_graph(
    count: int,
    pairs: npt.NDArray[np.int64],
    *,
    relations: Sequence[str],
    scores: Sequence[float],
    settings: MatchSettings,
) -> Graph:
    """Average-link groups of `count` rows from verified pairs (sorted, one relation and score
    each): needs only rows, relations and scores, never the documents."""
    edges = [
        Edge(i, j, score)
        for (i, j), relation, score in zip(pairs.tolist(), relations, scores, strict=True)
        if relation != "unrelated" or score > 0
    ]
    damped = damp_hubs(edges, neighbours=settings.neighbours, factor=settings.non_mutual_factor)
    groups = average_link(count, damped, threshold=settings.cluster_threshold)
    strength = np.zeros(count)
    for edge in edges:
        strength[edge.i] += edge.score
        strength[edge.j] += edge.score
    copies = np.array(
        [
            pair
            for pair, relation in zip(pairs.tolist(), relations, strict=True)
            if relation in ("duplicate", "near-duplicate")
        ],
        dtype=np.int64,
    ).reshape(-1, 2)
    return Graph(groups, strength, copies)


def build_cluster(
    group: Sequence[int],
    features: Sequence[Features],
    vectors: Sequence[Vector],
    strength: npt.NDArray[np.float64],
    copies: npt.NDArray[np.int64],
    *,
    settings: MatchSettings,
) -> Cluster:
    """One cluster: the earliest published member (else the most central) represents it.

    Rows index `features`, `vectors`, `strength` and `copies`; renumbering them in the same
    order (as a distributed engine does for one group) gives the same cluster.
    """

    def rank(row: int) -> tuple[int, float, str]:
        day = features[row].day
        return (day if day is not None else 1 << 30, -strength[row], features[row].id)

    head = min(group, key=rank)
    members = [Member(features[head].id, "representative", 1.0)]
    for row in group:
        if row == head:
            continue
        verdict = evidence(
            features[head], features[row], vectors=(vectors[head], vectors[row]), settings=settings
        )
        relation = verdict.relation if verdict.relation != "unrelated" else "same-event"
        members.append(Member(features[row].id, relation, verdict.score))
    members.sort(key=lambda m: (m.relation != "representative", m.id))
    ids = [features[row].id for row in group]
    subgroups = tuple(tuple(features[row].id for row in sub) for sub in near_groups(group, copies))
    return Cluster(cluster_id(ids), features[head].id, tuple(members), subgroups)
