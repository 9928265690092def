"""The terminal view of `dedup cluster` (rich): a summary, then the largest clusters."""

from __future__ import annotations

from collections.abc import Mapping

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from dedup.pipeline import Cluster, ClusterResult
from dedup.render.clusters_json import summary
from dedup.render.escape import one_line

SHOWN_CLUSTERS = 10
SHOWN_MEMBERS = 12
MARKS = {
    "representative": "★",
    "duplicate": "=",
    "near-duplicate": "≈",
    "same-event": "~",
}


def _cluster_table(cluster: Cluster, differences: Mapping[str, tuple[str, ...]]) -> Table:
    table = Table(box=box.SIMPLE, show_edge=False, pad_edge=False)
    table.add_column("", no_wrap=True)
    table.add_column("document", overflow="fold")
    table.add_column("relation", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    if differences:
        table.add_column("differs from ★", overflow="fold", ratio=1)
    for member in cluster.members[:SHOWN_MEMBERS]:
        row: list[str | Text] = [
            MARKS.get(member.relation, " "),
            Text(one_line(member.id)),
            member.relation,
            f"{member.score:.2f}",
        ]
        if differences:
            row.append(Text(one_line("; ".join(differences.get(member.id, ())))))
        table.add_row(*row)
    hidden = len(cluster.members) - SHOWN_MEMBERS
    if hidden > 0:
        table.add_row("", Text(f"… and {hidden} more", style="dim"), "", "")
    return table


def print_clusters(
    result: ClusterResult,
    console: Console,
    *,
    differences: Mapping[str, tuple[str, ...]] | None = None,
) -> None:
    """Print the summary counts and the largest clusters with members and key differences.

    `differences` maps member ids to their key differences from the cluster's representative
    (see `dedup.key_differences.cluster_differences`).
    """
    counts = summary(result)
    console.print(
        f"{counts['documents']} documents · {counts['clusters']} clusters of 2 or more · "
        f"{counts['singletons']} alone · {counts['copies']} copies "
        f"(duplicate or near-duplicate) · {counts['independent_reports']} independent reports"
    )
    shown = [c for c in result.clusters if len(c.members) > 1][:SHOWN_CLUSTERS]
    for cluster in shown:
        console.print()
        groups = len(cluster.near_duplicates)
        line = f"{cluster.id} · {len(cluster.members)} documents"
        if groups:
            line += f" · {groups} group{'s' if groups > 1 else ''} of copies"
        console.print(Text(line, style="bold"))
        console.print(_cluster_table(cluster, differences or {}))
    rest = counts["clusters"] - len(shown)
    if rest > 0:
        console.print(Text(f"… {rest} more clusters (--format json lists all)", style="dim"))
