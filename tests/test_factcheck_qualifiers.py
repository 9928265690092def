"""Qualified figures as intervals: what two statements of one slot can both allow."""

from __future__ import annotations

import pytest

from dedup.factcheck.numbers import find_numbers
from dedup.factcheck.people import find_counts
from dedup.factcheck.qualifiers import Interval, interval, qualifier_before, vague_interval
from dedup.factcheck.quantities import find_quantities


def _allowed(sentence: str) -> Interval:
    """What the first count of people (or else the first typed figure) in `sentence` allows."""
    counts = [c for c in find_counts(sentence) if c.interval is not None]
    if counts:
        return counts[0].interval  # type: ignore[return-value]
    (first, *_) = find_quantities(sentence, find_numbers(sentence), claimed=[])
    return first.interval


@pytest.mark.parametrize(
    ("left", "right", "agree"),
    [
        ("At least 9 people were killed in the blast.", "Twelve people were killed.", True),
        ("About 2,000 people attended the rally.", "Some 1,980 people attended.", True),
        ("The quake injured more than 200 people.", "It injured dozens more.", False),
        ("A 6.1-magnitude quake struck.", "A 6.4-magnitude quake struck.", False),
        ("An 8.6-magnitude quake struck.", "An 8.7-magnitude quake struck.", False),
        ("Six people were killed.", "Seven people were killed.", False),
        ("Six people were killed.", "six people were killed", True),
        ("The company paid $5.4 billion.", "The company paid $5.36 billion.", True),
        ("Up to 30 people were hurt.", "25 people were hurt.", True),
        ("Fewer than 10 people were hurt.", "12 people were hurt.", False),
        ("It drew nearly 235,000 comments.", "It drew 230,000 comments.", True),
        ("The reward is $25,000.", "The reward is $23,000.", False),
        ("Several people were arrested.", "Five people were arrested.", True),
        ("Two people were shot, a man and a woman.", "Three people were shot.", False),
    ],
)
def test_statements_agree_when_their_intervals_overlap(left: str, right: str, agree: bool) -> None:
    """Qualifiers widen a figure ("at least", "about", "dozens"); bare figures keep their written
    precision, rounded figures allow what rounding allows."""
    assert _allowed(left).overlaps(_allowed(right)) is agree


def test_intervals_are_symmetric_and_touching_bounds_do_not_overlap() -> None:
    """8.6 and 8.7 touch at 8.65 (after floating-point rounding) and still do not overlap."""
    a = interval(8.6, qualifier="exact", written="8.6")
    b = interval(8.7, qualifier="exact", written="8.7")
    assert not a.overlaps(b) and not b.overlaps(a)
    assert interval(3, qualifier="at least").overlaps(interval(12, qualifier="exact"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("killed at least ", "at least"),
        ("more than ", "more than"),
        ("an estimated ", "about"),
        ("as many as ", "at most"),
        ("nearly ", "nearly"),
        ("the ", None),
    ],
)
def test_qualifier_before(text: str, expected: str | None) -> None:
    """The qualifier written right before a figure is recognised."""
    found = qualifier_before(text + "12", len(text))
    assert (found[0] if found else None) == expected


def test_vague_quantities_have_bounds() -> None:
    """ "Dozens" is more than a dozen and fewer than hundreds."""
    dozens = vague_interval("dozens")
    assert dozens.overlaps(interval(36, qualifier="exact"))
    assert not dozens.overlaps(interval(200, qualifier="more than"))
