"""The GitHub Action (action.yml): inputs never become shell code, and the check runs once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from .conftest import ROOT, SEED_LEFT, SEED_RIGHT

ACTION = ROOT / "action.yml"


def _steps() -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))["runs"][
        "steps"
    ]
    return steps


def test_no_input_is_pasted_into_a_script() -> None:
    """Every `${{ … }}` expression of a step sits in `env:` or `with:`, none in `run:`."""
    scripts = [step["run"] for step in _steps() if "run" in step]
    assert scripts and not [script for script in scripts if "${{" in script]


def test_the_check_runs_once() -> None:
    """One step runs `dedup check`: annotations and job summary come from the same run."""
    runs = [step for step in _steps() if "dedup check" in step.get("run", "")]
    assert len(runs) == 1


def test_a_hostile_file_name_is_data(tmp_path: Path) -> None:
    """A new file named `$(touch${IFS}pwned).txt` is checked, annotated and summarised: its
    name is never run (pasted into the script, it would create `pwned`)."""
    subprocess.run(
        [Path(sys.executable).parent / "dedup", "index", "add", SEED_LEFT, "--index", "i.dedup"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    hostile = tmp_path / "$(touch${IFS}pwned).txt"
    hostile.write_bytes(SEED_RIGHT.read_bytes())
    (script,) = [step["run"] for step in _steps() if "dedup check" in step.get("run", "")]
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "DEDUP_PATHS": f"{hostile.name}\n",
        "DEDUP_INDEX": "i.dedup",
        "DEDUP_FAIL_ON": "same-event",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
    }
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert not (tmp_path / "pwned").exists()
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith(
        "::error file=$(touch${IFS}pwned).txt,title=dedup%3A same-event::"
    )
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("### dedup check ❌ failed")
