"""Counts of people by role (killed, injured, shot, arrested, missing, displaced), with spans.

General English patterns, not article-specific ones: "six of its citizens were killed",
"killing two", "left three dead", "a 23-year-old man died" (one), "no one was hurt" (zero),
"a double homicide" (two), "the loss of lives" (killed, count not stated). `shot` counts
people hit whose fate the phrase leaves open ("four people were shot").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dedup.numbers import NUMBER_PATTERN, parse_number

ROLES = ("killed", "injured", "shot", "arrested", "missing", "displaced")

_ROLE_WORDS = {
    "killed": r"shot\s+and\s+killed|shot\s+(?:to\s+death|dead)|gunned\s+down|killed|dead|died|"
    r"slain|murdered|fatally\s+(?:shot|wounded|injured|stabbed)|lost\s+their\s+lives|"
    r"pronounced\s+dead|found\s+dead",
    "injured": r"shot\s+and\s+(?:\w+ly\s+)?(?:wounded|injured)|injured|wounded|hurt|"
    r"hospitali[sz]ed|treated\s+for\s+(?:gunshot\s+)?(?:wounds|injuries)|in\s+(?:critical|serious|stable|"
    r"fair|good)\s+condition|(?:sustained|suffered|received)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:injuries|wounds?)|in\s+(?:the\s+)?hospital",
    "shot": r"shot|struck\s+by\s+(?:gunfire|bullets?)|hit\s+by\s+(?:gunfire|bullets?)|"
    r"suffering\s+from\s+(?:[\w-]+\s+){0,2}?wounds?",
    "arrested": r"arrested|detained|taken\s+into\s+custody|in\s+custody|charged",
    "missing": r"missing|unaccounted\s+for",
    "displaced": r"displaced|evacuated|homeless|fled\s+their\s+homes",
}
_ANY_ROLE = "|".join(f"(?P<{role}>{words})" for role, words in _ROLE_WORDS.items())
_BE = (
    r"(?:(?:were|was|are|is|have\s+been|has\s+been|had\s+been|been|got|remain|remains|"
    r"remained|also|all|both|each|reportedly|later|\w+ly)\s+)"
)
# An active verb followed by its object is someone else's act ("two men shot a woman").
_NO_OBJECT = (
    r"(?!\s+(?:a|an|the|his|her|their|its|him|them|me|us|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|\d+|(?-i:[A-Z][a-z]+\s+[A-Z]))\b)"
)
_PEOPLE = (
    r"(?:people|persons|person|men|man|women|woman|children|child|kids|kid|teens|teen|teenagers|"
    r"teenager|boys|boy|girls|girl|victims|victim|officers|officer|others|civilians|citizens|"
    r"residents|students|adults|adult|individuals|suspects|suspect|bystanders|brothers|sisters|"
    r"relatives|members|soldiers|police|policemen|deputies|family\s+members|of\s+them|"
    r"juveniles|males|females|young\s+men|more)"
)
_STOP = (
    r"(?!(?:that|who|which|and|or|but|were|was|is|are|left|in|at|on|by|after|from|with|"
    r"to|had|have|has|said|says)\b)"
)
_ADJ = rf"(?:{_STOP}[\w'’-]+\s+){{0,3}}?"
_NUM = rf"(?:at\s+least\s+|about\s+|some\s+|nearly\s+|more\s+than\s+)?(?P<num>{NUMBER_PATTERN})"
_NOUN = (
    r"(?:man|woman|boy|girl|teen|teenager|person|child|toddler|infant|baby|officer|deputy|"
    r"trooper|student|resident|victim|suspect|gunman|shooter|driver|passenger|father|mother|"
    r"son|daughter|husband|wife|clerk|employee|worker|bystander|customer|security\s+guard|male|"
    r"female|juvenile|girlfriend|boyfriend|friend|brother|sister|\d+-year-old)"
)
_SINGLE = (
    rf"(?P<single>\b(?:a|an|one)\s+(?:(?:\d+|[a-z]+(?:-[a-z]+)*)-year-old\s+|[\w'’-]+\s+){{0,3}}?"
    rf"{_NOUN}|\b(?:a|an)\s+\d+-year-old|\b(?:a|an)\s+(?:second|third|fourth|fifth|sixth)\b)"
)
_MULTIPLE = {"double": 2, "triple": 3, "quadruple": 4}

_PATTERNS: tuple[tuple[re.Pattern[str], str | None], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), fixed)
    for pattern, fixed in (
        # "no one was hurt", "nobody else was injured", "no injuries were reported"
        (
            rf"\b(?:no\s+one|nobody|none)(?:\s+else)?(?:\s+of\s+them)?\s+{_BE}*(?:{_ANY_ROLE})\b",
            "0",
        ),
        (
            r"\bno\s+(?:other\s+|additional\s+)?(?:(?P<injured>injuries|injured)|(?P<killed>deaths|"
            r"fatalities))\b",
            "0",
        ),
        # "six of its citizens were killed", "two people were shot and killed", "3 dead"
        (
            rf"\b{_NUM}\s+(?:(?:of\s+)?(?:its|their|the|them|those)\s+)?{_ADJ}{_PEOPLE}?"
            rf"(?:,\s+(?:including|among\s+them|all|both|ages|aged)\b[^,.;]{{1,60}},)?\s*,?\s*"
            rf"{_BE}*(?:{_ANY_ROLE})\b{_NO_OBJECT}",
            None,
        ),
        # "shot four people", "shooting two men"
        (rf"\b(?P<shot>shot|shooting|shoots)\s+(?:at\s+least\s+)?{_NUM}\s+{_ADJ}{_PEOPLE}\b", None),
        # "killing two", "wounding three people", "left two dead", "sent four to the hospital"
        (
            rf"\b(?:(?P<killed>killing|killed|kills|kill)|(?P<injured>injuring|wounding|"
            rf"injured|wounded|hurting)|(?P<arrested>arrested))\s+{_NUM}\b(?!\s*-?\s*year)",
            None,
        ),
        (rf"\b(?:leaving|left)\s+{_NUM}\s+{_ADJ}{_PEOPLE}?\s*(?:{_ANY_ROLE})\b", None),
        (
            rf"\bsen(?:t|ding)\s+{_NUM}\s+{_ADJ}{_PEOPLE}?\s*to\s+(?:the\s+|a\s+)?(?P<injured>"
            rf"hospitals?)\b",
            None,
        ),
        # "a 23-year-old man died", "a woman was shot and killed", "another was wounded"
        (
            rf"{_SINGLE}\s+(?:who\s+(?:[\w'’-]+\s+){{1,4}}?(?=was\s|were\s|is\s)|who\s+|,\s+)?"
            rf"(?:{_BE}+(?:{_ANY_ROLE})\b{_NO_OBJECT}|"
            r"(?P<killedx>died|later\s+died)\b)",
            "1",
        ),
        # "left a 1-year-old boy dead and a woman wounded"
        (rf"\b(?:leaving|left|and)\s+{_SINGLE}\s+(?:{_ANY_ROLE})\b{_NO_OBJECT}", "1"),
        # "the boy remained in critical condition", "he was pronounced dead": someone already
        # introduced, so a fallback count only (see dedup.summary)
        (
            rf"\b(?P<definite>(?:the|his|her|their)\s+{_ADJ}{_NOUN}|he|she)\s+(?:who\s+|,\s+)?"
            rf"(?:{_BE}+(?:{_ANY_ROLE})\b{_NO_OBJECT}|(?P<killedx>died|later\s+died)\b)",
            "1",
        ),
        # "a man and a woman were killed", "the mother and her toddler were found dead"
        (
            rf"\b(?:a|an|the)\s+{_ADJ}{_NOUN}\s+and\s+(?:a|an|the|his|her|their)\s+{_ADJ}{_NOUN}"
            rf"\s+{_BE}*(?:{_ANY_ROLE})\b{_NO_OBJECT}",
            "2",
        ),
        (rf"\banother\s+(?:{_PEOPLE}\s+)?{_BE}*(?:{_ANY_ROLE})\b{_NO_OBJECT}", "1"),
        (r"\b(?P<killed>(?:shooting\s+)?death\s+of\s+(?:a|an)\s)", "1"),
        # "a double homicide", "triple shooting", "murder-suicide"
        (
            r"\b(?P<mult>double|triple|quadruple)\s+(?:(?P<killed>homicide|murder|slaying|"
            r"killing)|(?P<shot>shooting))s?\b",
            "*",
        ),
        (r"\b(?P<killed>murder-suicide|murder\s+suicide)\b", "2"),
        # "the loss of lives", "lives were lost": killed, count not stated
        (
            r"\b(?P<killed>loss\s+of\s+(?:\w+\s+)?lives?|lives\s+(?:were\s+|have\s+been\s+)?lost)"
            r"\b",
            "",
        ),
    )
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


def _role(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    for role in ROLES:
        if groups.get(role) or groups.get(role + "x"):
            return role
    return None


def _value(match: re.Match[str], fixed: str | None) -> int | bool | None:
    """The count a match states: an int, None for "not stated", False to reject the match."""
    if fixed == "*":
        return _MULTIPLE[match.group("mult").lower()]
    if fixed is not None:
        return int(fixed) if fixed else None
    number = parse_number(match.group("num"))
    if number is None or number != int(number) or number > 100_000:
        return False
    return int(number)


def find_counts(text: str) -> list[CountMention]:
    """Every count of people by role in `text`, in order, without overlapping mentions."""
    found: list[CountMention] = []
    taken: list[tuple[int, int]] = []
    for pattern, fixed in _PATTERNS:
        for match in pattern.finditer(text):
            role = _role(match)
            if role is None:
                continue
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            value = _value(match, fixed)
            if value is False:
                continue
            assert value is None or isinstance(value, int)
            definite = bool(match.groupdict().get("definite"))
            found.append(
                CountMention(role, value, match.group(0), match.start(), match.end(), definite)
            )
            taken.append((match.start(), match.end()))
    return sorted(found, key=lambda mention: mention.start)
