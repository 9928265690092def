"""The README and docs/ cannot drift from the command line: docs/cli.md is today's --help,
every `dedup` command and option they name exists, and every relative link lands."""

from __future__ import annotations

import difflib
import re
import textwrap
from pathlib import Path
from urllib.parse import unquote

import pytest

from scripts.build_docs import CLI_PAGE, cli_reference, command_paths, help_text
from tests.markdown import code, fences, link_targets, report_name, runs_in_order

from .conftest import ROOT

README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").glob("*.md"))]
OPTION = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")
# Where a shell line ends and another program's arguments begin.
SEPARATOR = re.compile(r" \| |;|&&|\|\|")
# Options the pages give to other programs than dedup, each with the program it belongs to.
OTHER_PROGRAMS = {
    "--build-only": "benchmarks.bench_check",
    "--concatenate": "evaluation.alignment",
    "--dedup": "../shared/tools/ecb_alignment.py",
    "--diff-filter": "git diff",
    "--errors": "evaluation.alignment",
    "--memory-limit": "dask worker",
    "--name-only": "git diff",
    "--no-local": "benchmarks.bench_dask",
    "--nthreads": "dask worker",
    "--part-mib": "benchmarks.bench_dask",
    "--remote-debugging-pipe": "chromium",
    "--repeats": "benchmarks.bench_check",
    "--show": "evaluation.discrepancies",
    "--size": "benchmarks.bench_check, bench_dask, bench_html",
}

HelpOptions = dict[tuple[str, ...], set[str]]


@pytest.fixture(scope="module")
def help_options() -> HelpOptions:
    """The options each command's --help lists, by command path (() is `dedup` itself)."""
    return {path: set(OPTION.findall(help_text(path))) for path in command_paths()}


def _commands_named(unit: str, commands: set[tuple[str, ...]]) -> list[tuple[str, list[str]]]:
    """Each `dedup ...` in a line of code: (the command as written, the options given to it)."""
    named = []
    for part in SEPARATOR.split(unit):
        words = [word.strip("`'\"()[],.") for word in part.split()]
        for start, word in enumerate(words):
            if word != "dedup":
                continue
            path: tuple[str, ...] = ()
            for following in words[start + 1 :]:
                if (
                    not re.fullmatch(r"[a-z][a-z-]*", following)
                    or (*path, following) not in commands
                ):
                    if not path and re.fullmatch(r"[a-z][a-z-]*", following):
                        path = (following,)  # an unknown command: reported, not skipped
                    break
                path = (*path, following)
            end = next((i for i in range(start + 1, len(words)) if words[i] == "dedup"), len(words))
            named.append((" ".join(path), OPTION.findall(" ".join(words[start:end]))))
    return named


def test_cli_page_is_current() -> None:
    """docs/cli.md is what scripts/build_docs.py writes from today's --help of every command."""
    expected = cli_reference()
    actual = CLI_PAGE.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            actual.splitlines(), expected.splitlines(), "docs/cli.md", "--help now", lineterm=""
        )
        pytest.fail("docs/cli.md is stale: run make docs\n" + "\n".join(list(diff)[:40]))


def test_cli_page_covers_every_command() -> None:
    """docs/cli.md has a section for `dedup` and for every command and subcommand."""
    page = CLI_PAGE.read_text(encoding="utf-8")
    titles = re.findall(r"^## (dedup.*)$", page, flags=re.MULTILINE)
    assert titles == [" ".join(("dedup", *path)) for path in command_paths()]
    assert ("index", "add") in command_paths()


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_named_commands_and_options_exist(page: Path, help_options: HelpOptions) -> None:
    """Every `dedup COMMAND` in the page's code exists, and so does every option given to it."""
    commands = set(help_options)
    everywhere = set().union(*help_options.values())
    wrong = []
    for unit in code(page.read_text(encoding="utf-8")):
        given: set[str] = set()
        for command, options in _commands_named(unit, commands):
            path = tuple(command.split())
            given.update(options)
            if path not in commands:
                wrong.append(f"`dedup {command}` is not a command (in: {unit.strip()})")
                continue
            wrong.extend(
                f"`dedup {command}` has no {option} (in: {unit.strip()})"
                for option in options
                if option not in help_options[path]
            )
        wrong.extend(
            f"no command has {option} (in: {unit.strip()})"
            for option in set(OPTION.findall(unit)) - given
            if option not in everywhere and option not in OTHER_PROGRAMS
        )
    assert not wrong, f"{page.relative_to(ROOT)}:\n" + "\n".join(wrong)


def test_commands_found_in_code() -> None:
    """The check above reads commands, subcommands and their options out of lines of code."""
    commands = set(command_paths())
    assert _commands_named("$ dedup index add corpus/ --index x.dedup --quiet | cat", commands) == [
        ("index add", ["--index", "--quiet"])
    ]
    assert _commands_named("dedup cluster a; dedup -V", commands) == [("cluster", []), ("", [])]
    assert _commands_named("`dedup frobnicate --x`", commands) == [("frobnicate", ["--x"])]
    assert _commands_named("pip install 'dedup[dask]' --upgrade", commands) == []


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_relative_links_land(page: Path) -> None:
    """Every relative link and image of the page points to a file or folder that exists."""
    text = page.read_text(encoding="utf-8")
    targets = [t for t in link_targets(text) if not re.match(r"[a-z]+:|#", t)]
    missing = [t for t in targets if not (page.parent / unquote(t.split("#")[0])).exists()]
    assert not missing, f"{page.relative_to(ROOT)} links to missing files: {missing}"


def test_readme_links_every_docs_page() -> None:
    """The README links each page of docs/, so none is left where nobody finds it."""
    linked = {Path(t.split("#")[0]) for t in link_targets(README.read_text(encoding="utf-8"))}
    pages = {page.relative_to(ROOT) for page in PAGES[1:]}
    assert not pages - linked, f"README.md does not link {sorted(map(str, pages - linked))}"


def _report_blocks() -> list[tuple[Path, str, list[str]]]:
    """(page, report, lines shown) for each block of the pages marked `<!-- from reports/X -->`."""
    blocks = []
    for page in PAGES:
        for fence in fences(page.read_text(encoding="utf-8")):
            name = report_name(fence)
            if name is not None:
                blocks.append((page, name, textwrap.dedent("\n".join(fence.lines)).splitlines()))
    return blocks


def test_shown_output_is_the_reports() -> None:
    """Each block of the README and docs/ marked `<!-- from reports/X -->` is lines of
    reports/X, in order."""
    blocks = _report_blocks()
    assert len([page for page, _, _ in blocks if page != README]) >= 1
    assert len([page for page, _, _ in blocks if page == README]) >= 2
    for page, name, shown in blocks:
        report = [line.rstrip() for line in (ROOT / name).read_text(encoding="utf-8").splitlines()]
        assert runs_in_order(shown, report), (
            f"{page.relative_to(ROOT)}: block from {name} is not in it"
        )


def test_runs_in_order_tells_gaps_from_changes() -> None:
    """`…` skips lines of the report; a changed or reordered line does not pass."""
    report = ["a", "b", "c", "d"]
    assert runs_in_order(["a", "…", "c", "d"], report)
    assert not runs_in_order(["a", "c"], report)
    assert not runs_in_order(["c", "…", "a"], report)
