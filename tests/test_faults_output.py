"""Fault matrix, output: hostile text in every field (id, title, text, url, source, date, file
name) comes out of every renderer as data: no terminal control, no live Markdown or HTML, XML
that parses, GitHub annotations only on real files; JSON keeps it exactly."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests.conftest import SEED_LEFT, SEED_RIGHT, SEEDS, CliRunner

# Sets the window title, clears the screen, makes a hyperlink, rings the bell, flips the text
# direction; a code span breaker, a live link, raw HTML, emphasis and a table pipe.
HOSTILE = (
    "\x1b]0;pwned\x07\x1b[2J\x1b]8;;http://evil.example\x1b\\here\x1b]8;;\x1b\\ \u202eevil"
    " `x` [click](http://evil.example) <img src=x onerror=alert(1)> <script>alert(1)</script>"
    " **loud** | pipe \x0b\x9b31m"
)
# The raw forms none of which may reach a terminal or a Markdown reader.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]")
MARKUP = ("<img", "<script", "[click](", "**loud**")
SOURCE = "../.github/workflows/ci.yml"
FILE_NAME = "new`\x1b[31mred.txt"


def _record(doc_id: str, text: str) -> str:
    fields = ("title", "url", "published")
    record = {"id": doc_id, "text": text, "source": SOURCE, **dict.fromkeys(fields, HOSTILE)}
    return json.dumps(record)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """Two new documents copying the seeds, hostile in every field, beside a seed index."""
    new = tmp_path / "new"
    new.mkdir()
    left = SEED_LEFT.read_text() + f"\n\nThey said: {HOSTILE}.\n"
    (new / "a.jsonl").write_text(_record(HOSTILE, left) + "\n")
    (new / FILE_NAME).write_text(SEED_RIGHT.read_text() + f"\n\nA witness said {HOSTILE}.\n")
    return tmp_path


def _assert_no_control(text: str) -> None:
    assert not CONTROLS.search(text), CONTROLS.findall(text)[:5]


# A Markdown code span: a run of backticks, its text, the same run (shown verbatim, not markup).
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")


def _assert_no_markup(text: str) -> None:
    _assert_no_control(text)
    prose = CODE_SPAN.sub("", re.sub(r"\\.", "", text))  # escaped characters, then code
    for raw in MARKUP:
        assert raw not in prose, raw


def _diff(run_cli: CliRunner, hostile: Path, *options: str) -> str:
    result = run_cli("diff", hostile / "new" / "a.jsonl", hostile / "new" / FILE_NAME, *options)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("width", ["60", "120"])
def test_diff_terminal(
    run_cli: CliRunner, hostile: Path, width: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The diff view, stacked and side by side, shows no control character from the text."""
    monkeypatch.setenv("COLUMNS", width)
    out = _diff(run_cli, hostile)
    _assert_no_control(out)
    assert "␛]0;pwned␇" in out


def test_diff_markdown(run_cli: CliRunner, hostile: Path) -> None:
    """The Markdown diff holds no live link, image, HTML or control character."""
    out = _diff(run_cli, hostile, "--format", "markdown")
    _assert_no_markup(out)
    assert "\\<img src=x onerror=alert(1)\\>" in out


def test_diff_json_keeps_the_text_exactly(run_cli: CliRunner, hostile: Path) -> None:
    """JSON is data: the hostile title comes back character for character, every control
    written as an escape."""
    out = _diff(run_cli, hostile, "--format", "json")
    _assert_no_control(out)
    document = json.loads(out)
    assert (document["left"]["title"], document["left"]["id"]) == (HOSTILE, HOSTILE)


@pytest.mark.parametrize("output", ["terminal", "markdown", "json", "jsonl"])
def test_facts(run_cli: CliRunner, hostile: Path, output: str) -> None:
    """Facts of hostile documents in every format: no control character, no live markup."""
    result = run_cli("facts", hostile / "new", "--format", output)
    assert result.exit_code == 0, result.stderr
    _assert_no_markup(result.stdout) if output == "markdown" else _assert_no_control(result.stdout)


@pytest.fixture
def checked(run_cli: CliRunner, hostile: Path) -> Path:
    """`hostile`, with an index of the two seeds for the new documents to be checked against."""
    index = hostile / "seeds.dedup"
    assert run_cli("index", "add", SEEDS, "--index", index).exit_code == 0
    return index


def _check(run_cli: CliRunner, hostile: Path, index: Path, output: str) -> str:
    result = run_cli("check", hostile / "new", "--index", index, "--format", output)
    assert result.exit_code == 1, result.stderr  # both copy a seed
    return result.stdout


def test_check_terminal(run_cli: CliRunner, hostile: Path, checked: Path) -> None:
    """The check's terminal view shows ids and file names with their controls made visible."""
    out = _check(run_cli, hostile, checked, "terminal")
    _assert_no_control(out)
    assert "new`␛[31mred.txt" in out


def test_check_markdown(run_cli: CliRunner, hostile: Path, checked: Path) -> None:
    """The job summary: a backtick in a file name cannot end its code span, titles stay text."""
    out = _check(run_cli, hostile, checked, "markdown")
    _assert_no_markup(out)
    assert "| ``new`␛[31mred.txt`` |" in out


def test_check_junit_parses(run_cli: CliRunner, hostile: Path, checked: Path) -> None:
    """JUnit XML with a vertical tab and ESC in ids parses; names keep them visible."""
    out = _check(run_cli, hostile, checked, "junit")
    cases = ET.fromstring(out).findall("testsuite/testcase")
    assert sorted(case.get("file") for case in cases) == sorted(
        [f"{hostile}/new/a.jsonl line 1", f"{hostile}/new/new`␛[31mred.txt"]
    )
    assert any("␋" in (case.get("name") or "") for case in cases)


def test_check_github_annotates_only_real_files(
    run_cli: CliRunner, hostile: Path, checked: Path
) -> None:
    """GitHub annotations point at the files read (never a record's `source` field) and carry
    no raw control character."""
    out = _check(run_cli, hostile, checked, "github")
    _assert_no_control(out)
    files = re.findall(r"^::\w+ file=([^,]*),", out, flags=re.MULTILINE)
    assert sorted(files) == sorted(
        [f"{hostile}/new/a.jsonl".replace(":", "%3A"), f"{hostile}/new/new`␛[31mred.txt"]
    )
    assert ".github" not in out
    assert all(
        line.startswith(("::error ", "::warning ", "dedup check:")) for line in out.splitlines()
    )


def test_check_json_keeps_the_ids_exactly(run_cli: CliRunner, hostile: Path, checked: Path) -> None:
    """JSON findings keep the hostile id and the record's own source as data."""
    document = json.loads(_check(run_cli, hostile, checked, "json"))
    by_id = {finding["id"]: finding for finding in document["findings"]}
    assert by_id[HOSTILE]["source"] == SOURCE
    assert FILE_NAME in by_id


def test_cluster_terminal_and_warnings(run_cli: CliRunner, hostile: Path) -> None:
    """The cluster summary and the warnings on stderr show controls from ids and file names."""
    (hostile / "new" / "\x1b[2Jempty.txt").write_text("")
    result = run_cli("cluster", hostile / "new", SEEDS, "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    _assert_no_control(result.stdout)
    _assert_no_control(result.stderr)
    assert "␛[2Jempty.txt: empty document" in result.stderr
    assert "new`␛[31mred.txt" in result.stdout
