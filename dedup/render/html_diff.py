"""The diff of two reports as one HTML page (`dedup diff --format html`).

Findings first (conflicts, then the salient facts one side states, each linked to its row),
then both documents side by side, one row per alignment row: changed words highlighted and
dotted-underlined, conflicting facts boxed and bold, one-sided sentences in grey with their
nearest sentence on the other side. Every mark has a symbol and words as well as a colour.
All article text is escaped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from dedup.align import Row
from dedup.diff import DiffReport
from dedup.factcheck.discrepancy import Discrepancy
from dedup.render.html_page import esc, page
from dedup.render.wording import plural

MARKS = {"same": "=", "changed": "~", "moved": "↕", "left-only": "<", "right-only": ">"}
OP_WORDS = {
    "same": "same",
    "changed": "changed",
    "moved": "moved",
    "left-only": "only in left",
    "right-only": "only in right",
}
RELATION_WORDS = {
    "duplicate": "the same text: duplicates",
    "near-duplicate": "a copy with edits: syndication or a reprint",
    "same-event": "separately written reports of the same event",
    "unrelated": "reports of different events",
}
EVIDENCE_WORDS = {
    "score": "overall similarity the verdict rests on",
    "term_cosine": "similarity of their rare words, names and figures (cosine, 0–1)",
    "shingle_jaccard": "share of five-word runs in common (Jaccard, 0–1)",
    "aligned_share": "share of sentences aligned with a sentence of the other report",
    "date_factor": "publication dates (1: close enough; lower: days apart)",
    "year_factor": "years the texts name (1: overlapping; lower: disjoint)",
}
Spans = list[tuple[int, int, str]]


def _row_index(report: DiffReport) -> dict[tuple[str, int], int]:
    where: dict[tuple[str, int], int] = {}
    for number, row in enumerate(report.alignment.rows):
        where.update({("L", i): number for i in row.left})
        where.update({("R", j): number for j in row.right})
    return where


def _pieces(report: DiffReport, row: Row, side: str) -> list[tuple[str, bool]]:
    """The row's text on one side in pieces, each flagged when the other side lacks it."""
    indices = row.left if side == "left" else row.right
    sentences = report.left.sentences if side == "left" else report.right.sentences
    if row.word_diff and row.op in ("changed", "moved"):
        pieces = []
        for edit in row.word_diff:
            words = edit.left if side == "left" else edit.right
            if words:
                pieces.append((words, edit.op != "equal"))
        return pieces
    return [(" ".join(sentences[i] for i in indices), False)]


def _spans(
    text: str, pieces: Sequence[tuple[str, bool]], marks: Sequence[tuple[str, str]]
) -> Spans:
    """(start, end, class) runs: "chg" for changed pieces, a discrepancy's class for its words."""
    spans: Spans = []
    position = 0
    for words, changed in pieces:
        if changed:
            spans.append((position, position + len(words), "chg"))
        position += len(words) + 1
    for words, css in marks:
        start = text.find(words) if words else -1
        while start >= 0:
            spans.append((start, start + len(words), css))
            start = text.find(words, start + len(words))
    return spans


def _marked(text: str, spans: Spans) -> str:
    """`text` escaped, each run wrapped in the classes of the spans covering it (a conflict's
    words inside a changed piece get both); one sweep over the span ends."""
    opening: dict[int, list[str]] = {}
    closing: dict[int, list[str]] = {}
    for start, end, css in spans:
        opening.setdefault(start, []).append(css)
        closing.setdefault(end, []).append(css)
    cuts = sorted({0, len(text), *opening, *closing})
    active: Counter[str] = Counter()
    out = []
    for start, end in pairwise(cuts):
        active.subtract(closing.get(start, ()))
        active.update(opening.get(start, ()))
        classes = sorted(css for css, count in active.items() if count > 0)
        chunk = esc(text[start:end])
        if "conflict" in classes:
            out.append(f'<mark class="conflict" title="conflicting fact">≠ {chunk}</mark>')
        elif classes:
            out.append(f'<span class="{" ".join(classes)}">{chunk}</span>')
        else:
            out.append(chunk)
    return "".join(out)


def _side(report: DiffReport, row: Row, side: str, where: dict[tuple[str, int], int]) -> str:
    indices = row.left if side == "left" else row.right
    if not indices:
        return '<td class="side"></td>'
    prefix = "L" if side == "left" else "R"
    marks = []
    for d in report.discrepancies:
        sentence = d.left_sentence if side == "left" else d.right_sentence
        words = d.left_words if side == "left" else d.right_words
        if sentence in indices:
            marks += [(w, "conflict" if d.category == "conflict" else "solo") for w in words]
    pieces = _pieces(report, row, side)
    text = " ".join(words for words, _ in pieces)
    body = _marked(text, _spans(text, pieces, marks))
    refs = ",".join(f"{prefix}{i}" for i in indices)
    near = ""
    if row.nearest is not None:
        other = "R" if side == "left" else "L"
        target = where.get((other, row.nearest), 0)
        near = (
            f' <span class="hint">nearest: <a href="#row-{target}">{other}{row.nearest}</a>'
            f" ({row.nearest_score:.2f})</span>"
        )
    return f'<td class="side"><span class="ref">{refs}</span> {body}{near}</td>'


def _rows(report: DiffReport) -> str:
    where = _row_index(report)
    lines = [
        '<table class="rows"><thead><tr><th scope="col">row</th>'
        '<th scope="col">left</th><th scope="col">right</th></tr></thead><tbody>'
    ]
    for number, row in enumerate(report.alignment.rows):
        score = f" {row.score:.2f}" if row.left and row.right and row.op != "same" else ""
        mark = (
            f'<td class="mark" title="{OP_WORDS[row.op]}">{esc(MARKS[row.op])}'
            f' <span class="hint">{OP_WORDS[row.op]}{score}</span></td>'
        )
        lines.append(
            f'<tr id="row-{number}" class="{row.op}">{mark}'
            f"{_side(report, row, 'left', where)}{_side(report, row, 'right', where)}</tr>"
        )
    lines.append("</tbody></table>")
    return "\n".join(lines)


def _link(d: Discrepancy, where: dict[tuple[str, int], int]) -> str:
    refs = []
    for prefix, sentence in (("L", d.left_sentence), ("R", d.right_sentence)):
        if sentence is not None:
            refs.append(f'<a href="#row-{where.get((prefix, sentence), 0)}">{prefix}{sentence}</a>')
    return f' <span class="ref">[{" ↔ ".join(refs)}]</span>' if refs else ""


def _quote(label: str, text: str | None) -> str:
    return f'<br><span class="hint">{label}{esc(text)}</span>' if text else ""


def _conflict(d: Discrepancy, where: dict[tuple[str, int], int]) -> str:
    evolving = (
        ' <span class="tag">evolving? published on different days</span>' if d.evolving else ""
    )
    return (
        f'<li><span class="tag bad">conflict</span> <strong>{esc(d.label)}</strong>: '
        f'<mark class="conflict">≠ {esc(d.left or "—")}</mark> (left) vs '
        f'<mark class="conflict">≠ {esc(d.right or "—")}</mark> (right){evolving}'
        f"{_link(d, where)}{_quote('left: ', d.left_text)}{_quote('right: ', d.right_text)}</li>"
    )


def _omission(d: Discrepancy, where: dict[tuple[str, int], int]) -> str:
    value = d.left if d.left is not None else d.right
    text = d.left_text if d.left is not None else d.right_text
    note = f' <span class="hint">({esc(d.note)})</span>' if d.note else ""
    return (
        f'<li><strong>{esc(d.label)}</strong>: <span class="solo">{esc(value or "—")}</span>'
        f"{note}{_link(d, where)}{_quote('', text)}</li>"
    )


def _findings(report: DiffReport) -> str:
    where = _row_index(report)
    conflicts = [d for d in report.discrepancies if d.category == "conflict"]
    omissions = [d for d in report.discrepancies if d.category == "omission"]
    metadata = [d for d in report.discrepancies if d.category == "metadata"]
    parts = [f"<h2>Conflicts ({len(conflicts)})</h2>"]
    items = [_conflict(d, where) for d in conflicts]
    parts.append(f'<ul class="flat">{"".join(items)}</ul>' if items else "<p>None found.</p>")
    for side in ("left", "right"):
        mine = [d for d in omissions if (d.left if side == "left" else d.right) is not None]
        parts.append(f"<h2>Only in {side} ({len(mine)})</h2>")
        items = [_omission(d, where) for d in mine]
        parts.append(f'<ul class="flat">{"".join(items)}</ul>' if items else "<p>None found.</p>")
    if report.hidden_omissions:
        hidden = plural(report.hidden_omissions, "less salient one-sided fact")
        parts.append(f'<p class="hint">{hidden} not shown (--all lists every one).</p>')
    if metadata:
        items = [
            f"<li><strong>{esc(d.kind)}</strong>: {esc(d.left or '—')} (left) vs "
            f"{esc(d.right or '—')} (right)</li>"
            for d in metadata
        ]
        parts.append(f'<h2>Metadata</h2><ul class="flat">{"".join(items)}</ul>')
    return "\n".join(parts)


def _header(report: DiffReport) -> str:
    left, right = report.left.metadata, report.right.metadata
    rows = []
    for field in ("id", "title", "published", "url", "source"):
        if left[field] or right[field]:
            rows.append(
                f'<tr><th scope="row">{field}</th><td>{esc(left[field] or "—")}</td>'
                f"<td>{esc(right[field] or '—')}</td></tr>"
            )
    rows.append(
        f'<tr><th scope="row">sentences</th><td>{len(report.left.sentences)}</td>'
        f"<td>{len(report.right.sentences)}</td></tr>"
    )
    evidence = "".join(
        f"<li>{esc(EVIDENCE_WORDS.get(name, name))}: {value:.4g}</li>"
        for name, value in sorted(report.scores.items())
    )
    relation = RELATION_WORDS.get(report.relation, report.relation)
    return (
        '<table class="meta"><thead><tr><th></th><th scope="col">left</th>'
        f'<th scope="col">right</th></tr></thead><tbody>{"".join(rows)}</tbody></table>\n'
        f"<p><strong>Relation:</strong> {esc(relation)} ({esc(report.relation)}).</p>\n"
        f'<details><summary>Evidence</summary><ul class="flat">{evidence}</ul></details>'
    )


def diff_body(report: DiffReport, *, back: str | None = None) -> str:
    """The page's content: header, findings, the rows side by side; `back` links to the page
    this one was opened from (a cluster overview)."""
    left = report.left.metadata["title"] or report.left.metadata["id"] or "left"
    right = report.right.metadata["title"] or report.right.metadata["id"] or "right"
    nav = f'<p class="noprint"><a href="{esc(back)}">← back to the clusters</a></p>' if back else ""
    legend = (
        '<p class="hint">Marks: = same · ~ changed · ↕ moved (out of order) · &lt; only in left'
        ' · &gt; only in right. <span class="chg">Dotted and shaded</span>: words the other '
        'side lacks. <mark class="conflict">≠ boxed</mark>: a conflicting fact. '
        '<span class="solo">Bold</span>: a fact only one side states.</p>'
    )
    return (
        f"{nav}<h1>{esc(left)} ↔ {esc(right)}</h1>\n{_header(report)}\n{_findings(report)}\n"
        f"<h2>Side by side</h2>\n{legend}\n{_rows(report)}"
    )


def render_diff_html(report: DiffReport, *, back: str | None = None) -> str:
    """The diff report as one self-contained HTML page."""
    left = report.left.metadata["id"] or "left"
    right = report.right.metadata["id"] or "right"
    return page(f"dedup diff: {left} ↔ {right}", diff_body(report, back=back))
