"""Terminal rendering: fixed-width golden files, narrow layout, NO_COLOR."""

from __future__ import annotations

import io
import os
from contextlib import chdir
from pathlib import Path
from unittest import mock

import pytest
from rich.console import Console

from dedup.article import Article
from dedup.clean import clean_article
from dedup.diff import DiffReport, build_diff
from dedup.factcheck import extract_facts
from dedup.read import read_paths
from dedup.render.terminal import print_diff, render_diff_text, render_facts_text
from tests.conftest import ROOT, SEED_LEFT, SEED_RIGHT
from tests.golden import check_golden


def _read(*paths: Path) -> list[Article]:
    """Read seeds by paths relative to the repository, so `source` is the same everywhere."""
    with chdir(ROOT):
        return list(read_paths([path.relative_to(ROOT) for path in paths]))


@pytest.fixture(scope="module")
def report() -> DiffReport:
    """The seed pair's diff report."""
    left, right = (clean_article(a) for a in _read(SEED_LEFT, SEED_RIGHT))
    return build_diff(left, right)


@pytest.mark.parametrize("width", [80, 120, 60])
def test_diff_golden(report: DiffReport, width: int) -> None:
    """The seed diff at a fixed width, without colour, matches its golden file."""
    check_golden(f"seed_diff_{width}.txt", render_diff_text(report, width=width))


def test_lines_fit_the_width(report: DiffReport) -> None:
    """No line is wider than the console at 80 or at 60 columns."""
    for width in (80, 60):
        assert (
            max(len(line) for line in render_diff_text(report, width=width).splitlines()) <= width
        )


def test_narrow_console_stacks_columns(report: DiffReport) -> None:
    """Below 80 columns each row is stacked: its op line, then the left, then the right."""
    narrow = render_diff_text(report, width=60)
    assert "~ changed" in narrow and "  L7 Azerbaijan's defence ministry" in narrow


def test_no_color_is_honoured(report: DiffReport) -> None:
    """With NO_COLOR set, a terminal console emits no colour codes (bold may remain)."""
    with mock.patch.dict(os.environ, {"NO_COLOR": "1"}):
        console = Console(file=io.StringIO(), width=100, force_terminal=True)
        print_diff(report, console)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[1m" in output  # still styled
    assert "\x1b[3" not in output and "\x1b[4" not in output and "\x1b[9" not in output


def test_colour_highlights_conflicts() -> None:
    """With colour, conflicting facts get the strong highlight (white on red)."""
    report = build_diff(
        Article(id="a", text="Police interviewed 22-year-old Dale Corbin on Wednesday."),
        Article(id="b", text="A suspect, 21-year-old Dale Corbin, is being held."),
    )
    console = Console(file=io.StringIO(), width=100, force_terminal=True, color_system="standard")
    print_diff(report, console)
    assert "\x1b[1;37;41m" in console.file.getvalue()  # type: ignore[attr-defined]


def test_facts_golden() -> None:
    """The facts view of the right seed matches its golden file."""
    (article,) = (clean_article(a) for a in _read(SEED_RIGHT))
    check_golden("seed_facts_80.txt", render_facts_text([extract_facts(article)], width=80))
