"""The README's examples run and print what they say."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.markdown import fences

from .conftest import ROOT

README = ROOT / "README.md"


def _python_example() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Use it from Python\n", 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def _console_steps() -> list[tuple[str, list[str]]]:
    """(command, the lines it prints) for each `$ ` line of the README's console blocks."""
    steps: list[tuple[str, list[str]]] = []
    for fence in fences(README.read_text(encoding="utf-8")):
        if fence.info != "console":
            continue
        for line in fence.lines:
            if line.startswith("$ "):
                steps.append((line[2:], []))
            else:
                steps[-1][1].append(line.rstrip())
    return steps


def test_python_example_prints_its_comments(tmp_path: Path) -> None:
    """The "Use it from Python" example runs, and each `print(...)  # OUTPUT` prints OUTPUT."""
    code = _python_example()
    expected = [line.split("  # ", 1)[1] for line in code.splitlines() if line.startswith("print(")]
    (tmp_path / "corpus").symlink_to(ROOT / "corpus")
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines() == expected


def test_console_examples_print_what_they_show(tmp_path: Path) -> None:
    """Each `$ command` of the README's console blocks, run in order at 80 columns, prints the
    lines shown under it (stdout and stderr together, trailing spaces aside)."""
    steps = _console_steps()
    assert steps
    (tmp_path / "corpus").symlink_to(ROOT / "corpus")
    bin_dir = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "COLUMNS": "80",
        "NO_COLOR": "1",
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
    }
    for command, shown in steps:
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
        )
        printed = [line.rstrip() for line in done.stdout.splitlines()]
        assert printed == shown, f"README.md: `{command}` printed:\n{done.stdout}"
