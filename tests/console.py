"""The console examples of the README and docs/ as the tests run them: each `$ ` line in bash,
at 80 columns without colour, in a folder where `corpus/` is the repository's."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

from tests.markdown import Fence

from .conftest import ROOT


@dataclass(frozen=True)
class Step:
    """A `$ ` line of a console block and the lines shown under it."""

    command: str
    shown: tuple[str, ...]


def steps(fence: Fence) -> list[Step]:
    """The commands of a console block, each with the lines it is shown to print."""
    found: list[tuple[str, list[str]]] = []
    for line in fence.lines:
        if line.startswith("$ "):
            found.append((line[2:], []))
        else:
            found[-1][1].append(line.rstrip())
    return [Step(command=command, shown=tuple(shown)) for command, shown in found]


def workspace(folder: Path) -> Path:
    """Make `folder` a place to run the examples in: `corpus/` is the repository's."""
    (folder / "corpus").symlink_to(ROOT / "corpus")
    return folder


def run(command: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """A shell script run by bash in `folder`, with this interpreter's `dedup` and `python`
    first on PATH; its stdout holds stdout and stderr together."""
    bin_dir = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "COLUMNS": "80",
        "NO_COLOR": "1",
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
    }
    return subprocess.run(
        ["bash", "-c", command],
        cwd=folder,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )


def run_in_one_shell(block: list[Step], folder: Path) -> list[list[str]]:
    """The lines each step of a block prints, the steps run one after another in one shell
    as a reader would type them (so `echo $?` sees the previous command's status)."""
    separator = f"-- step done {uuid.uuid4().hex} --"
    script = "".join(
        f'{step.command}\n__status=$?; printf "\\n%s\\n" "{separator}"; (exit $__status)\n'
        for step in block
    )
    printed = run(script, folder).stdout.split(f"\n{separator}\n")
    assert len(printed) == len(block) + 1 and not printed[-1], printed
    return [[line.rstrip() for line in output.splitlines()] for output in printed[:-1]]
