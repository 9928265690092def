"""Where `dedup check` spends its CPU time, stage by stage, in one fresh process.

    .venv/bin/python -m benchmarks.check_stages NEW.jsonl INDEX.dedup [--repeats 5]

Each repeat runs in its own interpreter (first-call costs such as imports and wordfreq's table
are what a CI run pays); the table shows the best and the median of each stage's CPU
milliseconds (`time.process_time`, which a busy machine inflates less than wall time). The
stages wrap the functions `dedup.check.check_articles` calls, so the output is the check's own.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

_SPENT: dict[str, float] = defaultdict(float)


def _timed(owner: Any, name: str, stage: str) -> None:
    """Replace `owner.name` by a wrapper that adds its CPU time to `stage`."""
    function: Callable[..., Any] = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            _SPENT[stage] += time.process_time() - start

    setattr(owner, name, wrapper)


def _step(stage: str, action: Callable[[], Any]) -> Any:
    start = time.process_time()
    result = action()
    _SPENT[stage] += time.process_time() - start
    return result


def measure_once(new: Path, index_path: Path) -> dict[str, float]:
    """CPU seconds per stage of one check, in this (fresh) process."""
    started = time.process_time()
    _step("import dedup.cli (typer, reading, cleaning)", lambda: __import__("dedup.cli.app"))
    _step("import dedup.check", lambda: __import__("dedup.check"))
    _step("import dedup.diff (lazy in the check)", lambda: __import__("dedup.diff"))
    from dedup import check, index, indexing, tokens
    from dedup.cli.documents import load
    from dedup.read import DEFAULT_FIELDS
    from dedup.render import check_formats

    _step("wordfreq table (dedup.tokens.rarity)", lambda: tokens.rarity("the"))
    for name, stage in (
        ("prepare", "represent and sign new documents"),
        ("features_from_bytes", "decode candidates' features"),
        ("weigh", "weigh term vectors"),
        ("evidence", "verify candidates"),
        ("top_discrepancies", "diffs of the best matches"),
    ):
        _timed(check, name, stage)
    for name in ("ranked_candidates", "features", "document_frequencies", "hashes", "get"):
        _timed(index.Index, name, f"SQLite: {name}")
    opened = _step("open index", lambda: indexing.open_index(index_path, create=False))
    articles = _step(
        "read and clean new documents", lambda: load([new], strict=True, fields=DEFAULT_FIELDS)
    )
    report = check.check_articles(check.with_indexed_ids(articles, opened), opened)
    _step("render json", lambda: check_formats.render_json(report))
    opened.close()
    _SPENT["total in process"] = time.process_time() - started
    return dict(_SPENT)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("new", type=Path)
    parser.add_argument("index", type=Path)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.once:
        print(json.dumps(measure_once(args.new, args.index)))
        return 0
    runs: dict[str, list[float]] = defaultdict(list)
    command = [sys.executable, "-m", "benchmarks.check_stages", "--once", args.new, args.index]
    for _ in range(args.repeats):
        out = subprocess.run([str(part) for part in command], capture_output=True, check=True)
        for stage, seconds in json.loads(out.stdout).items():
            runs[stage].append(seconds)
    print("| stage | best CPU ms | median CPU ms |\n|---|---:|---:|")
    for stage, values in runs.items():
        print(f"| {stage} | {min(values) * 1000:.1f} | {statistics.median(values) * 1000:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
