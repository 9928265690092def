"""The README's examples run and print what they say."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def _python_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Use it from Python\n", 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def test_python_example_prints_its_comments(tmp_path: Path) -> None:
    """The "Use it from Python" example runs, and each `print(...)  # OUTPUT` prints OUTPUT."""
    code = _python_example()
    expected = [line.split("  # ", 1)[1] for line in code.splitlines() if line.startswith("print(")]
    (tmp_path / "corpus").symlink_to(ROOT / "corpus")
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines() == expected
