"""Which characters of a text are already claimed by a fact: a figure is read once.

A byte per character (a bytearray the length of the text): claiming a span and asking whether
a span overlaps a claimed one cost time in the span's length, never in the number of facts, so
a text of many figures (a 500 KB line of numbers) is read in linear time.
"""

from __future__ import annotations

_CLAIMED = b"\x01"


class Claims:
    """The claimed spans of one text."""

    def __init__(self, length: int) -> None:
        self._marks = bytearray(length)

    def claim(self, start: int, end: int) -> None:
        """Mark text[start:end] as claimed."""
        self._marks[start:end] = _CLAIMED * max(0, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any character of text[start:end] is claimed."""
        return self._marks.find(_CLAIMED, start, end) >= 0

    def copy(self) -> Claims:
        """An independent copy (claims made on it do not show here)."""
        other = Claims(0)
        other._marks = bytearray(self._marks)
        return other
