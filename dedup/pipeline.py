"""The clustering pipeline: represent → sign → candidates → verify → cluster.

Articles arrive read and cleaned. Every stage works on one document or one batch at a time
(features, signatures and band keys per document; verification per candidate pair), so an index
can store the per-document parts and feed band keys from a database instead of memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from dedup.article import Article
from dedup.cluster import (
    average_link_arrays,
    cluster_id,
    copy_components,
    copy_groups,
    damp_scores,
)
from dedup.copies import copy_key, first_copies, linkage, with_copy_links
from dedup.lsh import I64, UNKNOWN, band_keys, band_params, candidate_pairs, value_keys
from dedup.minhash import signatures
from dedup.represent import Features, represent_many
from dedup.settings import DEFAULT_SETTINGS, MatchSettings, Settings
from dedup.verify import (
    RELATIONS,
    BatchStats,
    TermStats,
    Vector,
    Verdict,
    salient,
    weigh_all,
)

if TYPE_CHECKING:
    # Imported where used: it loads scipy (~0.1 s), which `dedup check` never needs.
    from dedup.verify_columns import Columns

F64 = npt.NDArray[np.float64]
U32 = npt.NDArray[np.uint32]
Codes = npt.NDArray[np.int8]
Signatures = npt.NDArray[np.unsignedinteger[Any]]

Progress = Callable[[str, int, int], None]
"""Called as `progress(stage, done, total)` while a stage runs."""

NEAR_TAG = 1
EVENT_TAG = 2
NAME_TAG = 3
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
    pair_relations: Mapping[tuple[str, str], Verdict]

    def to_dict(self) -> dict[str, object]:
        """The clustering as JSON-ready data: what `dedup cluster --format json` prints."""
        from dedup.render.clusters_json import clusters_as_dict

        return clusters_as_dict(self)


def represent_all(
    articles: Sequence[Article], *, settings: MatchSettings, progress: Progress = no_progress
) -> list[Features]:
    """Features of every article, in order."""
    features: list[Features] = []
    for start in range(0, len(articles), BATCH):
        features.extend(represent_many(articles[start : start + BATCH], settings=settings))
        progress("represent", len(features), len(articles))
    return features


def shingle_signatures(features: Sequence[Features], *, settings: MatchSettings) -> Signatures:
    """The documents' MinHash signatures of their word n-gram shingles."""
    return signatures(
        [f.shingles for f in features], num_perm=settings.num_perm, seed=settings.seed
    )


def document_band_keys(
    features: Sequence[Features],
    vectors: Sequence[Vector],
    *,
    settings: MatchSettings,
    doc_rows: I64 | None = None,
    near: Signatures | None = None,
) -> I64:
    """Each document's LSH band keys: near-duplicate bands (shingles), then same-event bands
    (the document's most salient terms), then its first full names (`name_keys`).
    `doc_rows`: the documents' rows in the whole corpus when this batch is one part of it
    (see `dedup.lsh.band_keys`); `near`: the shingle signatures when already computed
    (`shingle_signatures`)."""
    if near is None:
        near = shingle_signatures(features, settings=settings)
    salient_sets = [salient(v, count=settings.event_terms) for v in vectors]
    event = signatures(salient_sets, num_perm=settings.num_perm, seed=settings.seed)
    parts: list[I64] = []
    for sigs, threshold, tag in (
        (near, settings.near_lsh_threshold, NEAR_TAG),
        (event, settings.event_lsh_threshold, EVENT_TAG),
    ):
        bands, rows = band_params(threshold=threshold, num_perm=settings.num_perm)
        parts.append(band_keys(sigs, bands=bands, rows=rows, tag=tag, doc_rows=doc_rows))
    parts.append(name_keys(features, settings=settings, doc_rows=doc_rows))
    return np.concatenate(parts, axis=1)


def name_keys(
    features: Sequence[Features], *, settings: MatchSettings, doc_rows: I64 | None = None
) -> I64:
    """Keys of each document's first `settings.name_keys` full names: documents that name one
    person become candidates (a bucket of more than `max_bucket`, a name in every story,
    proposes none)."""
    return value_keys(name_table(features, settings=settings), tag=NAME_TAG, doc_rows=doc_rows)


def name_table(features: Sequence[Features], *, settings: MatchSettings) -> I64:
    """Each document's first `settings.name_keys` full names (hashes), -1 where it has fewer."""
    width = settings.name_keys
    table = np.full((len(features), width), -1, dtype=np.int64)
    for row, f in enumerate(features):
        first = f.names[:width]
        table[row, : first.size] = first
    return table


def day_positions(features: Sequence[Features]) -> I64:
    """Each document's publication day (`dedup.lsh.UNKNOWN` when it has none): the tie-break
    between candidates that share as many band keys."""
    return np.fromiter(
        (UNKNOWN if f.day is None else f.day for f in features), np.int64, count=len(features)
    )


def select_candidates(keys: I64, days: I64, *, settings: MatchSettings) -> I64:
    """Candidate pairs of rows: each document's nearest by shared band keys and dates (`keys`
    as `document_band_keys` gives them: the near-duplicate bands first)."""
    return candidate_pairs(
        keys,
        max_bucket=settings.max_bucket,
        top=settings.candidates_per_document,
        positions=days,
        sampled_bands=near_bands(settings),
        sample=settings.bucket_sample,
    )


def near_bands(settings: MatchSettings) -> int:
    """How many of a document's band keys are near-duplicate (shingle) bands: the first ones."""
    return band_params(threshold=settings.near_lsh_threshold, num_perm=settings.num_perm)[0]


def vocabulary(vectors: Sequence[Vector]) -> U32:
    """Sorted distinct term hashes of the vectors."""
    hashes: U32 = np.unique(np.concatenate([v.hashes for v in vectors] or [np.empty(0, np.uint32)]))
    return hashes


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


def assemble(
    features: Sequence[Features],
    columns: Columns,
    pairs: I64,
    codes: Codes,
    scores: F64,
    *,
    settings: MatchSettings,
    copy_of: I64 | None = None,
    progress: Progress = no_progress,
) -> ClusterResult:
    """Group verified pairs into clusters with representatives, relations and copy groups
    (`copy_of`: see `verified_graph`)."""
    graph = verified_graph(
        len(features), pairs, codes=codes, scores=scores, settings=settings, copy_of=copy_of
    )
    progress("cluster", len(features), len(features))
    ids = [f.id for f in features]
    clusters = build_clusters(
        [group for group in graph.groups if len(group) > 1],
        np.concatenate(copies_by_group(graph) or [np.empty((0, 2), dtype=np.int64)]),
        ids,
        columns,
        graph.strength,
        settings=settings,
    )
    clusters.extend(singleton(ids[group[0]]) for group in graph.groups if len(group) == 1)
    clusters.sort(key=lambda c: (-len(c.members), c.id))
    relations = PairVerdicts(ids, pairs, codes, scores, copy_of)
    return ClusterResult(
        tuple(clusters), len(features), len(pairs), relation_counts(codes), relations
    )


def singleton(doc_id: str) -> Cluster:
    """A cluster of one document."""
    return Cluster(cluster_id([doc_id]), doc_id, (Member(doc_id, "representative", 1.0),), ())


def relation_counts(codes: Codes) -> dict[str, int]:
    """How many pairs got each relation, in `RELATIONS` order."""
    tally = np.bincount(codes.astype(np.int64), minlength=len(RELATIONS))
    return {relation: int(tally[code]) for code, relation in enumerate(RELATIONS)}


class PairVerdicts(Mapping[tuple[str, str], Verdict]):
    """Every verified pair's relation and score, keyed by the two ids (sorted), held as arrays
    (a dict of `Verdict`s costs ~1 kB a pair). The evidence of one pair: `dedup.verify.evidence`.

    With `copy_of` (each row's first exact copy, see `dedup.copies`) a later copy also answers
    for the pairs of its first copy, which it would have got from verification: iteration
    lists the verified pairs and the copies' links, a look-up finds these too.
    """

    def __init__(
        self, ids: Sequence[str], pairs: I64, codes: Codes, scores: F64, copy_of: I64 | None = None
    ) -> None:
        self._ids = list(ids)
        self._rows = {doc_id: row for row, doc_id in enumerate(self._ids)}
        count = max(len(self._ids), 1)
        self._count = count
        encoded = pairs[:, 0] * count + pairs[:, 1]
        order = np.argsort(encoded, kind="stable")
        self._encoded, self._codes, self._scores = encoded[order], codes[order], scores[order]
        self._copy_of = copy_of

    def __getitem__(self, key: tuple[str, str]) -> Verdict:
        left, right = self._rows.get(key[0]), self._rows.get(key[1])
        if left is None or right is None or left >= right:
            raise KeyError(key)
        found = self._find(left, right)
        if found is None and self._copy_of is not None:
            first, second = sorted((int(self._copy_of[left]), int(self._copy_of[right])))
            if first == second:
                return Verdict("duplicate", 1.0, {})
            found = self._find(first, second)
        if found is None:
            raise KeyError(key)
        return found

    def _find(self, left: int, right: int) -> Verdict | None:
        wanted = left * self._count + right
        at = int(np.searchsorted(self._encoded, wanted))
        if at == self._encoded.size or self._encoded[at] != wanted:
            return None
        return Verdict(RELATIONS[self._codes[at]], float(self._scores[at]), {})

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for encoded in self._encoded.tolist():
            yield self._ids[encoded // self._count], self._ids[encoded % self._count]

    def __len__(self) -> int:
        return int(self._encoded.size)


@dataclass(frozen=True, slots=True, eq=False)
class Graph:
    """The verified pair graph, clustered: groups of rows, each row's total edge score (an
    exact copy's as its first copy's, see `dedup.copies.linkage`), and the copy pairs
    (duplicate or near-duplicate) among the candidates and links."""

    groups: list[list[int]]
    strength: F64
    copies: I64


def copies_by_group(graph: Graph) -> list[I64]:
    """The copy pairs inside each group of `graph` (rows as in the graph), group by group."""
    group_of = np.full(graph.strength.size, -1, dtype=np.int64)
    for number, group in enumerate(graph.groups):
        group_of[group] = number
    copies = graph.copies
    owner = group_of[copies[:, 0]]
    inside = copies[owner == group_of[copies[:, 1]]]
    owner = owner[owner == group_of[copies[:, 1]]]
    order = np.argsort(owner, kind="stable")
    inside, owner = inside[order], owner[order]
    bounds = np.searchsorted(owner, np.arange(len(graph.groups) + 1))
    return [inside[bounds[n] : bounds[n + 1]] for n in range(len(graph.groups))]


def verified_graph(
    count: int,
    pairs: I64,
    *,
    codes: Codes,
    scores: F64,
    settings: MatchSettings,
    copy_of: I64 | None = None,
) -> Graph:
    """Average-link groups of `count` rows from verified pairs (sorted, one relation code and
    score each): needs only rows, relations and scores, never the documents.

    Rows joined by copy pairs (duplicate or near-duplicate: the same text up to edits) start
    in one group. A burst of hundreds of copies is verified as a sample of its pairs (see
    `dedup.lsh.bucket_pairs`), and average-link, counting the pairs never verified as 0, would
    split it; pairs of separately written reports still merge only by their average.

    `copy_of`: each row's first exact copy (`dedup.copies`), when later copies took no part in
    the candidates; `pairs` then hold their links to it (`with_copy_links`), and each copy is
    as close to others as its first copy is.
    """
    copy_of = np.arange(count, dtype=np.int64) if copy_of is None else copy_of
    unrelated = RELATIONS.index("unrelated")
    edge = (codes != unrelated) | (scores > 0)
    # A link to a later copy is no edge: the copy starts in its first copy's group.
    edge &= copy_of[pairs[:, 1]] == pairs[:, 1]
    first, second, weights = pairs[edge, 0], pairs[edge, 1], scores[edge]
    damped = damp_scores(
        first, second, weights, neighbours=settings.neighbours, factor=settings.non_mutual_factor
    )
    linked = linkage(first, second, weights, damped, copy_of=copy_of)
    copy_codes = (RELATIONS.index("duplicate"), RELATIONS.index("near-duplicate"))
    copies = pairs[np.isin(codes, copy_codes)].reshape(-1, 2)
    groups = average_link_arrays(
        count,
        first,
        second,
        linked.totals,
        threshold=settings.cluster_threshold,
        start=copy_components(count, copies),
        bridge=settings.bridge_factor,
    )
    return Graph(groups, linked.strength, copies)


def build_clusters(
    groups: Sequence[Sequence[int]],
    copies: I64,
    ids: Sequence[str],
    columns: Columns,
    strength: F64,
    *,
    settings: MatchSettings,
) -> list[Cluster]:
    """Clusters of two or more rows: the earliest published member (else the most central)
    represents each; every other member gets its relation to it and score; copy pairs inside
    the groups (`copies`, rows in pairs) make their groups of near-duplicates.

    Rows index `ids`, `columns` and `strength`; renumbering them in the same order (as a
    distributed engine does for a few groups) gives the same clusters. Members are scored with
    `verify_rows` for all groups at once, with the exact shingle Jaccard of every pair (as
    `evidence` computes it); a member whose pair comes out "unrelated" joined through others
    and is listed as "same-event".
    """

    from dedup.event_evidence import NO_DAY
    from dedup.verify_batch import UNRELATED, verify_rows

    days = columns.days.tolist()

    def rank(row: int) -> tuple[int, float, str]:
        day = days[row]
        return (day if day != NO_DAY else 1 << 30, -strength[row], ids[row])

    heads = [min(group, key=rank) for group in groups]
    first = np.fromiter(
        (head for group, head in zip(groups, heads, strict=True) for row in group if row != head),
        np.int64,
    )
    second = np.fromiter(
        (row for group, head in zip(groups, heads, strict=True) for row in group if row != head),
        np.int64,
    )
    exact = replace(columns, signatures=np.empty((len(ids), 0), dtype=np.uint16))
    codes, scores = verify_rows(exact, exact, (first, second), settings=settings)
    relations = ["same-event" if code == UNRELATED else RELATIONS[code] for code in codes.tolist()]
    subgroups: dict[int, list[tuple[str, ...]]] = {}
    for sub in copy_groups(len(ids), copies):
        subgroups.setdefault(sub[0], []).append(tuple(ids[row] for row in sub))
    clusters: list[Cluster] = []
    at = 0
    for group, head in zip(groups, heads, strict=True):
        members = [Member(ids[head], "representative", 1.0)]
        for row in group:
            if row != head:
                members.append(Member(ids[row], relations[at], float(scores[at])))
                at += 1
        members.sort(key=lambda m: (m.relation != "representative", m.id))
        # Each copy group lies inside one cluster; it is found by its first row.
        copied = tuple(sub for row in sorted(group) for sub in subgroups.get(row, ()))
        named = [ids[row] for row in group]
        clusters.append(Cluster(cluster_id(named), ids[head], tuple(members), copied))
    return clusters
