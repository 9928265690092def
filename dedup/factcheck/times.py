"""Clock times in text: "10:30 a.m.", "7 p.m.", "3: 33 a. m.", "noon", "2300 hours", with the
qualifier that bounds them ("about", "just before", "shortly after").

A clock time is its own slot: "7 p.m." is never a count of 7, and two times conflict only when
their windows are disjoint ("just before 11:30 p.m." and "about 11:30 p.m." agree).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dedup.factcheck.qualifiers import Interval


def _meridiem(name: str) -> str:
    return rf"(?P<{name}>[ap])\.?\s?m\b\.?"


_PATTERN = re.compile(
    r"(?<![\w:.$])(?P<hour>[01]?\d|2[0-3])"
    rf"(?:\s?:\s?(?P<minute>[0-5]\d)(?:\s?{_meridiem('m1')})?|\.(?P<dot_minute>[0-5]\d)\s?{_meridiem('m2')}|"
    rf"\s?{_meridiem('m3')}|(?P<oclock>\s+o['’]clock\b))"
    r"|(?<![\w:])(?P<military>[01]\d|2[0-3])(?P<mil_minute>[0-5]\d)\s+hours\b"
    r"|\b(?P<named>noon|midday|midnight)\b",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(
    r"\b(?P<q>about|around|approximately|roughly|shortly\s+before|just\s+before|shortly\s+after|"
    r"just\s+after|soon\s+after|before|after|by|until|since)\s+(?:at\s+)?$",
    re.IGNORECASE,
)
# Minutes a qualifier allows around the stated time: (before, after).
_WINDOWS = {
    "about": (30, 30),
    "around": (30, 30),
    "approximately": (30, 30),
    "roughly": (30, 30),
    "shortly before": (45, 0),
    "just before": (20, 0),
    "shortly after": (0, 45),
    "just after": (0, 20),
    "soon after": (0, 60),
    "before": (180, 0),
    "by": (180, 0),
    "until": (180, 0),
    "after": (0, 180),
    "since": (0, 360),
}
# Without a.m./p.m., "14:30" reads as a clock time, "2:30" only with "local time", "GMT"...
_TWENTY_FOUR_HOUR = 13
_CLOCK_AFTER = re.compile(
    r"[^\S\n]*(?:hours?\b|h\b|local\s+time|(?:GMT|UTC|[ECMP][SD]T|BST|CET)\b)", re.IGNORECASE
)
# A stated minute is exact to the minute; a whole hour ("7 p.m.") may be rounded.
_WHOLE_HOUR = 15


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A clock time at text[start:end] (the qualifier included); `value` is "HH:MM"."""

    value: str
    minutes: int
    text: str
    start: int
    end: int
    qualifier: str
    window: Interval


def _minutes(match: re.Match[str], text: str) -> int | None:
    named = (match.group("named") or "").lower()
    if named:
        return 0 if named == "midnight" else 12 * 60
    if match.group("military"):
        return int(match.group("military")) * 60 + int(match.group("mil_minute"))
    hour = int(match.group("hour"))
    minute = int(match.group("minute") or match.group("dot_minute") or 0)
    meridiem = (match.group("m1") or match.group("m2") or match.group("m3") or "").lower()
    if meridiem or match.group("oclock"):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    elif hour < _TWENTY_FOUR_HOUR and not _CLOCK_AFTER.match(text, match.end()):
        # "1:28" or "02:03" alone is more often a video's length or a game clock than a time.
        return None
    return hour * 60 + minute


def find_times(text: str) -> list[TimeMention]:
    """Every clock time in `text`, in order."""
    found: list[TimeMention] = []
    for match in _PATTERN.finditer(text):
        minutes = _minutes(match, text)
        if minutes is None:
            continue
        start = match.start()
        qualifier = "exact"
        before = _QUALIFIER.search(text, max(0, start - 24), start)
        if before is not None:
            qualifier = re.sub(r"\s+", " ", before.group("q").lower())
            start = before.start()
        earlier, later = _WINDOWS.get(qualifier, (0, 0))
        stated_minute = (
            match.group("minute") or match.group("dot_minute") or match.group("military")
        )
        slack = 1 if stated_minute else _WHOLE_HOUR
        window = Interval(minutes - earlier - slack, minutes + later + slack)
        value = f"{minutes // 60:02d}:{minutes % 60:02d}"
        found.append(
            TimeMention(
                value, minutes, text[start : match.end()], start, match.end(), qualifier, window
            )
        )
    return found
