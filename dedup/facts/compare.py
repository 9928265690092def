"""Where two reports disagree: conflicting or one-sided facts, and differing metadata.

Four sources, each reported once:
(a) aligned sentences whose facts differ (role counts, figures, dates, places);
(b) a role count both reports state that differs, wherever it sits (killed 6 vs 1);
(c) figures, dates and names only one report states anywhere;
(d) metadata that differs (published date, title).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from dedup.align import Alignment
from dedup.article import Article
from dedup.facts import ArticleFacts, Fact

_ROW_KINDS = ("count", "date", "number", "place")
_NAME_KINDS = ("person", "place", "name")
_ORDER = {"published": 0, "title": 1, "date": 3, "number": 4, "person": 5, "place": 6, "name": 7}


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """Two values that disagree (None: that side does not state it) and their sentences."""

    kind: str
    left: str | None
    right: str | None
    left_text: str | None
    right_text: str | None
    left_sentence: int | None = None
    right_sentence: int | None = None
    left_words: tuple[str, ...] = ()
    right_words: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        """The discrepancy as a JSON-ready mapping."""
        return {
            "kind": self.kind,
            "left": self.left,
            "right": self.right,
            "left_text": self.left_text,
            "right_text": self.right_text,
            "left_sentence": self.left_sentence,
            "right_sentence": self.right_sentence,
        }


def _key(fact: Fact) -> str:
    return f"{fact.role}:{fact.value}" if fact.kind == "count" else fact.value


def _kind(fact: Fact) -> str:
    return fact.role or "count" if fact.kind == "count" else fact.kind


def _comparable(facts: Iterable[Fact]) -> list[Fact]:
    """Facts worth comparing: figures inside a role count belong to the count; a bare "one" is
    nearly always a pronoun ("one of them")."""
    facts = list(facts)
    counts = [fact for fact in facts if fact.kind == "count"]
    kept = []
    for fact in facts:
        if fact.kind == "number":
            inside = any(c.start <= fact.start and fact.end <= c.end for c in counts)
            if inside or (fact.value == "1" and fact.text.lower() == "one"):
                continue
        kept.append(fact)
    return kept


def _same_name(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} " or fuzz.ratio(a, b) >= 90


def _names_match(value: str, others: Iterable[str]) -> bool:
    return any(_same_name(value, other) for other in others)


def _dates_agree(a: Fact, b: Fact, *, decades: bool = True) -> bool:
    """Same date, or one is a coarser statement of the other (2023 and 2023-11-13; with
    `decades`, 1991 and the 1990s)."""
    x, y = sorted((a.value, b.value), key=len)
    if x.endswith("0s") or y.endswith("0s"):
        return decades and x[:3] == y[:3]
    return y.startswith(x)


def _stated_anywhere(fact: Fact, other: ArticleFacts) -> bool:
    if fact.kind == "place":
        return _names_match(fact.value, [f.value for f in other.facts if f.kind in _NAME_KINDS])
    if fact.kind == "date":
        return any(_dates_agree(fact, f) for f in other.facts if f.kind == "date")
    return False


def _row_facts(mine: ArticleFacts, other: ArticleFacts) -> list[Fact]:
    return [
        fact
        for fact in _comparable(mine.facts)
        if fact.kind in _ROW_KINDS and not _stated_anywhere(fact, other)
    ]


def _join(facts: Sequence[Fact]) -> str | None:
    values = sorted({fact.value for fact in facts})
    return "; ".join(values) if values else None


def _row_discrepancies(
    alignment: Alignment,
    left: ArticleFacts,
    right: ArticleFacts,
) -> list[Discrepancy]:
    found: list[Discrepancy] = []
    # A place or date that the other report states elsewhere is context, not a disagreement.
    left_facts = _row_facts(left, right)
    right_facts = _row_facts(right, left)
    for row in alignment.rows:
        if not (row.left and row.right):
            continue
        ours = [f for f in left_facts if f.sentence in row.left]
        theirs = [f for f in right_facts if f.sentence in row.right]
        left_text = " ".join(left.sentences[i].text for i in row.left)
        right_text = " ".join(right.sentences[j].text for j in row.right)
        kinds = sorted({_kind(f) for f in ours + theirs}, key=lambda k: (_ORDER.get(k, 2), k))
        for kind in kinds:
            mine = [f for f in ours if _kind(f) == kind]
            other = [f for f in theirs if _kind(f) == kind]
            if kind == "place":
                only_mine = [f for f in mine if not _names_match(f.value, [o.value for o in other])]
                only_other = [
                    f for f in other if not _names_match(f.value, [o.value for o in mine])
                ]
            elif kind == "date":
                only_mine = [f for f in mine if not any(_dates_agree(f, o) for o in other)]
                only_other = [f for f in other if not any(_dates_agree(f, o) for o in mine)]
            else:
                only_mine = [f for f in mine if f.value not in {o.value for o in other}]
                only_other = [f for f in other if f.value not in {o.value for o in mine}]
            if not (only_mine or only_other):
                continue
            found.append(
                Discrepancy(
                    kind=kind,
                    left=_join(only_mine) or (None if not mine else _join(mine)),
                    right=_join(only_other) or (None if not other else _join(other)),
                    left_text=left_text,
                    right_text=right_text,
                    left_sentence=row.left[0],
                    right_sentence=row.right[0],
                    left_words=tuple(f.text for f in only_mine),
                    right_words=tuple(f.text for f in only_other),
                )
            )
    return found


def _first_counts(facts: ArticleFacts) -> dict[str, Fact]:
    first: dict[str, Fact] = {}
    for fact in facts.facts:
        if fact.kind == "count" and fact.role and fact.value != "?":
            first.setdefault(fact.role, fact)
    return first


def _count_discrepancies(
    left: ArticleFacts, right: ArticleFacts, reported: set[tuple[str, int | None, int | None]]
) -> list[Discrepancy]:
    found = []
    ours, theirs = _first_counts(left), _first_counts(right)
    for role in sorted(set(ours) & set(theirs)):
        a, b = ours[role], theirs[role]
        if a.value == b.value or (role, a.sentence, b.sentence) in reported:
            continue
        found.append(
            Discrepancy(
                kind=role,
                left=a.value,
                right=b.value,
                left_text=left.sentences[a.sentence].text,
                right_text=right.sentences[b.sentence].text,
                left_sentence=a.sentence,
                right_sentence=b.sentence,
                left_words=(a.text,),
                right_words=(b.text,),
            )
        )
    return found


def _one_sided(
    mine: ArticleFacts,
    other: ArticleFacts,
    *,
    side: str,
    reported: set[tuple[str, str, int]],
    reported_values: set[tuple[str, str]],
) -> list[Discrepancy]:
    found = []
    their_values = [f for f in other.facts if f.kind in ("number", "date")]
    their_names = sorted({f.value for f in other.facts if f.kind in _NAME_KINDS})
    seen = {("name" if kind in _NAME_KINDS else kind, value) for kind, value in reported_values}
    for fact in _comparable(mine.facts):
        if fact.kind not in ("number", "date", *_NAME_KINDS):
            continue
        if _stated_by_other(fact, their_names, their_values):
            continue
        kind = "name" if fact.kind in _NAME_KINDS else fact.kind
        if (kind, fact.value) in seen or (kind, side, fact.sentence) in reported:
            continue
        seen.add((kind, fact.value))
        text = mine.sentences[fact.sentence].text
        found.append(
            Discrepancy(
                kind=fact.kind,
                left=fact.value if side == "left" else None,
                right=fact.value if side == "right" else None,
                left_text=text if side == "left" else None,
                right_text=text if side == "right" else None,
                left_sentence=fact.sentence if side == "left" else None,
                right_sentence=fact.sentence if side == "right" else None,
                left_words=(fact.text,) if side == "left" else (),
                right_words=(fact.text,) if side == "right" else (),
            )
        )
    return found


def _stated_by_other(fact: Fact, names: Sequence[str], values: Sequence[Fact]) -> bool:
    """Whether the other report states this name, date or figure anywhere."""
    if fact.kind in _NAME_KINDS:
        return _names_match(fact.value, names)
    if fact.kind == "date":
        dates = (f for f in values if f.kind == "date")
        return any(_dates_agree(fact, f, decades=False) for f in dates)
    return fact.value in {f.value for f in values if f.kind == "number"}


def _metadata(left: Article, right: Article) -> list[Discrepancy]:
    found = []
    for field in ("published", "title"):
        a, b = getattr(left, field), getattr(right, field)
        if a != b:
            found.append(Discrepancy(kind=field, left=a, right=b, left_text=None, right_text=None))
    return found


def find_discrepancies(
    left: Article,
    right: Article,
    *,
    alignment: Alignment,
    left_facts: ArticleFacts,
    right_facts: ArticleFacts,
) -> tuple[Discrepancy, ...]:
    """Every discrepancy between two articles, metadata first, then in reading order."""
    rows = _row_discrepancies(alignment, left_facts, right_facts)
    counts_reported = {(d.kind, d.left_sentence, d.right_sentence) for d in rows}
    counts = _count_discrepancies(left_facts, right_facts, counts_reported)
    name_kinds = {"person": "name", "place": "name", "name": "name"}
    reported = {
        (name_kinds.get(d.kind, d.kind), side, index)
        for d in rows
        for side, index in (("left", d.left_sentence), ("right", d.right_sentence))
        if index is not None
    }
    values = {
        side: {
            (d.kind, value)
            for d in rows
            for value in ((d.left if side == "left" else d.right) or "").split("; ")
            if value
        }
        for side in ("left", "right")
    }
    one_sided = _one_sided(
        left_facts, right_facts, side="left", reported=reported, reported_values=values["left"]
    )
    one_sided += _one_sided(
        right_facts, left_facts, side="right", reported=reported, reported_values=values["right"]
    )
    return tuple(_metadata(left, right) + rows + counts + one_sided)
