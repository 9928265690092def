"""Character spans already claimed by mentions, with overlap look-ups that stay cheap.

Extraction asks, for every candidate mention, whether an earlier mention already claims part of
its text. Scanning every claimed span made that quadratic in the number of mentions (a
50,000-word report has thousands); here each span is filed under the 64-character stretches of
text it touches, and a look-up reads only the stretches the candidate touches.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

Span = tuple[int, int]
_STRETCH = 64


class Spans:
    """A growing set of (start, end) character spans."""

    __slots__ = ("_filed", "_spans")

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self._filed: dict[int, list[Span]] = {}
        self._spans: list[Span] = []
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        """Claim the span."""
        self._spans.append((start, end))
        # An empty span (start == end) is filed where it sits: it overlaps what surrounds it.
        for stretch in range(start // _STRETCH, max(start, end - 1) // _STRETCH + 1):
            self._filed.setdefault(stretch, []).append((start, end))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a claimed span overlaps [start, end): some s < end and start < e."""
        for stretch in range(start // _STRETCH, max(start, end - 1) // _STRETCH + 1):
            for s, e in self._filed.get(stretch, ()):
                if s < end and start < e:
                    return True
        return False

    def __iter__(self) -> Iterator[Span]:
        return iter(self._spans)
