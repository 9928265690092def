"""Whether the other report states a fact in any form (dedup.factcheck.omissions asks).

The same figure anywhere (a count is a count whatever its wording), a date that contains or is
contained in one of its dates, an amount whose interval meets one of its own, a charge it names,
a name whose surname or spelling it shares. The other report is indexed once (`OtherReport`):
its words, its names, its figures sorted, its facts by kind and unit, so that each look-up reads
what can match rather than every fact of a long report.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from dedup.factcheck.extract import ArticleFacts, Fact
from dedup.memory import Memory
from dedup.settings import FactsSettings

_MIN_NAME = 3
_NAME_KINDS = ("person", "place", "org", "name")
_ADDRESS_WORDS = re.compile(
    r"^(?:the|block|of|and|street|st|avenue|ave|road|rd|drive|dr|boulevard|blvd|lane|ln|court|"
    r"ct|way|place|terrace|parkway|highway|freeway|loop|circle|trail|route|north|south|east|west|"
    r"northeast|northwest|southeast|southwest|n|s|e|w|nw|ne|sw|se|u|state|interstate)$",
    re.IGNORECASE,
)
_STREET_PHRASE = re.compile(
    r"((?:\d+(?:st|nd|rd|th)|[A-Z][\w'’-]*)(?:[ ]+[A-Z][\w'’-]*)*[ ]+"
    r"(?i:street|st\.?|avenue|ave\.?|road|rd\.?|drive|dr\.?|boulevard|blvd\.?|lane|ln\.?|court|"
    r"ct\.?|way|place|terrace|parkway|highway|freeway|loop|circle|trail|pike|expressway))"
)


def _distinctive(fact: Fact) -> list[str]:
    """The words that identify a name in another report: the surname of a person; for an
    address, its streets ("Trevor Drive" of "the 5500 block of Trevor Drive")."""
    if fact.unit == "address":
        streets = _STREET_PHRASE.findall(fact.value)
        if streets:
            return [re.sub(r"\s+", " ", street.lower()) for street in streets]
        words = [w.strip(".,") for w in re.findall(r"[\w'’.-]+", fact.value)]
        return [w for w in words if not w.isdigit() and not _ADDRESS_WORDS.match(w)]
    words = [w.strip(".,") for w in re.findall(r"[\w'’.-]+", fact.value)]
    return [w for w in words if len(w) >= _MIN_NAME and w[0].isupper()][-1:]


def _figures(facts: ArticleFacts) -> tuple[float, ...]:
    """The values of the plain figures (kind "number"), sorted; unreadable ones left out."""
    values = []
    for fact in facts.facts:
        if fact.kind == "number":
            try:
                value = float(fact.value)
            except ValueError:
                continue
            if not math.isnan(value):
                values.append(value)
    return tuple(sorted(values))


# Indexes of the reports seen lately, by the identity of their facts: each holds its facts, so
# the address is not reused while it is remembered.
_INDEXED: Memory[int, OtherReport] = Memory(64)


@dataclass(frozen=True, slots=True)
class OtherReport:
    """What the other report says, indexed for look-ups."""

    facts: ArticleFacts
    # Its words and its names, lowercase; its text lowercase with whitespace runs as one space.
    words: frozenset[str]
    names: tuple[str, ...]
    text: str
    figures: tuple[float, ...]
    # Its facts by kind and unit; the roles of its counts that state a figure.
    by_slot: dict[tuple[str, str | None], tuple[Fact, ...]]
    dates: tuple[Fact, ...]
    counted_roles: frozenset[str | None]

    @classmethod
    def of(cls, facts: ArticleFacts) -> OtherReport:
        """The index of one report (the same object's index made once: a cluster's
        representative is the other report of every member's comparison)."""
        found = _INDEXED.get(id(facts), lambda: cls._index(facts))
        if found.facts is not facts:
            # Another report at the address of one gone.
            found = cls._index(facts)
            _INDEXED.put(id(facts), found)
        return found

    @classmethod
    def _index(cls, facts: ArticleFacts) -> OtherReport:
        text = facts.text.lower()
        words = frozenset(re.findall(r"\w+", text)) | frozenset(re.findall(r"[\w'’-]+", text))
        # Each name once: a long report repeats its names, and a look-up only asks whether
        # one is spelled alike.
        names = tuple(dict.fromkeys(f.value.lower() for f in facts.facts if f.kind in _NAME_KINDS))
        by_slot: dict[tuple[str, str | None], list[Fact]] = {}
        for fact in facts.facts:
            by_slot.setdefault((fact.kind, fact.unit), []).append(fact)
        return cls(
            facts=facts,
            words=words,
            names=names,
            text=re.sub(r"\s+", " ", text),
            figures=_figures(facts),
            by_slot={key: tuple(found) for key, found in by_slot.items()},
            dates=tuple(f for f in facts.facts if f.kind == "date"),
            counted_roles=frozenset(
                f.role for f in facts.facts if f.kind == "count" and f.interval is not None
            ),
        )


def _mentions_name(fact: Fact, other: OtherReport, *, similarity: float) -> bool:
    words = _distinctive(fact)
    if fact.unit == "address" and words and " " in words[0]:
        # One of its streets, written out ("Trevor Drive"), anywhere in the other report.
        return any(street in other.text for street in words)
    if words and all(word.lower() in other.words for word in words):
        return True
    found = process.extractOne(
        fact.value.lower(), other.names, scorer=fuzz.ratio, score_cutoff=similarity
    )
    return found is not None


def _figure_anywhere(fact: Fact, other: OtherReport) -> bool:
    """Whether the other report states this figure in any form: the same kind with a value
    both allow, or the same number as a plain figure."""
    mine = fact.interval
    if mine is not None and fact.kind not in ("date", "time"):
        at = bisect_left(other.figures, mine.low)
        if at < len(other.figures) and other.figures[at] < mine.high:
            return True
    if fact.kind == "date":
        for theirs in other.dates:
            shorter, longer = sorted((fact.value, theirs.value), key=len)
            if longer.startswith(shorter) or fact.text.split()[-1] == theirs.text.split()[-1]:
                return True
        return False
    if fact.kind == "count":
        # "The loss of lives" states deaths but not their number: the figure is omitted.
        return fact.role in other.counted_roles
    for theirs in other.by_slot.get((fact.kind, fact.unit), ()):
        if mine is not None and theirs.interval is not None and mine.overlaps(theirs.interval):
            return True
        if fact.kind in ("record", "condition") and fact.value == theirs.value:
            return True
    return False


def stated_by(fact: Fact, other: OtherReport, *, settings: FactsSettings) -> bool:
    """Whether the other report states `fact` in any form."""
    if fact.kind == "charge":
        # "Charged with murder" and "a murder charge" name one charge.
        return (fact.unit or "") in other.words
    if fact.kind in _NAME_KINDS:
        return _mentions_name(fact, other, similarity=settings.name_similarity)
    return _figure_anywhere(fact, other)
