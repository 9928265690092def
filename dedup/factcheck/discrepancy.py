"""A discrepancy between two reports: a conflict, an omission, or differing metadata.

The three are never mixed. A *conflict* has a value on both sides (the same slot stated with
incompatible values; `evolving` when the later report updates a count); an *omission* has a
value on one side only (a salient fact the other report does not mention in any form);
*metadata* compares the documents' own fields (published date, title).
"""

from __future__ import annotations

from dataclasses import dataclass

CATEGORIES = ("conflict", "omission", "metadata")


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """Two values that disagree (None: that side does not state it) and their sentences.

    `left`/`right` are the values as the articles state them ("at least three", "$25,000");
    `left_value`/`right_value` are the same values typed (a number in the slot's `unit`, an
    ISO date, "HH:MM"); `left_words`/`right_words` are the spans a view highlights."""

    kind: str
    left: str | None
    right: str | None
    left_text: str | None
    right_text: str | None
    left_sentence: int | None = None
    right_sentence: int | None = None
    left_words: tuple[str, ...] = ()
    right_words: tuple[str, ...] = ()
    category: str = "conflict"
    slot: str = ""
    unit: str | None = None
    left_value: float | str | None = None
    right_value: float | str | None = None
    left_qualifier: str | None = None
    right_qualifier: str | None = None
    evolving: bool = False
    salience: float = 0.0
    note: str | None = None

    @property
    def label(self) -> str:
        """What differs, for a reader: the slot ("age of Dale Corbin") or the kind."""
        return self.slot or self.kind

    def as_dict(self) -> dict[str, object]:
        """The discrepancy as a JSON-ready mapping."""
        return {
            "kind": self.kind,
            "category": self.category,
            "slot": self.label,
            "left": self.left,
            "right": self.right,
            "left_text": self.left_text,
            "right_text": self.right_text,
            "left_sentence": self.left_sentence,
            "right_sentence": self.right_sentence,
            "unit": self.unit,
            "left_value": self.left_value,
            "right_value": self.right_value,
            "left_qualifier": self.left_qualifier,
            "right_qualifier": self.right_qualifier,
            "evolving": self.evolving,
            "salience": round(self.salience, 3),
            "note": self.note,
        }
