"""Markdown for `dedup diff` and `dedup facts`, for pasting into a pull request or a ticket."""

from __future__ import annotations

from collections.abc import Sequence

from dedup.align import Row
from dedup.diff import DiffReport
from dedup.discrepancies import Discrepancy
from dedup.facts import ArticleFacts

_MARKS = {"same": "=", "changed": "~", "moved": "↕", "left-only": "<", "right-only": ">"}


def _cell(text: str | None) -> str:
    if not text:
        return "—"
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _marked(row: Row, side: str) -> str:
    """The row's text on one side, words the other side lacks in bold."""
    parts = []
    for edit in row.word_diff:
        words = edit.left if side == "left" else edit.right
        if not words:
            continue
        parts.append(_cell(words) if edit.op == "equal" else f"**{_cell(words)}**")
    return " ".join(parts)


def _text(report: DiffReport, row: Row, side: str) -> str:
    indices = row.left if side == "left" else row.right
    sentences = report.left.sentences if side == "left" else report.right.sentences
    if not indices:
        return ""
    if row.op in ("changed", "moved") and row.word_diff:
        return _marked(row, side)
    return _cell(" ".join(sentences[i] for i in indices))


def _where(indices: tuple[int, ...], prefix: str) -> str:
    return ",".join(f"{prefix}{i}" for i in indices)


def _discrepancy(d: Discrepancy) -> str:
    refs = []
    if d.left_sentence is not None:
        refs.append(f"L{d.left_sentence}")
    if d.right_sentence is not None:
        refs.append(f"R{d.right_sentence}")
    where = f" ({' ↔ '.join(refs)})" if refs else ""
    return f"- **{d.kind}**: {_cell(d.left)} vs {_cell(d.right)}{where}"


def render_diff_markdown(report: DiffReport) -> str:
    """The diff report as a markdown document: metadata, relation, alignment, discrepancies."""
    left, right = report.left.metadata, report.right.metadata
    lines = [
        f"## Diff: `{left['id']}` ↔ `{right['id']}`",
        "",
        "| | left | right |",
        "|---|---|---|",
    ]
    for field in ("title", "published", "url", "source"):
        lines.append(f"| {field} | {_cell(left[field])} | {_cell(right[field])} |")
    lines.append(f"| sentences | {len(report.left.sentences)} | {len(report.right.sentences)} |")
    scores = ", ".join(f"{name} {value:.4g}" for name, value in sorted(report.scores.items()))
    lines += ["", f"**Relation:** {report.relation} ({scores})", "", "### Alignment", ""]
    lines += [
        "Marks: `=` same, `~` changed, `↕` moved, `<` left only, `>` right only; "
        "words the other side lacks in **bold**.",
        "",
        "| | left | right | score |",
        "|---|---|---|---|",
    ]
    for row in report.alignment.rows:
        where = " ".join(filter(None, [_where(row.left, "L"), _where(row.right, "R")]))
        mark = f"{_MARKS[row.op]} {where}"
        closest = f"closest: {row.closest()}" if row.closest() else ""
        score = f"{row.score:.2f}" if row.left and row.right else closest
        lines.append(
            f"| {mark} | {_text(report, row, 'left')} | {_text(report, row, 'right')} | {score} |"
        )
    lines += ["", "### Discrepancies", ""]
    lines += [_discrepancy(d) for d in report.discrepancies] or ["None found."]
    return "\n".join(lines) + "\n"


def render_facts_markdown(documents: Sequence[ArticleFacts]) -> str:
    """Each document's summary and facts as markdown."""
    lines: list[str] = []
    for facts in documents:
        summary = facts.summary
        places = ", ".join(summary.places) or "—"
        lines += [
            f"## `{facts.id}`",
            "",
            f"killed: {_cell(str(summary.killed) if summary.killed is not None else None)} · "
            f"injured: {_cell(str(summary.injured) if summary.injured is not None else None)} · "
            f"event date: {_cell(summary.event_date)} · places: {_cell(places)}",
            "",
            "| kind | value | text | sentence |",
            "|---|---|---|---|",
        ]
        for fact in facts.facts:
            kind = f"{fact.kind} ({fact.role})" if fact.role else fact.kind
            lines.append(f"| {kind} | {_cell(fact.value)} | {_cell(fact.text)} | {fact.sentence} |")
        lines.append("")
    return "\n".join(lines)
