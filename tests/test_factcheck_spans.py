"""Claimed spans: the overlap look-up answers what scanning every span would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.factcheck.spans import Spans

SPAN = st.tuples(st.integers(0, 400), st.integers(0, 90)).map(lambda s: (s[0], s[0] + s[1]))


@settings(max_examples=300, deadline=None)
@given(st.lists(SPAN, max_size=30), st.lists(SPAN, min_size=1, max_size=30))
def test_overlaps_as_a_scan_of_every_span(
    claimed: list[tuple[int, int]], asked: list[tuple[int, int]]
) -> None:
    """Empty and long spans included, the answer is: some claimed s < end and start < e."""
    spans = Spans(claimed)
    for start, end in asked:
        expected = any(s < end and start < e for s, e in claimed)
        assert spans.overlaps(start, end) == expected


def test_claims_added_later_count() -> None:
    """A span added after the others is found, and iteration lists every span in order."""
    spans = Spans([(0, 5)])
    assert not spans.overlaps(300, 310)
    spans.add(305, 306)
    assert spans.overlaps(300, 310) and not spans.overlaps(306, 310)
    assert list(spans) == [(0, 5), (305, 306)]
