"""Typed quantities: what each figure of an article measures.

A figure is read with what surrounds it: an age ("22-year-old Dale Corbin", "Dale Corbin, 22,"),
money ("$25,000", "5.4 billion dollars"), a percentage, a distance, weight, duration, speed or
area with its unit (converted to one base unit per kind), an earthquake's magnitude, a gun's
calibre (".357 caliber", "9mm"), a win-loss record ("52-3 with 46 KOs", "(10 - 5)", "a 9-5
season"), or a count of a noun ("288 candidates", "three life sentences", "dozens of homes").
Each carries its qualifier as an interval (dedup.factcheck.qualifiers) and, where the text says,
its anchor: the person an age belongs to, the fighter or team a record belongs to.
Figures that are none of these stay plain numbers: they are never compared as a slot.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from dedup.factcheck.numbers import NumberMention
from dedup.factcheck.qualifiers import (
    VAGUE_PATTERN,
    Interval,
    interval,
    qualifier_after,
    qualifier_before,
    vague_interval,
)
from dedup.factcheck.spans import Claims
from dedup.factcheck.units import (
    CURRENCIES,
    CURRENCY_WORDS,
    UNIT_PATTERN,
    UNITS,
    is_plural,
    singular,
)

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One figure with what it measures, at text[start:end] (its qualifier included)."""

    kind: str
    unit: str
    value: float
    text: str
    start: int
    end: int
    qualifier: str
    interval: Interval
    anchor: str | None = None
    noun: str | None = None


_NAME = r"(?-i:[A-Z][\w'’.-]*(?:[^\S\n]+(?:de |van |von |bin |al-)?[A-Z][\w'’.-]*){0,3})"
_AGE_AFTER = re.compile(r"[^\S\n]*-?[^\S\n]*years?[^\S\n]*-?[^\S\n]*old\b", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:aged|age|ages)[^\S\n]+$", re.IGNORECASE)
# "Dale Corbin, 22, was ..." / "Owen Marsh, 11;" / "Williams, 32"
_NAME_COMMA = re.compile(rf"(?P<name>{_NAME})(?:[^\S\n]+Jr\.?|[^\S\n]+Sr\.?)?,[^\S\n]*$")
_NAME_PAREN = re.compile(rf"(?P<name>{_NAME})[^\S\n]*\($")
_AGE_END = re.compile(r"[^\S\n]*(?:[,;.)]|and\b|$)")
_FOLLOWING_NAME = re.compile(rf"[^\S\n]+(?P<name>{_NAME})")
_FOLLOWING_NOUN = re.compile(r"[^\S\n]+(?P<noun>(?:[a-z]+[^\S\n]+)?[a-z]+)")
_PERSON_NOUN = re.compile(
    r"(?:man|woman|boy|girl|teen|teenager|person|child|toddler|infant|baby|officer|deputy|son|"
    r"daughter|father|mother|husband|wife|brother|sister|suspect|victim|driver|student|male|"
    r"female|juvenile|gunman|shooter|resident|grandmother|grandfather|friend|girlfriend|"
    r"boyfriend|actress|actor|singer|player|fighter|climber|american|veteran)"
)
_POSSESSIVE = re.compile(r"['’]s?$")
_NOT_NAMES_LIST = (
    "The A An His Her Their Its This That These Those Monday Tuesday Wednesday Thursday Friday "
    "Saturday Sunday Police Officers Officer Sheriff Deputies He She They It On In At"
)
_NOT_NAMES = frozenset(_NOT_NAMES_LIST.split())
_UNIT_AFTER = re.compile(
    rf"(?:[^\S\n]*-[^\S\n]*|[^\S\n]+|)(?P<unit>{UNIT_PATTERN})(?!\w)", re.IGNORECASE
)
_SCALE_AFTER = re.compile(r"(?P<scale>m|mn|bn|b|k)\b")
_CURRENCY_BEFORE = re.compile(r"(?P<sign>US\$|\$|£|€)[^\S\n]?$", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(
    r"[^\S\n]+(?P<word>" + "|".join(CURRENCY_WORDS) + r")\b", re.IGNORECASE
)
_MAGNITUDE = re.compile(r"[^\S\n]*-?[^\S\n]*magnitude\b|[^\S\n]+on\s+the\s+Richter", re.I)
_MAGNITUDE_BEFORE = re.compile(r"\bmagnitude[^\S\n]*(?:-|of)?[^\S\n]*$", re.IGNORECASE)
_CALIBER = re.compile(
    r"(?<![\d.])\.[^\S\n]?(?P<cal>\d{2,3})(?:[^\S\n]*-?[^\S\n]*(?:caliber|calibre|cal\b|magnum|"
    r"special|auto\b)|(?=[^\S\n]+(?:revolver|handgun|pistol|rifle|gun)))"
    r"|\b(?P<mm>\d{1,2})[^\S\n]?(?:mm|-?millimet(?:er|re))\b",
    re.IGNORECASE,
)
# A win-loss(-draw) record, with the knockouts a boxing record adds.
_RECORD = re.compile(
    r"(?<![\d.-])(?P<w>\d{1,3})[^\S\n]?-[^\S\n]?(?P<l>\d{1,3})(?:[^\S\n]?-[^\S\n]?(?P<d>\d{1,3}))?"
    r"(?![\d-])(?P<kos>(?:,[^\S\n]*|[^\S\n]+with[^\S\n]+)(?P<ko>\d{1,3})[^\S\n]*KO['’]?s?\b)?"
)
# Where a record is written: "Bowe (45-1, 33 KOs)", "a 9 - 5 season", "Klitschko, 53-3,",
# "improved the champion to 52-3"; "a 20 - 13 lead" is a score, not a record.
_RECORD_FORMS = (
    (re.compile(r"\($"), re.compile(r"^[^\S\n]*[),]")),
    (re.compile(r"\b(?:a|an|their|his|her|its)[^\S\n]+$"),
     re.compile(r"^[^\S\n]*(?:season|record|mark|campaign)\b", re.I)),
    (re.compile(r"(?-i:[A-Z][a-z][\w'’.-]*),[^\S\n]*$"), re.compile(r"^[^\S\n]*,")),
    (re.compile(r"\bto[^\S\n]+$"), re.compile(r"^[^\S\n]*(?:[.,;]|with\b|$)")),
)  # fmt: skip
# Words that end a noun phrase before its head: verbs, prepositions, determiners.
_STOP_LIST = (
    "a an the of to in on at by for from with and or but as is are was were be been being has "
    "have had will would could should may might can do does did that which who whom whose this "
    "these those than then so if not no also after before during since until while when where "
    "per each every about over under into onto out up down off more most less least other "
    "others another such only just all both some any many few several"
)
_STOP = frozenset(_STOP_LIST.split())
_WORD = re.compile(r"[^\S\n]*(?:-[^\S\n]*)?(?P<word>[A-Za-z][\w'’]*)")
_NOUN_LIMIT = 3
_OPEN_PAREN = re.compile(r"[^\S\n]*\([^\S\n]*")
# A capitalised plural counts people when it names a nationality or a group ("Armenians").
_GROUP_NAME = re.compile(r"(?:ans|ese|ites|ers|ists|is)$")
_MAX_AGE = 115


def _qualified(text: str, number: NumberMention, end: int) -> tuple[int, str, Interval]:
    """Where the mention starts (its qualifier included), the qualifier and the interval."""
    start = number.start
    found = qualifier_before(text, start)
    qualifier = "exact"
    if found is not None:
        qualifier, start = found
    elif (after := qualifier_after(text, end)) is not None:
        qualifier = after
    if number.high is not None and qualifier == "exact":
        qualifier = "range"
    span = interval(number.value, qualifier=qualifier, high=number.high, written=number.text)
    return start, qualifier, span


def _age_anchor(text: str, number: NumberMention, end: int) -> str | None:
    """Whose age: the name after "22-year-old", a person noun after it ("a 15-year-old
    suspect"), or the name before "Dale Corbin, 22"."""
    following = _FOLLOWING_NAME.match(text, end, min(len(text), end + 60))
    if following and following.group("name").split()[0] not in _NOT_NAMES:
        return following.group("name")
    noun = _FOLLOWING_NOUN.match(text, end, min(len(text), end + 30))
    for word in noun.group("noun").split() if noun else ():
        if _PERSON_NOUN.fullmatch(word):
            return word
    before = text[max(0, number.start - 60) : number.start]
    for pattern in (_NAME_COMMA, _NAME_PAREN):
        match = pattern.search(before)
        if match and not set(match.group("name").split()) & _NOT_NAMES:
            return match.group("name")
    return None


def _age(text: str, number: NumberMention) -> tuple[int, str | None] | None:
    """(end, anchor) when the figure is an age."""
    after = _AGE_AFTER.match(text, number.end, min(len(text), number.end + 24))
    if after is not None:
        return after.end(), _age_anchor(text, number, after.end())
    if _AGE_BEFORE.search(text, max(0, number.start - 8), number.start):
        return number.end, _age_anchor(text, number, number.end)
    before = text[max(0, number.start - 60) : number.start]
    comma = _NAME_COMMA.search(before)
    closes = _AGE_END.match(text, number.end, min(len(text), number.end + 6))
    if comma and closes and not set(comma.group("name").split()) & _NOT_NAMES:
        if number.is_word or number.value != int(number.value) or number.value > _MAX_AGE:
            return None
        return number.end, comma.group("name")
    return None


def _money(text: str, number: NumberMention) -> tuple[int, int, str, float] | None:
    """(start, end, currency, factor) when the figure is an amount of money."""
    sign = _CURRENCY_BEFORE.search(text, max(0, number.start - 4), number.start)
    end, factor = number.end, 1.0
    scale = _SCALE_AFTER.match(text, end, min(len(text), end + 3))
    if scale and sign:
        factor = {"m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "k": 1e3}[scale.group("scale")]
        end = scale.end()
    if sign:
        return sign.start(), end, CURRENCIES[sign.group("sign").lower()], factor
    word = _CURRENCY_AFTER.match(text, end, min(len(text), end + 12))
    if word:
        return number.start, word.end(), CURRENCY_WORDS[word.group("word").lower()], factor
    return None


def _noun_phrase(text: str, end: int, *, plural: bool) -> tuple[int, str, str] | None:
    """(end, phrase, head lemma) of the noun a count counts: up to three words, ending at the
    first plural noun (a singular one for a count of one)."""
    words: list[str] = []
    position = end
    limit = min(len(text), end + 60)
    while len(words) < _NOUN_LIMIT:
        match = _WORD.match(text, position, limit)
        if match is None:
            return None
        word = match.group("word")
        if word.lower() in _STOP or word.lower() in UNITS or (word.isupper() and len(word) > 1):
            return None
        words.append(word)
        position = match.end()
        if plural and is_plural(word):
            if word[0].isupper() and not _GROUP_NAME.search(word):
                return None  # "1249 Bells Ferry Road": part of a name, not a count
            return position, " ".join(words), singular(word)
        if not plural and word[0].islower():
            following = _WORD.match(text, position, limit)
            nxt = following.group("word").lower() if following else ""
            if not following or nxt in _STOP or not nxt.isalpha():
                return position, " ".join(words), singular(word)
    return None


def _age_quantity(text: str, number: NumberMention, end: int, anchor: str | None) -> Quantity:
    start, qualifier, span = _qualified(text, number, end)
    return Quantity(
        "age", "years", number.value, text[start:end], start, end, qualifier, span, anchor=anchor
    )


def _typed(text: str, number: NumberMention) -> Quantity | None:
    """The quantity one figure states, or None for a plain number."""
    if _MAGNITUDE.match(text, number.end, min(len(text), number.end + 24)) or (
        _MAGNITUDE_BEFORE.search(text, max(0, number.start - 14), number.start)
    ):
        start, qualifier, span = _qualified(text, number, number.end)
        end = number.end
        return Quantity("magnitude", "", number.value, text[start:end], start, end, qualifier, span)
    money = _money(text, number)
    if money is not None:
        sign_start, end, currency, factor = money
        start, qualifier, span = _qualified(text, number, end)
        start = min(start, sign_start)
        value = number.value * factor
        scaled = Interval(span.low * factor, span.high * factor)
        return Quantity("money", currency, value, text[start:end], start, end, qualifier, scaled)
    unit = _UNIT_AFTER.match(text, number.end, min(len(text), number.end + 24))
    if unit is not None:
        kind, base, factor = UNITS[re.sub(r"\s+", " ", unit.group("unit").lower())]
        if kind == "percent" or not (number.is_word and unit.group("unit").lower() == "m"):
            end = unit.end()
            start, qualifier, span = _qualified(text, number, end)
            scaled = Interval(span.low * factor, span.high * factor)
            return Quantity(
                kind, base, number.value * factor, text[start:end], start, end, qualifier, scaled
            )
    noun = _noun_phrase(text, number.end, plural=number.value != 1)
    if noun is not None and number.value == int(number.value):
        end, phrase, head = noun
        start, qualifier, span = _qualified(text, number, end)
        return Quantity(
            "quantity",
            head,
            number.value,
            text[start:end],
            start,
            end,
            qualifier,
            span,
            noun=phrase,
        )
    return None


_NOT_ANCHOR = re.compile(r"-born$|^[A-Z\s'’.-]{2,}$|(?:ian|ean|ese|ish|ani)$")


def _anchor_before(text: str, start: int) -> str | None:
    """The name written last before `start` in the same sentence (a record's holder); an
    adjective ("Ukrainian-born") or an acronym ("IBF") is no holder."""
    window = text[max(0, start - 160) : start]
    window = re.split(r"[.!?]\s|\n", window)[-1]
    names = [
        _POSSESSIVE.sub("", m.group(0))
        for m in re.finditer(_NAME, window)
        if m.group(0).split()[0] not in _NOT_NAMES and not _NOT_ANCHOR.search(m.group(0))
    ]
    return names[-1] if names else None


def _records(text: str) -> list[Quantity]:
    found = []
    for match in _RECORD.finditer(text):
        before = text[max(0, match.start() - 12) : match.start()]
        after = text[match.end() : match.end() + 12]
        wins, losses = int(match.group("w")), int(match.group("l"))
        marked = any(b.search(before) and a.match(after) for b, a in _RECORD_FORMS)
        if not marked or (wins < losses and not match.group("kos")):
            continue
        value = f"{wins}-{losses}" + (f"-{match.group('d')}" if match.group("d") else "")
        unit = value + (f" {match.group('ko')} KO" if match.group("ko") else "")
        anchor = _anchor_before(text, match.start())
        found.append(
            Quantity(
                "record",
                unit,
                float(wins),
                match.group(0),
                match.start(),
                match.end(),
                "exact",
                Interval(wins - 0.5, wins + 0.5),
                anchor=anchor,
            )
        )
    return found


def _calibers(text: str) -> list[Quantity]:
    found = []
    for match in _CALIBER.finditer(text):
        millimetres = match.group("mm")
        value = float(millimetres or match.group("cal"))
        unit = "mm" if millimetres else "in/100"
        found.append(
            Quantity(
                "caliber",
                unit,
                value,
                match.group(0),
                match.start(),
                match.end(),
                "exact",
                Interval(value - 0.5, value + 0.5),
            )
        )
    return found


_VAGUE_COUNT = re.compile(rf"\b(?P<vague>{VAGUE_PATTERN})(?=[^\S\n]+[a-z])", re.IGNORECASE)


def _vague(text: str, claimed: Claims) -> list[Quantity]:
    found = []
    for match in _VAGUE_COUNT.finditer(text):
        if claimed.overlaps(match.start(), match.end()):
            continue
        noun = _noun_phrase(text, match.end(), plural=True)
        if noun is None:
            continue
        end, phrase, head = noun
        span = vague_interval(match.group("vague"))
        found.append(
            Quantity(
                "quantity",
                head,
                span.low,
                text[match.start() : end],
                match.start(),
                end,
                "vague",
                span,
                noun=phrase,
            )
        )
    return found


def find_quantities(
    text: str, numbers: Sequence[NumberMention], *, claimed: Claims | Sequence[Span]
) -> list[Quantity]:
    """The typed quantities of `text`, in order; figures inside `claimed` spans (dates, clock
    times, counts of people by role) are left to their own kind."""
    special = _records(text) + _calibers(text)
    if isinstance(claimed, Claims):
        taken = claimed.copy()
    else:
        taken = Claims(len(text))
        for start, end in claimed:
            taken.claim(start, end)
    for q in special:
        taken.claim(q.start, q.end)
    found = list(special)
    for number in numbers:
        if number.is_year:
            continue
        age = _age(text, number)
        if age is not None:
            # An age is its own slot even inside a count ("an 8-year-old girl has died").
            found.append(_age_quantity(text, number, *age))
            continue
        if taken.overlaps(number.start, number.end):
            continue
        quantity = _typed(text, number)
        if quantity is not None and not taken.overlaps(quantity.start, quantity.end):
            found.append(quantity)
            taken.claim(quantity.start, quantity.end)
    found += _vague(text, taken)
    return _merge_conversions(text, sorted(found, key=lambda q: (q.start, q.end)))


def _merge_conversions(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "About 60 metres (200 feet)" states one distance twice: one quantity, its interval the
    hull of both, so another report's figure agrees with it if it agrees with either."""
    merged: list[Quantity] = []
    for quantity in found:
        previous = merged[-1] if merged else None
        between = text[previous.end : quantity.start] if previous else ""
        close = text[quantity.end : quantity.end + 2].lstrip()[:1]
        if (
            previous is not None
            and previous.kind == quantity.kind
            and previous.unit == quantity.unit
            and _OPEN_PAREN.fullmatch(between)
            and close == ")"
        ):
            end = text.index(")", quantity.end) + 1
            hull = Interval(
                min(previous.interval.low, quantity.interval.low),
                max(previous.interval.high, quantity.interval.high),
            )
            merged[-1] = replace(previous, text=text[previous.start : end], end=end, interval=hull)
            continue
        merged.append(quantity)
    return merged
