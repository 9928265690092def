"""Counts of people by role (killed, injured, shot, arrested, missing, displaced), with spans.

General English patterns, not article-specific ones: "six of its citizens were killed",
"killing two", "left three dead", "a 23-year-old man died" (one), "no one was hurt" (zero),
"a double homicide" (two), "the loss of lives" (killed, count not stated), "the death toll rose
to three", "a third person has died" (three). Coordinated victims are summed ("a man and a woman
were shot", "two bailiffs and the gunman are dead", "Jane Roe, 20, and John Doe, 17, were
killed", "Joe Roe and Ann Doe were killed", "shot a cashier and two customers", "the deaths of a
husband, wife and their two children"); partitives count the group a participle describes ("one
of the five people shot and killed") and the part a verb does ("two of the victims died", "five
shot -- two of them fatally"). People told one at a time count one each: "killing his wife",
"critically wounding her son", "a wounded 12-year-old girl", "another in the arm"; a relative
clause tells how, the main verb what became of them ("a boy who was wounded Friday died
Saturday": killed). Days ("Dec. 25"), ages ("Jane Roe, 25,", "younger than 12"), years, roads
("I-10"), appositions, hedges ("nearly killed") and a part of a group already counted ("seven
were hospitalized, one with critical injuries") are not counts. `shot` counts people hit whose
fate the phrase leaves open ("four people were shot", "taken to a hospital", "found with
gunshot wounds").

Every count holds an anchor word (a role word or the word for the event it counts), so the
patterns run only near one, and a rare pattern only where its own words occur: a long article
costs a fraction of a full scan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dedup.factcheck.count_grammar import ROLES
from dedup.factcheck.count_patterns import LIST_REACH, PATTERNS, compiled
from dedup.factcheck.count_windows import anchors, around_and, intersect, windows
from dedup.factcheck.numbers import NUMBER_PATTERN, parse_number
from dedup.factcheck.qualifiers import (
    Interval,
    interval,
    qualifier_before,
    vague_interval,
)
from dedup.factcheck.spans import Claims

__all__ = ["ROLES", "CountMention", "find_counts"]

# A number right after a month ("Dec. 25 has died") is a day; one between commas after a name
# ("John Doe, 25, was killed") is an age.
_NOT_A_COUNT = re.compile(
    r"(?:\b(?-i:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+|,\s*|"
    r"\b(?:younger|older|under|over)\s+than\s+|\b(?-i:I|US|SR|Route)[-\s]|\b(?:age|ages|aged)\s+|"
    r"\bages\s+\d{1,2}\s+(?:and|to|or|-)\s+)$"
)
# "four people, including a boy who died": the people after "including" are part of a count.
_SUBSET = re.compile(r"\b(?:including|among\s+them)\s+$", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")
_LATER_DIED = re.compile(
    r"[^.;!?\n]{0,120}?\b(?:has\s+|have\s+|had\s+|later\s+|since\s+|then\s+)?(?:died|succumbed|passed\s+away)\b",
    re.IGNORECASE,
)
_BARE_WITH = re.compile(rf"(?:{NUMBER_PATTERN})\s+with\b", re.IGNORECASE)
# "nearly killed his father", "could have killed someone": no one was.
_HEDGE = re.compile(
    r"\b(?:nearly|almost|narrowly|could\s+have|could've|would\s+have|might\s+have)\s+$",
    re.IGNORECASE,
)
_MULTIPLE = {"double": 2, "triple": 3, "quadruple": 4}
_SINGULAR = re.compile(r"[^\S\n]+(?:was|is|has)\b", re.IGNORECASE)
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
_LIST_SPLIT = re.compile(r",\s+(?:and\s+)?|\s+and\s+", re.IGNORECASE)
_LIST_GROUP = re.compile(
    rf"^(?:(?:his|her|their|its)\s+)?(?P<num>{NUMBER_PATTERN})\s+(?!years?\b)\S", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class CountMention:
    """A count of people in one role at text[start:end]; `value` None when not stated."""

    role: str
    value: int | None
    text: str
    start: int
    end: int
    definite: bool = False
    qualifier: str = "exact"
    # What the statement allows; None when it gives no count ("the loss of lives").
    interval: Interval | None = None
    # The figure as written, its qualifier included ("at least three", "dozens", "a man").
    figure: str = ""


def _role(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    for role in ROLES:
        if groups.get(role) or groups.get(role + "x"):
            return role
    return None


def _list_count(listed: str) -> int | bool:
    """The people a coordinated list names: one per conjunct, N for "N people"; ages skipped."""
    conjuncts = _LIST_SPLIT.split(listed)
    group = _LIST_GROUP.match(conjuncts[0])
    if group and listed[len(conjuncts[0]) :].startswith(","):
        # "Two victims, a man and a woman, died": the rest is an apposition to the count.
        conjuncts = conjuncts[:1]
    total = 0
    for conjunct in conjuncts:
        if conjunct.isdigit():
            continue
        group = _LIST_GROUP.match(conjunct)
        number = parse_number(group.group("num")) if group else 1.0
        if number is None or number != int(number) or number > 1000:
            return False
        total += int(number)
    return total


def _value(match: re.Match[str], fixed: str | None) -> int | bool | None:
    """The count a match states: an int, None for "not stated", False to reject the match."""
    if fixed == "#":
        ordinal = match.group("ordinal").lower()
        return _ORDINALS[ordinal] if ordinal in _ORDINALS else int(ordinal[:-2])
    if fixed == "*":
        return _MULTIPLE[match.group("mult").lower()] + bool(match.group("suicide"))
    if fixed == "+":
        return _list_count(match.group("list"))
    if fixed is not None:
        return int(fixed) if fixed else None
    if match.groupdict().get("vague"):
        return None
    number = parse_number(match.group("num"))
    if number is None or number != int(number) or number > 100_000:
        return False
    return int(number)


def _figure(text: str, match: re.Match[str]) -> str:
    groups = match.groupdict()
    for name in ("vague", "num", "list", "single", "definite"):
        if groups.get(name):
            start = match.start(name)
            found = qualifier_before(text, start) if name in ("vague", "num") else None
            return text[found[1] if found else start : match.end(name)]
    return match.group(0)


_EXPLICIT_ONE = re.compile(r"\bone\b", re.IGNORECASE)


def _statement(
    text: str, match: re.Match[str], fixed: str | None, value: int | None
) -> tuple[str, Interval | None]:
    """The qualifier and interval a count states. People named one by one ("a man was
    killed", "a man and a woman were shot") are at least that many: another report may count
    more without contradicting it."""
    groups = match.groupdict()
    if groups.get("vague"):
        return "vague", vague_interval(groups["vague"])
    if value is None:
        return "unstated", None
    if fixed in ("0", "*", "#"):
        return "exact", interval(float(value), qualifier="exact")
    if fixed is not None:
        explicit = fixed == "1" and _EXPLICIT_ONE.match(match.group(0))
        qualifier = "exact" if explicit else "at least"
        return qualifier, interval(float(value), qualifier=qualifier)
    found = qualifier_before(text, match.start("num"))
    qualifier = found[0] if found else "exact"
    return qualifier, interval(float(value), qualifier=qualifier, written=match.group("num"))


def _is_date_or_age(text: str, span: tuple[int, int]) -> bool:
    start, end = span
    if _YEAR.fullmatch(text, start, end) or text[start:end] == "911":
        return True
    before = _NOT_A_COUNT.search(text, max(0, start - 20), start)
    if before is None:
        return False
    return not before.group(0).startswith(",") or text[end : end + 1] == ","


def find_counts(text: str) -> list[CountMention]:
    """Every count of people by role in `text`, in order, without overlapping mentions."""
    found: list[CountMention] = []
    taken = Claims(len(text))
    lowered = text.lower()
    found_anchors = anchors(lowered)
    stretches = {
        reach: windows(found_anchors, len(text), reach) for reach in {p[3] for p in PATTERNS}
    }
    lists = intersect(around_and(text), stretches[LIST_REACH])
    for source, fixed, needs, reach in PATTERNS:
        spans = lists if fixed == "+" else stretches[reach]
        if needs is not None:
            spans = [(s, e) for s, e in spans if any(lowered.find(w, s, e) >= 0 for w in needs)]
        if not spans:
            continue
        pattern = compiled(source)
        for match in (m for start, end in spans for m in pattern.finditer(text, start, end)):
            role = _role(match)
            if role is None:
                continue
            if role in ("injured", "shot") and _LATER_DIED.match(text, match.end()):
                # "A boy who was critically wounded on Friday died on Saturday": the relative
                # clause tells how, the main verb what became of him.
                if match.groupdict().get("partitive") or re.search(r"\bwho\b", match.group(0)):
                    role = "killed" if not match.groupdict().get("partitive") else "shot"
            elif role == "injured" and match.groupdict().get("partitive"):
                # "one of the four people wounded has died": the wounded were everyone hit.
                role = "shot"
            if taken.overlaps(match.start(), match.end()):
                continue
            if _SUBSET.search(text, max(0, match.start() - 20), match.start()):
                continue
            if _HEDGE.search(text, max(0, match.start() - 20), match.start()):
                continue
            if _BARE_WITH.match(match.group(0)):
                # "Seven men were hospitalized, one with critical injuries": part of a group.
                continue
            numbered = "num" in match.re.groupindex and match.group("num") is not None
            if numbered and _is_date_or_age(text, match.span("num")):
                continue
            value = _value(match, fixed)
            if value is False:
                continue
            if numbered and value and value > 1 and _SINGULAR.match(text, match.end("num")):
                # "Calvin Williams, 24 was shot": a number with a singular verb is an age.
                continue
            assert value is None or isinstance(value, int)
            definite = bool(match.groupdict().get("definite"))
            qualifier, allowed = _statement(text, match, fixed, value)
            found.append(
                CountMention(
                    role,
                    value,
                    match.group(0),
                    match.start(),
                    match.end(),
                    definite,
                    qualifier=qualifier,
                    interval=allowed,
                    figure=_figure(text, match),
                )
            )
            taken.claim(match.start(), match.end())
    return sorted(found, key=lambda mention: mention.start)
