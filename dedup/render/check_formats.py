"""`dedup check` reports as GitHub workflow commands, JUnit XML, markdown and JSON."""

from __future__ import annotations

import json
import re

from dedup.check_report import CHECK_SCHEMA_VERSION, CheckReport, Finding, Match
from dedup.render.escape import (
    github_data,
    github_property,
    json_text,
    markdown_code,
    markdown_text,
    xml_text,
)

_RECORD = re.compile(r" line (\d+)$")


def _describe(match: Match) -> str:
    where = "indexed" if match.in_index else "new"
    text = f"{match.relation} of {where} document {match.id} (score {match.score:.2f})"
    if match.discrepancies:
        text += "; differs: " + "; ".join(match.discrepancies)
    return text


def _location(location: str | None) -> str:
    """`file=…,` or, for a jsonl/csv record ("x.jsonl line 4"), `file=…,line=…,`.

    Only from where the document was read (`Finding.location`), never from its `source` field,
    which a record sets freely (it could point an annotation at `.github/workflows/`).
    """
    if not location:
        return ""
    record = _RECORD.search(location)
    if record is None:
        return f"file={github_property(location)},"
    return f"file={github_property(location[: record.start()])},line={record.group(1)},"


def render_github(report: CheckReport) -> str:
    """One `::error` (at or above --fail-on) or `::warning` (below) per finding."""
    lines: list[str] = []
    for finding in report.findings:
        best = finding.best
        if best is None or finding.status == "pass":
            continue
        command = "error" if finding.status == "fail" else "warning"
        file_part = _location(finding.location)
        title = github_property(f"dedup: {best.relation}")
        message = github_data(f"{finding.id} is a {_describe(best)}")
        lines.append(f"::{command} {file_part}title={title}::{message}")
    counts = report.counts()
    lines.append(
        f"dedup check: {counts['fail']} failed, {counts['warn']} warned, {counts['pass']} passed"
        f" (fail on {report.fail_on})"
    )
    return "\n".join(lines) + "\n"


def render_junit(report: CheckReport) -> str:
    """JUnit XML: one test case per new document, failed when it reaches --fail-on."""
    # Imported here: the XML parser costs ~15 ms that the other formats need not pay.
    from xml.etree import ElementTree as ET

    counts = report.counts()
    suite = ET.Element(
        "testsuite",
        {
            "name": "dedup check",
            "tests": str(len(report.findings)),
            "failures": str(counts["fail"]),
            "errors": "0",
            "skipped": "0",
        },
    )
    for finding in report.findings:
        name = xml_text(finding.id)
        case = ET.SubElement(suite, "testcase", {"classname": "dedup.check", "name": name})
        if finding.location:
            case.set("file", xml_text(finding.location))
        best = finding.best
        if finding.status == "fail" and best is not None:
            failure = ET.SubElement(
                case, "failure", {"type": best.relation, "message": xml_text(_describe(best))}
            )
            failure.text = xml_text("\n".join(_describe(match) for match in finding.matches))
        elif finding.status == "warn" and best is not None:
            out = ET.SubElement(case, "system-out")
            out.text = xml_text("\n".join(_describe(match) for match in finding.matches))
        elif finding.state == "indexed":
            out = ET.SubElement(case, "system-out")
            out.text = "already in the index with the same content: not compared"
    suites = ET.Element("testsuites")
    suites.append(suite)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suites, "unicode") + "\n"


def render_markdown(report: CheckReport) -> str:
    """A summary fit for a pull-request comment."""
    counts = report.counts()
    verdict = "❌ failed" if report.failed else "✅ passed"
    lines = [
        f"### dedup check {verdict}",
        "",
        f"{len(report.findings)} new document(s) checked against {markdown_code(report.index)}"
        f" (fail on **{report.fail_on}**): {counts['fail']} failed, {counts['warn']} warned,"
        f" {counts['pass']} passed.",
    ]
    flagged = [finding for finding in report.findings if finding.status != "pass"]
    if flagged:
        lines += [
            "",
            "| status | new document | matches | relation | score | differences |",
            "|---|---|---|---|---|---|",
        ]
        for finding in flagged:
            for match in finding.matches:
                lines.append(
                    f"| {finding.status} | {markdown_code(finding.id, in_table=True)}"
                    f" | {markdown_code(match.id, in_table=True)}"
                    f"{'' if match.in_index else ' (new)'} | {match.relation} |"
                    f" {match.score:.2f} | {markdown_text('; '.join(match.discrepancies)) or '—'} |"
                )
    return "\n".join(lines) + "\n"


def _finding_json(finding: Finding) -> dict[str, object]:
    return {
        "id": finding.id,
        "source": finding.source,
        "status": finding.status,
        "state": finding.state,
        "matches": [
            {
                "id": match.id,
                "in_index": match.in_index,
                "relation": match.relation,
                "score": round(match.score, 4),
                "discrepancies": list(match.discrepancies),
            }
            for match in finding.matches
        ],
    }


def render_json(report: CheckReport) -> str:
    """The whole report, stable and sorted, with a schema version."""
    document = check_as_dict(report)
    return json_text(json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)) + "\n"


def check_as_dict(report: CheckReport) -> dict[str, object]:
    """The report as JSON-ready data (the `--format json` document)."""
    return {
        "schema_version": CHECK_SCHEMA_VERSION,
        "index": report.index,
        "fail_on": report.fail_on,
        "failed": report.failed,
        "counts": report.counts(),
        "findings": [_finding_json(finding) for finding in report.findings],
    }
