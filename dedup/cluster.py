"""Clustering verified pairs: average-link agglomeration on the sparse pair graph.

Two groups merge only when the average score over *all* their cross pairs reaches the
threshold, a pair that was never proposed or verified counting as 0. A boilerplate page or a
roundup linked to two stories therefore cannot glue them together: its few strong links are
averaged against the many missing ones between the stories (plain transitive closure would
merge them). Everything is keyed by the documents' sorted ids, so the result does not depend on
input order, and cluster ids are a digest of the sorted member ids.
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True, slots=True)
class Edge:
    """A verified pair (row indices, i < j) and its score."""

    i: int
    j: int
    score: float


def damp_hubs(edges: Sequence[Edge], *, neighbours: int, factor: float) -> list[Edge]:
    """Edges re-scored by mutual nearest neighbours: a hub cannot hold many strong links.

    Each document ranks its edges (score, then the other row). An edge in the top
    `neighbours` of both ends keeps its score; in the top of one end only, it is multiplied by
    `factor`; of neither, by `factor` squared. A roundup or boilerplate page linked to many
    stories has room for few of them in its own top list, so its links to the rest weaken,
    while reports of one event are each other's nearest neighbours.
    """
    ranked: dict[int, list[tuple[float, int]]] = {}
    for edge in edges:
        ranked.setdefault(edge.i, []).append((-edge.score, edge.j))
        ranked.setdefault(edge.j, []).append((-edge.score, edge.i))
    top: set[tuple[int, int]] = set()
    for row, links in ranked.items():
        links.sort()
        top.update((row, other) for _, other in links[:neighbours])
    damped: list[Edge] = []
    for edge in edges:
        inside = ((edge.i, edge.j) in top) + ((edge.j, edge.i) in top)
        damped.append(Edge(edge.i, edge.j, edge.score * factor ** (2 - inside)))
    return damped


def average_link(count: int, edges: Sequence[Edge], *, threshold: float) -> list[list[int]]:
    """Groups of rows (each sorted, groups sorted by first row) from average-link merging.

    Ties are broken by the smaller group numbers, so equal input gives equal groups. A heap
    entry is stale when either group has merged since; it is recognised by recomputing the
    average, which is unchanged for every pair of groups that did not merge.
    """
    members: dict[int, list[int]] = {row: [row] for row in range(count)}
    links: dict[int, dict[int, float]] = {row: {} for row in range(count)}
    for edge in edges:
        if edge.score > 0 and edge.i != edge.j:
            links[edge.i][edge.j] = links[edge.i].get(edge.j, 0.0) + edge.score
            links[edge.j][edge.i] = links[edge.j].get(edge.i, 0.0) + edge.score
    heap = [
        (-total, a, b)
        for a in range(count)
        for b, total in links[a].items()
        if a < b and total >= threshold
    ]
    heapq.heapify(heap)
    next_id = count
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        if links[a][b] / (len(members[a]) * len(members[b])) != -negative:
            continue
        merged = next_id
        next_id += 1
        members[merged] = sorted(members.pop(a) + members.pop(b))
        combined: dict[int, float] = {}
        for old in (a, b):
            for other, total in sorted(links.pop(old).items()):
                if other not in (a, b):
                    combined[other] = combined.get(other, 0.0) + total
                    del links[other][old]
        links[merged] = combined
        size = len(members[merged])
        for other, total in sorted(combined.items()):
            links[other][merged] = total
            average = total / (size * len(members[other]))
            if average >= threshold:
                heapq.heappush(heap, (-average, other, merged))
    return sorted(members.values())


def cluster_id(ids: Sequence[str]) -> str:
    """A stable cluster id: a digest of the sorted member ids."""
    digest = hashlib.sha1("\n".join(sorted(ids)).encode("utf-8")).hexdigest()
    return f"c{digest[:12]}"


def near_groups(rows: Sequence[int], pairs: npt.NDArray[np.int64]) -> list[list[int]]:
    """Connected groups of `rows` under near-duplicate `pairs` (only groups of two or more)."""
    parent = {row: row for row in rows}

    def find(row: int) -> int:
        while parent[row] != row:
            parent[row] = parent[parent[row]]
            row = parent[row]
        return row

    for i, j in pairs.tolist():
        if i in parent and j in parent:
            a, b = find(i), find(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for row in rows:
        groups.setdefault(find(row), []).append(row)
    return sorted(sorted(group) for group in groups.values() if len(group) > 1)
