"""Counts of one in the other report ("a life sentence"), found at the places "a" opens."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.article import Article
from dedup.factcheck import extract_facts
from dedup.factcheck.singular import _OPENING, _matches, singular_counts


def test_a_singular_mention_is_a_count_of_one() -> None:
    """ "Was given a life sentence" counts one of what the other report counts three of."""
    counted = extract_facts(Article(id="a", text="He received three life sentences.")).facts
    other = extract_facts(
        Article(id="b", text="Smith was given a life sentence. He could face a life sentence.")
    )
    found = singular_counts([f for f in counted if f.kind == "quantity"], other)
    assert [(f.value, f.anchor, f.text, f.sentence) for f in found] == [
        ("1", "life sentence", "a life sentence", 0)
    ]


WORDS = st.sampled_from(["a", "an", "One", "life", "sentence", "A", "x", ",", "\n", "  "])


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=40))
def test_matches_are_what_finditer_finds(words: list[str]) -> None:
    """Trying the pattern only where "a", "an" or "one" opens finds what a full scan finds."""
    text = " ".join(words)
    pattern = re.compile(r"\b(?:a|an|one)\s+life\s+sentence\b", re.IGNORECASE)
    openings = [match.start() for match in _OPENING.finditer(text)]
    expected = [match.span() for match in pattern.finditer(text)]
    assert [match.span() for match in _matches(pattern, text, openings)] == expected
