"""Sentence segmentation of news text."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dedup.segment import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. Army said Gen. Smith arrived at 10 a.m. on Monday. He left.",
            ["The U.S. Army said Gen. Smith arrived at 10 a.m. on Monday.", "He left."],
        ),
        (
            'About 3,000 people, or 1.5 percent, fled. "We are afraid," she said. Police said.',
            [
                "About 3,000 people, or 1.5 percent, fled.",
                '"We are afraid," she said.',
                "Police said.",
            ],
        ),
        (
            "WASHINGTON (AP) — A man was killed. Another was hurt.",
            ["WASHINGTON (AP) — A man was killed.", "Another was hurt."],
        ),
        (
            "Key points:\n- 3,000 fled\n- 1.5 percent died",
            ["Key points:", "- 3,000 fled", "- 1.5 percent died"],
        ),
        ("First paragraph\n\nSecond one. Third.", ["First paragraph", "Second one.", "Third."]),
    ],
)
def test_sentences_of_news_text(text: str, expected: list[str]) -> None:
    """Abbreviations, separators, quotes, datelines and bullet items split where a reader would."""
    assert [sentence.text for sentence in split_sentences(text)] == expected


def test_paragraph_numbers_count_blocks() -> None:
    """Each sentence knows the paragraph it came from."""
    sentences = split_sentences("One. Two.\n\nThree.")
    assert [s.paragraph for s in sentences] == [0, 0, 1]


@given(
    st.lists(
        st.sampled_from(["Mr. Smith came.", "It rained", "3,000 left!", "\n\n", " ", "Why?"]),
        max_size=12,
    )
)
def test_spans_point_into_the_text(parts: list[str]) -> None:
    """Spans are in order, do not overlap, and each slice of the text is the sentence."""
    text = " ".join(parts)
    sentences = split_sentences(text)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    for before, after in itertools.pairwise(sentences):
        assert before.end <= after.start
