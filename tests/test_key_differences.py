"""Choosing the few discrepancies worth a line in a summary."""

from __future__ import annotations

from dedup.factcheck.discrepancy import Discrepancy
from dedup.key_differences import format_discrepancy, key_differences


def _d(kind: str, left: str | None, right: str | None, **detail: object) -> Discrepancy:
    category = "metadata" if kind in ("published", "title") else "conflict"
    if left is None or right is None:
        category = detail.pop("category", "omission") if category != "metadata" else category
    return Discrepancy(
        kind=kind, left=left, right=right, left_text=None, right_text=None,
        category=str(category), **detail,  # type: ignore[arg-type]
    )  # fmt: skip


def test_conflicts_come_first_then_the_most_salient_omissions() -> None:
    """Conflicts lead (counts of people before dates before other figures), then one-sided
    facts by salience, then metadata."""
    found = [
        _d("quantity", None, "3,000 peacekeepers", salience=3.0),
        _d("date", "2023-11-12", "2023-11-13"),
        _d("killed", "six", "1"),
        _d("published", None, "2023-11-13"),
        _d("money", "$2", "$3"),
        _d("killed", "six", None, salience=10.0),
    ]
    assert key_differences(found, limit=6) == (
        "killed: six vs 1",
        "date: 2023-11-12 vs 2023-11-13",
        "money: $2 vs $3",
        "killed: six vs —",
        "quantity: — vs 3,000 peacekeepers",
        "published: — vs 2023-11-13",
    )


def test_format_marks_the_silent_side() -> None:
    """A side that does not state the value shows a dash."""
    assert format_discrepancy(_d("place", "Khojavand", None)) == "place: Khojavand vs —"
