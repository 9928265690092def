"""Which counts of people speak of the article's own incident.

A report of one shooting also carries figures about others: roundups ("two people were killed
and 15 wounded in shootings across the city"), statistics ("the city's 40th homicide this year",
"more than 500 people died in gun violence this year") and earlier cases ("a 12-year-old girl
was killed in the same block last month"). Such a count sits in a clause that says so; the
clause, not the sentence, decides ("A man was killed Sunday, the city's 40th homicide this year"
still gives the incident's toll).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from dedup.factcheck.people import CountMention

_NUMBER_WORDS = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+|several|multiple|numerous|"
    r"separate|unrelated|different|other|recent|weekend|overnight|a\s+(?:series|string|"
    r"spate|rash|wave|number|flurry|pair)\s+of|a\s+couple\s+of"
)
# One attacker's spree is one incident: "a series of shootings by the alleged gunman".
_SPREE = re.compile(
    r"\b(?:spree|rampage|by\s+(?:a|the|one)\s+(?:lone\s+|alleged\s+|suspected\s+)?(?:gunman|"
    r"shooter|man|suspect|attacker)|person\s+of\s+interest|same\s+(?:gunman|shooter|suspect))\b",
    re.IGNORECASE,
)
_ORDINAL = (
    r"\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"eleventh|twelfth|twentieth|thirtieth|fortieth|fiftieth"
)
_ROUNDUP = re.compile(
    # "in four separate shootings", "a series of shootings", "weekend shootings"
    rf"\b(?:{_NUMBER_WORDS})\s+(?:[\w-]+\s+)?(?:shootings|incidents|attacks|homicides|killings|"
    rf"murders|stabbings|cases)\b|"
    r"\bshootings\s+(?:across|around|throughout|all\s+over|in\s+(?:various|different|separate))\b|"
    r"\b(?:in|between|during)\s+shootings\b|"
    r"\b(?:citywide|statewide|nationwide|countywide|city-wide|across\s+the\s+(?:city|country|"
    r"nation|state|county|region|U\.?S\.?))\b",
    re.IGNORECASE,
)
_STATISTIC = re.compile(
    # "this year", "so far in 2016", "since January", "each year"
    r"\b(?:this|per|each|every|a)\s+year\b(?!\s+(?:ago|earlier|before))|\byear[\s-]to[\s-]date\b|"
    r"\bso\s+far\s+(?:this|in)\b|\bannually\b|\bsince\s+(?:January|the\s+(?:start|beginning)|"
    r"(?:19|20)\d\d)\b|\bin\s+(?:U\.?S\.?\s+|American\s+)?history\b|"
    # "the city's 40th homicide"
    rf"\b(?:{_ORDINAL})\s+(?:[\w-]+\s+)?(?:homicide|murder|killing|slaying|shooting)\b|"
    r"\bhomicides\b|\bmass\s+shootings\b",
    re.IGNORECASE,
)
# Words every match of the markers above holds: each marker pattern runs only around them.
_ROUNDUP_WORDS = (
    "shootings", "incidents", "attacks", "homicides", "killings", "murders", "stabbings",
    "cases", "wide", "across",
)  # fmt: skip
_STATISTIC_WORDS = (
    "this year", "per year", "each year", "every year", "a year", "year-to-date",
    "year to date", "so far", "annually", "since", "history", "homicides", "mass shootings",
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "twentieth", "thirtieth", "fortieth", "fiftieth",
)  # fmt: skip
# "the city's 40th homicide": the other ordinals.
_ORDINAL_DIGITS = re.compile(r"\d(?:st|nd|rd|th)\b", re.IGNORECASE)
_SPREE_WORDS = ("spree", "rampage", "by", "interest", "same")
_MARKER_REACH = 80
# Where sentences and clauses end (a sentence end followed by a quote mark ends there too).
_SENTENCE_ENDS = (". ", "! ", "? ", "\n", '." ', ".” ", ".’ ")
_CLAUSE_ENDS = (*_SENTENCE_ENDS, "; ", ", ", ": ", " - ", "— ", "– ", "(", ")")
_REACH = 300
# Roles whose counts make the toll; arrests and the like are left as they are.
_TOLL_ROLES = frozenset({"killed", "injured", "shot"})


def _occurrences(lowered: str, words: tuple[str, ...], *, word_start: bool) -> list[int]:
    """Where each of `words` occurs in `lowered` (at a word's start if `word_start`), sorted;
    str.find is far cheaper than a pattern over the whole text."""
    found = []
    for word in words:
        at = lowered.find(word)
        while at >= 0:
            if not word_start or at == 0 or not lowered[at - 1].isalnum():
                found.append(at)
            at = lowered.find(word, at + 1)
    return sorted(found)


class _Stretches:
    """The sentences or clauses of a text, by the marks that end them."""

    def __init__(self, lowered: str, marks: tuple[str, ...]) -> None:
        self.starts = _occurrences(lowered, marks, word_start=False)
        self.ends = sorted(
            at + len(mark)
            for mark in marks
            for at in _occurrences(lowered, (mark,), word_start=False)
        )
        self.size = len(lowered)

    def around(self, start: int, end: int) -> tuple[int, int]:
        """The stretch that holds [start, end), within _REACH of it."""
        before = bisect_right(self.ends, start) - 1
        low = max(start - _REACH, self.ends[before] if before >= 0 else 0, 0)
        after = bisect_left(self.starts, end)
        high = min(end + _REACH, self.starts[after] if after < len(self.starts) else self.size)
        return low, high


class _Markers:
    """The matches of a marker pattern in a text, found around the words they hold."""

    def __init__(
        self, text: str, lowered: str, pattern: re.Pattern[str], words: tuple[str, ...]
    ) -> None:
        anchors = _occurrences(lowered, words, word_start=True)
        if pattern is _STATISTIC:
            anchors = sorted([*anchors, *(m.start() for m in _ORDINAL_DIGITS.finditer(lowered))])
        windows: list[tuple[int, int]] = []
        for at in anchors:
            start, end = max(0, at - _MARKER_REACH), min(len(text), at + _MARKER_REACH)
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], end)
            else:
                windows.append((start, end))
        self.spans = sorted(
            match.span() for start, end in windows for match in pattern.finditer(text, start, end)
        )

    def within(self, start: int, end: int) -> bool:
        """Whether a match lies within text[start:end]."""
        at = bisect_left(self.spans, (start, start))
        return any(span[1] <= end for span in self.spans[at:] if span[0] < end)


def main_event(counts: Sequence[CountMention], text: str) -> list[CountMention]:
    """The counts that speak of the article's own incident: none from a sentence about many
    incidents (not one attacker's spree) or a clause of statistics."""
    if not any(m.role in _TOLL_ROLES for m in counts):
        return list(counts)
    lowered = text.lower()
    roundups = _Markers(text, lowered, _ROUNDUP, _ROUNDUP_WORDS)
    statistics = _Markers(text, lowered, _STATISTIC, _STATISTIC_WORDS)
    sentences = _Stretches(lowered, _SENTENCE_ENDS) if roundups.spans else None
    sprees = _Markers(text, lowered, _SPREE, _SPREE_WORDS) if roundups.spans else None
    clauses = _Stretches(lowered, _CLAUSE_ENDS) if statistics.spans else None
    other = [
        mention.role in _TOLL_ROLES
        and (
            (
                sentences is not None
                and sprees is not None
                and roundups.within(*sentences.around(mention.start, mention.end))
                and not sprees.within(*sentences.around(mention.start, mention.end))
            )
            or (
                clauses is not None
                and statistics.within(*clauses.around(mention.start, mention.end))
            )
        )
        for mention in counts
    ]
    # A report that states no toll but for several incidents ("six citizens were killed in two
    # separate incidents") states that as its event's toll.
    if not any(
        m.role in _TOLL_ROLES and m.value is not None and not m.definite and not aside
        for m, aside in zip(counts, other, strict=True)
    ):
        return list(counts)
    return [m for m, aside in zip(counts, other, strict=True) if not aside]
