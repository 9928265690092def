"""Where two reports' facts disagree: conflicts, then omissions, then metadata.

A conflict needs three things: the same slot (the same role count, an age of the same person,
a count of the same noun, an amount of the same kind), evidence that both statements are about
the same thing (an anchor both name, sentences the aligner paired, or rare words around both),
and values no reading reconciles (their intervals are disjoint: "at least 9" and 12 agree). A
statement that agrees with any related statement on the other side is not in conflict, so one
report giving two figures for two things does not contradict the other. The alignment is a
hint, not the key: related facts are compared across the whole articles. Of two reports with
different publication dates, an incompatible count or amount is marked `evolving`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

from dedup.article import Article
from dedup.factcheck.conditions import RELATIONS
from dedup.factcheck.context import (
    Context,
    aligned_pairs,
    context_of,
    discount,
    overlap,
    passage,
)
from dedup.factcheck.discrepancy import Discrepancy
from dedup.factcheck.extract import ArticleFacts, Fact
from dedup.factcheck.omissions import find_omissions, toll_fact
from dedup.factcheck.singular import singular_counts
from dedup.factcheck.slots import SlotIndex, by_slot, compound, is_name, slot_of
from dedup.settings import DEFAULT_SETTINGS, FactsSettings

# Slots compared for conflicts; names, organisations and plain numbers never are.
COMPARED = frozenset(
    ("count", "condition", "age", "record", "money", "quantity", "percent", "distance", "weight",
     "duration", "speed", "area", "magnitude", "caliber", "time", "date")
)  # fmt: skip
# Counts and amounts change as a story develops; an age or a calibre does not.
_EVOLVE = frozenset(("count", "quantity", "money", "condition"))
_TOLL = 2.0


@dataclass(frozen=True, slots=True)
class _Side:
    facts: ArticleFacts
    compared: tuple[Fact, ...]
    contexts: dict[int, Context]


def _sides(
    left: ArticleFacts, right: ArticleFacts, *, settings: FactsSettings
) -> tuple[_Side, _Side]:
    """Both reports' comparable facts with their contexts; words common to most contexts of one
    slot are left out of that slot's contexts."""
    compared = [
        [f for f in facts.facts if f.kind in COMPARED and _stated(f)] for facts in (left, right)
    ]
    compared[0] += singular_counts(compared[1], left)
    compared[1] += singular_counts(compared[0], right)
    contexts: list[dict[int, Context]] = [{}, {}]
    by_slot: dict[tuple[str, str], list[tuple[int, Fact]]] = {}
    for side in (0, 1):
        for fact in compared[side]:
            by_slot.setdefault(_slot_key(fact), []).append((side, fact))
    for members in by_slot.values():
        raw = [
            context_of((left, right)[side], f, text=(left, right)[side].text,
                       window=settings.context_window)
            for side, f in members
        ]  # fmt: skip
        for (side, fact), context in zip(members, discount(raw), strict=True):
            contexts[side][id(fact)] = context
    return (
        _Side(left, tuple(compared[0]), contexts[0]),
        _Side(right, tuple(compared[1]), contexts[1]),
    )


def _slot_key(fact: Fact) -> tuple[str, str]:
    return fact.kind, fact.role or fact.unit or ""


# Heads that count people or things in general: a count of them needs paired sentences.
_GENERIC_LIST = (
    "person man woman member victim other resident child civilian student officer soldier "
    "people individual adult teen teenager boy girl family home house building car vehicle "
    "time day week month year"
)
GENERIC_HEADS = frozenset(_GENERIC_LIST.split())


def _stated(fact: Fact) -> bool:
    """Whether a fact states a value to compare (a count with a figure, any dated value)."""
    if fact.kind == "count":
        return fact.interval is not None
    if fact.qualifier == "stamp":
        return False
    if fact.kind == "date":
        return fact.unit == "month" or (fact.unit == "day" and fact.qualifier != "relative")
    return True


def same_name(a: str, b: str, *, similarity: float) -> bool:
    """Whether two names can name one person: equal, one inside the other, or the same
    surname spelled alike ("Klitchsko", "Wladimir Klitschko")."""
    a, b = a.lower().removesuffix("'s"), b.lower().removesuffix("'s")
    if a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} ":
        return True
    return fuzz.ratio(a.split()[-1], b.split()[-1]) >= similarity or fuzz.ratio(a, b) >= similarity


def compatible(left: Fact, right: Fact) -> bool:
    """Whether some reading makes both statements true."""
    if left.kind in ("record", "condition"):
        return left.value == right.value
    if left.kind == "date":
        shorter, longer = sorted((left.value, right.value), key=len)
        return longer.startswith(shorter)
    a, b = left.interval, right.interval
    return a is None or b is None or a.overlaps(b)


def _relation(
    left: Fact, right: Fact, sides: tuple[_Side, _Side], *, aligned: set[tuple[int, int]],
    settings: FactsSettings,
) -> float:  # fmt: skip
    """How surely two facts of one slot are about the same thing (0: not shown to be): the
    same named anchor, or the rare words around both (more when the aligner paired their
    sentences)."""
    if is_name(left.anchor) and is_name(right.anchor):
        named = same_name(
            left.anchor or "", right.anchor or "", similarity=settings.name_similarity
        )
        return 1.5 if named else 0.0
    if left.kind in ("age", "condition") and (left.anchor is None or left.anchor != right.anchor):
        return 0.0
    if left.kind == "condition" and left.anchor in RELATIONS:
        return 1.2
    shared = overlap(sides[0].contexts[id(left)], sides[1].contexts[id(right)])
    paired = (left.sentence, right.sentence) in aligned
    generic = left.kind == "duration" or (left.kind == "quantity" and left.unit in GENERIC_HEADS)
    if generic and not paired:
        # "12 days" of an offensive and "11 days ago"; "200 people" at a vigil and "100 people"
        # on a march: a duration or a count of people in general needs paired sentences.
        return 0.0
    if paired:
        shared += settings.aligned_bonus
    if left.kind == "quantity" and compound(left) and compound(left) == compound(right):
        shared += settings.aligned_bonus
    threshold = settings.related_overlap * (1.5 if left.kind in ("date", "time") else 1.0)
    return shared if shared >= threshold else 0.0


# The toll stated in a report's first sentences is its event's; one stated further down may be
# another event's (an earlier quake, the other side of a war) and needs the words around it.
_LEDE = 3


def _toll_pairs(
    sides: tuple[_Side, _Side], *, settings: FactsSettings
) -> Iterator[tuple[Fact, Fact]]:
    """The main event's stated tolls (dedup.factcheck.summary), compared when both open their
    reports or the words around them show they count the same event."""
    for role in ("killed", "injured"):
        left = toll_fact(sides[0].facts, role)
        right = toll_fact(sides[1].facts, role)
        if left is None or right is None:
            continue
        shared = overlap(_context(sides[0], left), _context(sides[1], right))
        if (left.sentence < _LEDE and right.sentence < _LEDE) or shared >= settings.toll_overlap:
            yield left, right


def _context(side: _Side, fact: Fact) -> Context:
    return side.contexts.get(id(fact)) or context_of(side.facts, fact, text=side.facts.text)


def _conflict(
    left: Fact, right: Fact, sides: tuple[_Side, _Side], *, evolving: bool
) -> Discrepancy:
    ours, theirs = sides[0].facts, sides[1].facts
    return Discrepancy(
        kind=left.role or left.kind,
        left=left.stated,
        right=right.stated,
        left_text=passage(ours, left),
        right_text=passage(theirs, right),
        left_sentence=left.sentence,
        right_sentence=right.sentence,
        left_words=(left.text,),
        right_words=(right.text,),
        category="conflict",
        slot=_slot_label(left, right),
        unit=left.unit if left.kind not in ("date", "record") else None,
        left_value=_typed(left),
        right_value=_typed(right),
        left_qualifier=left.qualifier,
        right_qualifier=right.qualifier,
        evolving=evolving and left.kind in _EVOLVE,
    )


def _slot_label(left: Fact, right: Fact) -> str:
    anchor = left.anchor if is_name(left.anchor) else right.anchor
    if left.kind in ("age", "record", "condition") and is_name(anchor):
        return f"{left.kind} of {anchor}"
    if left.kind == "quantity":
        return (left.anchor if left.anchor and left.value != "1" else right.anchor) or "count"
    return left.slot


def _typed(fact: Fact) -> float | str:
    try:
        return float(fact.value) if fact.kind not in ("date", "time", "record") else fact.value
    except ValueError:
        return fact.value


def _related(
    sides: tuple[_Side, _Side], *, aligned: set[tuple[int, int]], settings: FactsSettings
) -> list[tuple[float, Fact, Fact]]:
    related = []
    slots = {
        key: SlotIndex.of(facts, sides[1].contexts)
        for key, facts in by_slot(sides[1].compared).items()
    }
    partners: dict[int, set[int]] = {}
    for ours_sentence, theirs_sentence in aligned:
        partners.setdefault(ours_sentence, set()).add(theirs_sentence)
    for ours in sides[0].compared:
        slot = slots.get(slot_of(ours))
        if slot is None:
            continue
        context = sides[0].contexts[id(ours)]
        for theirs in slot.may_relate(ours, context, partners.get(ours.sentence, set())):
            strength = _relation(ours, theirs, sides, aligned=aligned, settings=settings)
            if strength > 0:
                related.append((strength, ours, theirs))
    return related


def find_conflicts(
    left: ArticleFacts,
    right: ArticleFacts,
    *,
    aligned: set[tuple[int, int]],
    settings: FactsSettings = DEFAULT_SETTINGS.facts,
) -> list[Discrepancy]:
    """Conflicting statements of one slot, strongest evidence first, each fact used once."""
    sides = _sides(left, right, settings=settings)
    related = _related(sides, aligned=aligned, settings=settings)
    # Sentences that share a strongly related pair of facts are about the same thing: they
    # count as aligned for the other facts they hold ("an 8.6-magnitude quake in April last
    # year" and "an 8.7-magnitude earthquake in May 2012").
    linked = {
        (a.sentence, b.sentence) for strength, a, b in related if strength >= settings.link_strength
    }
    if linked - aligned:
        related = _related(sides, aligned=aligned | linked, settings=settings)
    for ours, theirs in _toll_pairs(sides, settings=settings):
        related.append((_TOLL, ours, theirs))
    agreeing = {id(f) for _, a, b in related if compatible(a, b) for f in (a, b)}
    # A figure the other report also states for the same slot, anywhere, is most likely the
    # same statement in another sentence: it conflicts with nothing (unless it belongs to a
    # named person or team, whose figure is compared with that person's only).
    same_value: dict[tuple[str, str | None, str], list[Fact]] = {}
    for theirs in sides[1].compared:
        same_value.setdefault((*slot_of(theirs), theirs.value), []).append(theirs)
    for ours in sides[0].compared:
        for theirs in same_value.get((*slot_of(ours), ours.value), []) if ours.value else ():
            agreeing.update(id(f) for f in (ours, theirs) if not is_name(f.anchor))
    candidates = sorted(
        (item for item in related if id(item[1]) not in agreeing and id(item[2]) not in agreeing),
        key=lambda item: (-item[0], item[1].start, item[2].start),
    )
    evolving = bool(left.published and right.published and left.published != right.published)
    used: set[int] = set()
    shown: set[tuple[str, str, str]] = set()
    found = []
    for _, ours, theirs in candidates:
        key = (ours.slot, ours.value, theirs.value)
        if id(ours) in used or id(theirs) in used or key in shown or compatible(ours, theirs):
            continue
        used.update((id(ours), id(theirs)))
        shown.add(key)
        found.append(_conflict(ours, theirs, sides, evolving=evolving))
    return sorted(found, key=lambda d: (d.left_sentence or 0, d.right_sentence or 0))


def _metadata(left: Article, right: Article) -> list[Discrepancy]:
    found = []
    for field in ("published", "title"):
        a, b = getattr(left, field), getattr(right, field)
        if a != b:
            found.append(
                Discrepancy(
                    kind=field,
                    left=a,
                    right=b,
                    left_text=None,
                    right_text=None,
                    category="metadata",
                    left_value=a,
                    right_value=b,
                )
            )
    return found


def find_discrepancies(
    left: Article,
    right: Article,
    *,
    rows: list[tuple[tuple[int, ...], tuple[int, ...]]],
    left_facts: ArticleFacts,
    right_facts: ArticleFacts,
    settings: FactsSettings = DEFAULT_SETTINGS.facts,
) -> tuple[Discrepancy, ...]:
    """Metadata, conflicts, then every omission, most salient first; `rows` are the
    alignment's (left sentences, right sentences)."""
    aligned = aligned_pairs(rows)
    conflicts = find_conflicts(left_facts, right_facts, aligned=aligned, settings=settings)
    omissions = find_omissions(left_facts, right_facts, conflicts=conflicts, settings=settings)
    return (*_metadata(left, right), *conflicts, *omissions)
