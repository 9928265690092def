"""`dedup check` speed: 10 new documents against a 100k-document index, end to end.

    .venv/bin/python -m benchmarks.bench_check [--size 100000] [--new 10] [--repeats 5]
        [--work /tmp/dedup-bench-check] [--out benchmarks/bench_check.md]

Documents come from the deterministic generator (`benchmarks/generate.py`, real sentences):
the index holds documents 0 … size-1, the new ones are the next `--new` documents of the same
stream (so about 40% are copies of recent indexed stories, as syndication produces). The index
is built once with `dedup index add` in a child process (time, peak RSS, file size); then
`dedup check NEW --index FILE` runs `--repeats` times, each in a fresh interpreter, and the
median is reported with the interpreter start (`python -c pass`) and the CLI start
(`python -m dedup --version`) measured the same way, so the check's own share shows.
Target: check median ≤ 2 s end to end.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
from pathlib import Path

from benchmarks import commands, generate
from benchmarks.process import Measured, measure

ROOT = Path(__file__).resolve().parent.parent
DEDUP = [sys.executable, "-m", "dedup"]
TARGET_SECONDS = 2.0


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _median(command: list[str | Path], repeats: int) -> tuple[float, float, Measured]:
    """Median wall seconds, median CPU seconds (user + system) and the median run."""
    runs, cpu = [], []
    for _ in range(repeats):
        before = _cpu()
        runs.append(measure(command))
        cpu.append(_cpu() - before)
    for run in runs:
        if run.returncode not in commands.WORKED:
            tail = (run.stderr.strip().splitlines() or ["?"])[-1]
            raise SystemExit(f"{' '.join(map(str, command))}: exit {run.returncode}: {tail}")
    runs.sort(key=lambda run: run.seconds)
    return (
        statistics.median(run.seconds for run in runs),
        statistics.median(cpu),
        runs[len(runs) // 2],
    )


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/dedup-bench-check"))
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "bench_check.md")
    parser.add_argument("--rebuild", action="store_true", help="Rebuild an existing index.")
    args = parser.parse_args(argv)
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    pool = generate.load_pool()
    docs = work / f"docs-{args.size}.jsonl"
    if not docs.exists():
        print(f"generating {args.size:,} documents", file=sys.stderr)
        generate.write_jsonl(docs, args.size, pool=pool)
    new = commands.write_new_documents(
        work / "new" / "new.jsonl", after=args.size, count=args.new, pool=pool
    )
    index = work / f"index-{args.size}.dedup"
    build = "reused an index built earlier (--rebuild to measure the build)"
    if args.rebuild or not index.exists():
        for path in (index, Path(f"{index}-wal"), Path(f"{index}-shm")):
            path.unlink(missing_ok=True)
        print(f"dedup index add: {args.size:,} documents", file=sys.stderr)
        built = measure([*DEDUP, "index", "add", docs, "--index", index, "--quiet"])
        if built.returncode != 0:
            raise SystemExit(f"dedup index add failed: {built.stderr.strip()[-300:]}")
        build = (
            f"{built.seconds:,.1f} s, peak RSS {built.peak_rss / 2**20:,.0f} MiB"
            f" ({args.size / built.seconds:,.0f} documents/s)"
        )
    size_mib = _size(index) / 2**20
    print("dedup check", file=sys.stderr)
    check, check_cpu, run = _median(
        [*DEDUP, "check", new, "--index", index, "--format", "json"], args.repeats
    )
    python, python_cpu, _ = _median([sys.executable, "-c", "pass"], args.repeats)
    cli, cli_cpu, _ = _median([*DEDUP, "--version"], args.repeats)
    failed = run.stdout.count('"status": "fail"')
    lines = [
        "# `dedup check` benchmark",
        "",
        f"Command: `.venv/bin/python -m benchmarks.bench_check --size {args.size}"
        f" --new {args.new} --repeats {args.repeats}`",
        "",
        f"- index: {args.size:,} generated documents (`benchmarks/generate.py` v"
        f"{generate.GENERATOR_VERSION}, {pool.origin}); file {size_mib:,.0f} MiB"
        f" ({size_mib * 2**20 / args.size / 1024:,.1f} KiB per document)",
        f"- `dedup index add` (batches of 1,000): {build}",
        f"- `dedup check` of {args.new} new documents (next in the stream), end to end in a"
        f" child process: median {check:.2f} s of {args.repeats} (target ≤ {TARGET_SECONDS:.0f} s"
        f", {'met' if check <= TARGET_SECONDS else 'not met'}); peak RSS"
        f" {run.peak_rss / 2**20:,.0f} MiB; exit {run.returncode}, {failed} failed",
        f"- CPU time (user + system, what a busy machine does not inflate): median"
        f" {check_cpu:.2f} s",
        f"- of which interpreter start (`python -c pass`): {python:.2f} s wall, {python_cpu:.2f} s"
        f" CPU; CLI start (`python -m dedup --version`): {cli:.2f} s wall, {cli_cpu:.2f} s CPU;"
        f" the check itself: {check - cli:.2f} s wall, {check_cpu - cli_cpu:.2f} s CPU",
        f"- load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores",
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
