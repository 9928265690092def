"""Check reports as GitHub workflow commands, JUnit XML, markdown and JSON."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

from dedup.check_report import CheckReport, Finding, Match, status_for
from dedup.render.check_formats import render_github, render_json, render_junit, render_markdown

COPY = Match(
    id="wire/a.txt", relation="near-duplicate", score=0.91, discrepancies=("killed: 6 vs 1",)
)
EVENT = Match(id="local/b.txt", relation="same-event", score=0.42)


def _finding(name: str, matches: tuple[Match, ...], status: str) -> Finding:
    """A finding for a new file `name`, read from that file."""
    return Finding(id=name, source=name, matches=matches, status=status, location=name)


REPORT = CheckReport(
    index="corpus.dedup",
    fail_on="near-duplicate",
    findings=(
        _finding("new/copy.txt", (COPY,), "fail"),
        _finding("new/event.txt", (EVENT,), "warn"),
        _finding("new/other,1.txt", (), "pass"),
    ),
)


def test_status_follows_fail_on() -> None:
    """A match at or above --fail-on fails, a weaker one warns, none passes."""
    assert status_for((COPY,), fail_on="near-duplicate") == "fail"
    assert status_for((EVENT,), fail_on="near-duplicate") == "warn"
    assert status_for((EVENT,), fail_on="same-event") == "fail"
    assert status_for((), fail_on="same-event") == "pass"


def test_github_lines_are_workflow_commands() -> None:
    """One ::error per failing finding, ::warning below fail-on, then a summary line."""
    lines = render_github(REPORT).splitlines()
    assert lines[0] == (
        "::error file=new/copy.txt,title=dedup%3A near-duplicate::new/copy.txt is a near-duplicate"
        " of indexed document wire/a.txt (score 0.91); differs: killed: 6 vs 1"
    )
    assert lines[1].startswith("::warning file=new/event.txt,title=dedup%3A same-event::")
    assert lines[2] == "dedup check: 1 failed, 1 warned, 1 passed (fail on near-duplicate)"


def test_junit_parses_with_one_case_per_document() -> None:
    """JUnit XML parses; each new document is a test case; failures carry the match."""
    root = ET.fromstring(render_junit(REPORT))
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("3", "1")
    cases = suite.findall("testcase")
    assert [case.get("name") for case in cases] == [
        "new/copy.txt",
        "new/event.txt",
        "new/other,1.txt",
    ]
    failure = cases[0].find("failure")
    assert failure is not None and failure.get("type") == "near-duplicate"
    assert cases[2].find("failure") is None


def test_markdown_summarises_for_a_pull_request() -> None:
    """The markdown names the verdict, the counts and each flagged match."""
    text = render_markdown(REPORT)
    assert text.startswith("### dedup check ❌ failed")
    assert (
        "| fail | `new/copy.txt` | `wire/a.txt` | near-duplicate | 0.91 | killed: 6 vs 1 |" in text
    )
    assert "new/other,1.txt" not in text


def test_json_is_stable_with_schema_version() -> None:
    """JSON carries schema_version, failed, counts and every finding."""
    document = json.loads(render_json(REPORT))
    assert document["schema_version"] == 1
    assert document["failed"] is True
    assert document["counts"] == {"fail": 1, "warn": 1, "pass": 1}
    assert [f["status"] for f in document["findings"]] == ["fail", "warn", "pass"]
    assert render_json(REPORT) == render_json(REPORT)
