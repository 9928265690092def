"""Hooks that time dedup's own commands end to end, each in a child process.

A command that `dedup` does not have yet is reported as "not available"; one that fails is
reported with its exit code and last line of stderr, so the table never shows a made-up figure.
"""

from __future__ import annotations

import json
import sys
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
