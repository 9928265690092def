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
# Limits that protect a shared machine: a command past either is stopped (with its workers)
# and reported as stopped, never as a figure.
TIMEOUT_SECONDS = 900.0
MAX_RSS_SHARE = 0.5  # of physical memory


@dataclass(frozen=True)
class Measured:
    """What one command cost."""

    seconds: float
    peak_rss: int  # bytes: the larger of the tree-sum samples and the kernel's per-process peak
    returncode: int
    stdout: str
    stderr: str
    stopped: str = ""  # why the command was stopped, if it was


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
    timeout: float = TIMEOUT_SECONDS,
    max_rss: int | None = None,
) -> Measured:
    """Run `command` to completion or to a limit; stdout and stderr go to temporary files."""
    limit = max_rss or int(psutil.virtual_memory().total * MAX_RSS_SHARE)
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
        stopped = ""
        done = threading.Event()

        def sample() -> None:
            nonlocal peak, stopped
            watched = psutil.Process(child.pid)
            while not done.is_set():
                rss = _tree_rss(watched)
                peak = max(peak, rss)
                elapsed = time.perf_counter() - start
                if not stopped and (rss > limit or elapsed > timeout):
                    stopped = (
                        f"stopped at {rss / 2**30:.1f} GiB RSS (limit {limit / 2**30:.1f} GiB)"
                        if rss > limit
                        else f"stopped after {elapsed:.0f} s (limit {timeout:.0f} s)"
                    )
                    _kill_tree(watched)
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
            stopped=stopped,
        )


def _kill_tree(process: psutil.Process) -> None:
    """Kill one child and its own descendants (never anything else)."""
    try:
        members = [*process.children(recursive=True), process]
    except psutil.Error:
        members = [process]
    for member in members:
        try:
            member.kill()
        except psutil.Error:
            continue
