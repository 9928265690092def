"""Markdown for `dedup diff` and `dedup facts`, for pasting into a pull request or a ticket."""

from __future__ import annotations

from collections.abc import Sequence

from dedup.align import Row
from dedup.diff import DiffReport
from dedup.factcheck import ArticleFacts
from dedup.factcheck.discrepancy import Discrepancy
from dedup.render.escape import markdown_code, markdown_text

_MARKS = {"same": "=", "changed": "~", "moved": "↕", "left-only": "<", "right-only": ">"}


def _cell(text: str | None) -> str:
    """Article text as inline Markdown: markup characters escaped (`dedup.render.escape`)."""
    if not text:
        return "—"
    return markdown_text(text)


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


def _refs(d: Discrepancy) -> str:
    refs = []
    if d.left_sentence is not None:
        refs.append(f"L{d.left_sentence}")
    if d.right_sentence is not None:
        refs.append(f"R{d.right_sentence}")
    return f" ({' ↔ '.join(refs)})" if refs else ""


def _conflict(d: Discrepancy) -> list[str]:
    evolving = " *(evolving)*" if d.evolving else ""
    return [
        f"- **{_cell(d.label)}**: {_cell(d.left)} vs {_cell(d.right)}{evolving}{_refs(d)}",
        f"  - left: {_cell(d.left_text)}",
        f"  - right: {_cell(d.right_text)}",
    ]


def _omission(d: Discrepancy) -> list[str]:
    value = d.left if d.left is not None else d.right
    note = f" *({_cell(d.note)})*" if d.note else ""
    text = d.left_text if d.left is not None else d.right_text
    return [f"- **{_cell(d.label)}**: {_cell(value)}{note}{_refs(d)}", f"  - {_cell(text)}"]


def _sections(report: DiffReport) -> list[str]:
    conflicts = [d for d in report.discrepancies if d.category == "conflict"]
    omissions = [d for d in report.discrepancies if d.category == "omission"]
    metadata = [d for d in report.discrepancies if d.category == "metadata"]
    lines = ["", f"### Conflicts ({len(conflicts)})", ""]
    lines += [line for d in conflicts for line in _conflict(d)] or ["None found."]
    for side in ("left", "right"):
        mine = [d for d in omissions if (d.left if side == "left" else d.right) is not None]
        lines += ["", f"### Only in {side} ({len(mine)})", ""]
        lines += [line for d in mine for line in _omission(d)] or ["None found."]
    if report.hidden_omissions:
        lines += ["", f"{report.hidden_omissions} less salient one-sided facts not shown (--all)."]
    if metadata:
        lines += ["", "### Metadata", ""]
        lines += [f"- **{d.kind}**: {_cell(d.left)} vs {_cell(d.right)}" for d in metadata]
    return lines


def render_diff_markdown(report: DiffReport) -> str:
    """The diff report as a markdown document: metadata, relation, alignment, discrepancies."""
    left, right = report.left.metadata, report.right.metadata
    lines = [
        f"## Diff: {markdown_code(left['id'] or '')} ↔ {markdown_code(right['id'] or '')}",
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
    lines += _sections(report)
    return "\n".join(lines) + "\n"


def render_facts_markdown(documents: Sequence[ArticleFacts]) -> str:
    """Each document's summary and facts as markdown."""
    lines: list[str] = []
    for facts in documents:
        summary = facts.summary
        places = ", ".join(summary.places) or "—"
        lines += [
            f"## {markdown_code(facts.id)}",
            "",
            f"killed: {_cell(str(summary.killed) if summary.killed is not None else None)} · "
            f"injured: {_cell(str(summary.injured) if summary.injured is not None else None)} · "
            f"event date: {_cell(summary.event_date)} · places: {_cell(places)}",
            "",
            "| kind | value | as stated | qualifier | sentence |",
            "|---|---|---|---|---|",
        ]
        for fact in facts.facts:
            kind = fact.kind if fact.slot == fact.kind else f"{fact.kind}: {fact.slot}"
            qualifier = "" if fact.qualifier in (None, "exact") else fact.qualifier
            lines.append(
                f"| {_cell(kind)} | {_cell(fact.value)} | {_cell(fact.stated)} | {qualifier} "
                f"| {fact.sentence} |"
            )
        lines.append("")
    return "\n".join(lines)
