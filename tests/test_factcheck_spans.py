"""Claimed spans: a figure is read once, in time linear in the text."""

from __future__ import annotations

from dedup.factcheck.spans import Claims


def test_claims_and_overlaps() -> None:
    """A span overlaps a claimed one when they share a character; a copy is independent."""
    claims = Claims(20)
    claims.claim(5, 8)
    assert claims.overlaps(7, 12) and claims.overlaps(0, 6)
    assert not claims.overlaps(8, 20) and not claims.overlaps(0, 5)
    copy = claims.copy()
    copy.claim(10, 12)
    assert copy.overlaps(10, 11) and not claims.overlaps(10, 11)
