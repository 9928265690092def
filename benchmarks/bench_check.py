"""`dedup check` speed: 10 new documents against a 1M-document index, end to end, in ≤ 1 s.

    .venv/bin/python -m benchmarks.bench_check [--size 1000000] [--new 10] [--repeats 5]
        [--work /tmp/dedup-bench] [--out benchmarks/bench_check.md] [--rebuild | --build-only]

Target (issue 6): `dedup check` of 10 documents against a 1M-document index in ≤ 1 s, end to
end (interpreter start included); the same target is reported for smaller indexes.

Documents come from the deterministic generator (`benchmarks/generate.py`, real sentences) and
are shared with `make bench` (same file names in --work): the index holds documents 0 … size-1,
the new ones are the next `--new` documents of the same stream (so about 40% are copies of
recent indexed stories, as syndication produces). The index is built once with `dedup index
add` in a child process; its time, peak RSS and file size are kept next to it
(`index-SIZE.dedup.build.json`) so a later run reuses the index and still reports them.
`--build-only` builds and stops, so a long build need not hold the timing lock. Then
`dedup check NEW --index FILE` runs `--repeats` times, each in a fresh interpreter, and the
median is reported with the interpreter start (`python -c pass`) and the CLI start
(`python -m dedup --version`) measured the same way, so the check's own share shows. Each size
has its own section in --out; a run replaces only its size's section.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import sys
import time
from pathlib import Path

from benchmarks import commands, generate
from benchmarks.process import Measured, measure
from benchmarks.run import documents

ROOT = Path(__file__).resolve().parent.parent
DEDUP = [sys.executable, "-m", "dedup"]
TARGET_SECONDS = 1.0
_SECTION = re.compile(r"^## ", re.MULTILINE)


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


def _build(docs: Path, index: Path, *, size: int) -> str:
    """Build the index with `dedup index add`; its figures, also written next to the index."""
    for path in (index, Path(f"{index}-wal"), Path(f"{index}-shm"), _record(index)):
        path.unlink(missing_ok=True)
    print(f"dedup index add: {size:,} documents -> {index}", file=sys.stderr, flush=True)
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    built = measure(
        [*DEDUP, "index", "add", docs, "--index", index, "--quiet"], timeout=commands.BUILD_TIMEOUT
    )
    if built.returncode != 0 or built.stopped:
        raise SystemExit(f"dedup index add failed: {built.stopped or built.stderr.strip()[-300:]}")
    record = {
        "documents": size,
        "seconds": round(built.seconds, 1),
        "peak_rss_mib": round(built.peak_rss / 2**20),
        "started": started,
        "load_at_end": round(os.getloadavg()[0], 2),
    }
    _record(index).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return _build_note(index)


def _record(index: Path) -> Path:
    return Path(f"{index}.build.json")


def _build_note(index: Path) -> str:
    if not _record(index).exists():
        return "reused an index built earlier without a record (--rebuild to measure the build)"
    built = json.loads(_record(index).read_text(encoding="utf-8"))
    return (
        f"{built['seconds']:,.1f} s, peak RSS {built['peak_rss_mib']:,} MiB"
        f" ({built['documents'] / built['seconds']:,.0f} documents/s), built"
        f" {built['started']} (load {built['load_at_end']:.1f} at the end)"
        + (f"; {built['note']}" if built.get("note") else "")
    )


def _write_section(out: Path, size: int, section: str) -> None:
    """Replace (or add) the section of this index size in `out`, sections in size order."""
    title = "# `dedup check` benchmark\n\n"
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    sections: dict[int, str] = {}
    for part in _SECTION.split(text)[1:]:
        found = re.match(r"([\d,]+)-document index", part)
        if found:
            sections[int(found.group(1).replace(",", ""))] = "## " + part.rstrip() + "\n"
    sections[size] = section
    out.write_text(title + "\n".join(sections[key] for key in sorted(sections)), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--new", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/dedup-bench"))
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "bench_check.md")
    parser.add_argument("--rebuild", action="store_true", help="Rebuild an existing index.")
    parser.add_argument("--build-only", action="store_true", help="Build the index and stop.")
    args = parser.parse_args(argv)
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    pool = generate.load_pool()
    docs = documents(args.size, work=work, pool=pool)
    new = commands.write_new_documents(
        work / f"check-new-{args.size}" / "new.jsonl", after=args.size, count=args.new, pool=pool
    )
    index = work / f"index-{args.size}.dedup"
    if args.rebuild or not index.exists():
        build = _build(docs, index, size=args.size)
    else:
        build = _build_note(index)
    if args.build_only:
        print(f"built {index}: {build}", file=sys.stderr)
        return 0
    size_mib = _size(index) / 2**20
    print("dedup check", file=sys.stderr)
    check, check_cpu, run = _median(
        [*DEDUP, "check", new, "--index", index, "--format", "json"], args.repeats
    )
    python, python_cpu, _ = _median([sys.executable, "-c", "pass"], args.repeats)
    cli, cli_cpu, _ = _median([*DEDUP, "--version"], args.repeats)
    failed = run.stdout.count('"status": "fail"')
    met = "met" if check <= TARGET_SECONDS else "not met"
    lines = [
        f"## {args.size:,}-document index",
        "",
        f"Command: `flock /tmp/dedup-bench.lock .venv/bin/python -m benchmarks.bench_check"
        f" --size {args.size} --new {args.new} --repeats {args.repeats}`,"
        f" {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        "",
        f"- index: {args.size:,} generated documents (`benchmarks/generate.py` v"
        f"{generate.GENERATOR_VERSION}, {pool.origin}); file {size_mib:,.0f} MiB"
        f" ({size_mib * 2**20 / args.size / 1024:,.1f} KiB per document)",
        f"- `dedup index add` (batches of 1,000): {build}",
        f"- `dedup check` of {args.new} new documents (next in the stream), end to end in a"
        f" child process: median {check:.2f} s of {args.repeats} (target ≤ {TARGET_SECONDS:.0f} s"
        f", {met}); peak RSS {run.peak_rss / 2**20:,.0f} MiB; exit {run.returncode},"
        f" {failed} failed",
        f"- CPU time (user + system, what a busy machine does not inflate): median"
        f" {check_cpu:.2f} s",
        f"- of which interpreter start (`python -c pass`): {python:.2f} s wall"
        f" ({python / check:.0%}), {python_cpu:.2f} s CPU; CLI start (`python -m dedup"
        f" --version`): {cli:.2f} s wall, {cli_cpu:.2f} s CPU; the check itself:"
        f" {check - cli:.2f} s wall, {check_cpu - cli_cpu:.2f} s CPU",
        f"- load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores",
        "",
    ]
    section = "\n".join(lines)
    _write_section(args.out, args.size, section)
    print(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
