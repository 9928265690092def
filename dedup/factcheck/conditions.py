"""A victim's medical condition ("in critical condition", "non-life-threatening injuries"),
with whom it is about.

Hospital conditions fall into three grades that a reader does not mix up: grave (critical,
grave, life-threatening), serious, and stable (stable, fair, good, satisfactory, minor or
non-life-threatening injuries). Two reports conflict on a condition only when they state
different grades for the same person (by name, or by a relation such as "her father"); a
condition that changes between two reports of different days is an evolving conflict.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

GRADES = {
    "critical": "grave", "grave": "grave", "lifethreatening": "grave", "serious": "serious",
    "stable": "stable", "fair": "stable", "good": "stable", "satisfactory": "stable",
    "nonlifethreatening": "stable", "minor": "stable",
}  # fmt: skip
_CONDITION = re.compile(
    r"\b(?:in|listed\s+in|remains?\s+in|remained\s+in|was\s+in|is\s+in)\s+(?:a\s+)?"
    r"(?:(?:very|extremely)\s+)?(?P<grade>critical|grave|serious|stable|fair|good|satisfactory)"
    r"(?:\s+but\s+stable)?\s+condition\b"
    r"|\b(?P<injury>non-?\s?life-?\s?threatening|life-?\s?threatening|minor)\s+"
    r"(?:injur(?:y|ies)|wounds?|gunshot\s+wounds?)\b",
    re.IGNORECASE,
)
# Whom a condition is about: a name, or a person named by relation or description.
_RELATION = (
    r"father|mother|son|daughter|husband|wife|brother|sister|grandmother|grandfather|uncle|aunt|"
    r"cousin|nephew|niece|boyfriend|girlfriend|officer|deputy|trooper|driver|passenger|suspect|"
    r"gunman|shooter|clerk|teacher"
)
_GENERIC = r"man|woman|boy|girl|teen|teenager|child|toddler|infant|baby|victim|person"
_WHO = re.compile(
    rf"(?P<noun>\b(?:{_RELATION}|{_GENERIC})\b)|(?P<name>(?-i:[A-Z][a-z'’]+\s+[A-Z][a-z'’-]+))",
    re.IGNORECASE,
)
_PRONOUN_START = re.compile(r"\s*(?:He|She|They)\b")
RELATIONS = frozenset(_RELATION.split("|"))


@dataclass(frozen=True, slots=True)
class ConditionMention:
    """A stated condition at text[start:end]: its grade and whom it is about (None: unknown)."""

    grade: str
    text: str
    start: int
    end: int
    anchor: str | None


def _anchor(text: str, start: int, sentence_start: int, previous_start: int) -> str | None:
    """The last name or person noun before `start` in the sentence, or in the sentence before
    when this one starts with a pronoun ("He remains in stable condition")."""
    found = list(_WHO.finditer(text, sentence_start, start))
    if not found and _PRONOUN_START.match(text, sentence_start):
        found = list(_WHO.finditer(text, previous_start, sentence_start))
    if not found:
        return None
    # A relation ("her father") is what two reports most often share, then a name; either says
    # more than "a man".
    relations = [m for m in found if m.group("noun") and m.group("noun").lower() in RELATIONS]
    names = [m for m in found if m.group("name")]
    best = (relations or names or found)[-1]
    return best.group("name") or best.group("noun").lower()


def find_conditions(text: str, sentence_starts: list[int]) -> list[ConditionMention]:
    """Every stated condition in `text`, with its anchor."""
    found = []
    for match in _CONDITION.finditer(text):
        word = re.sub(r"[\s-]", "", (match.group("grade") or match.group("injury")).lower())
        grade = GRADES[word]
        index = max(0, bisect_right(sentence_starts, match.start()) - 1)
        sentence_start = sentence_starts[index] if sentence_starts else 0
        previous_start = sentence_starts[index - 1] if index else sentence_start
        anchor = _anchor(text, match.start(), sentence_start, previous_start)
        found.append(ConditionMention(grade, match.group(0), match.start(), match.end(), anchor))
    return found
