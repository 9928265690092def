"""The console examples of docs/ run and print what they show, unless a marker above one says
it is taken from a report (checked in tests/test_docs.py) or illustrative, and why."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.console import Step, run, run_in_one_shell, steps, workspace
from tests.markdown import Fence, fences, illustrative_reason, report_name, setup_command, shows

from .conftest import ROOT

PAGES = sorted((ROOT / "docs").glob("*.md"))
MARKER = re.compile(r"^<!--.*-->$")
# Programs some examples pipe into that the project does not install (.ci/run does, with apt).
OTHER_PROGRAMS = ("jq",)


def _console_blocks(page: Path) -> list[Fence]:
    return [f for f in fences(page.read_text(encoding="utf-8")) if f.info == "console"]


def _runnable(page: Path) -> list[Fence]:
    """The page's console blocks that the tests run: neither from a report nor illustrative."""
    return [
        fence
        for fence in _console_blocks(page)
        if report_name(fence) is None and illustrative_reason(fence) is None
    ]


def _missing_program(block: list[Step]) -> str | None:
    """A program a block pipes into that is not installed here, if any."""
    for step in block:
        for program in OTHER_PROGRAMS:
            if re.search(rf"\|\s*{program}\b", step.command) and shutil.which(program) is None:
                return program
    return None


@pytest.mark.parametrize(
    "page", [page for page in PAGES if _runnable(page)], ids=lambda page: page.name
)
def test_console_examples_print_what_they_show(page: Path, tmp_path: Path) -> None:
    """The page's console blocks, run in order in one folder at 80 columns (a block's commands
    in one shell, after those of its `<!-- setup: ... -->`), print what they show: stdout and
    stderr together, trailing spaces aside, a `…` line standing for lines left out."""
    folder = workspace(tmp_path)
    not_run = []
    for fence in _runnable(page):
        block = steps(fence)
        if (program := _missing_program(block)) is not None:
            not_run.append(f"`{block[0].command}` ({program} is not installed)")
            continue
        setup = setup_command(fence)
        if setup is not None:
            prepared = run(f"set -e; {setup}", folder)
            assert prepared.returncode == 0, f"{page.name}: setup `{setup}`:\n{prepared.stdout}"
        for step, printed in zip(block, run_in_one_shell(block, folder), strict=True):
            assert shows(list(step.shown), printed), (
                f"{page.name}: `{step.command}` printed:\n" + "\n".join(printed)
            )
    if not_run:
        pytest.skip(f"{page.name}: the rest passed; not run: {'; '.join(not_run)}")


def test_markers_are_known() -> None:
    """A comment right above a block of the README or docs/ is a marker the tests read, so a
    misspelt one cannot leave a block unchecked."""
    unknown = [
        f"{page.name}: {fence.above}"
        for page in [ROOT / "README.md", *PAGES]
        for fence in fences(page.read_text(encoding="utf-8"))
        if MARKER.match(fence.above)
        and report_name(fence) is None
        and illustrative_reason(fence) is None
        and setup_command(fence) is None
    ]
    assert not unknown, "unknown markers:\n" + "\n".join(unknown)


@pytest.mark.parametrize(
    ("shown", "printed", "expected"),
    [
        (["a", "b"], ["a", "b  "], True),
        (["a"], ["a", "b"], False),
        (["a", "…", "d"], ["a", "b", "c", "d"], True),
        (["a", "…"], ["a", "b"], True),
        (["…", "b"], ["a", "b"], True),
        (["a", "  …   (the rest)", "c"], ["a", "b", "c"], True),
        (["a", "…", "b"], ["a", "b"], False),
        (["a", "…", "c"], ["a", "b", "x"], False),
        (["b", "…"], ["a", "b", "c"], False),
        (["a", "…", "c", "…"], ["a", "b", "c", "d"], True),
        (["a", "… and 2 more"], ["a", "… and 2 more"], True),
    ],
)
def test_shows_reads_gaps(shown: list[str], printed: list[str], expected: bool) -> None:
    """A `…` line (perhaps with a note in brackets) stands for one or more lines left out;
    the lines around it must be the first, the last and the ones between, in order."""
    assert shows(shown, printed) is expected
