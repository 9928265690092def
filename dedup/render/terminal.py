"""The terminal view of `dedup diff` and `dedup facts` (rich).

Two columns of aligned sentences when the console is at least `SIDE_BY_SIDE_WIDTH` wide, one
stacked column below that. Marks keep the view readable without colour (NO_COLOR, pipes):
`=` same, `~` changed, `↕` moved, `<` left only, `>` right only. With colour, words the other
side lacks are highlighted, conflicting facts strongly, one-sided sentences dimmed.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from dedup.align import Row
from dedup.diff import DiffReport
from dedup.factcheck import ArticleFacts
from dedup.factcheck.discrepancy import Discrepancy
from dedup.render.escape import one_line, visible

SIDE_BY_SIDE_WIDTH = 80
MARKS = {"same": "=", "changed": "~", "moved": "↕", "left-only": "<", "right-only": ">"}
CHANGED = "bold yellow"
CONFLICT = "bold white on red"
ONE_SIDED = "dim"


def _side_text(report: DiffReport, row: Row, side: str, conflicts: Sequence[str]) -> Text:
    indices = row.left if side == "left" else row.right
    sentences = report.left.sentences if side == "left" else report.right.sentences
    prefix = "L" if side == "left" else "R"
    if not indices:
        return Text("")
    label = Text(",".join(f"{prefix}{i}" for i in indices) + " ", style="dim")
    if row.op in ("left-only", "right-only"):
        text = label + Text(visible(" ".join(sentences[i] for i in indices)), style=ONE_SIDED)
        if row.closest():
            text.append(f" (closest: {row.closest()})", style=ONE_SIDED)
        return text
    body = Text()
    for edit in row.word_diff:
        words = edit.left if side == "left" else edit.right
        if not words:
            continue
        if body:
            body.append(" ")
        body.append(visible(words), style=None if edit.op == "equal" else CHANGED)
    if not row.word_diff:
        body = Text(visible(" ".join(sentences[i] for i in indices)))
    body.highlight_words([visible(word) for word in conflicts if word], style=CONFLICT)
    return label + body


def _conflicts(report: DiffReport, row: Row) -> tuple[list[str], list[str]]:
    left: list[str] = []
    right: list[str] = []
    for d in report.discrepancies:
        if d.left_sentence in row.left:
            left += d.left_words
        if d.right_sentence in row.right:
            right += d.right_words
    return left, right


def _header(report: DiffReport) -> Table:
    table = Table(box=box.SIMPLE, show_header=True, expand=True, pad_edge=False)
    table.add_column("", style="bold", no_wrap=True)
    table.add_column("left", ratio=1, overflow="fold")
    table.add_column("right", ratio=1, overflow="fold")
    left, right = report.left.metadata, report.right.metadata
    for field in ("id", "title", "published", "url", "source"):
        if left[field] or right[field]:
            table.add_row(
                field, Text(one_line(left[field] or "—")), Text(one_line(right[field] or "—"))
            )
    table.add_row("sentences", str(len(report.left.sentences)), str(len(report.right.sentences)))
    return table


def _relation(report: DiffReport) -> Text:
    scores = "  ".join(f"{name} {value:.4g}" for name, value in sorted(report.scores.items()))
    text = Text("relation: ", style="bold")
    text.append(report.relation, style="bold cyan")
    text.append(f"   {scores}")
    return text


def _rows_side_by_side(report: DiffReport) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column("", no_wrap=True, width=1)
    table.add_column("left", ratio=1, overflow="fold")
    table.add_column("right", ratio=1, overflow="fold")
    for row in report.alignment.rows:
        left_conflicts, right_conflicts = _conflicts(report, row)
        table.add_row(
            MARKS[row.op],
            _side_text(report, row, "left", left_conflicts),
            _side_text(report, row, "right", right_conflicts),
        )
    return table


def _rows_stacked(report: DiffReport) -> Group:
    parts: list[RenderableType] = []
    for row in report.alignment.rows:
        left_conflicts, right_conflicts = _conflicts(report, row)
        score = f" ({row.score:.2f})" if row.left and row.right else ""
        parts.append(Text(f"{MARKS[row.op]} {row.op}{score}", style="bold"))
        for side, conflicts in (("left", left_conflicts), ("right", right_conflicts)):
            text = _side_text(report, row, side, conflicts)
            if text:
                parts.append(Padding(text, (0, 0, 0, 2)))
    return Group(*parts)


def _refs(d: Discrepancy) -> str:
    refs = [
        f"L{d.left_sentence}" if d.left_sentence is not None else "",
        f"R{d.right_sentence}" if d.right_sentence is not None else "",
    ]
    return " ↔ ".join(ref for ref in refs if ref)


def _evidence(label: str, sentence: str | None) -> RenderableType:
    if not sentence:
        return Text("")
    return Padding(Text(one_line(f"{label} {sentence}".strip()), style=ONE_SIDED), (0, 0, 0, 4))


def _conflict(d: Discrepancy) -> list[RenderableType]:
    line = Text(f"{one_line(d.label)}: ", style="bold")
    line.append(one_line(d.left or "—"), style=CONFLICT)
    line.append(" vs ")
    line.append(one_line(d.right or "—"), style=CONFLICT)
    if d.evolving:
        line.append("  (evolving: the reports were published on different days)", style="italic")
    line.append(f"  [{_refs(d)}]", style="dim")
    return [line, _evidence("L:", d.left_text), _evidence("R:", d.right_text)]


def _omission(d: Discrepancy) -> list[RenderableType]:
    value = d.left if d.left is not None else d.right
    line = Text(f"{one_line(d.label)}: ", style="bold")
    line.append(one_line(value or "—"))
    if d.note:
        line.append(f"  ({one_line(d.note)})", style="italic")
    line.append(f"  [{_refs(d)}]", style="dim")
    text = d.left_text if d.left is not None else d.right_text
    return [line, _evidence("", text)]


def _metadata(d: Discrepancy) -> Text:
    text = Text(f"{d.kind}: ", style="bold")
    text.append(one_line(f"{d.left or '—'} vs {d.right or '—'}"))
    return text


def discrepancy_sections(report: DiffReport) -> list[RenderableType]:
    """Conflicts, then what only one side states (most salient first), then metadata."""
    conflicts = [d for d in report.discrepancies if d.category == "conflict"]
    omissions = [d for d in report.discrepancies if d.category == "omission"]
    metadata = [d for d in report.discrepancies if d.category == "metadata"]
    parts: list[RenderableType] = [Text(f"Conflicts ({len(conflicts)})", style="bold underline")]
    parts += [item for d in conflicts for item in _conflict(d)] or [Text("none", style="dim")]
    for side in ("left", "right"):
        mine = [d for d in omissions if (d.left if side == "left" else d.right) is not None]
        parts.append(Text(f"Only in {side} ({len(mine)})", style="bold underline"))
        parts += [item for d in mine for item in _omission(d)] or [Text("none", style="dim")]
    if report.hidden_omissions:
        hint = f"{report.hidden_omissions} less salient one-sided facts not shown (--all)"
        parts.append(Text(hint, style="dim"))
    if metadata:
        parts.append(Text("Metadata", style="bold underline"))
        parts += [_metadata(d) for d in metadata]
    return [part for part in parts if not (isinstance(part, Text) and not part.plain)]


def diff_renderable(report: DiffReport, *, width: int) -> Group:
    """Everything `dedup diff` draws, laid out for a console `width` columns wide."""
    rows = _rows_side_by_side(report) if width >= SIDE_BY_SIDE_WIDTH else _rows_stacked(report)
    legend = Text("= same  ~ changed  ↕ moved  < left only  > right only", style="dim")
    return Group(_header(report), _relation(report), legend, rows, *discrepancy_sections(report))


def facts_renderable(documents: Sequence[ArticleFacts]) -> Group:
    """Each document's summary line and a table of its facts."""
    parts: list[RenderableType] = []
    for facts in documents:
        summary = facts.summary
        line = Text(one_line(facts.id), style="bold")
        line.append(
            f"  killed {summary.killed if summary.killed is not None else '—'}"
            f"  injured {summary.injured if summary.injured is not None else '—'}"
            f"  event date {one_line(summary.event_date or '—')}"
            f"  places {one_line(', '.join(summary.places)) or '—'}"
        )
        table = Table(box=box.SIMPLE, expand=True, pad_edge=False)
        table.add_column("kind", no_wrap=True)
        table.add_column("value", ratio=1, overflow="fold")
        table.add_column("as stated", ratio=2, overflow="fold")
        table.add_column("qualifier", no_wrap=True)
        table.add_column("sent.", justify="right", no_wrap=True)
        for fact in facts.facts:
            kind = fact.kind if fact.slot == fact.kind else f"{fact.kind}: {fact.slot}"
            qualifier = "" if fact.qualifier in (None, "exact") else fact.qualifier
            table.add_row(
                kind,
                Text(one_line(fact.value)),
                Text(one_line(fact.stated)),
                qualifier,
                str(fact.sentence),
            )
        parts += [line, table]
    return Group(*parts)


def print_diff(report: DiffReport, console: Console) -> None:
    """Draw the diff report on a rich console (its width decides the layout)."""
    console.print(diff_renderable(report, width=console.width))


def print_facts(documents: Sequence[ArticleFacts], console: Console) -> None:
    """Draw the facts of each document on a rich console."""
    console.print(facts_renderable(documents))


def render_diff_text(report: DiffReport, *, width: int) -> str:
    """The terminal view as plain text at a fixed width, without colour (tests, README)."""
    console = Console(
        file=io.StringIO(), width=width, color_system=None, force_terminal=False, no_color=True
    )
    print_diff(report, console)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in output.splitlines()) + "\n"


def render_facts_text(documents: Sequence[ArticleFacts], *, width: int) -> str:
    """The facts view as plain text at a fixed width, without colour."""
    console = Console(
        file=io.StringIO(), width=width, color_system=None, force_terminal=False, no_color=True
    )
    print_facts(documents, console)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in output.splitlines()) + "\n"
