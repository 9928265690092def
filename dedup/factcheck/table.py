"""A cluster's cross-source fact table: slot × value → the documents that state it.

After RIPTIDES' tables of several sources' estimates for one event. Rows: the main event's toll
(`toll_fact`, as the diff compares it), date and places, named people's ages, and typed figures
(amounts, counts of things, clock times) that two sources or more state or that a diff against
the representative flags; each mention keeps its document and sentence (a link to its passage).

Conflicts are the diff's conflicts: a mention is marked when a diff of its document against the
representative lists it as one side of a conflict, and, in the rows of one thing whatever the
context (tolls and ages of one named person, which the diff compares so too, and the event
date), when no reading reconciles two sources' values (`compare.compatible`). An incompatible
value whose sources were all published after the other's is marked "evolving?" (an update?).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dedup.factcheck.compare import compatible, same_name
from dedup.factcheck.discrepancy import Discrepancy
from dedup.factcheck.extract import ArticleFacts, Fact
from dedup.factcheck.omissions import toll_fact
from dedup.settings import DEFAULT_SETTINGS, FactsSettings

TOLL_ROLES = ("killed", "injured")
FIGURE_KINDS = frozenset(("money", "quantity", "percent", "distance", "weight", "duration",
                          "speed", "area", "magnitude", "caliber", "record", "time"))  # fmt: skip
_NUMBERED = ("count", "quantity", "age")


@dataclass(frozen=True, slots=True)
class Mention:
    """One document stating a value: where (its sentence) and how it words it."""

    document: str
    sentence: int | None
    stated: str
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Cell:
    """One value of a slot and every document that states it; `figure` is False for a count
    stated without a number ("the loss of lives")."""

    value: str
    mentions: tuple[Mention, ...]
    conflict: bool = False
    evolving: bool = False
    figure: bool = True

    @property
    def documents(self) -> tuple[str, ...]:
        """The documents stating this value, each once, in order."""
        return tuple(dict.fromkeys(m.document for m in self.mentions))


@dataclass(frozen=True, slots=True)
class Row:
    """A slot ("killed", "age of Dale Corbin", "peacekeepers") and its values, most stated
    first."""

    slot: str
    kind: str
    cells: tuple[Cell, ...]

    @property
    def conflict(self) -> bool:
        """Whether any two values of this slot conflict."""
        return any(cell.conflict for cell in self.cells)


@dataclass(frozen=True, slots=True)
class FactTable:
    """The rows of one cluster's table and how many documents it reads."""

    rows: tuple[Row, ...]
    documents: int

    @property
    def conflicts(self) -> int:
        """How many rows hold conflicting values."""
        return sum(row.conflict for row in self.rows)


Flags = Mapping[tuple[str, int | None, str], tuple[str, bool]]


@dataclass
class _Entry:
    fact: Fact | None
    value: str
    mention: Mention
    figure: bool = True
    category: str = ""  # "conflict" or "omission" when a diff against ★ lists this mention
    later: bool = False  # the later side of an evolving conflict
    # What makes two mentions one value when not their display: an amount's canonical value
    # and qualifier ("$1 million" and "a million dollars" are one value).
    key: str = ""

    @property
    def same(self) -> str:
        """Mentions with equal `same` state one value."""
        return self.key or self.value


def _display(fact: Fact) -> str:
    """The value as a table cell: "6", "at least 9", "about 120,000", or as stated."""
    if fact.kind not in _NUMBERED or fact.qualifier == "vague":
        return fact.stated
    try:
        number = float(fact.value)
    except ValueError:
        return fact.stated
    shown = f"{number:,.0f}" if number == int(number) else f"{number:,}"
    qualifier = fact.qualifier if fact.qualifier not in (None, "exact", "unstated") else ""
    return f"{qualifier} {shown}".strip()


def diff_flags(
    discrepancies: Mapping[str, Sequence[Discrepancy]],
    *,
    representative: str,
    published: Mapping[str, str | None],
) -> dict[tuple[str, int | None, str], tuple[str, bool]]:
    """(document, sentence, words) → (category, later side of an evolving conflict) for both
    sides of every conflict and omission of each member's diff against the representative."""
    flags: dict[tuple[str, int | None, str], tuple[str, bool]] = {}
    for member, found in discrepancies.items():
        dates = (published.get(representative), published.get(member))
        for d in (d for d in found if d.category in ("conflict", "omission")):
            sides = ((representative, d.left_sentence, d.left_words, 0),
                     (member, d.right_sentence, d.right_words, 1))  # fmt: skip
            for doc, sentence, words, side in (side for side in sides if side[2]):
                mine, theirs = dates[side], dates[1 - side]
                later = d.evolving and mine is not None and theirs is not None and mine > theirs
                key = (doc, sentence, words[0])
                if flags.get(key, ("", False))[0] != "conflict":
                    flags[key] = (d.category, later)
    return flags


def _entry(facts: ArticleFacts, fact: Fact, flags: Flags) -> _Entry:
    mention = Mention(facts.id, fact.sentence, fact.stated, facts.published)
    category, later = flags.get((facts.id, fact.sentence, fact.text), ("", False))
    key = "" if fact.kind in _NUMBERED else f"{fact.value} {fact.qualifier}"
    return _Entry(fact, _display(fact), mention, category=category, later=later, key=key)


def _toll(facts: ArticleFacts, role: str, flags: Flags) -> list[_Entry]:
    fact = toll_fact(facts, role)
    if fact is not None:
        return [_entry(facts, fact, flags)]
    # "The loss of lives": the role is stated, its figure is not.
    first = next((f for f in facts.facts if f.kind == "count" and f.role == role), None)
    if first is None:
        return []
    mention = Mention(facts.id, first.sentence, first.stated, facts.published)
    return [_Entry(first, "no figure", mention, figure=False)]


def _places(facts: ArticleFacts) -> list[_Entry]:
    """The summary's places, and the places named where the toll is stated ("a landmine
    incident in the Khojavand area")."""
    toll_sentences = {f.sentence for f in facts.facts if f.kind == "count" and f.role in TOLL_ROLES}
    named = [f for f in facts.facts if f.kind == "place"]
    wanted = [*facts.summary.places, *(f.value for f in named if f.sentence in toll_sentences)]
    first = {f.value: f for f in reversed(named)}
    entries = []
    for place in dict.fromkeys(wanted):
        fact = first.get(place)
        mention = Mention(facts.id, fact.sentence if fact else None, place, facts.published)
        entries.append(_Entry(fact, place, mention))
    return entries


def _event_date(facts: ArticleFacts) -> list[_Entry]:
    when = facts.summary.event_date
    if when is None:
        return []
    first = next((f for f in facts.facts if f.kind == "date" and f.value == when), None)
    sentence, stated = (first.sentence, first.stated) if first else (None, when)
    return [_Entry(first, when, Mention(facts.id, sentence, stated, facts.published))]


def _incompatible(a: _Entry, b: _Entry) -> bool:
    if a.fact is None or b.fact is None:
        return False
    return a.figure and b.figure and not compatible(a.fact, b.fact)


def _later(mine: Sequence[_Entry], theirs: Sequence[_Entry]) -> bool:
    """Whether every source of `mine` was published after every source of `theirs`."""
    ours = [e.mention.published or "" for e in mine]
    other = [e.mention.published or "" for e in theirs]
    return bool(ours and other and all(ours + other)) and min(ours) > max(other)


def _cells(entries: Sequence[_Entry], *, compared: bool) -> list[Cell]:
    """One cell per value; with `compared`, values no reading reconciles conflict."""
    groups: dict[tuple[str, bool], list[_Entry]] = {}
    for entry in entries:
        groups.setdefault((entry.same, entry.figure), []).append(entry)
    cells = []
    for key, members in groups.items():
        conflict = any(e.category == "conflict" for e in members)
        evolving = any(e.later for e in members)
        if compared:
            rivals = [
                other
                for other_key, group in groups.items()
                if other_key != key
                for other in group
                if any(_incompatible(mine, other) for mine in members)
            ]
            conflict = conflict or bool(rivals)
            evolving = evolving or (bool(rivals) and _later(members, rivals))
        mentions = tuple(e.mention for e in members)
        cells.append(Cell(members[0].value, mentions, conflict, evolving and conflict, key[1]))
    return sorted(cells, key=lambda c: (-len(c.documents), not c.figure, c.value))


def _figure_key(fact: Fact) -> tuple[str, str] | None:
    if fact.kind not in FIGURE_KINDS or fact.qualifier in ("stamp", "vague"):
        return None
    return fact.kind, fact.unit or ""


def _figure_label(kind: str, entries: Sequence[_Entry]) -> str:
    """ "peacekeepers" for a count of a noun (the noun as the first source words it), else the
    kind ("money", "time")."""
    if kind != "quantity":
        return kind
    anchors = [e.fact.anchor for e in entries if e.fact is not None and e.fact.anchor]
    return anchors[0].split()[-1] if anchors else "count"


def _kept(entries: list[_Entry]) -> list[_Entry]:
    """A figure's mentions worth a cell: stated by two documents or more, or flagged by a
    diff against the representative (a conflict, or a salient figure one side omits)."""
    by_value: dict[str, set[str]] = {}
    for e in entries:
        by_value.setdefault(e.same, set()).add(e.mention.document)
    keep = {e.same for e in entries if e.category or len(by_value[e.same]) > 1}
    return [e for e in entries if e.same in keep]


def _age_rows(documents: Sequence[ArticleFacts], flags: Flags, *, similarity: float) -> list[Row]:
    people: dict[str, list[_Entry]] = {}
    for facts in documents:
        for fact in facts.facts:
            if fact.kind != "age" or not fact.anchor or not fact.anchor[0].isupper():
                continue
            anchor = fact.anchor.rstrip(".,;:")
            name = next((p for p in people if same_name(p, anchor, similarity=similarity)),
                        anchor)  # fmt: skip
            people.setdefault(name, []).append(_entry(facts, fact, flags))
    return [
        Row(f"age of {name}", "age", tuple(_cells(entries, compared=True)))
        for name, entries in people.items()
    ]


def fact_table(
    documents: Sequence[ArticleFacts],
    *,
    flags: Flags | None = None,
    settings: FactsSettings = DEFAULT_SETTINGS.facts,
) -> FactTable:
    """The cluster's table from its documents' facts; `flags` from `diff_flags` mark what the
    diffs against the representative found (conflicts; figures one side omits)."""
    flags = flags or {}
    rows: list[Row] = []
    for role in TOLL_ROLES:
        tolls = [e for facts in documents for e in _toll(facts, role, flags)]
        if tolls:
            rows.append(Row(role, "toll", tuple(_cells(tolls, compared=True))))
    dates = [e for facts in documents for e in _event_date(facts)]
    if dates:
        rows.append(Row("event date", "date", tuple(_cells(dates, compared=True))))
    places = [e for facts in documents for e in _places(facts)]
    if places:
        rows.append(Row("places", "place", tuple(_cells(places, compared=False))))
    rows += _age_rows(documents, flags, similarity=settings.name_similarity)
    figures: dict[tuple[str, str], list[_Entry]] = {}
    for facts in documents:
        for fact in facts.facts:
            key = _figure_key(fact)
            if key is not None:
                figures.setdefault(key, []).append(_entry(facts, fact, flags))
    found = []
    for (kind, _), entries in figures.items():
        kept = _kept(entries)
        if kept:
            found.append(Row(_figure_label(kind, kept), kind, tuple(_cells(kept, compared=False))))
    # Figures in conflict first, then the ones most sources state.
    found.sort(key=lambda row: (not row.conflict, -max(len(c.documents) for c in row.cells)))
    return FactTable(rows=(*rows, *found), documents=len(documents))
