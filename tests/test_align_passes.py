"""The aligner's passes on hand-made pair scores: merges, one-to-many growth, moves."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.align_passes import Pair, chain, extended_pairs, moved_pairs, ordered_pairs
from dedup.align_score import PairScores


def _scores(one_one: list[list[float]], two_one: float = 0.0, one_two: float = 0.0) -> PairScores:
    """Pair scores with the given singles and every merged unit at one value."""
    singles = np.array(one_one, dtype=np.float64)
    n, m = singles.shape
    return PairScores(
        one_one=singles,
        two_one=np.full((max(n - 1, 0), m), two_one),
        one_two=np.full((n, max(m - 1, 0)), one_two),
        left_at=np.arange(n) / n,
        right_at=np.arange(m) / m,
    )


DP = {"threshold": 0.25, "margin": 0.02, "position_weight": 0.0}
GROW = {"single": 0.05, "share": 0.3, "merged": 0.3, "drop": 0.1}


def test_restatement_merges_when_each_half_matches() -> None:
    """Two neighbours that each match the one sentence merge, though the merge adds little."""
    scores = _scores([[0.5], [0.4]], two_one=0.51)
    assert ordered_pairs(range(2), range(1), scores, member=0.3, **DP) == [((0, 1), (0,), 0.51)]
    assert ordered_pairs(range(2), range(1), scores, member=0.45, **DP) == [((0,), (0,), 0.5)]


def test_neighbour_grows_a_pair_into_one_to_many() -> None:
    """A free neighbour that matches the partner a little joins its row, if the row holds up."""
    scores = _scores([[0.35, 0.07]], one_two=0.31)
    pairs = [((0,), (0,), 0.35)]
    grown = extended_pairs(pairs, 1, 2, scores, **GROW)
    assert grown == [((0,), (0, 1), 0.31)]


def test_growth_refused_when_the_row_weakens() -> None:
    """No growth when the merged row scores well below the pair, or the neighbour is taken."""
    scores = _scores([[0.8, 0.3]], one_two=0.6)
    pairs = [((0,), (0,), 0.8)]
    assert extended_pairs(pairs, 1, 2, scores, **GROW) == pairs
    taken = [((0,), (0,), 0.35), ((1,), (1,), 0.9)]
    scores = _scores([[0.35, 0.07], [0.0, 0.9]], one_two=0.34)
    assert extended_pairs(taken, 2, 2, scores, **GROW) == taken


def test_crossed_pairs_split_into_chain_and_moved() -> None:
    """Mutual best leftovers pair up; the lighter of two crossing pairs is the moved one."""
    scores = _scores([[0.0, 0.9], [0.4, 0.0]])
    pairs = moved_pairs([0, 1], [0, 1], scores, threshold=0.2)
    assert sorted(pairs) == [((0,), (1,), 0.9), ((1,), (0,), 0.4)]
    ordered, moved = chain(pairs)
    assert ordered == [((0,), (1,), 0.9)] and moved == [((1,), (0,), 0.4)]


def test_growth_refused_when_the_neighbour_belongs_elsewhere() -> None:
    """A neighbour that matches another sentence much better stays out of the row."""
    scores = _scores([[0.35, 0.07], [0.0, 0.4]], one_two=0.31)
    pairs = [((0,), (0,), 0.35)]
    assert extended_pairs(pairs, 2, 2, scores, **GROW) == pairs


def _brute_chain(pairs: list[Pair]) -> list[Pair]:
    """The heaviest in-order chain by trying every predecessor (the earliest on a tie)."""
    ordered = sorted(pairs)
    weight = [pair[2] for pair in ordered]
    previous = [-1] * len(ordered)
    for k, (left, right, score) in enumerate(ordered):
        for q in range(k):
            before = ordered[q][0][-1] < left[0] and ordered[q][1][-1] < right[0]
            if before and weight[q] + score > weight[k]:
                weight[k], previous[k] = weight[q] + score, q
    k = max(range(len(ordered)), key=lambda index: weight[index])
    found = []
    while k >= 0:
        found.append(ordered[k])
        k = previous[k]
    return found[::-1]


@settings(max_examples=200, deadline=None)
@given(st.permutations(range(12)), st.lists(st.integers(1, 64), min_size=12, max_size=12))
def test_chain_is_the_heaviest_in_order_chain(order: list[int], weights: list[int]) -> None:
    """The fast chain equals trying every predecessor (scores in 1/64ths: sums are exact)."""
    pairs: list[Pair] = [((i,), (order[i],), weights[i] / 64) for i in range(12) if weights[i] % 3]
    if pairs:
        ordered, moved = chain(pairs)
        assert ordered == _brute_chain(pairs)
        assert sorted(ordered + moved) == sorted(pairs)
