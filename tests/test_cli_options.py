"""The options every command shares, defined once: `--format` as each command's enum (listed by
--help, offered by completion, checked once) and `--out FILE` (checked before the work, the
bytes stdout would get, FILE kept when the run fails)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.core import TyperGroup
from typer.main import get_command

import dedup
from dedup.cli.app import app
from dedup.errors import ExitCode

from .conftest import CORPUS, SEED_LEFT, SEED_RIGHT, SEEDS, CliRunner, write_bad_at_end

SEED = SEEDS / "000_fcc5a75e636137bc.txt"
ECB = CORPUS / "ecbplus" / "documents.jsonl"
KEPT = "an earlier report\n"
Args = Callable[[Path], list[str | Path]]

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


def _leaves(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command that runs (not a group), by its path of names."""
    if isinstance(command, TyperGroup):
        for name, sub in command.commands.items():
            yield from _leaves(sub, (*path, name))
    else:
        yield path, command


LEAVES = dict(_leaves(get_command(app)))
COMMANDS = sorted(LEAVES)


def test_every_command_takes_the_one_out_option() -> None:
    """Each command and subcommand has --out FILE, with the same help everywhere."""
    helps = {
        path: next((p.help for p in command.params if "--out" in p.opts), None)
        for path, command in LEAVES.items()
    }
    assert len(COMMANDS) == 9 and None not in helps.values(), helps
    (shared,) = set(helps.values())
    assert "checked before the work" in str(shared)


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the two seed articles."""
    path = tmp_path_factory.mktemp("index") / "seeds.dedup"
    with dedup.Index(path, create=True) as index:
        index.add(dedup.read(SEEDS))
    return path


def _labelled(tmp: Path) -> Path:
    path = tmp / "labelled.jsonl"
    path.write_text("".join(ECB.read_text(encoding="utf-8").splitlines(True)[:40]), "utf-8")
    return path


def _pairs(tmp: Path) -> Path:
    path = tmp / "pairs.csv"
    path.write_text("left,right\n1_12ecb.xml,1_10ecb.xml\n1_1ecb.xml,nope\n", encoding="utf-8")
    return path


def _copy(tmp: Path) -> Path:
    path = tmp / "copy.txt"
    path.write_bytes(SEED_LEFT.read_bytes())
    return path


# Every command with a run that succeeds (check: finds a copy, exit 1, its report written too).
SUCCEEDING: dict[str, Callable[[Path, Path], list[str | Path]]] = {
    "read": lambda tmp, idx: ["read", SEEDS],
    "diff terminal": lambda tmp, idx: ["diff", SEED_LEFT, SEED_RIGHT],
    "diff html": lambda tmp, idx: ["diff", SEED_LEFT, SEED_RIGHT, "--format", "html"],
    "diff pairs": lambda tmp, idx: ["diff", "--pairs", _pairs(tmp), ECB, "--format", "jsonl"],
    "explain": lambda tmp, idx: ["explain", SEED_LEFT, SEED_RIGHT],
    "facts terminal": lambda tmp, idx: ["facts", SEEDS, "--jobs", "1"],
    "facts jsonl": lambda tmp, idx: ["facts", SEEDS, "--format", "jsonl", "--jobs", "1"],
    "cluster terminal": lambda tmp, idx: ["cluster", SEEDS, "--jobs", "1"],
    "cluster csv": lambda tmp, idx: ["cluster", SEEDS, "--format", "csv", "--jobs", "1"],
    "eval": lambda tmp, idx: ["eval", _labelled(tmp), "--format", "json"],
    "check": lambda tmp, idx: ["check", _copy(tmp), "--index", idx],
    "index add": lambda tmp, idx: ["index", "add", SEEDS, "--index", tmp / "new.dedup"],
    "index stats": lambda tmp, idx: ["index", "stats", "--index", idx],
}


@pytest.mark.parametrize("case", SUCCEEDING)
def test_out_gets_the_bytes_stdout_gets(
    run_cli: CliRunner, tmp_path: Path, indexed: Path, case: str
) -> None:
    """--out FILE holds exactly what stdout shows without it (same exit code, nothing on
    stdout); an existing FILE is replaced."""
    args = SUCCEEDING[case](tmp_path, indexed)
    shown = run_cli(*args)
    for built in tmp_path.glob("new.dedup*"):  # `index add` starts from nothing each time
        built.unlink()
    out = tmp_path / "report"
    out.write_text(KEPT, encoding="utf-8")
    written = run_cli(*args, "--out", out)
    assert shown.stdout and shown.exit_code in (0, 1), shown.stderr
    assert (written.exit_code, written.stdout) == (shown.exit_code, "")
    assert out.read_bytes() == shown.stdout.encode("utf-8")


# Every command, with inputs that do not exist: the --out check must come first.
BEFORE_WORK: dict[str, Args] = {
    "read": lambda tmp: ["read", tmp / "nope"],
    "diff": lambda tmp: ["diff", tmp / "nope", tmp / "nope2"],
    "explain": lambda tmp: ["explain", tmp / "nope", tmp / "nope2"],
    "facts": lambda tmp: ["facts", tmp / "nope"],
    "cluster": lambda tmp: ["cluster", tmp / "nope"],
    "eval": lambda tmp: ["eval", tmp / "nope.jsonl"],
    "check": lambda tmp: ["check", tmp / "nope", "--index", tmp / "nope.dedup"],
    "index add": lambda tmp: ["index", "add", SEEDS, "--index", tmp / "new.dedup"],
    "index stats": lambda tmp: ["index", "stats", "--index", tmp / "nope.dedup"],
}


def test_before_work_covers_every_command() -> None:
    """The table below names every command."""
    assert sorted(tuple(case.split()) for case in BEFORE_WORK) == COMMANDS


@pytest.mark.parametrize("case", BEFORE_WORK)
def test_out_in_a_missing_folder_fails_before_the_work(
    run_cli: CliRunner, tmp_path: Path, case: str
) -> None:
    """FILE in a folder that does not exist: exit 3 and one line naming FILE and the fix,
    before any input is read (the missing inputs go unmentioned) or index created."""
    out = tmp_path / "missing" / "report"
    result = run_cli(*BEFORE_WORK[case](tmp_path), "--out", out)
    assert (result.exit_code, result.stdout) == (ExitCode.INPUT, "")
    assert result.stderr == (
        f"dedup: error: {out}: cannot write: no folder {out.parent} (create the folder first)\n"
    )
    assert not (tmp_path / "new.dedup").exists()


def _bad_at_end(tmp: Path) -> Path:
    path = tmp / "bad.jsonl"
    write_bad_at_end(path, documents=5)
    return path


FAILING: dict[str, Args] = {
    "read": lambda tmp: ["read", _bad_at_end(tmp), "--strict"],
    "facts": lambda tmp: ["facts", _bad_at_end(tmp), "--strict", "--format", "jsonl"],
    "diff pairs": lambda tmp: [
        *("diff", "--pairs", _pairs(tmp), ECB, "--format", "jsonl", "--strict"),
    ],
    "explain": lambda tmp: ["explain", ECB, "--ids", "1_12ecb.xml", "nope"],
    "cluster": lambda tmp: ["cluster", _bad_at_end(tmp), "--strict", "--jobs", "1"],
    "eval": lambda tmp: ["eval", ECB, "--label-field", "nope"],
    "check": lambda tmp: ["check", SEED_LEFT, "--index", tmp / "nope.dedup"],
    "index add": lambda tmp: [
        *("index", "add", _bad_at_end(tmp), "--strict", "--index", tmp / "new.dedup"),
    ],
    "index stats": lambda tmp: ["index", "stats", "--index", tmp / "nope.dedup"],
}


@pytest.mark.parametrize("case", FAILING)
def test_a_failing_run_leaves_the_file_as_it_was(
    run_cli: CliRunner, tmp_path: Path, case: str
) -> None:
    """A run that fails (some after writing part of the report) leaves an existing FILE
    unchanged and no temporary file beside it."""
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "report"
    out.write_text(KEPT, encoding="utf-8")
    result = run_cli(*FAILING[case](tmp_path), "--out", out)
    assert result.exit_code in (3, 4) and result.stderr.startswith("dedup: error: ")
    assert out.read_text(encoding="utf-8") == KEPT
    assert list(folder.iterdir()) == [out]
