"""The terminal view of `dedup cluster` (rich): a summary, then the largest clusters, each
named by its representative, with its members and a compact cross-source fact table."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from dedup.cluster_result import ClusterResult
from dedup.factcheck.table import Cell, FactTable, Row
from dedup.overview import ClusterView
from dedup.render.clusters_json import summary
from dedup.render.escape import one_line
from dedup.render.wording import plural

SHOWN_MEMBERS = 12
# The compact table: every toll, date, age and conflicting row, then the figures most sources
# state, up to this many rows; at most this many values a row (the most stated).
SHOWN_ROWS = 6
SHOWN_VALUES = 4
MARKS = {
    "representative": "★",
    "duplicate": "=",
    "near-duplicate": "≈",
    "same-event": "~",
}


def _members(view: ClusterView) -> Table:
    dated = view.span[0] is not None
    table = Table(box=box.SIMPLE, show_edge=False, pad_edge=False)
    table.add_column("", no_wrap=True)
    table.add_column("document", overflow="fold", min_width=24, ratio=1)
    table.add_column("relation", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    if dated:
        # A date fits in 10 characters; anything longer in that field is cut, not the ids.
        table.add_column("published", no_wrap=True, max_width=12, overflow="ellipsis")
    for member in view.members[:SHOWN_MEMBERS]:
        row: list[str | Text] = [
            MARKS.get(member.relation, " "),
            Text(one_line(member.id)),
            member.relation,
            f"{member.score:.2f}",
        ]
        table.add_row(*row, *([Text(one_line(member.published or "—"))] if dated else []))
    hidden = view.size - SHOWN_MEMBERS
    if hidden > 0:
        table.add_row("", Text(f"… and {hidden} more", style="dim"))
    return table


def _cell(cell: Cell) -> Text:
    sources = len(cell.documents)
    text = Text()
    value = one_line(f"≠ {cell.value}" if cell.conflict else cell.value)
    text.append(value, style="bold white on red" if cell.conflict else "bold")
    text.append(f" — {sources} source{'s' if sources != 1 else ''}")
    if cell.evolving:
        text.append(" (evolving?)", style="italic")
    return text


def _compact(table: FactTable) -> list[Row]:
    """Tolls, the event date and conflicting rows always; then places, ages and the figures
    most sources state, up to `SHOWN_ROWS` rows."""
    first = [r for r in table.rows if r.kind in ("toll", "date") or r.conflict]
    rest = [r for r in table.rows if r not in first]
    rest.sort(key=lambda r: (r.kind != "place", -max(len(c.documents) for c in r.cells)))
    return (first + rest)[: max(SHOWN_ROWS, len(first))]


def _facts(table: FactTable) -> Table:
    grid = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
    grid.add_column("slot", style="bold", no_wrap=True)
    grid.add_column("values", overflow="fold", ratio=1)
    for row in _compact(table):
        shown = row.cells[:SHOWN_VALUES]
        line = Text("; ").join(_cell(cell) for cell in shown)
        hidden = len(row.cells) - len(shown)
        if hidden > 0:
            line.append(f"; {hidden} more", style="dim")
        grid.add_row(Text(one_line(f"{row.slot}:")), line)
    if not table.rows:
        grid.add_row("facts:", Text("no figures, dates or places to compare", style="dim"))
    return grid


def _heading(view: ClusterView) -> Text:
    first, last = view.span
    span = (first if first == last else f"{first} → {last}") if first else "undated"
    line = Text(one_line(view.name), style="bold")
    parts = [plural(view.size, "document"), span]
    if view.outlets:
        parts.append(plural(len(view.outlets), "outlet"))
    if view.copies:
        groups = len(view.copies)
        parts.append(f"{groups} group{'s' if groups > 1 else ''} of copies")
    line.append("\n" + one_line(" · ".join(parts) + f" · cluster {view.id}"), style="dim")
    return line


def print_clusters(
    result: ClusterResult,
    console: Console,
    *,
    views: Sequence[ClusterView] = (),
) -> None:
    """Print the summary counts, then each view: its name, members and compact fact table
    (see `dedup.overview.cluster_views`); the clusters not in `views` are counted."""
    counts = summary(result)
    console.print(
        f"{plural(counts['documents'], 'document')} · {counts['clusters']} clusters of 2 or more · "
        f"{counts['singletons']} alone · {counts['copies']} copies "
        f"(duplicate or near-duplicate) · {counts['independent_reports']} independent reports"
    )
    for view in views:
        console.print()
        console.print(_heading(view))
        console.print(_members(view))
        if view.table is not None:
            console.print(_facts(view.table))
    rest = counts["clusters"] - len(views)
    if rest > 0:
        console.print(
            Text(f"… {rest} more clusters (--limit N or --all shows them; --format json lists all)",
                 style="dim")
        )  # fmt: skip
