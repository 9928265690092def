"""The few discrepancies worth a line in a summary: cluster views and `dedup check` findings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from dedup.article import Article
from dedup.settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:  # the aligner and pipeline are loaded only when a diff is computed
    from dedup.factcheck.discrepancy import Discrepancy
    from dedup.pipeline import Cluster

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


def differences_from(
    representative: Article,
    members: Sequence[Article],
    *,
    settings: Settings = DEFAULT_SETTINGS,
    limit: int = 2,
) -> Mapping[str, tuple[str, ...]]:
    """Each member's key differences from the representative, by member id."""
    from dedup.diff import build_diff

    return {
        member.id: key_differences(
            build_diff(representative, member, settings=settings).discrepancies, limit=limit
        )
        for member in members
        if member.id != representative.id
    }


def cluster_differences(
    clusters: Sequence[Cluster],
    articles: Mapping[str, Article],
    *,
    settings: Settings = DEFAULT_SETTINGS,
    clusters_shown: int,
    members_shown: int,
) -> dict[str, tuple[str, ...]]:
    """Key differences from the representative for the members a summary view shows."""
    found: dict[str, tuple[str, ...]] = {}
    for cluster in [c for c in clusters if len(c.members) > 1][:clusters_shown]:
        members = [articles[m.id] for m in cluster.members[:members_shown]]
        found.update(differences_from(articles[cluster.representative], members, settings=settings))
    return found
