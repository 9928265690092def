"""`--format` as each command's enum: listed by --help, offered by completion, checked once."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.main import get_command

from dedup.cli.app import app

from .conftest import SEEDS, CliRunner

SEED = SEEDS / "000_fcc5a75e636137bc.txt"

# Each command, arguments that reach --format, and its formats in --help order.
FORMATS = [
    (("diff",), (SEED, SEED), "terminal|json|jsonl|markdown|html"),
    (("explain",), (SEED, SEED), "terminal|json"),
    (("facts",), (SEED,), "terminal|json|jsonl|markdown"),
    (("cluster",), (SEEDS,), "terminal|json|jsonl|csv|html"),
    (("eval",), (SEED,), "terminal|json"),
    (("check",), (SEED, "--index", "none.dedup"), "terminal|json|github|junit|markdown"),
    (("index", "stats"), ("--index", "none.dedup"), "terminal|json"),
]


@pytest.mark.parametrize(("command", "args", "formats"), FORMATS)
def test_help_lists_the_formats(
    run_cli: CliRunner, command: tuple[str, ...], args: tuple[str | Path, ...], formats: str
) -> None:
    """`--help` shows the command's formats and the default."""
    result = run_cli(*command, "--help")
    assert result.exit_code == 0
    words = " ".join(result.stdout.split())  # as wrapped at any width
    assert f"--format <{formats}>" in words and "[default: terminal]" in words


@pytest.mark.parametrize(("command", "args", "formats"), FORMATS)
def test_unknown_format_is_a_one_line_usage_error(
    run_cli: CliRunner, command: tuple[str, ...], args: tuple[str | Path, ...], formats: str
) -> None:
    """Any other --format value: exit 2, one line naming the value and the choices."""
    result = run_cli(*command, *args, "--format", "xml")
    choices = ", ".join(formats.split("|"))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"dedup: error: --format 'xml': use one of {choices}\n"


@pytest.mark.parametrize(
    ("path", "typed", "offered"),
    [
        (("diff",), "", ["terminal", "json", "jsonl", "markdown", "html"]),
        (("cluster",), "js", ["json", "jsonl"]),
        (("check",), "j", ["json", "junit"]),
        (("index", "stats"), "t", ["terminal"]),
    ],
)
def test_completion_offers_the_formats(
    path: tuple[str, ...], typed: str, offered: list[str]
) -> None:
    """Shell completion of --format offers the formats starting with what was typed."""
    command = get_command(app)
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    option = next(param for param in command.params if "--format" in param.opts)
    completions = option.shell_complete(typer.Context(command), typed)
    assert [item.value for item in completions] == offered
