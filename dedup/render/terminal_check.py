"""The terminal view of `dedup check` (rich): a verdict line, then each flagged new document."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from dedup.check_report import CheckReport, Finding
from dedup.render.escape import one_line
from dedup.render.wording import plural

STYLES = {"fail": "bold red", "warn": "yellow", "pass": "green"}
MARKS = {"fail": "✗", "warn": "!", "pass": "✓"}


def _matches_table(finding: Finding) -> Table:
    table = Table(box=box.SIMPLE, show_edge=False, pad_edge=False)
    table.add_column("matches", overflow="fold")
    table.add_column("relation", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("differences", overflow="fold")
    for match in finding.matches:
        where = "" if match.in_index else " (new)"
        table.add_row(
            Text(one_line(match.id) + where),
            match.relation,
            f"{match.score:.2f}",
            Text("\n".join(one_line(d) for d in match.discrepancies) or "—"),
        )
    return table


def print_check(report: CheckReport, console: Console) -> None:
    """Print the verdict and counts, then each failing or warning document with its matches."""
    counts = report.counts()
    indexed = sum(1 for finding in report.findings if finding.state == "indexed")
    verdict = Text(
        "FAILED" if report.failed else "passed", style=STYLES["fail" if report.failed else "pass"]
    )
    line = Text("dedup check ")
    line.append_text(verdict)
    line.append(
        f": {plural(len(report.findings), 'document')} against {one_line(report.index)}"
        f" (fail on {report.fail_on}):"
        f" {counts['fail']} failed, {counts['warn']} warned, {counts['pass']} passed"
    )
    if indexed:
        line.append(f" ({indexed} already in the index)")
    console.print(line)
    for finding in report.findings:
        if finding.status == "pass":
            continue
        console.print()
        head = Text(f"{MARKS[finding.status]} {finding.status} ", style=STYLES[finding.status])
        head.append(one_line(finding.id), style="bold")
        if finding.state == "changed":
            head.append("  (changed: replaces the indexed version)", style="dim")
        if finding.source and finding.source != finding.id:
            head.append(f"  {one_line(finding.source)}", style="dim")
        console.print(head)
        console.print(_matches_table(finding))
