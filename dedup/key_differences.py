"""The few discrepancies worth a line in a summary: `dedup check` findings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dedup.factcheck.discrepancy import Discrepancy

# Conflicts first (strongest slot first), then the most salient omissions, then metadata.
_CATEGORY = {"conflict": 0, "omission": 1, "metadata": 2}
_CONFLICT_PRIORITY = {"killed": 0, "injured": 0, "date": 1, "time": 1, "age": 2}
# Longer values (a title, a list of names) are cut to this many characters in a summary line.
CLIP = 40


def _rank(item: tuple[int, Discrepancy]) -> tuple[int, float, int]:
    position, discrepancy = item
    category = _CATEGORY.get(discrepancy.category, 1)
    if category == 0:
        return (0, _CONFLICT_PRIORITY.get(discrepancy.kind, 3), position)
    return (category, -discrepancy.salience, position)


def clip(value: str | None, *, width: int = CLIP) -> str:
    """A value for a one-line summary: — when absent, cut with … when longer than `width`."""
    if not value:
        return "—"
    return value if len(value) <= width else value[: width - 1] + "…"


def format_discrepancy(discrepancy: Discrepancy) -> str:
    """`killed: six vs 1`, with — for a side that does not state it and long values clipped;
    an evolving conflict says so."""
    evolving = " (evolving)" if discrepancy.evolving else ""
    label = discrepancy.label
    return f"{label}: {clip(discrepancy.left)} vs {clip(discrepancy.right)}{evolving}"


def key_differences(discrepancies: Sequence[Discrepancy], *, limit: int = 3) -> tuple[str, ...]:
    """The `limit` most telling discrepancies: conflicts, then the most salient omissions."""
    ranked = sorted(enumerate(discrepancies), key=_rank)
    return tuple(format_discrepancy(discrepancy) for _, discrepancy in ranked[:limit])
