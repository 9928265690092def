"""Where counts of people can be: near the words every count holds."""

from __future__ import annotations

from dedup.factcheck.count_windows import anchors, around_and, intersect, windows


def test_anchors_start_words_and_short_stems_start_a_word() -> None:
    """ "hit" counts only at a word's start ("white" is none); a longer stem inside a word
    counts ("gunshot")."""
    lowered = "a white car. a man was hit. gunshot wounds."
    found = anchors(lowered)
    assert lowered.index("hit.") in found and lowered.index("shot") in found
    assert lowered.index("wounds") in found and lowered.index("white") + 1 not in found


def test_windows_merge_within_reach() -> None:
    """Anchors closer than their reach share one stretch; a far one has its own, clipped to
    the text."""
    assert windows([10, 30, 500], 520, (20, 15)) == [(0, 45), (480, 515)]


def test_intersect_keeps_what_both_cover() -> None:
    """Two sorted lists of stretches meet where both cover the text."""
    assert intersect([(0, 10), (20, 40)], [(5, 25), (35, 50)]) == [(5, 10), (20, 25), (35, 40)]


def test_lists_stay_on_their_line() -> None:
    """A coordinated list's stretch around "and" stops at the line's end."""
    text = "Headline\nA man and a woman were shot.\nMore"
    (start, end), *_ = around_and(text)
    assert text[start:end] == "A man and a woman were shot."
