"""Pair scores for sentence alignment."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.align_score import score_matrix, score_pairs
from dedup.settings import AlignSettings

SENTENCES = [
    "Six citizens were killed by landmines in two incidents.",
    "The council approved the new budget for schools.",
    "Rain is expected across the region this weekend.",
]


def test_shape_and_range() -> None:
    """One score per pair, all in [0, 1]; an identical sentence scores 1."""
    scores = score_matrix(SENTENCES, SENTENCES)
    assert scores.shape == (3, 3)
    assert np.all((scores >= 0) & (scores <= 1))
    assert np.allclose(np.diag(scores), 1.0)


def test_rare_shared_word_outscores_common_ones() -> None:
    """A shared rare word ("landmine") ties two rewrites closer than shared common words."""
    left = ["Baku said six citizens were killed by landmines in two incidents in the region."]
    right = [
        "Lives were lost in a landmine incident near Khojavand.",
        "The region said the citizens were in the two incidents.",
        "Officials in the region met citizens.",
    ]
    scores = score_matrix(left, right)
    assert scores[0, 0] > scores[0, 2]


def test_merged_neighbours_are_scored() -> None:
    """Scores exist for left pairs against right singles and the reverse."""
    scores = score_pairs(SENTENCES, SENTENCES[:2], settings=AlignSettings())
    assert scores.two_one.shape == (2, 2) and scores.one_two.shape == (3, 1)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=5))
def test_symmetric(sentences: list[str]) -> None:
    """Scoring is symmetric: swapping the sides transposes the matrix."""
    other = list(reversed(sentences))
    assert np.allclose(score_matrix(sentences, other), score_matrix(other, sentences).T)


def test_rewrite_in_other_words_outscores_unrelated() -> None:
    """Sentence vectors give a rewrite that shares almost no stems a score above an unrelated one."""
    left = ["A blaze destroyed the historic dairy warehouse early on Tuesday."]
    right = [
        "The council approved next year's budget for the schools.",
        "Fire burned down the old dairy building before dawn.",
    ]
    scores = score_matrix(left, right, settings=AlignSettings(lead_bonus=0.0))
    assert scores[0, 1] > scores[0, 0] + 0.1


def test_lead_bonus_fades_with_position() -> None:
    """The same two sentences score higher at the top of both reports than further down."""
    a = "Officials met residents near the river on Monday."
    b = "Officials later toured the flooded river banks."
    texts = [a, b] * 3
    lead = AlignSettings(lead_bonus=0.2, lead_sentences=3)
    scores = score_matrix(texts, texts, settings=lead)
    plain = score_matrix(texts, texts, settings=AlignSettings(lead_bonus=0.0))
    assert plain[0, 1] == pytest.approx(plain[4, 5])
    assert scores[0, 1] > scores[2, 1] > scores[4, 5] == pytest.approx(plain[4, 5])


def test_scores_of_sentences_seen_before_are_the_same_bytes() -> None:
    """Sentences read again (their stems and vectors remembered) score as the first time."""
    left = ["A landmine exploded near the village.", "Two soldiers were wounded."]
    right = ["Two soldiers were hurt by a landmine.", "The village was evacuated."]
    first = score_matrix(left, right).tobytes()
    assert score_matrix(left, right).tobytes() == first
    assert score_matrix(right, left).tobytes() == score_matrix(right, left).tobytes()
