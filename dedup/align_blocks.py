"""Which sentence pairs the aligner scores: every pair of a short report, blocks of a long one.

Two reports with at most `exact_pairs` sentence pairs (two articles of 200 sentences, or a long
report against a short one) are one block: every pair is scored and the passes of
dedup.align_passes run over all of them. More would cost time and memory in the product of the
reports' lengths (two 50,000-word reports: 7 million pairs), so they are aligned in blocks along
a chain of anchors, near-linear in their length:

1. candidates: each sentence's `candidates_per_sentence` best partners by the weight of the
   stems they share, found by joining the two sides' stem lists on stems used by at most
   `candidate_postings` sentences of either side (a stem in more says little about any one
   pair, and would make the join quadratic);
2. anchors: candidates that score at least `match_threshold` and are each other's best, kept
   when they lie on the heaviest in-order chain;
3. blocks: the reports are cut after anchors into blocks of at most `block_sentences` a side
   (a stretch without anchors is cut along its diagonal), and each block is aligned exactly
   like a short report;
4. moves across blocks: leftover candidates that are each other's best leftover match.

A one-sided sentence's nearest partner is the best of what was scored for it: its whole
row in a short report, its block and its candidates in a long one.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from dedup.align_passes import (
    Pair,
    chain,
    extended_pairs,
    gaps,
    moved_pairs,
    neighbour_pairs,
    ordered_pairs,
)
from dedup.align_score import Features, Ids, PairScores, score_block, score_listed, shared_stems
from dedup.settings import AlignSettings

Block = tuple[range, range]
Scores = NDArray[np.float64]
# Per sentence: a best score against the other side, and that sentence's index (-1: none).
Best = tuple[Scores, Ids]


@dataclass(frozen=True, slots=True)
class Nearest:
    """Per sentence of each side: the best score seen against the other side, and where."""

    left_score: Scores
    left_index: Ids
    right_score: Scores
    right_index: Ids


def passes(scores: PairScores, n: int, m: int, *, settings: AlignSettings) -> list[Pair]:
    """The pairs of all passes over one block's scores, in the order of dedup.align_passes."""
    dp = {
        "margin": settings.merge_margin,
        "member": settings.merge_member,
        "position_weight": settings.position_weight,
    }
    pairs = ordered_pairs(range(n), range(m), scores, threshold=settings.match_threshold, **dp)
    used_left = {i for pair in pairs for i in pair[0]}
    used_right = {j for pair in pairs for j in pair[1]}
    pairs += moved_pairs(
        [i for i in range(n) if i not in used_left],
        [j for j in range(m) if j not in used_right],
        scores,
        threshold=settings.move_threshold,
    )
    used_left = {i for pair in pairs for i in pair[0]}
    used_right = {j for pair in pairs for j in pair[1]}
    for lefts, rights in gaps(chain(pairs)[0], used_left, used_right, n, m):
        pairs += ordered_pairs(lefts, rights, scores, threshold=settings.gap_threshold, **dp)
    pairs += neighbour_pairs(
        chain(pairs)[0],
        pairs,
        n,
        m,
        scores,
        threshold=settings.neighbour_threshold,
        strong=settings.match_threshold,
    )
    return extended_pairs(
        pairs,
        n,
        m,
        scores,
        single=settings.extend_single,
        share=settings.extend_share,
        merged=settings.extend_merged,
        drop=settings.extend_drop,
    )


def _best(groups: Ids, others: Ids, scores: Scores, size: int) -> Best:
    """Per group: the highest score and its `others` entry (the lowest on a tie); -1 for none."""
    order = np.lexsort((others, -scores, groups))
    first = np.ones(len(order), dtype=bool)
    first[1:] = groups[order][1:] != groups[order][:-1]
    picked = order[first]
    index = np.full(size, -1, dtype=np.int64)
    score = np.full(size, -np.inf)
    index[groups[picked]] = others[picked]
    score[groups[picked]] = scores[picked]
    return score, index


def _top(groups: Ids, others: Ids, weights: Scores, count: int) -> NDArray[np.bool_]:
    """Which entries are among the `count` heaviest of their group (ties: lower `others`)."""
    order = np.lexsort((others, -weights, groups))
    sorted_groups = groups[order]
    rank = np.arange(len(order)) - np.searchsorted(sorted_groups, sorted_groups, side="left")
    keep = np.zeros(len(order), dtype=bool)
    keep[order] = rank < count
    return keep


def candidates(features: Features, *, settings: AlignSettings) -> tuple[Ids, Ids]:
    """(left, right) sentence pairs worth scoring in long reports, each pair once."""
    left, right = features.left, features.right
    size = len(features.weights)
    in_left = np.bincount(np.concatenate([np.zeros(0, np.int64), *left.ids]), minlength=size)
    in_right = np.bincount(np.concatenate([np.zeros(0, np.int64), *right.ids]), minlength=size)
    telling = (in_left <= settings.candidate_postings) & (in_right <= settings.candidate_postings)
    rows, columns, stems = shared_stems(
        [ids[telling[ids]] for ids in left.ids], [ids[telling[ids]] for ids in right.ids]
    )
    keys, inverse = np.unique(rows * right.count + columns, return_inverse=True)
    shared = np.bincount(inverse, weights=features.weights[stems]).astype(np.float64)
    lefts, rights = keys // right.count, keys % right.count
    count = settings.candidates_per_sentence
    keep = _top(lefts, rights, shared, count) | _top(rights, lefts, shared, count)
    return lefts[keep], rights[keep]


def _mutual(
    lefts: Ids, rights: Ids, scores: Scores, n: int, m: int, *, threshold: float
) -> list[Pair]:
    """Listed pairs that are each other's best listed partner, at or above threshold."""
    _, left_best = _best(lefts, rights, scores, n)
    _, right_best = _best(rights, lefts, scores, m)
    mutual = (left_best[lefts] == rights) & (right_best[rights] == lefts) & (scores >= threshold)
    found: list[Pair] = [
        ((int(i),), (int(j),), float(s))
        for i, j, s in zip(lefts[mutual], rights[mutual], scores[mutual], strict=True)
    ]
    return found


def anchors(
    lefts: Ids, rights: Ids, scores: Scores, n: int, m: int, *, threshold: float
) -> list[Pair]:
    """Mutual best candidates at or above threshold, on their heaviest in-order chain."""
    return chain(_mutual(lefts, rights, scores, n, m, threshold=threshold))[0]


def blocks(anchored: list[Pair], n: int, m: int, *, size: int) -> list[Block]:
    """Consecutive blocks covering both reports, cut after anchors, at most `size` a side."""
    points = sorted({(left[-1] + 1, right[-1] + 1) for left, right, _ in anchored} | {(n, m)})
    found: list[Block] = []
    start, k = (0, 0), 0
    while start != (n, m):
        reach = None
        while k < len(points) and all(points[k][s] - start[s] <= size for s in (0, 1)):
            reach, k = points[k], k + 1
        if reach is not None:
            found.append((range(start[0], reach[0]), range(start[1], reach[1])))
            start = reach
            continue
        # No anchor within reach: cut the stretch to the next one along its diagonal.
        target, k = points[k], k + 1
        lengths = (target[0] - start[0], target[1] - start[1])
        pieces = -(-max(lengths) // size)
        cuts = [
            (start[0] + lengths[0] * p // pieces, start[1] + lengths[1] * p // pieces)
            for p in range(pieces + 1)
        ]
        found += [(range(a[0], b[0]), range(a[1], b[1])) for a, b in itertools.pairwise(cuts)]
        start = target
    return found


def _shifted(pairs: list[Pair], block: Block) -> list[Pair]:
    first_left, first_right = block[0].start, block[1].start
    return [
        (tuple(first_left + i for i in left), tuple(first_right + j for j in right), score)
        for left, right, score in pairs
    ]


def _moves(
    pairs: list[Pair], lefts: Ids, rights: Ids, scores: Scores, n: int, m: int, *, threshold: float
) -> list[Pair]:
    """Leftover candidates that are each other's best leftover candidate, at or above threshold."""
    free_left, free_right = np.ones(n, dtype=bool), np.ones(m, dtype=bool)
    for left, right, _ in pairs:
        free_left[list(left)] = False
        free_right[list(right)] = False
    free = free_left[lefts] & free_right[rights]
    return _mutual(lefts[free], rights[free], scores[free], n, m, threshold=threshold)


def _nearer(seen: Best, other: Best) -> Best:
    """Per sentence, the better of two (score, index) bests (the lower index on a tie)."""
    better = (other[0] > seen[0]) | ((other[0] == seen[0]) & (other[1] >= 0) & (other[1] < seen[1]))
    return np.where(better, other[0], seen[0]), np.where(better, other[1], seen[1])


def aligned_pairs(features: Features, *, settings: AlignSettings) -> tuple[list[Pair], Nearest]:
    """All aligned pairs (in order or moved) and every sentence's nearest partner seen."""
    n, m = features.left.count, features.right.count
    # Each sentence's best partner in its block (every sentence is in exactly one block).
    left_best: Best = (np.full(n, -np.inf), np.full(n, -1, dtype=np.int64))
    right_best: Best = (np.full(m, -np.inf), np.full(m, -1, dtype=np.int64))
    long = n * m > settings.exact_pairs
    if long:
        lefts, rights = candidates(features, settings=settings)
        listed = score_listed(features, lefts, rights, settings=settings)
        anchored = anchors(lefts, rights, listed, n, m, threshold=settings.match_threshold)
        found = blocks(anchored, n, m, size=settings.block_sentences)
    else:
        found = [(range(n), range(m))]
    pairs: list[Pair] = []
    for block in found:
        ours, theirs = block
        if not len(ours) or not len(theirs):
            continue
        scores = score_block(features, ours, theirs, settings=settings)
        pairs += _shifted(passes(scores, len(ours), len(theirs), settings=settings), block)
        one = scores.one_one
        left_best[0][ours.start : ours.stop] = one.max(axis=1)
        left_best[1][ours.start : ours.stop] = one.argmax(axis=1) + theirs.start
        right_best[0][theirs.start : theirs.stop] = one.max(axis=0)
        right_best[1][theirs.start : theirs.stop] = one.argmax(axis=0) + ours.start
    if long:
        pairs += _moves(pairs, lefts, rights, listed, n, m, threshold=settings.move_threshold)
        left_best = _nearer(left_best, _best(lefts, rights, listed, n))
        right_best = _nearer(right_best, _best(rights, lefts, listed, m))
    return pairs, Nearest(*left_best, *right_best)
