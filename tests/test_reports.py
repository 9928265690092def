"""reports/ cannot drift: every demo command in the Makefile reproduces its checked-in report."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

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
            OUT[target] = True
        OUT.setdefault(target, False)
        commands.append((env, args, target))
    return commands


# Which reports the demo writes with --out (the others are its standard output).
OUT: dict[str, bool] = {}
COMMANDS = _demo_commands()


def test_demo_writes_reports() -> None:
    """The demo target writes several reports, one per file."""
    targets = [target for _, _, target in COMMANDS]
    assert len(targets) >= 6
    assert len(set(targets)) == len(targets)


@pytest.mark.parametrize(("env", "args", "target"), COMMANDS, ids=[c[2] for c in COMMANDS])
def test_report_matches_its_command(
    env: dict[str, str], args: list[str], target: str, tmp_path: Path
) -> None:
    """Running the demo command again gives the checked-in report byte for byte (a report
    written with --out is written again under the same name, so its links are the same)."""
    environment = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR")}
    environment.update(env)
    written = tmp_path / Path(target).name
    out = subprocess.run(
        [sys.executable, "-m", "dedup", *args, *(["--out", str(written)] if OUT[target] else [])],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    actual = written.read_text() if OUT[target] else out.stdout
    expected = (ROOT / target).read_text()
    assert actual == expected, f"{target} is stale: run `make demo` and commit reports/"
