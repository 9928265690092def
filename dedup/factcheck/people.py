"""Counts of people by role (killed, injured, shot, arrested, missing, displaced), with spans.

General English patterns, not article-specific ones: "six of its citizens were killed",
"killing two", "left three dead", "a 23-year-old man died" (one), "no one was hurt" (zero),
"a double homicide" (two), "the loss of lives" (killed, count not stated). Coordinated victims
are summed ("a man and a woman were shot", "two bailiffs and the gunman are dead", "Jane Roe,
20, and John Doe, 17, were killed", "shot a cashier and two customers"); partitives count the
group a participle describes ("one of the five people shot and killed") and the part a verb
does ("two of the victims died", "five shot, two of them fatally"). Days ("Dec. 25"), ages
("Jane Roe, 25,"), years and appositions are not counts. `shot` counts people hit whose fate
the phrase leaves open ("four people were shot").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dedup.factcheck.numbers import NUMBER_PATTERN, parse_number
from dedup.factcheck.qualifiers import (
    VAGUE_PATTERN,
    Interval,
    interval,
    qualifier_before,
    vague_interval,
)
from dedup.factcheck.spans import Spans

ROLES = ("killed", "injured", "shot", "arrested", "missing", "displaced")

_ROLE_WORDS = {
    "killed": r"shot\s+and\s+killed|shot\s+(?:to\s+death|dead)|gunned\s+down|killed|dead|died|"
    r"slain|murdered|fatally\s+(?:shot|wounded|injured|stabbed)|lost\s+their\s+lives|"
    r"pronounced\s+dead|found\s+dead|passed\s+away|mortally\s+(?:wounded|injured)",
    "injured": r"shot\s+and\s+(?:\w+ly\s+)?(?:wounded|injured)|injured|wounded|hurt|"
    r"hospitali[sz]ed|treated\s+for\s+(?:gunshot\s+)?(?:wounds|injuries)|in\s+(?:critical|serious|stable|"
    r"fair|good)\s+condition|(?:sustained|suffered|received)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:injuries|wounds?)|in\s+(?:the\s+)?hospital|"
    r"treated\s+(?:and\s+released|at\s+(?:a|the|an?\s+\w+|\w+)\s+hospitals?)|"
    r"(?:at|in)\s+(?:a|an\s+area|area|local)\s+hospitals?|"
    r"(?:with|has|have|had)\s+(?:non-?\s?life-?\s?threatening|minor)\s+(?:injuries|wounds)",
    "shot": r"shot|grazed|struck\s+by\s+(?:gunfire|bullets?)|hit\s+by\s+(?:gunfire|bullets?)|"
    r"suffering\s+from\s+(?:[\w-]+\s+){0,2}?wounds?",
    "arrested": r"arrested|detained|taken\s+into\s+custody|in\s+custody|charged",
    "missing": r"missing|unaccounted\s+for",
    "displaced": r"displaced|evacuated|homeless|fled\s+their\s+homes",
}
_ANY_ROLE = "|".join(f"(?P<{role}>{words})" for role, words in _ROLE_WORDS.items())
# "fatally" and "mortally" are not hedges: they make "shot" and "injured" a death.
_BE = (
    r"(?:(?:were|was|are|is|have\s+been|has\s+been|had\s+been|been|got|remain|remains|"
    r"remained|listed|wound\s+up|ended\s+up|also|all|both|each|reportedly|later|(?!fatally|mortally)\w+ly|"
    r"(?:has|have|had)(?=\s+died)|found(?=\s+(?:shot|stabbed|slain|murdered|fatally)))\s+)"
)
# A relative clause: "two women who died", "a man and a woman who were shot".
_WHO = r"(?:(?:who|that)\s+)?"
# A coordinated subject takes a plural verb: "A and B were shot"; "A and B, was shot" is not one.
_BE_PLURAL = r"(?:(?!was\b|is\b|has\b)" + _BE[3:]
# An active verb followed by its object is someone else's act ("two men shot a woman").
_NO_OBJECT = (
    r"(?!\s+(?:and\s+(?:killed|wounded|injured)\s+)?(?:a|an|the|his|her|their|its|him|them|me|us|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|\d+|himself|herself|themselves|(?-i:[A-Z][a-z]+\s+[A-Z]))\b)"
)
_PEOPLE = (
    r"(?:people|persons|person|men|man|women|woman|children|child|kids|kid|teens|teen|teenagers|"
    r"teenager|boys|boy|girls|girl|victims|victim|officers|officer|others|civilians|citizens|"
    r"residents|students|adults|adult|individuals|suspects|suspect|bystanders|brothers|sisters|"
    r"relatives|members|soldiers|police|policemen|deputies|family\s+members|of\s+them|"
    r"juveniles|males|females|young\s+men|more|other)"
)
_STOP = (
    r"(?!(?:that|who|whose|whom|which|including|among|and|or|but|were|was|is|are|left|in|at|on|by|after|from|with|"
    r"to|had|have|has|said|says)\b)"
)
# Modifiers stay within a line: a headline or dateline does not modify the next paragraph.
_ADJ = rf"(?:{_STOP}[\w'’-]+[^\S\n]+){{0,3}}?"
# A count, not an age ("13 year old") nor a time ("10:30").
_NUM = (
    # (The lookahead only skips, cheaply, words whose first letter no number or hedge has.)
    rf"(?<![:.,$])(?=[\dabdefhmnostuz])(?:(?:at\s+least|about|some|nearly|more\s+than|over|"
    rf"up\s+to|as\s+many\s+as|almost|an\s+estimated)\s+)?"
    rf"(?:(?P<vague>{VAGUE_PATTERN})|(?P<num>{NUMBER_PATTERN})(?![^\S\n]*-?[^\S\n]*years?\b))"
)
_NOUN = (
    r"(?:man|woman|boy|girl|teen|teenager|person|child|toddler|infant|baby|officer|deputy|"
    r"trooper|student|resident|victim|suspect|gunman|shooter|driver|passenger|father|mother|"
    r"son|daughter|husband|wife|clerk|employee|worker|bystander|customer|security\s+guard|male|"
    r"female|juvenile|girlfriend|boyfriend|friend|brother|sister|\d+-year-old|cashier|hunter|"
    r"(?:ex-)?(?:wife|husband)|grandmother|grandfather|uncle|aunt|cousin|nephew|niece|neighbor|"
    r"roommate)"
)
# A counted group names its people, known ("victims") or not ("bailiffs").
_GROUP = (
    rf"(?:{_PEOPLE}|(?-i:(?!(?:this|his|its|has|was|is|yes|perhaps|always|towards|afterwards|"
    rf"whereas|seconds|minutes|hours|days|weeks|months|years|times|shots|rounds|bullets|"
    rf"kilometres|kilometers|metres|meters|miles|feet|yards|inches|pounds|tons|tonnes|acres|"
    rf"hectares|degrees|dollars|euros|percent|votes|points|goals|runs|yards)\b)"
    rf"[a-z]+[^su\W]s))\b"
)
_SINGLE = (
    rf"(?P<single>\b(?:a|an|one)\s+(?:(?:\d+|[a-z]+(?:-[a-z]+)*)-year-old\s+|[\w'’-]+\s+){{0,3}}?"
    rf"{_NOUN}|\b(?:a|an)\s+(?:\d+|[a-z]+(?:-[a-z]+)?)-year-old|\b(?:a|an)\s+(?:second|third|fourth|fifth|sixth)\b)"
)
# A number right after a month ("Dec. 25 has died") is a day; one between commas after a name
# ("John Doe, 25, was killed") is an age.
_NOT_A_COUNT = re.compile(
    r"(?:\b(?-i:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+|,\s*)$"
)
# "four people, including a boy who died": the people after "including" are part of a count.
_SUBSET = re.compile(r"\b(?:including|among\s+them)\s+$", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")
_MULTIPLE = {"double": 2, "triple": 3, "quadruple": 4}
# Coordinated victims, each conjunct one person or a counted group: "a 5-year-old girl and a
# 34-year-old woman", "two bailiffs and the shooter", "Jane Roe, 20, and John Doe, 17".
_DET = r"(?:a|an|one|the|his|her|their|its|another)"
# Modifiers inside a conjunct: no article and no verb ("killing a father" is not one).
_LADJ = rf"(?:{_STOP}(?!(?:a|an|the)\b|\w+ing\b)[\w'’-]+[^\S\n]+){{0,3}}?"
_CONJ_ONE = rf"{_DET}\s+{_LADJ}{_NOUN}"
_CONJ_NEXT = rf"(?:{_DET}\s+)?{_LADJ}{_NOUN}"
_CONJ_NUM = rf"(?:(?:his|her|their|its)\s+)?{NUMBER_PATTERN}\s+{_LADJ}{_GROUP}"
# A name counts as a victim only with an age: "20-year-old Jane Roe", "Jane Roe, 20,".
_NAME = r"(?-i:[A-Z][a-z'’]+(?:[^\S\n]+[A-Z][\w'’-]*\.?){1,3})"
_CONJ_NAME = rf"(?:\d+[\s-]year[\s-]old[^\S\n]+{_NAME}|{_NAME},[^\S\n]+\d{{1,3}}(?=,))"
_PRONOUN = r"(?-i:[Hh]e|[Ss]he|him|her|himself|herself)(?=\s+and\s)"
_FIRST = rf"(?:{_CONJ_NUM}|{_CONJ_ONE}|{_CONJ_NAME}|{_PRONOUN})"
_NEXT = rf"(?:{_CONJ_NUM}|{_CONJ_NEXT}|{_CONJ_NAME})"
# The last conjunct follows "and": "A, B" without it is an apposition ("her husband, John").
# Words that can start a conjunct: a cheap test that spares the full pattern at every other word.
_LIST_START = (
    r"(?=(?-i:[A-Z\d])|(?:a|an|one|the|his|her|their|its|another|he|she|him|two|three|four|five|"
    r"six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen|twenty|thirty|forty|fifty)\b)"
)
_SP = r"[^\S\n]"  # a list stays within one line
_LIST = rf"{_LIST_START}(?P<list>{_FIRST}(?:{_SP}*,{_SP}*{_NEXT})*{_SP}*,?{_SP}+and{_SP}+{_NEXT})"
_AND = re.compile(r"\sand\s", re.IGNORECASE)
_LIST_BEFORE = 250
_LIST_AFTER = 200
_LIST_SPLIT = re.compile(r",\s+(?:and\s+)?|\s+and\s+", re.IGNORECASE)
_LIST_GROUP = re.compile(
    rf"^(?:(?:his|her|their|its)\s+)?(?P<num>{NUMBER_PATTERN})\s+(?!years?\b)\S", re.IGNORECASE
)

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
        # "a man and a woman were killed", "two bailiffs and the gunman are dead"
        (rf"\b{_LIST}\s*,?\s+{_WHO}{_BE_PLURAL}*(?:{_ANY_ROLE})\b{_NO_OBJECT}", "+"),
        # "shot two women and a girl", "killing a man and his son"
        (
            rf"\b(?:(?P<killed>fatally\s+shot|fatally\s+shooting|killing|killed|kills)|"
            rf"(?P<injured>injuring|wounding|wounded|injured)|(?P<shot>shot|shooting|striking|"
            rf"hitting))\s+{_LIST}",
            "+",
        ),
        # "the shooting of five people", "the killing of two men"
        (
            rf"\b(?:(?P<killed>shooting\s+deaths?|killings?|slayings?|murders?|deaths?)|"
            rf"(?P<injured>(?:shooting\s+and\s+)?wounding)|(?P<shot>shootings?))\s+of\s+"
            rf"(?:(?:at\s+least\s+)?{_NUM})\s+{_ADJ}{_PEOPLE}\b",
            None,
        ),
        # "one of the five people shot and killed": the participle describes the whole group
        (
            rf"\b(?=[\w-]+\s+of\s)(?:{NUMBER_PATTERN}|some|many|most|all|several)\s+of\s+"
            rf"(?:the\s+|those\s+)?"
            rf"{_NUM}\s+{_ADJ}{_GROUP}\s+(?!died\b|dies\b)(?:{_ANY_ROLE})\b{_NO_OBJECT}",
            None,
        ),
        # "six people were shot, two of them fatally", "four people shot, one fatally"
        (rf"(?<=,\s){_NUM}\s+(?:of\s+them\s+)?(?P<killed>fatally|mortally)\b", None),
        # "six of its citizens were killed", "two people were shot and killed", "3 dead"
        (
            rf"\b{_NUM}[^\S\n]+(?:(?:of\s+)?(?:its|their|the|them|those)\s+)?(?:{_ADJ}{_GROUP})?"
            rf"(?:,?\s+(?:including|among\s+them|all|both|ages|aged)\b"
            rf"(?:(?!who\b|that\b|which\b)[^,.;]){{1,60}}?,?\s*|\s*,?\s*{_WHO})"
            rf"{_BE}*(?:{_ANY_ROLE})\b{_NO_OBJECT}",
            None,
        ),
        # "two deceased victims", "three wounded men"
        (
            rf"\b(?=[\w,.-]+\s+(?:dead|deceased|injured|wounded)\s){_NUM}\s+(?:(?P<killed>dead|"
            rf"deceased)|(?P<injured>injured|wounded))\s+{_GROUP}",
            None,
        ),
        # "shot four people", "shooting two men", "striking five teenagers"
        (
            rf"\b(?P<shot>shot|shooting|shoots|striking|hitting)\s+(?:at\s+least\s+)?{_NUM}\s+"
            rf"{_ADJ}{_PEOPLE}\b",
            None,
        ),
        # "killing two", "wounding three people", "left two dead", "sent four to the hospital"
        (
            rf"\b(?:(?P<killed>killing|killed|kills|kill)|(?P<injured>injuring|wounding|"
            rf"injured|wounded|hurting)|(?P<arrested>arrested))\s+(?:(?:his|her|their)\s+)?{_NUM}\b"
            rf"(?!\s*-?\s*year)",
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
        # "killed five people and wounded a 6-year-old girl"
        (
            rf"\b(?:(?P<killed>killing|killed|kills)|(?P<injured>injuring|wounding|wounded|"
            rf"injured))\s+{_SINGLE}\b",
            "1",
        ),
        # "left a 1-year-old boy dead and a woman wounded"
        (rf"\b(?:leaving|left|and)\s+{_SINGLE}\s+(?:{_ANY_ROLE})\b{_NO_OBJECT}", "1"),
        # "the boy remained in critical condition", "he was pronounced dead": someone already
        # introduced, so a fallback count only (see dedup.factcheck.summary)
        (
            rf"\b(?P<definite>(?:the|his|her|their)\s+{_ADJ}{_NOUN}|he|she)\s+(?:who\s+|,\s+)?"
            rf"(?:{_BE}+(?:{_ANY_ROLE})\b{_NO_OBJECT}|(?P<killedx>died|later\s+died)\b)",
            "1",
        ),
        (rf"\banother\s+(?:{_PEOPLE}\s+)?{_BE}*(?:{_ANY_ROLE})\b{_NO_OBJECT}", "1"),
        (r"\b(?P<killed>(?:shooting\s+)?death\s+of\s+(?:a|an)\s)", "1"),
        # "a double homicide", "triple shooting", "murder-suicide"
        (
            r"\b(?P<mult>double|triple|quadruple)\s+(?:(?P<killed>homicide|murder|slaying|"
            r"killing)(?P<suicide>[\s-]+suicide)?|(?P<shot>shooting))s?\b",
            "*",
        ),
        (r"(?<!attempted\s)\b(?P<killed>murder-suicide|murder\s+suicide)\b", "2"),
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
    if fixed in ("0", "*"):
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
    before = _NOT_A_COUNT.search(text, max(0, start - 12), start)
    if before is None:
        return False
    return not before.group(0).startswith(",") or text[end : end + 1] == ","


def _around_and(text: str) -> list[tuple[int, int]]:
    """The stretches of `text` a coordinated list can occupy: around each "and", within its
    line. Running the list patterns only there spares them most of a long article."""
    spans: list[tuple[int, int]] = []
    for match in _AND.finditer(text):
        start = max(text.rfind("\n", 0, match.start()) + 1, match.start() - _LIST_BEFORE)
        line_end = text.find("\n", match.end())
        end = min(len(text) if line_end < 0 else line_end, match.end() + _LIST_AFTER)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def find_counts(text: str) -> list[CountMention]:
    """Every count of people by role in `text`, in order, without overlapping mentions."""
    found: list[CountMention] = []
    taken = Spans()
    lists = _around_and(text)
    for pattern, fixed in _PATTERNS:
        spans = lists if fixed == "+" else ((0, len(text)),)
        for match in (m for start, end in spans for m in pattern.finditer(text, start, end)):
            role = _role(match)
            if role is None:
                continue
            if taken.overlaps(match.start(), match.end()):
                continue
            if _SUBSET.search(text, max(0, match.start() - 20), match.start()):
                continue
            numbered = "num" in match.re.groupindex and match.group("num") is not None
            if numbered and _is_date_or_age(text, match.span("num")):
                continue
            value = _value(match, fixed)
            if value is False:
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
            taken.add(match.start(), match.end())
    return sorted(found, key=lambda mention: mention.start)
