"""A description of the machine and software a benchmark ran on, for the results table."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

import psutil

PACKAGES = ("dedup", "numpy", "datasketch", "rensa", "psutil")


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo, else what platform reports."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def versions() -> dict[str, str]:
    """Installed versions of the packages that matter to the figures."""
    found = {}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def commit(root: Path) -> str:
    """The checked-out commit (read-only git call), with '+changes' for a dirty tree."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return "unknown"
    return f"{head}+changes" if head and dirty else head or "unknown"


def load_average() -> str:
    """The 1, 5 and 15 minute load averages (other users' work shows in the figures)."""
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def describe(root: Path) -> list[tuple[str, str]]:
    """(label, value) rows: date, CPU, cores, RAM, OS, Python, packages, load, commit."""
    load = load_average()
    physical = psutil.cpu_count(logical=False)
    return [
        ("date", dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("CPU", cpu_model()),
        ("cores", f"{os.cpu_count()} logical, {physical or '?'} physical"),
        ("RAM", f"{psutil.virtual_memory().total / 2**30:.1f} GiB"),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        ("packages", ", ".join(f"{k} {v}" for k, v in versions().items())),
        ("load average at start (1, 5, 15 min)", load),
        ("commit", commit(root)),
    ]
