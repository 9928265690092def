"""Run a command in a child process and measure its wall time and peak memory."""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil

# How often the process tree's memory is sampled; wait4's ru_maxrss catches the peak of the
# largest single process between samples, the sampling catches the sum over worker processes.
SAMPLE_SECONDS = 0.05


@dataclass(frozen=True)
class Measured:
    """What one command cost."""

    seconds: float
    peak_rss: int  # bytes: the larger of the tree-sum samples and the kernel's per-process peak
    returncode: int
    stdout: str
    stderr: str


def _tree_rss(process: psutil.Process) -> int:
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for member in members:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            continue
    return total


def measure(
    command: Sequence[str | Path],
    *,
    cwd: Path | None = None,
    stdin: Path | None = None,
    env: dict[str, str] | None = None,
) -> Measured:
    """Run `command` to completion; stdout and stderr are captured to temporary files."""
    with (
        (Path(os.devnull) if stdin is None else stdin).open("rb") as source,
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
    ):
        start = time.perf_counter()
        child = subprocess.Popen(
            [str(part) for part in command], cwd=cwd, stdin=source, stdout=out, stderr=err, env=env
        )
        peak = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            watched = psutil.Process(child.pid)
            while not done.is_set():
                peak = max(peak, _tree_rss(watched))
                done.wait(SAMPLE_SECONDS)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Measured(
            seconds=seconds,
            peak_rss=max(peak, usage.ru_maxrss * 1024),
            returncode=child.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )
