"""Slots and the slot index: every fact a fact relates to is among those the index offers."""

from __future__ import annotations

import json
import random

from dedup.article import Article
from dedup.factcheck import extract_facts
from dedup.factcheck.compare import _relation, _sides
from dedup.factcheck.slots import SlotIndex, by_slot, slot_of
from dedup.settings import FactsSettings
from tests.conftest import CORPUS

SETTINGS = FactsSettings()


def test_slots_keep_kinds_roles_and_units_apart() -> None:
    """A count's role and an amount's unit are part of its slot; a name's unit is not."""
    facts = extract_facts(
        Article(id="a", text="Two people were killed and 3 injured. It cost $5 million and 4%.")
    ).facts
    slots = {slot_of(f) for f in facts}
    assert {("count", "killed"), ("count", "injured"), ("money", "USD")} <= slots
    assert all(len(group) >= 1 for group in by_slot(tuple(facts)).values())


def test_the_index_offers_every_related_fact() -> None:
    """On ECB+ report pairs (aligned sentence pairs included), no related pair is left out."""
    with (CORPUS / "ecbplus" / "documents.jsonl").open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    pick = random.Random(11)
    related = 0
    for _ in range(60):
        first, second = pick.sample(records, 2)
        if pick.random() < 0.7:
            # Mostly two reports of one event: they share the slots and the words around them.
            same = [r for r in records if r["cluster"] == first["cluster"] and r is not first]
            second = pick.choice(same) if same else second
        left, right = (extract_facts(Article(id=r["id"], text=r["text"])) for r in (first, second))
        sides = _sides(left, right, settings=SETTINGS)
        aligned = {(i, i) for i in range(min(len(left.sentences), len(right.sentences)))}
        partners: dict[int, set[int]] = {}
        for i, j in aligned:
            partners.setdefault(i, set()).add(j)
        for slot, theirs in by_slot(sides[1].compared).items():
            index = SlotIndex.of(theirs, sides[1].contexts)
            for ours in (f for f in sides[0].compared if slot_of(f) == slot):
                offered = index.may_relate(
                    ours, sides[0].contexts[id(ours)], partners.get(ours.sentence, set())
                )
                for fact in theirs:
                    if _relation(ours, fact, sides, aligned=aligned, settings=SETTINGS) > 0:
                        related += 1
                        assert fact in offered
    assert related > 50
