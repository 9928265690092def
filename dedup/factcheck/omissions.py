"""Omissions: salient facts one report states and the other does not mention in any form.

Salient, as a fact-checker reads a report: the toll of the main event, when it happened (clock
time, date), where (an address, a facility, a town), who (named people, their ages), and the
key figures (amounts, counts of things). A fact the other report states in another form is not
an omission: the same figure anywhere (a count is a count whatever its wording), a date that
contains or is contained in one of its dates ("Friday" resolved against the publication date),
a clock time within the other's window, a name whose surname or spelling it shares. Omissions
are ranked by salience: the kind's weight, how early the report states it, how often.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from dedup.factcheck.discrepancy import Discrepancy
from dedup.factcheck.extract import ArticleFacts, Fact
from dedup.factcheck.stated import OtherReport, stated_by
from dedup.settings import FactsSettings

# How much a reader misses each kind of fact when a report leaves it out.
_WEIGHTS = {
    "toll": 10.0, "count": 4.0, "time": 7.0, "date": 3.5, "age": 6.0, "person": 5.5,
    "place": 3.5, "money": 4.0, "quantity": 2.5, "record": 4.0, "magnitude": 4.0,
    "caliber": 4.0, "percent": 2.5, "distance": 3.0, "weight": 2.0, "duration": 1.5,
    "speed": 2.0, "area": 2.0, "org": 1.5, "name": 1.0, "charge": 4.5,
}  # fmt: skip
# A place written as an address or a facility says where the event happened.
_SITE = re.compile(
    r"\b(?:Street|St|Avenue|Ave|Road|Rd|Drive|Boulevard|Blvd|Lane|Highway|Freeway|Hospital|"
    r"Medical\s+Center|Center|Arena|Stadium|Park|Clinic|Block|Route|Interstate|Church|School)\b"
)
_ROLES_SHOWN = ("killed", "injured", "shot", "arrested", "missing", "displaced")
_TOLL_ROLES = ("killed", "injured")


# A count that gives a figure ("three", "dozens", "no one"), not only a person ("the victim").
FIGURE = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds|"
    r"thousands|several|a\s+few|no\s+one|nobody|none)\b",
    re.IGNORECASE,
)


# Where a report states its event's toll when its summary has no figure ("dozens injured").
LEDE_SENTENCES = 5


def toll_fact(facts: ArticleFacts, role: str) -> Fact | None:
    """The count fact that states the main event's `role` toll: the one the summary took its
    figure from, or else (the summary inferred its figure, or has none) the first count of that
    role in the lede with any figure ("dozens")."""
    total = facts.summary.killed if role == "killed" else facts.summary.injured
    counted = [f for f in facts.facts if f.kind == "count" and f.role == role]
    for fact in counted:
        if total is not None and fact.value == str(total):
            return fact
    for fact in counted:
        if (
            fact.sentence < LEDE_SENTENCES
            and fact.interval is not None
            and FIGURE.search(fact.stated)
        ):
            return fact
    return None


@dataclass(frozen=True, slots=True)
class _Own:
    """A report's facts as their weights read them: its toll per role, and the sentences where
    it counts the killed or injured (computed once, not once per fact)."""

    facts: ArticleFacts
    tolls: dict[str, Fact | None]
    toll_sentences: frozenset[int]

    @classmethod
    def of(cls, facts: ArticleFacts) -> _Own:
        roles = sorted({f.role or "" for f in facts.facts if f.kind == "count"})
        return cls(
            facts,
            {role: toll_fact(facts, role) for role in roles},
            frozenset(
                f.sentence for f in facts.facts if f.kind == "count" and f.role in _TOLL_ROLES
            ),
        )


def _weight(fact: Fact, own: _Own) -> float:
    if fact.qualifier == "stamp":
        return 0.0
    if fact.kind == "count":
        if own.tolls.get(fact.role or "") is fact:
            return _WEIGHTS["toll"]
        if fact.role not in _ROLES_SHOWN or not FIGURE.search(fact.stated):
            return 0.0
        return _WEIGHTS["count"] * (0.5 if fact.value == "0" else 1.0)
    if fact.kind == "date":
        return _WEIGHTS["date"] * {"day": 1.0, "month": 0.6}.get(fact.unit or "", 0.25)
    if fact.kind == "place" and (fact.unit == "address" or _SITE.search(fact.value)):
        return _WEIGHTS["place"] + 1.5
    if fact.kind == "place" and fact.sentence in own.toll_sentences:
        # Where the killing or wounding happened ("a landmine incident in the Khojavand area").
        return _WEIGHTS["place"] + 1.5
    if fact.kind == "age" and fact.anchor and fact.anchor[0].isupper():
        return _WEIGHTS["age"] + 1.0
    if fact.kind == "quantity":
        # "120,000 residents" says more than "two routes"; "multiple incidents" says little.
        if fact.qualifier == "vague":
            return _WEIGHTS["quantity"] * 0.4
        size = math.log10(max(1.0, float(fact.value or 1)))
        return _WEIGHTS["quantity"] * (1.0 + 0.3 * size)
    return _WEIGHTS.get(fact.kind, 0.0)


def _key(fact: Fact) -> str:
    if fact.kind in ("person", "place", "org", "name"):
        return f"name:{fact.value.split()[-1].lower()}"
    return f"{fact.kind}:{fact.role or ''}:{fact.unit or ''}:{fact.value}"


def _groups(facts: list[Fact], *, similarity: float) -> list[list[Fact]]:
    """Mentions of one thing together: one figure stated twice, one person named in full and
    by surname (spellings that differ slightly, "Gauerke" and "Gaurke", included)."""
    groups: dict[str, list[Fact]] = {}
    # The surnames of the name groups so far, in the order the groups were made.
    surnames: list[str] = []
    for fact in facts:
        key = _key(fact)
        if key.startswith("name:") and key not in groups:
            surname = key[5:]
            # The first earlier group whose surname is spelled alike, scored in one call.
            alike = process.cdist(
                [surname], surnames, scorer=fuzz.ratio, score_cutoff=similarity, dtype=np.float64
            )
            matched = [i for i, score in enumerate(alike[0].tolist()) if score >= similarity]
            if matched:
                key = f"name:{surnames[matched[0]]}"
            else:
                surnames.append(surname)
        groups.setdefault(key, []).append(fact)
    return list(groups.values())


# Kinds a report can state many of (a business story's figures, a sports story's players):
# the more of one kind it states, the less each one weighs.
_CROWDED = frozenset(("money", "percent", "distance", "duration", "person", "org", "name",
                      "weight", "speed", "area", "age"))  # fmt: skip


def _one_sided(
    mine: ArticleFacts,
    other: ArticleFacts,
    *,
    side: str,
    taken: set[tuple[str, int, str]],
    settings: FactsSettings,
) -> list[Discrepancy]:
    indexed = OtherReport.of(other)
    own = _Own.of(mine)
    weighed = [
        f for f in mine.facts if _weight(f, own) > 0 and (side, f.sentence, f.text) not in taken
    ]
    groups = _groups(weighed, similarity=settings.name_similarity)
    per_kind: dict[str, int] = {}
    for group in groups:
        per_kind[group[0].kind] = per_kind.get(group[0].kind, 0) + 1
    found = []
    sentences = max(1, len(mine.sentences))
    for group in groups:
        if any(stated_by(fact, indexed, settings=settings) for fact in group):
            continue
        first = group[0]
        shown = max(group, key=lambda f: (len(f.stated), -f.start)) if first.kind in (
            "person", "place", "org", "name") else first  # fmt: skip
        toll = first.kind == "count" and own.tolls.get(first.role or "") is first
        early = 1.0 if toll else 1.0 - 0.5 * first.sentence / sentences
        crowd = per_kind[first.kind] ** 0.5 if first.kind in _CROWDED else 1.0
        salience = _weight(first, own) * early * (1.0 + 0.25 * min(len(group) - 1, 4)) / crowd
        found.append(_omission(shown, mine, other, side=side, salience=salience))
    return found


def _omission(
    fact: Fact, mine: ArticleFacts, other: ArticleFacts, *, side: str, salience: float
) -> Discrepancy:
    sentence = mine.sentences[fact.sentence].text
    note = None
    unstated = (
        [f for f in other.facts if f.kind == "count" and f.role == fact.role]
        if fact.kind == "count"
        else []
    )
    if unstated:
        note = f"the other report says {unstated[0].stated!r} without a figure"
    value: float | str = fact.value
    if fact.kind not in ("date", "time", "record", "person", "place", "org", "name"):
        try:
            value = float(fact.value)
        except ValueError:
            value = fact.value
    left, right = (fact, None) if side == "left" else (None, fact)
    # Where the other report speaks of the same count without a figure, show its sentence.
    where = unstated[0] if unstated else None
    their_text = other.sentences[where.sentence].text if where else None
    their_sentence = where.sentence if where else None
    return Discrepancy(
        kind=fact.role or fact.kind,
        left=left.stated if left else None,
        right=right.stated if right else None,
        left_text=sentence if left else their_text,
        right_text=sentence if right else their_text,
        left_sentence=fact.sentence if left else their_sentence,
        right_sentence=fact.sentence if right else their_sentence,
        left_words=(fact.text,) if left else (),
        right_words=(fact.text,) if right else (),
        category="omission",
        slot="figure" if fact.kind == "quantity" else fact.slot,
        unit=fact.unit if fact.kind not in ("date", "record") else None,
        left_value=value if left else None,
        right_value=value if right else None,
        left_qualifier=fact.qualifier if left else None,
        right_qualifier=fact.qualifier if right else None,
        salience=salience,
        note=note,
    )


def find_omissions(
    left: ArticleFacts,
    right: ArticleFacts,
    *,
    conflicts: Sequence[Discrepancy],
    settings: FactsSettings,
) -> list[Discrepancy]:
    """Salient facts only one report states, most salient first (ties in reading order)."""
    # A fact in conflict is stated by both reports: never one-sided as well.
    taken = {
        (side, sentence, words[0])
        for d in conflicts
        for side, sentence, words in (
            ("left", d.left_sentence, d.left_words),
            ("right", d.right_sentence, d.right_words),
        )
        if sentence is not None and words
    }
    found = _one_sided(left, right, side="left", taken=taken, settings=settings)
    found += _one_sided(right, left, side="right", taken=taken, settings=settings)
    return sorted(
        found,
        key=lambda d: (
            -d.salience,
            d.left_sentence if d.left_sentence is not None else 10**6,
            d.right_sentence if d.right_sentence is not None else 10**6,
        ),
    )
