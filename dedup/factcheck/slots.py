"""Slots of facts, and which facts of the other report can relate to a fact of one slot.

Two facts are compared for a conflict only when they fill one slot and something relates them
(dedup.factcheck.compare): an anchor both name, sentences the aligner paired, the same compound
noun, or words around both. `SlotIndex` files one slot's facts of the other report by each of
those, so that a fact is weighed against the facts that share one with it instead of every fact
of its slot: in two long reports most pairs of one slot share nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from dedup.factcheck.context import Context
from dedup.factcheck.extract import Fact
from dedup.factcheck.units import singular

Slot = tuple[str, str | None]
_UNIT_KINDS = frozenset(("quantity", "money", "percent", "distance", "weight", "duration", "speed"))


def is_name(anchor: str | None) -> bool:
    """Whether an anchor is a name (capitalised): a person, a team, a place."""
    return bool(anchor) and anchor[0].isupper()  # type: ignore[index]


def compound(fact: Fact) -> str | None:
    """The compound noun a count counts ("life sentence"), when it is one."""
    words = (fact.anchor or "").lower().split()
    return f"{words[-2]} {singular(words[-1])}" if len(words) >= 2 else None


def slot_of(fact: Fact) -> Slot:
    """Facts are of one slot when these are equal: the kind, and the role of a count or the
    unit of a date or an amount."""
    if fact.kind == "count":
        return fact.kind, fact.role
    if fact.kind == "date" or fact.kind in _UNIT_KINDS:
        return fact.kind, fact.unit
    return fact.kind, None


def by_slot(facts: tuple[Fact, ...]) -> dict[Slot, list[Fact]]:
    """Facts grouped by slot, each group in reading order."""
    groups: dict[Slot, list[Fact]] = {}
    for fact in facts:
        groups.setdefault(slot_of(fact), []).append(fact)
    return groups


@dataclass(frozen=True, slots=True)
class SlotIndex:
    """One slot's facts (in reading order), filed by what can relate another fact to them."""

    facts: tuple[Fact, ...]
    by_word: dict[str, list[int]]
    by_sentence: dict[int, list[int]]
    by_anchor: dict[str, list[int]]
    by_compound: dict[str, list[int]]
    named: tuple[int, ...]

    @classmethod
    def of(cls, facts: list[Fact], contexts: dict[int, Context]) -> SlotIndex:
        """The index of one slot's facts, with their contexts (keyed by `id(fact)`)."""
        by_word: dict[str, list[int]] = {}
        by_sentence: dict[int, list[int]] = {}
        by_anchor: dict[str, list[int]] = {}
        by_compound: dict[str, list[int]] = {}
        for k, fact in enumerate(facts):
            for word in contexts[id(fact)].weights:
                by_word.setdefault(word, []).append(k)
            by_sentence.setdefault(fact.sentence, []).append(k)
            if fact.anchor is not None:
                by_anchor.setdefault(fact.anchor, []).append(k)
            noun = compound(fact)
            if noun is not None:
                by_compound.setdefault(noun, []).append(k)
        named = tuple(k for k, fact in enumerate(facts) if is_name(fact.anchor))
        return cls(tuple(facts), by_word, by_sentence, by_anchor, by_compound, named)

    def may_relate(self, fact: Fact, context: Context, partners: set[int]) -> list[Fact]:
        """The facts that share something with `fact` (a superset of those it relates to), in
        reading order: the word around it, a sentence paired with its own (`partners`), its
        anchor, its compound noun, or a name when its anchor is one."""
        found: set[int] = set()
        for word in context.weights:
            found.update(self.by_word.get(word, ()))
        for sentence in partners:
            found.update(self.by_sentence.get(sentence, ()))
        if fact.anchor is not None:
            found.update(self.by_anchor.get(fact.anchor, ()))
        noun = compound(fact)
        if noun is not None:
            found.update(self.by_compound.get(noun, ()))
        if is_name(fact.anchor):
            found.update(self.named)
        return [self.facts[k] for k in sorted(found)]
