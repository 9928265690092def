"""Clustering verified pairs: average-link agglomeration on the sparse pair graph.

Two groups merge only when the average score over *all* their cross pairs reaches the
threshold, a pair that was never proposed or verified counting as 0. A boilerplate page or a
roundup linked to two stories therefore cannot glue them together: its few strong links are
averaged against the many missing ones between the stories (plain transitive closure would
merge them); and two groups whose links are mostly one member's (a roundup that has joined one
story, linked to the other) do not merge either. Everything is keyed by the documents' sorted
ids, so the result does not depend on input order, and cluster ids are a digest of the sorted
member ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Edge:
    """A verified pair (row indices, i < j) and its score."""

    i: int
    j: int
    score: float


def damp_hubs(edges: Sequence[Edge], *, neighbours: int, factor: float) -> list[Edge]:
    """Edges re-scored by mutual nearest neighbours (see `damp_scores`)."""
    first, second, scores = _arrays(edges)
    damped = damp_scores(first, second, scores, neighbours=neighbours, factor=factor)
    return [Edge(e.i, e.j, score) for e, score in zip(edges, damped.tolist(), strict=True)]


def damp_scores(first: I64, second: I64, scores: F64, *, neighbours: int, factor: float) -> F64:
    """Edge scores re-scored by mutual nearest neighbours: a hub cannot hold many strong links.

    Each document ranks its edges (score, then the other row). An edge in the top
    `neighbours` of both ends keeps its score; in the top of one end only, it is multiplied by
    `factor`; of neither, by `factor` squared. A roundup or boilerplate page linked to many
    stories has room for few of them in its own top list, so its links to the rest weaken,
    while reports of one event are each other's nearest neighbours.
    """
    own, other = np.r_[first, second], np.r_[second, first]
    # Scores by rank among the distinct scores, highest first: (own, score, other) then fits
    # one integer on any corpus of up to a few million documents, and one sort beats three.
    distinct, inverse = np.unique(scores, return_inverse=True)
    descending = distinct.size - 1 - np.r_[inverse, inverse].reshape(-1)
    rows = int(max(own.max(), other.max())) + 1 if own.size else 1
    if rows * rows * max(distinct.size, 1) < 1 << 62:
        order = np.argsort((own * distinct.size + descending) * rows + other)
    else:
        order = np.lexsort((other, descending, own))
    ranked = own[order]
    starts = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]])
    rank = np.arange(ranked.size) - np.repeat(starts, np.diff(np.r_[starts, ranked.size]))
    edge = np.r_[np.arange(first.size), np.arange(first.size)][order]
    inside = np.bincount(edge[rank < neighbours], minlength=first.size)
    # Python's float power, so that the products are the same floats as edge by edge.
    multipliers = np.array([factor ** (2 - n) for n in range(3)])
    damped: F64 = scores * multipliers[inside]
    return damped


def average_link(count: int, edges: Sequence[Edge], *, threshold: float) -> list[list[int]]:
    """Groups of rows (each sorted, groups sorted by first row) from average-link merging."""
    first, second, scores = _arrays(edges)
    return average_link_arrays(count, first, second, scores, threshold=threshold)


def average_link_arrays(
    count: int,
    first: I64,
    second: I64,
    scores: F64,
    *,
    threshold: float,
    start: I64 | None = None,
    bridge: float = 0.0,
) -> list[list[int]]:
    """`average_link` over edges given as arrays (rows `first`, `second`, `scores`).

    The similarity of two groups is their total cross score over |A|·|B| (a pair never
    verified counts as 0). Merged groups are never more similar to a third than the more
    similar of their parts (the average lies between), so merging reciprocal nearest
    neighbours first gives the same merges as merging the most similar pair first, one at a
    time (the classic reducibility argument); here every pair of groups that are each other's
    nearest at or above `threshold` merges in one round, and rounds repeat until none is left.
    A group's nearest is the most similar, then the one with the smallest first row. For the
    same reason a group with no neighbour at the threshold can never merge again: it and its
    edges leave the computation. Each round is a few array operations over the edges.

    `start`: each row's starting group, named by its smallest row (default: each row alone);
    `scores` are then totals between the starting groups of their rows (edges inside one are
    left out), each group of n rows weighing n.

    `bridge` > 0: a pair of groups held together by one member (`_bridged`: without its
    links their average is under `bridge` × `threshold`) does not merge in that round, as if
    below the threshold; a roundup of two incidents then joins one of them, not both.
    """
    # Each row's group: the group's smallest row.
    label = np.arange(count, dtype=np.int64) if start is None else start.copy()
    size = np.bincount(label, minlength=count).astype(np.float64)
    ends = label[first], label[second]
    valid = (scores > 0) & (ends[0] != ends[1])
    low = np.minimum(ends[0][valid], ends[1][valid])
    high = np.maximum(ends[0][valid], ends[1][valid])
    left, right, total = _aggregate(low, high, scores[valid], count=count)
    units = (left, right, total, size.copy())
    while left.size:
        average = total / (size[left] * size[right])
        ready = average >= threshold
        if bridge > 0 and ready.any():
            ready[ready] = ~_bridged(
                left[ready], right[ready], total[ready], units, label, size,
                floor=bridge * threshold, count=count,
            )  # fmt: skip
        if not ready.any():
            break
        nearest = _nearest(left[ready], right[ready], average[ready], count=count)
        alive = nearest[left] >= 0
        alive &= nearest[right] >= 0
        pair = ready & alive
        mutual = pair & (nearest[left] == right) & (nearest[right] == left)
        kept, gone = left[mutual], right[mutual]
        size[kept] += size[gone]
        relabel = np.arange(count, dtype=np.int64)
        relabel[gone] = kept
        label = relabel[label]
        new_left, new_right = relabel[left[alive]], relabel[right[alive]]
        inner = new_left != new_right
        left, right, total = _aggregate(
            np.minimum(new_left[inner], new_right[inner]),
            np.maximum(new_left[inner], new_right[inner]),
            total[alive][inner],
            count=count,
        )
    if not count:
        return []
    order = np.argsort(label, kind="stable")
    ranked = label[order]
    starts = np.flatnonzero(ranked[1:] != ranked[:-1]) + 1
    return sorted(group.tolist() for group in np.split(order, starts))


def _bridged(
    left: I64,
    right: I64,
    total: F64,
    units: tuple[I64, I64, F64, F64],
    label: I64,
    size: F64,
    *,
    floor: float,
    count: int,
) -> npt.NDArray[np.bool_]:
    """Which pairs of groups are held together by one member: without the starting group
    (unit) that contributes most to their cross total, and when its group has others, their
    average falls below `floor`. A roundup of two incidents is linked to both; once it has
    joined one, the other may join only on the links of the rest."""
    unit_l, unit_r, weight, unit_size = units
    group_l, group_r = label[unit_l], label[unit_r]
    keys = np.minimum(group_l, group_r) * count + np.maximum(group_l, group_r)
    wanted = left * count + right
    inside = np.isin(keys, wanted) & (group_l != group_r)
    # Each unit's total towards the other group of the pair, from both ends of its edges.
    unit = np.r_[unit_l[inside], unit_r[inside]]
    other = np.r_[group_r[inside], group_l[inside]]
    towards, inverse = np.unique(unit * count + other, return_inverse=True)
    sums = np.bincount(inverse.reshape(-1), weights=np.r_[weight[inside], weight[inside]])
    unit, other = towards // count, towards % count
    own = label[unit]
    pair = np.searchsorted(wanted, np.minimum(own, other) * count + np.maximum(own, other))
    best = np.full(wanted.size, -1.0)
    np.maximum.at(best, pair, sums)
    strongest = sums == best[pair]
    # The strongest unit of each pair (ties: the smallest unit), whose group holds more.
    at = np.flatnonzero(strongest)
    pairs, first = np.unique(pair[at], return_index=True)
    picked = at[first]
    rest = size[own[picked]] - unit_size[unit[picked]]
    without = (total[pairs] - sums[picked]) / np.maximum(rest * size[other[picked]], 1.0)
    bridged = np.zeros(wanted.size, dtype=bool)
    bridged[pairs] = (rest > 0) & (without < floor)
    return bridged


def _aggregate(low: I64, high: I64, weights: F64, *, count: int) -> tuple[I64, I64, F64]:
    """Distinct (low, high) pairs with their weights added up (in the order given)."""
    unique, inverse = np.unique(low * count + high, return_inverse=True)
    total = np.bincount(inverse.reshape(-1), weights=weights, minlength=unique.size)
    return unique // count, unique % count, total.astype(np.float64)


def _nearest(left: I64, right: I64, average: F64, *, count: int) -> I64:
    """Each group's most similar neighbour among the pairs (ties: smallest), -1 for none."""
    ends = np.r_[left, right]
    others = np.r_[right, left]
    averages = np.r_[average, average]
    best = np.full(count, -np.inf)
    np.maximum.at(best, ends, averages)
    tied = averages == best[ends]
    nearest = np.full(count, count, dtype=np.int64)
    np.minimum.at(nearest, ends[tied], others[tied])
    nearest[nearest == count] = -1
    return nearest


def _arrays(edges: Sequence[Edge]) -> tuple[I64, I64, F64]:
    first = np.fromiter((e.i for e in edges), np.int64, count=len(edges))
    second = np.fromiter((e.j for e in edges), np.int64, count=len(edges))
    scores = np.fromiter((e.score for e in edges), np.float64, count=len(edges))
    return first, second, scores


def cluster_id(ids: Sequence[str]) -> str:
    """A stable cluster id: a digest of the sorted member ids."""
    digest = hashlib.sha1("\n".join(sorted(ids)).encode("utf-8")).hexdigest()
    return f"c{digest[:12]}"


def copy_groups(count: int, pairs: npt.NDArray[np.int64]) -> list[list[int]]:
    """Connected groups of rows 0..count-1 under near-duplicate `pairs`: groups of two or more,
    each ascending, sorted."""
    if not len(pairs):
        return []
    labels = copy_components(count, pairs)
    # Rows by label: a stable sort keeps each group's rows ascending.
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    return sorted(part.tolist() for part in np.split(order, bounds) if part.size > 1)


def copy_components(count: int, pairs: npt.NDArray[np.int64]) -> I64:
    """Each row's connected component under `pairs`, named by its smallest row."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    ones = np.ones(len(pairs), dtype=np.int8)
    graph = coo_matrix((ones, (pairs[:, 0], pairs[:, 1])), shape=(count, count))
    _, labels = connected_components(graph, directed=False)
    smallest = np.full(count, count, dtype=np.int64)
    np.minimum.at(smallest, labels, np.arange(count, dtype=np.int64))
    named: I64 = smallest[labels]
    return named
