"""Hooks that time dedup's own commands end to end, each in a child process.

A command that `dedup` does not have yet is reported as "not available"; one that fails is
reported with its exit code and last line of stderr, so the table never shows a made-up figure.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks import generate
from benchmarks.process import TIMEOUT_SECONDS, Measured, measure

DEDUP = [sys.executable, "-m", "dedup"]
# Exit codes that mean the command worked: 0, and 1 for "found duplicates" (dedup check).
WORKED = (0, 1)
# A 1M-document index takes about half an hour to build on a shared 2-core machine.
BUILD_TIMEOUT = 4 * 3600.0


@dataclass(frozen=True)
class Outcome:
    """A measured command, or why there is no figure."""

    measured: Measured | None
    note: str = ""


def help_text(*command: str) -> str | None:
    """`dedup COMMAND --help`, or None when dedup has no such command."""
    result = measure([*DEDUP, *command, "--help"])
    return result.stdout if result.returncode == 0 else None


def _run(
    command: list[str | Path], *, cwd: Path | None = None, timeout: float = TIMEOUT_SECONDS
) -> Outcome:
    result = measure(command, cwd=cwd, timeout=timeout)
    if result.stopped:
        return Outcome(None, result.stopped)
    if result.returncode not in WORKED:
        lines = result.stderr.strip().splitlines() or ["(no message)"]
        if result.returncode < 0:
            return Outcome(None, f"killed by signal {-result.returncode}")
        return Outcome(None, f"failed (exit {result.returncode}: {lines[-1][:120]})")
    return Outcome(result)


def cluster(path: Path, out: Path) -> Outcome:
    """`dedup cluster PATH` with jsonl output to a file."""
    usage = help_text("cluster")
    if usage is None:
        return Outcome(None, "not available")
    command: list[str | Path] = [*DEDUP, "cluster", path]
    if "--format" in usage:
        command += ["--format", "jsonl"]
    if "--out" in usage:
        command += ["--out", out]
    if "--quiet" in usage:
        command.append("--quiet")
    return _run(command)


def build_index(path: Path, index: Path) -> Outcome:
    """`dedup index add PATH --index FILE` (the index `dedup check` reads)."""
    if help_text("index", "add") is None:
        return Outcome(None, "not available")
    # The build record `benchmarks.bench_check` keeps next to an index it built would be stale.
    for stale in (index, Path(f"{index}-wal"), Path(f"{index}-shm"), Path(f"{index}.build.json")):
        stale.unlink(missing_ok=True)
    return _run([*DEDUP, "index", "add", path, "--index", index], timeout=BUILD_TIMEOUT)


def check(new: Path, index: Path, *, repeats: int = 3) -> Outcome:
    """Median time of `dedup check NEW --index FILE` over `repeats` runs."""
    if help_text("check") is None:
        return Outcome(None, "not available")
    if not index.exists():
        return Outcome(None, "no index (dedup index add not available or failed)")
    return _median([[*DEDUP, "check", new, "--index", index] for _ in range(repeats)])


def start_up(*command: str, repeats: int = 5) -> Outcome:
    """Median time of `dedup COMMAND...` (e.g. `--help`): interpreter start and imports."""
    return _median([[*DEDUP, *command] for _ in range(repeats)])


@dataclass(frozen=True)
class Streamed:
    """A streaming command: when its first line of output came, and when it finished."""

    first_line: float
    seconds: float
    lines: int


def facts(path: Path) -> Outcome | Streamed:
    """`dedup facts PATH --format jsonl --quiet`: time to the first line and to the end."""
    if help_text("facts") is None:
        return Outcome(None, "not available")
    command = [*DEDUP, "facts", str(path), "--format", "jsonl", "--quiet"]
    start = time.perf_counter()
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL
    ) as child:
        assert child.stdout is not None
        first = child.stdout.readline()
        first_line = time.perf_counter() - start
        lines = int(bool(first)) + sum(1 for _ in child.stdout)
        code = child.wait(timeout=TIMEOUT_SECONDS)
    seconds = time.perf_counter() - start
    if code != 0:
        return Outcome(None, f"failed (exit {code})")
    return Streamed(first_line, seconds, lines)


def diff(left: Path, right: Path, *, repeats: int = 3) -> Outcome:
    """Median time of `dedup diff A B` over `repeats` runs."""
    if help_text("diff") is None:
        return Outcome(None, "not available")
    return _median([[*DEDUP, "diff", left, right] for _ in range(repeats)])


def _median(commands: list[list[str | Path]]) -> Outcome:
    runs = []
    for command in commands:
        outcome = _run(command)
        if outcome.measured is None:
            return outcome
        runs.append(outcome.measured)
    runs.sort(key=lambda run: run.seconds)
    middle = runs[len(runs) // 2]
    return Outcome(middle, f"median of {len(runs)}")


def first_lines(source: Path, target: Path, *, count: int) -> Path:
    """The first `count` lines of a jsonl file, written to `target`."""
    with source.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for _, line in zip(range(count), lines, strict=False):
            out.write(line)
    return target


def write_new_documents(path: Path, *, after: int, count: int, pool: generate.Pool) -> Path:
    """Documents `after`..`after + count - 1` of the stream: new arrivals for `dedup check`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for index in range(after, after + count):
            record = generate.document(pool, index)
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    return path


def write_diff_pair(folder: Path, *, pool: generate.Pool, words: int = 1500) -> tuple[Path, Path]:
    """Two ~`words`-word reports of one event: a long article and an edited copy of it."""
    left, right = generate.long_pair(pool, words=words)
    folder.mkdir(parents=True, exist_ok=True)
    paths = folder / "report-a.txt", folder / "report-b.txt"
    for path, text in zip(paths, (left, right), strict=True):
        path.write_text(text + "\n", encoding="utf-8")
    return paths
