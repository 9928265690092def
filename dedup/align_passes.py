"""The passes of the sentence aligner (dedup.align), each over the pair scores of align_score.

1. `ordered_pairs`: an order-preserving dynamic programme (Gale–Church moves 1:1, 2:1, 1:2, with
   a small penalty for distance from the diagonal) picks the in-order pairs above a threshold;
2. `moved_pairs`: leftovers that are each other's best leftover match pair up;
3. `gaps`: what is still free between consecutive in-order pairs, for step 1 at a lower
   threshold;
4. `neighbour_pairs`: a leftover right after (before) a strong pair pairs with the leftover right
   after (before) its partner (a sentence rewritten beyond word overlap still sits beside its
   twin's neighbours);
5. `extended_pairs`: a leftover next to a one-to-one pair joins it (one-to-many) when it matches
   the partner and the merged row still scores well;
6. `chain`: the heaviest in-order chain of all pairs stays in order; the other pairs are moved.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

import numpy as np
from numpy.typing import NDArray

from dedup.align_score import PairScores

Pair = tuple[tuple[int, ...], tuple[int, ...], float]


def _merges(single: float, other: float, merged: float, margin: float, member: float) -> bool:
    """Whether two sentences should merge against one: a split, or a restatement."""
    return merged >= max(single, other) + margin or min(single, other) >= member


def ordered_pairs(
    lefts: Sequence[int],
    rights: Sequence[int],
    scores: PairScores,
    *,
    threshold: float,
    margin: float,
    member: float,
    position_weight: float,
) -> list[Pair]:
    """The order-preserving pairs of maximal total (score - threshold) among the given indices.

    Two neighbours merge against one sentence when the merge scores `margin` above either alone
    (a sentence split in two) or when each alone scores at least `member` (a restatement).
    """
    n, m = len(lefts), len(rights)
    if not n or not m:
        return []
    at_left, at_right = np.asarray(lefts), np.asarray(rights)
    # Rewrites keep roughly the same order: a pair far off the diagonal needs more evidence.
    offset = np.abs(scores.left_at[at_left][:, None] - scores.right_at[at_right][None, :])
    penalty = (position_weight * offset).tolist()
    # The scores of the given indices only: row r is lefts[r], column c is rights[c]; in
    # `two_one` row r is the pair (lefts[r] - 1, lefts[r]), in `one_two` column c is the pair
    # (rights[c] - 1, rights[c]) (read only when that neighbour is among the given indices).
    one = scores.one_one[np.ix_(at_left, at_right)].tolist()
    two_one = _sub(scores.two_one, np.maximum(at_left - 1, 0), at_right)
    one_two = _sub(scores.one_two, at_left, np.maximum(at_right - 1, 0))
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    # 0 skip-left, 1 skip-right, 2 1:1, 3 2:1, 4 1:2; ties keep the earliest (skipping wins).
    move = [[0] * (m + 1) for _ in range(n + 1)]
    for j in range(1, m + 1):
        move[0][j] = 1
    for i in range(1, n + 1):
        a = lefts[i - 1]
        above, here = best[i - 1], best[i]
        one_a, penalty_a, two_a, one_two_a = (
            one[i - 1],
            penalty[i - 1],
            two_one[i - 1],
            one_two[i - 1],
        )
        merge_left = i > 1 and lefts[i - 2] == a - 1
        for j in range(1, m + 1):
            value, choice = above[j], 0
            if here[j - 1] > value:
                value, choice = here[j - 1], 1
            single = one_a[j - 1]
            if single >= threshold:
                gain = above[j - 1] + single - threshold - penalty_a[j - 1]
                if gain > value:
                    value, choice = gain, 2
            if merge_left:
                merged = two_a[j - 1]
                if merged >= threshold and _merges(
                    single, one[i - 2][j - 1], merged, margin, member
                ):
                    gain = best[i - 2][j - 1] + merged - threshold - penalty_a[j - 1]
                    if gain > value:
                        value, choice = gain, 3
            if j > 1 and rights[j - 2] == rights[j - 1] - 1:
                merged = one_two_a[j - 1]
                if merged >= threshold and _merges(single, one_a[j - 2], merged, margin, member):
                    gain = above[j - 2] + merged - threshold - penalty_a[j - 1]
                    if gain > value:
                        value, choice = gain, 4
            here[j] = value
            move[i][j] = choice
    pairs: list[Pair] = []
    i, j = n, m
    while i > 0 or j > 0:
        choice = move[i][j]
        if choice == 0:
            i -= 1
            continue
        if choice == 1:
            j -= 1
            continue
        a, b = lefts[i - 1], rights[j - 1]
        if choice == 2:
            pairs.append(((a,), (b,), float(one[i - 1][j - 1])))
            i, j = i - 1, j - 1
        elif choice == 3:
            pairs.append(((a - 1, a), (b,), float(two_one[i - 1][j - 1])))
            i, j = i - 2, j - 1
        else:
            pairs.append(((a,), (b - 1, b), float(one_two[i - 1][j - 1])))
            i, j = i - 1, j - 2
    return pairs[::-1]


def _sub(
    matrix: NDArray[np.float64], rows: NDArray[np.int64], columns: NDArray[np.int64]
) -> list[list[float]]:
    """matrix[rows][:, columns] as lists; zeros where the matrix has no such row or column."""
    if not matrix.shape[0] or not matrix.shape[1]:
        return [[0.0] * len(columns) for _ in rows]
    picked: list[list[float]] = matrix[np.ix_(rows, columns)].tolist()
    return picked


def moved_pairs(
    lefts: Sequence[int], rights: Sequence[int], scores: PairScores, *, threshold: float
) -> list[Pair]:
    """Leftover sentences that are each other's best leftover match, at or above threshold."""
    if not lefts or not rights:
        return []
    sub = scores.one_one[np.ix_(list(lefts), list(rights))]
    pairs: list[Pair] = []
    for row, a in enumerate(lefts):
        column = int(sub[row].argmax())
        if sub[row, column] >= threshold and int(sub[:, column].argmax()) == row:
            pairs.append(((a,), (rights[column],), float(sub[row, column])))
    return pairs


def neighbour_pairs(
    anchors: list[Pair],
    pairs: list[Pair],
    n: int,
    m: int,
    scores: PairScores,
    *,
    threshold: float,
    strong: float,
) -> list[Pair]:
    """Pair a leftover sentence with a leftover sentence next to its neighbours' partners.

    A sentence rewritten beyond word overlap still sits beside the sentences around its twin.
    """
    taken_left = {i for pair in pairs for i in pair[0]}
    taken_right = {j for pair in pairs for j in pair[1]}
    right_pair = {j: pair for pair in anchors if pair[2] >= strong for j in pair[1]}
    found: list[Pair] = []
    progress = True
    while progress:
        progress = False
        for j in range(m):
            if j in taken_right:
                continue
            # Continue a run: after the partner of j - 1, or before the partner of j + 1.
            near = set()
            if j - 1 in right_pair:
                near.add(right_pair[j - 1][0][-1] + 1)
            if j + 1 in right_pair:
                near.add(right_pair[j + 1][0][0] - 1)
            free = [i for i in sorted(near) if 0 <= i < n and i not in taken_left]
            if not free:
                continue
            best = max(free, key=lambda i: scores.one_one[i, j])
            score = float(scores.one_one[best, j])
            if score >= threshold:
                pair: Pair = ((best,), (j,), score)
                found.append(pair)
                taken_left.add(best)
                taken_right.add(j)
                right_pair[j] = pair
                progress = True
    return found


def extended_pairs(
    pairs: list[Pair],
    n: int,
    m: int,
    scores: PairScores,
    *,
    single: float,
    share: float,
    merged: float,
    drop: float,
) -> list[Pair]:
    """One-to-one pairs grown by a free neighbour that says part of the same thing.

    "Russia urged all parties to cease fighting" against "International players urged both
    parties to respect the ceasefire. Russia's foreign ministry expressed its concern": the second
    sentence matches little alone, but it continues the first one's partner. The neighbour must
    score `single` against the partner and at least `share` of its best score anywhere (it does
    not clearly belong elsewhere); the grown row must score `merged`, at most `drop` below the pair.
    """
    taken_left = {i for pair in pairs for i in pair[0]}
    taken_right = {j for pair in pairs for j in pair[1]}
    best_of_left = scores.one_one.max(axis=1)
    best_of_right = scores.one_one.max(axis=0)
    grown: list[Pair] = []
    for left, right, score in sorted(pairs):
        options: list[tuple[float, tuple[int, ...], tuple[int, ...]]] = []
        if len(left) == 1 and len(right) == 1:
            a, b = left[0], right[0]
            for j in (b - 1, b + 1):
                if 0 <= j < m and j not in taken_right:
                    fits = scores.one_one[a, j]
                    if fits >= max(single, share * best_of_right[j]):
                        first = min(b, j)
                        options.append((float(scores.one_two[a, first]), left, (first, first + 1)))
            for i in (a - 1, a + 1):
                if 0 <= i < n and i not in taken_left:
                    fits = scores.one_one[i, b]
                    if fits >= max(single, share * best_of_left[i]):
                        first = min(a, i)
                        options.append((float(scores.two_one[first, b]), (first, first + 1), right))
        # The grown row must still score well, and not much below the pair it grows from.
        options = [option for option in options if option[0] >= max(merged, score - drop)]
        if not options:
            grown.append((left, right, score))
            continue
        best, new_left, new_right = max(options)
        taken_left.update(new_left)
        taken_right.update(new_right)
        grown.append((new_left, new_right, best))
    return grown


def gaps(
    ordered: list[Pair], used_left: set[int], used_right: set[int], n: int, m: int
) -> Iterator[tuple[list[int], list[int]]]:
    """(left indices, right indices) still free between consecutive in-order pairs."""
    bounds = [((-1,), (-1,))] + [(left, right) for left, right, _ in ordered] + [((n,), (m,))]
    for before, after in itertools.pairwise(bounds):
        lefts = [i for i in range(before[0][-1] + 1, after[0][0]) if i not in used_left]
        rights = [j for j in range(before[1][-1] + 1, after[1][0]) if j not in used_right]
        if lefts and rights:
            yield lefts, rights


def chain(pairs: list[Pair]) -> tuple[list[Pair], list[Pair]]:
    """Split pairs into the heaviest in-order chain and the rest (the moved ones).

    A pair extends the heaviest chain of pairs that end before it on both sides (the earliest
    such chain on a tie). Those are found in a prefix-maximum tree over where pairs end on the
    right, filled in order of where they end on the left: O(p log p) for p pairs, which a
    long report needs.
    """
    ordered = sorted(pairs)
    if not ordered:
        return [], []
    size = max(pair[1][-1] for pair in ordered) + 2
    tree: list[tuple[float, int]] = [(-1.0, 0)] * (size + 1)
    weight = [pair[2] for pair in ordered]
    previous = [-1] * len(ordered)
    by_left_end = sorted(range(len(ordered)), key=lambda q: ordered[q][0][-1])
    filled = 0
    for k, (left, right, score) in enumerate(ordered):
        while filled < len(by_left_end) and ordered[by_left_end[filled]][0][-1] < left[0]:
            q = by_left_end[filled]
            # Position right end + 1 (1-based); the key (weight, -q) prefers the earlier q.
            position = ordered[q][1][-1] + 1
            while position <= size:
                tree[position] = max(tree[position], (weight[q], -q))
                position += position & -position
            filled += 1
        found, position = (-1.0, 0), right[0]
        while position > 0:
            found = max(found, tree[position])
            position -= position & -position
        if found[0] >= 0 and found[0] + score > weight[k]:
            weight[k] = found[0] + score
            previous[k] = -found[1]
    k = max(range(len(ordered)), key=lambda index: weight[index])
    chain: list[Pair] = []
    while k >= 0:
        chain.append(ordered[k])
        k = previous[k]
    chain.reverse()
    kept = set(chain)
    return chain, [pair for pair in ordered if pair not in kept]
