"""The cluster overview as HTML (`dedup cluster --format html`): one index page, and one diff
page per member of each detailed cluster against its representative.

The index lists every cluster of two documents or more, largest first, each a folding section
named by its representative: size, date span, outlets, the cross-source fact table (each
source linked to its passage in a diff page), then the members, copies apart from independent
reports, each linked to its diff. A search box (JavaScript) filters the sections; without
JavaScript every section is still there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dedup.factcheck.table import Cell, FactTable, Mention
from dedup.overview import ClusterView, MemberView
from dedup.render.html_diff import render_diff_html
from dedup.render.html_page import esc, page
from dedup.render.wording import plural

MARKS = {"representative": "★", "duplicate": "=", "near-duplicate": "≈", "same-event": "~"}
RELATION_WORDS = {
    "representative": "representative",
    "duplicate": "same text",
    "near-duplicate": "copy with edits",
    "same-event": "separately written",
}
# The index opens this many sections; the others unfold on a click (or for printing).
OPEN_SECTIONS = 1
QUOTED = 2


class _Links:
    """Where a cluster's diff pages are, and which of their rows shows a document's sentence."""

    def __init__(self, view: ClusterView, files: str | None) -> None:
        self.view = view
        self.number = {m.id: n for n, m in enumerate(view.members)}
        self.pages: dict[str, str] = {}
        self.rows: dict[tuple[str, int], tuple[str, int]] = {}
        if files is None:
            return
        for member in view.members:
            diff = view.diffs.get(member.id)
            if diff is None:
                continue
            target = f"{files}/{view.id}-{self.number[member.id]}.html"
            self.pages[member.id] = target
            for row_number, row in enumerate(diff.alignment.rows):
                for j in row.right:
                    self.rows[(member.id, j)] = (target, row_number)
                for i in row.left:
                    self.rows.setdefault((view.representative.id, i), (target, row_number))

    def passage(self, mention: Mention) -> str | None:
        if mention.sentence is None:
            return self.pages.get(mention.document)
        found = self.rows.get((mention.document, mention.sentence))
        return f"{found[0]}#row-{found[1]}" if found else None


def _source(mention: Mention, links: _Links) -> str:
    label = f"#{links.number.get(mention.document, '?')}"
    where = f"sentence {mention.sentence}" if mention.sentence is not None else "the document"
    title = esc(f"{mention.document}, {where}: “{mention.stated}”")
    href = links.passage(mention)
    if href is None:
        return f'<span title="{title}">{label}</span>'
    return f'<a href="{esc(href)}" title="{title}">{label}</a>'


def _cell(cell: Cell, links: _Links) -> str:
    value = esc(cell.value)
    if cell.conflict:
        value = f'<mark class="conflict">≠ {value}</mark>'
    elif not cell.figure:
        value = f"<em>{value}</em>"
    else:
        value = f"<strong>{value}</strong>"
    first = {m.document: m for m in reversed(cell.mentions)}  # each document's first mention
    sources = " ".join(_source(first[doc], links) for doc in cell.documents)
    wordings = list(dict.fromkeys(m.stated for m in cell.mentions))[:QUOTED]
    quoted = "; ".join(f"“{esc(w)}”" for w in wordings if w != cell.value)
    tags = ' <span class="tag bad">conflict</span>' if cell.conflict else ""
    if cell.evolving:
        tags += ' <span class="tag">evolving?</span>'
    hint = f' <span class="hint">{quoted}</span>' if quoted else ""
    count = plural(len(cell.documents), "source")
    return f'<span class="cell">{value} — {count} {sources}{tags}{hint}</span>'


def _table(table: FactTable, links: _Links) -> str:
    if not table.rows:
        return "<p>No figures, dates or places to compare.</p>"
    rows = "".join(
        f'<tr><th scope="row">{esc(row.slot)}</th>'
        f'<td class="values">{"".join(_cell(c, links) for c in row.cells)}</td></tr>'
        for row in table.rows
    )
    caption = (
        f"Facts across {plural(table.documents, 'document')}: each value with the sources "
        "stating it (#n: the member below; a link opens its passage)"
    )
    return f'<table class="facts"><caption class="hint">{caption}</caption>{rows}</table>'


def _member_row(member: MemberView, links: _Links) -> str:
    number = links.number[member.id]
    page_link = links.pages.get(member.id)
    diff = links.view.diffs.get(member.id)
    cells = ""
    if page_link and diff is not None:
        conflicts = sum(d.category == "conflict" for d in diff.discrepancies)
        one_sided = sum(d.category == "omission" for d in diff.discrepancies)
        found = f"{plural(conflicts, 'conflict')}, {one_sided} one-sided"
        cells = f'<a href="{esc(page_link)}">diff vs ★</a> <span class="hint">{found}</span>'
    return (
        f'<tr><td>#{number}</td><td class="mark" title="{RELATION_WORDS.get(member.relation)}">'
        f"{MARKS.get(member.relation, '')}</td>"
        f'<td>{esc(member.name)}<br><span class="ref">{esc(member.id)}</span></td>'
        f'<td class="date">{esc(member.published or "—")}<br>{esc(member.outlet or "")}</td>'
        f"<td>{RELATION_WORDS.get(member.relation, esc(member.relation))} "
        f'<span class="hint">{member.score:.2f}</span></td><td>{cells}</td></tr>'
    )


def _members(view: ClusterView, links: _Links) -> str:
    head = (
        '<tr><th scope="col">#</th><th scope="col"><span class="skip">mark</span></th>'
        '<th scope="col">document</th><th scope="col">published</th>'
        '<th scope="col">relation to ★</th><th scope="col">diff</th></tr>'
    )
    by_id = {m.id: m for m in view.members}
    parts = []
    for number, group in enumerate(view.copies, start=1):
        rows = "".join(_member_row(by_id[doc], links) for doc in group if doc in by_id)
        parts.append(
            f"<h3>Copies, group {number} ({plural(len(group), 'document')})</h3>"
            f'<table class="members">{head}{rows}</table>'
        )
    independent = view.independent
    rows = "".join(_member_row(m, links) for m in independent)
    parts.append(
        f"<h3>Independent reports ({len(independent)})</h3>"
        f'<table class="members">{head}{rows}</table>'
        if independent
        else ""
    )
    return "".join(parts)


def _summary_line(view: ClusterView) -> str:
    first, last = view.span
    span = (first if first == last else f"{first} → {last}") if first else "undated"
    outlets = plural(len(view.outlets), "outlet") if view.outlets else "outlets not given"
    conflicts = ""
    if view.table is not None and view.table.conflicts:
        conflicts = f' · <span class="tag bad">≠ {plural(view.table.conflicts, "conflict")}</span>'
    return f"{plural(view.size, 'document')} · {esc(span)} · {outlets}{conflicts}"


def _section(view: ClusterView, *, index: int, files: str | None, detail_hint: str) -> str:
    links = _Links(view, files)
    words = [view.name, view.id, *(m.id for m in view.members), *view.outlets]
    if view.table is not None:
        words += [row.slot for row in view.table.rows]
        words += [c.value for row in view.table.rows for c in row.cells]
    search = esc(" ".join(words).lower())
    table = _table(view.table, links) if view.table is not None else f"<p>{detail_hint}</p>"
    opened = " open" if index < OPEN_SECTIONS else ""
    outlets = f"<p>Outlets: {esc(', '.join(view.outlets))}</p>" if view.outlets else ""
    return (
        f'<section id="c-{esc(view.id)}" data-search="{search}"><details{opened}>'
        f'<summary>{esc(view.name)} <span class="hint">({_summary_line(view)})</span></summary>'
        f'<p class="ref">cluster {esc(view.id)}</p>{outlets}{table}{_members(view, links)}'
        "</details></section>"
    )


def render_clusters_html(
    views: Sequence[ClusterView],
    counts: Mapping[str, int],
    *,
    files: str | None = None,
    index_name: str = "index.html",
) -> dict[str, str]:
    """Relative path → page: the index under "" and, with `files` (a folder name beside the
    index), each detailed member's diff page at FILES/CLUSTER-N.html."""
    detailed = sum(view.table is not None for view in views)
    detail_hint = (
        f"Fact table and diffs are computed for the {plural(detailed, 'largest cluster')} only "
        "(--limit N, or --all for every cluster)."
    )
    heading = (
        f"<h1>Clusters of {plural(counts['documents'], 'document')}</h1>"
        f"<p>{counts['clusters']} clusters of 2 or more · {counts['singletons']} alone · "
        f"{counts['copies']} copies (duplicate or near-duplicate) · "
        f"{counts['independent_reports']} independent reports. Largest first; ★ marks each "
        "cluster's representative (its earliest or most central report).</p>"
        '<p><input id="search" type="search" hidden aria-label="Search the clusters" '
        'placeholder="Search names, documents, values"></p>'
    )
    sections = [
        _section(view, index=i, files=files, detail_hint=detail_hint)
        for i, view in enumerate(views)
    ]
    pages = {"": page("dedup clusters", heading + "\n" + "\n".join(sections))}
    if files is None:
        return pages
    for view in views:
        links = _Links(view, files)
        for member_id, target in links.pages.items():
            back = f"../{index_name}#c-{view.id}"
            pages[target] = render_diff_html(view.diffs[member_id], back=back)
    return pages
