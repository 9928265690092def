"""The README's examples run and print what they say."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.console import Step, run_in_one_shell, steps, workspace
from tests.markdown import fences

from .conftest import ROOT

README = ROOT / "README.md"


def _python_example() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Use it from Python\n", 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def _console_blocks() -> list[list[Step]]:
    """The README's console blocks, each as its `$ ` lines with the lines shown under them."""
    text = README.read_text(encoding="utf-8")
    return [steps(fence) for fence in fences(text) if fence.info == "console"]


def test_python_example_prints_its_comments(tmp_path: Path) -> None:
    """The "Use it from Python" example runs, and each `print(...)  # OUTPUT` prints OUTPUT."""
    code = _python_example()
    expected = [line.split("  # ", 1)[1] for line in code.splitlines() if line.startswith("print(")]
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=workspace(tmp_path),
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.splitlines() == expected


def test_console_examples_print_what_they_show(tmp_path: Path) -> None:
    """Each `$ command` of the README's console blocks, run in order at 80 columns (a block's
    commands in one shell), prints the lines shown under it (stdout and stderr together,
    trailing spaces aside)."""
    blocks = _console_blocks()
    assert blocks
    folder = workspace(tmp_path)
    for block in blocks:
        for step, printed in zip(block, run_in_one_shell(block, folder), strict=True):
            assert printed == list(step.shown), (
                f"README.md: `{step.command}` printed:\n" + "\n".join(printed)
            )
