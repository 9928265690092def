"""The few discrepancies worth a line in a summary: cluster views and `dedup check` findings."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from dedup.article import Article
from dedup.settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:  # the aligner and pipeline are loaded only when a diff is computed
    from dedup.facts.compare import Discrepancy
    from dedup.pipeline import Cluster

# Conflicting counts of people matter most, then when it happened, then other figures and names.
_PRIORITY = {"published": 1, "date": 2, "number": 3, "person": 4, "place": 5, "name": 6, "title": 7}
_COUNT_PRIORITY = 0
# Longer values (a title, a list of names) are cut to this many characters in a summary line.
CLIP = 40


def _rank(item: tuple[int, Discrepancy]) -> tuple[int, int, int]:
    position, discrepancy = item
    one_sided = discrepancy.left is None or discrepancy.right is None
    priority = _PRIORITY.get(discrepancy.kind, _COUNT_PRIORITY)
    return (int(one_sided), priority, position)


def clip(value: str | None, *, width: int = CLIP) -> str:
    """A value for a one-line summary: — when absent, cut with … when longer than `width`."""
    if not value:
        return "—"
    return value if len(value) <= width else value[: width - 1] + "…"


def format_discrepancy(discrepancy: Discrepancy) -> str:
    """`killed: 6 vs 1`, with — for a side that does not state it and long values clipped."""
    return f"{discrepancy.kind}: {clip(discrepancy.left)} vs {clip(discrepancy.right)}"


def key_differences(discrepancies: Sequence[Discrepancy], *, limit: int = 3) -> tuple[str, ...]:
    """The `limit` most telling discrepancies: conflicts before one-sided facts, counts first."""
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
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, tuple[str, ...]]:
    """Key differences from the representative for the members a summary view shows;
    `progress("differences", clusters done, clusters)` after each cluster."""
    found: dict[str, tuple[str, ...]] = {}
    shown = [c for c in clusters if len(c.members) > 1][:clusters_shown]
    for done, cluster in enumerate(shown, start=1):
        members = [articles[m.id] for m in cluster.members[:members_shown]]
        found.update(differences_from(articles[cluster.representative], members, settings=settings))
        if progress is not None:
            progress("differences", done, len(shown))
    return found
