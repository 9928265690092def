"""What a stated figure allows: qualifiers ("at least 9", "about 2,000", "dozens") as intervals.

Two statements of one slot conflict only when their intervals are disjoint: "at least 9 dead"
and "12 dead" agree, "more than 200 injured" and "dozens injured" do not. A bare figure stands
for what its written precision allows: 8.6 is [8.55, 8.65), 6 is [5.5, 6.5) (counts are whole),
and a round figure (2,000; $25,000; 120,000) is read as rounded, within 5% of it, so a report
that rounds does not contradict one that does not.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

INFINITY = math.inf

# Written before the figure, longest first where one is the start of another.
_BEFORE: tuple[tuple[str, str], ...] = (
    (r"at\s+least|no\s+(?:fewer|less)\s+than|a\s+minimum\s+of|at\s+a\s+minimum", "at least"),
    (r"more\s+than|over|upwards\s+of|in\s+excess\s+of|just\s+over|well\s+over", "more than"),
    (r"at\s+most|no\s+more\s+than|a\s+maximum\s+of|up\s+to|as\s+many\s+as", "at most"),
    (r"fewer\s+than|less\s+than|under|just\s+under|below", "less than"),
    (r"nearly|almost|close\s+to|just\s+shy\s+of", "nearly"),
    (
        r"about|around|approximately|roughly|some|an\s+estimated|estimated|an\s+approximate|"
        r"circa|about\s+an?|approx\.?",
        "about",
    ),
)
QUALIFIER_BEFORE = re.compile(
    r"(?:\b(?:" + "|".join(f"(?P<q{i}>{pattern})" for i, (pattern, _) in enumerate(_BEFORE)) + r"))"
    r"[^\S\n]+(?:\$|US\$|£|€)?$",
    re.IGNORECASE,
)
# "12 or more", "9-plus", "a dozen or so"
_AFTER = re.compile(
    r"^(?:[^\S\n]*\+|[^\S\n]+or\s+(?P<more>more|so)\b|-plus\b)",
    re.IGNORECASE,
)

# Vague quantities, as a reader would bound them.
VAGUE = {
    "a couple of": (2.0, 3.0),
    "a couple": (2.0, 3.0),
    "a few": (2.0, 6.0),
    "a handful of": (2.0, 7.0),
    "several": (3.0, 10.0),
    "multiple": (2.0, 1e9),
    "numerous": (3.0, 1e9),
    "a dozen": (10.0, 14.0),
    "dozens of": (24.0, 150.0),
    "dozens": (24.0, 150.0),
    "scores of": (40.0, 200.0),
    "hundreds of": (200.0, 1500.0),
    "hundreds": (200.0, 1500.0),
    "thousands of": (2000.0, 15000.0),
    "thousands": (2000.0, 15000.0),
    "tens of thousands of": (20000.0, 150000.0),
    "tens of thousands": (20000.0, 150000.0),
    "hundreds of thousands of": (200000.0, 1500000.0),
    "millions of": (2e6, 1.5e7),
    "millions": (2e6, 1.5e7),
}
VAGUE_PATTERN = "|".join(
    re.escape(words).replace(r"\ ", r"\s+") for words in sorted(VAGUE, key=len, reverse=True)
)
_ROUNDING = 0.05
_SCALE = re.compile(r"\b(?:thousand|million|billion|trillion)\b", re.IGNORECASE)
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


@dataclass(frozen=True, slots=True)
class Interval:
    """The values a statement allows: [low, high), high may be infinite."""

    low: float
    high: float

    def overlaps(self, other: Interval) -> bool:
        """Whether some value satisfies both statements (bounds that touch do not overlap,
        whatever floating-point rounding did to them: 8.6 and 8.7 are two values)."""
        bounds = [abs(b) for b in (self.low, self.high, other.low, other.high) if math.isfinite(b)]
        slack = 1e-9 * max([1.0, *bounds])
        return self.low < other.high - slack and other.low < self.high - slack

    def as_list(self) -> list[float | None]:
        """[low, high] for JSON, an unbounded end as null."""
        return [_finite(self.low), _finite(self.high)]


def _finite(value: float) -> float | None:
    return None if math.isinf(value) else value


def qualifier_before(text: str, start: int) -> tuple[str, int] | None:
    """The qualifier written just before position `start` and where it starts, if any."""
    match = QUALIFIER_BEFORE.search(text, max(0, start - 30), start)
    if match is None:
        return None
    for index, (_, name) in enumerate(_BEFORE):
        if match.group(f"q{index}"):
            return name, match.start()
    return None


def qualifier_after(text: str, end: int) -> str | None:
    """ "or more" (at least), "or so" (about) or "+" right after a figure."""
    match = _AFTER.match(text[end : end + 12])
    if match is None:
        return None
    return "about" if (match.group("more") or "").lower() == "so" else "at least"


def precision(value: float, written: str) -> float:
    """Half the unit of the last written digit: 0.05 for "8.6", 0.5 for "6", and for a round
    figure (trailing zeros) up to `_ROUNDING` of it."""
    scale = _SCALE.search(written)
    factor = _SCALES[scale.group(0).lower()] if scale else 1.0
    digits = re.sub(r"[^\d.]", "", _SCALE.sub("", written.split("-")[0]))
    if "." in digits:
        decimals = len(digits.split(".", 1)[1])
        return 0.5 * 10.0**-decimals * factor if decimals else 0.5 * factor
    if factor > 1:
        return 0.5 * factor
    if not digits or value < 100:
        return 0.5
    trailing = len(digits) - len(digits.rstrip("0"))
    return max(0.5, min(0.5 * 10.0**trailing, _ROUNDING * value))


def interval(
    value: float, *, qualifier: str, high: float | None = None, written: str = ""
) -> Interval:
    """The interval a figure with its qualifier allows (`high` for a range "3-5")."""
    half = precision(value, written) if written else 0.5
    top = high if high is not None else value
    if qualifier == "at least":
        return Interval(value - half, INFINITY)
    if qualifier == "more than":
        return Interval(value + min(half, 0.5), INFINITY)
    if qualifier == "at most":
        return Interval(-INFINITY, top + half)
    if qualifier == "less than":
        return Interval(-INFINITY, top - min(half, 0.5))
    if qualifier == "nearly":
        return Interval(value * 0.8 - half, top + half)
    if qualifier == "about":
        spread = max(half, 0.1 * value)
        return Interval(value - spread, top + spread)
    return Interval(value - half, top + half)


def vague_interval(words: str) -> Interval:
    """The interval of a vague quantity ("dozens", "a few")."""
    low, high = VAGUE[re.sub(r"\s+", " ", words.lower().strip())]
    return Interval(low, high + 0.5)
