"""From verified pairs to clusters: the pair graph, average-link groups, representatives.

Needs only rows, relation codes and scores (and the columns, to score each member against its
representative), never the documents' text, so a distributed engine runs the same steps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from dedup.cluster import (
    average_link_arrays,
    cluster_id,
    copy_components,
    copy_groups,
    damp_scores,
)
from dedup.cluster_result import (
    Cluster,
    ClusterResult,
    Member,
    PairVerdicts,
    relation_counts,
    singleton,
)
from dedup.copies import linkage
from dedup.lsh import I64
from dedup.progress import Progress, no_progress
from dedup.represent import Features
from dedup.settings import MatchSettings
from dedup.verify import RELATIONS

if TYPE_CHECKING:
    # Imported where used: it loads scipy (~0.1 s), which `dedup check` never needs.
    from dedup.verify_columns import Columns

F64 = npt.NDArray[np.float64]
Codes = npt.NDArray[np.int8]


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
