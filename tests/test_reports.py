"""reports/ cannot drift: every demo command in the Makefile reproduces its checked-in report."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys

import pytest

from tests.conftest import ROOT

MAKEFILE = ROOT / "Makefile"


def _demo_commands() -> list[tuple[dict[str, str], list[str], str]]:
    """(environment, dedup arguments, report path) for each report line of `make demo`."""
    text = MAKEFILE.read_text()
    variables = dict(re.findall(r"^([A-Z_]+) := (.*)$", text, flags=re.MULTILINE))
    variables.pop("BIN", None)
    recipe = text.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    commands = []
    for line in recipe.splitlines():
        if "$(BIN)/dedup" not in line:
            continue
        for name, value in variables.items():
            line = line.replace(f"$({name})", value)
        words = shlex.split(line.strip())
        env = dict(word.split("=", 1) for word in words[: words.index("$(BIN)/dedup")])
        args = words[words.index("$(BIN)/dedup") + 1 :]
        if "|" in args:  # `| tee FILE`
            target = args[args.index("|") + 2]
            args = args[: args.index("|")]
        elif ">" in args:
            target = args[args.index(">") + 1]
            args = args[: args.index(">")]
        else:
            target = args[args.index("--out") + 1]
            args = args[: args.index("--out")]
        commands.append((env, args, target))
    return commands


COMMANDS = _demo_commands()


def test_demo_writes_reports() -> None:
    """The demo target writes several reports, one per file."""
    targets = [target for _, _, target in COMMANDS]
    assert len(targets) >= 6
    assert len(set(targets)) == len(targets)


@pytest.mark.parametrize(("env", "args", "target"), COMMANDS, ids=[c[2] for c in COMMANDS])
def test_report_matches_its_command(env: dict[str, str], args: list[str], target: str) -> None:
    """Running the demo command again gives the checked-in report byte for byte."""
    environment = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR")}
    environment.update(env)
    out = subprocess.run(
        [sys.executable, "-m", "dedup", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    expected = (ROOT / target).read_text()
    assert out.stdout == expected, f"{target} is stale: run `make demo` and commit reports/"
