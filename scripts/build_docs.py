"""Write docs/cli.md: `dedup --help` and the help of every command and subcommand.

Run by `make docs` (and so by `make demo`). The help is taken from the real command line, in
this process, at a fixed width without colour, so the page is the same bytes on any terminal;
tests/test_docs.py builds it again in memory and fails when the checked-in page differs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from typer.core import TyperGroup
from typer.testing import CliRunner

from dedup.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
CLI_PAGE = ROOT / "docs" / "cli.md"
# The help is wrapped to COLUMNS: the page is written at 80, whatever the terminal.
HELP_ENV = {"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"}

INTRO = """\
# Command-line reference

Every command takes `-h`/`--help` (`dedup -V` prints the version; `dedup --install-completion`
sets up shell completion of commands, options and `--format` values); reports go to stdout,
diagnostics and progress to stderr, and `--format json` output carries a `schema_version`.
Exit codes are listed in `dedup --help` and explained in [errors.md](errors.md).

This page is written by `scripts/build_docs.py` (`make docs`, which `make demo` runs) from the
command line itself, at 80 columns without colour; `tests/test_docs.py` fails when it is stale.
"""


def command_paths(
    group: TyperGroup | None = None, prefix: tuple[str, ...] = ()
) -> list[tuple[str, ...]]:
    """Every command path under `dedup`, in the order `--help` lists them: (), ("read",), …"""
    group = group or typer.main.get_group(app)
    paths = [prefix]
    context = typer.Context(group, info_name="dedup")
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if isinstance(command, TyperGroup):
            paths.extend(command_paths(command, (*prefix, name)))
        elif command is not None:
            paths.append((*prefix, name))
    return paths


def help_text(path: tuple[str, ...]) -> str:
    """What `dedup PATH... --help` prints at 80 columns, without colour."""
    result = CliRunner().invoke(app, [*path, "--help"], prog_name="dedup", env=HELP_ENV)
    if result.exit_code != 0:
        command = " ".join(("dedup", *path))
        raise RuntimeError(f"{command} --help exited {result.exit_code}: {result.output}")
    return "\n".join(line.rstrip() for line in result.output.splitlines()).strip("\n")


def cli_reference() -> str:
    """The whole of docs/cli.md."""
    sections = [INTRO]
    for path in command_paths():
        title = " ".join(("dedup", *path))
        sections.append(f"## {title}\n\n```text\n$ {title} --help\n{help_text(path)}\n```\n")
    return "\n".join(sections)


def main() -> int:
    CLI_PAGE.parent.mkdir(exist_ok=True)
    CLI_PAGE.write_text(cli_reference(), encoding="utf-8")
    print(f"wrote {CLI_PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
