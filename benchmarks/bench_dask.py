"""The Dask engine against the local engine on generated documents: time, peak memory, bytes.

    python -m benchmarks.bench_dask                       # 100k documents, parts of 8 and 32 MiB
    python -m benchmarks.bench_dask --size 10000 --part-mib 2,8 --out /tmp/dask.md

The local engine runs as `dedup cluster` in a child process (peak RSS of its tree). The Dask
engine runs on a LocalCluster of `--workers` single-threaded worker processes started here;
each worker's RSS is sampled from its process while the job runs, so the table shows the
peak per worker, next to the part size, and the client's own peak. Both write jsonl; the table
says whether the bytes are identical.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import psutil

from benchmarks import generate
from benchmarks.process import measure
from benchmarks.run import documents

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SECONDS = 0.1


@dataclass(frozen=True)
class DaskFigures:
    """One Dask run: wall time (without and with cluster start), peaks, parts and output."""

    part_mib: int
    parts: int
    seconds: float
    startup: float
    worker_peaks: tuple[int, ...]
    spilled: tuple[int, ...]  # bytes each worker wrote to its spill directory
    client_peak: int
    jsonl: bytes


def _say(message: str) -> None:
    print(f"bench_dask: {message}", file=sys.stderr, flush=True)


def run_dask(
    path: Path, *, workers: int, part_mib: int, worker_memory: str | None = None
) -> DaskFigures:
    """Cluster `path` on a fresh LocalCluster as `dedup cluster --engine dask` starts it (memory
    limit per worker `worker_memory`), sampling every worker's RSS."""
    from dedup.engines.dask_client import Runner, dask_module, local_cluster
    from dedup.engines.dask_engine import run_clustering
    from dedup.engines.partitions import plan_parts
    from dedup.render.clusters_json import render_clusters_jsonl

    distributed = dask_module("distributed")
    started = time.perf_counter()
    part_bytes = part_mib << 20
    with (
        local_cluster(workers=workers, worker_memory=worker_memory) as cluster,
        distributed.Client(cluster, set_as_default=False) as client,
    ):
        startup = time.perf_counter() - started
        pids = sorted(client.run(os.getpid).values())
        peaks = dict.fromkeys([*pids, os.getpid()], 0)
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                for pid in peaks:
                    try:
                        peaks[pid] = max(peaks[pid], psutil.Process(pid).memory_info().rss)
                    except psutil.Error:
                        continue
                done.wait(SAMPLE_SECONDS)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        begin = time.perf_counter()
        run = run_clustering(Runner(client, 60.0), [path], part_bytes=part_bytes)
        seconds = time.perf_counter() - begin
        done.set()
        sampler.join()
        written = client.run(_spilled_bytes)
    parts = len(plan_parts([path], part_bytes=part_bytes, count_lines=lambda ps: [1] * len(ps)))
    jsonl = render_clusters_jsonl(run.result).encode("utf-8")
    workers_peaks = tuple(peaks[pid] for pid in pids)
    spilled = tuple(int(written[address]) for address in sorted(written))
    return DaskFigures(
        part_mib, parts, seconds, startup, workers_peaks, spilled, peaks[os.getpid()], jsonl
    )


def _spilled_bytes(dask_worker: Any) -> float:
    """Bytes a worker has spilled to disk (Dask's own count)."""
    metrics = getattr(dask_worker.data, "cumulative_metrics", {})
    return float(metrics.get(("disk-write", "bytes"), 0.0))


def _mib(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB"


def _dask_child(
    path: Path, *, workers: int, part_mib: int, worker_memory: str | None, out: Path
) -> int:
    """The Dask run in this process: jsonl to `out`, figures as JSON on stdout."""
    figures = run_dask(path, workers=workers, part_mib=part_mib, worker_memory=worker_memory)
    out.write_bytes(figures.jsonl)
    record = {k: v for k, v in asdict(figures).items() if k != "jsonl"}
    sys.stdout.write(json.dumps(record) + "\n")
    return 0


def _dask_row(
    path: Path,
    *,
    workers: int,
    part_mib: int,
    worker_memory: str | None,
    work: Path,
    expected: bytes | None,
    timeout: float,
) -> str:
    """One Dask run in a child process (stopped past the shared machine's limits), as a row."""
    out = work / f"dask-bench-{path.stem}-{part_mib}.jsonl"
    out.unlink(missing_ok=True)
    child = measure(
        [
            sys.executable,
            "-m",
            "benchmarks.bench_dask",
            "--child",
            path,
            "--workers",
            str(workers),
            "--part-mib",
            str(part_mib),
            "--out",
            out,
            *(["--worker-memory", worker_memory] if worker_memory else []),
        ],
        cwd=ROOT,
        timeout=timeout,
    )
    label = f"| dask ({workers} workers, limit {worker_memory or 'auto'}) | {part_mib} MiB"
    if child.stopped or child.returncode != 0:
        why = child.stopped or (child.stderr.strip().splitlines() or ["?"])[-1][:120]
        return f"{label} | stopped: {why} | — | — | — | — | {_mib(child.peak_rss)} | — |"
    figures = json.loads(child.stdout)
    peaks = " / ".join(_mib(p) for p in figures["worker_peaks"])
    spilled = " / ".join(_mib(p) for p in figures["spilled"])
    same = "—" if expected is None else ("yes" if out.read_bytes() == expected else "NO")
    return (
        f"{label} × {figures['parts']} | {figures['seconds']:,.1f} s | {figures['startup']:,.1f} s "
        f"| {peaks} | {spilled} | {_mib(figures['client_peak'])} | {_mib(child.peak_rss)} "
        f"| {same} |"
    )


def _local_row(path: Path, *, work: Path, timeout: float) -> tuple[list[str], bytes | None]:
    """`dedup cluster` in a child process, as a row, and its jsonl (None if it was stopped)."""
    _say(f"local engine on {path} ({_mib(path.stat().st_size)})")
    local_out = work / f"dask-bench-local-{path.stem}.jsonl"
    local_out.unlink(missing_ok=True)
    local = measure(
        [
            sys.executable,
            "-m",
            "dedup",
            "cluster",
            path,
            "--format=jsonl",
            "--quiet",
            "--out",
            local_out,
        ],
        cwd=ROOT,
        timeout=timeout,
    )
    expected = local_out.read_bytes() if local.returncode == 0 and not local.stopped else None
    if expected is None:
        why = local.stopped or (local.stderr.strip().splitlines() or ["?"])[-1][:120]
        local_row = (
            f"| local (1 process) | — | stopped: {why} | — | — | — | — "
            f"| {_mib(local.peak_rss)} | — |"
        )
    else:
        local_row = (
            f"| local (1 process) | — | {local.seconds:,.1f} s | — | — | — | — "
            f"| {_mib(local.peak_rss)} | — |"
        )
    return [local_row], expected


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=100_000, help="generated documents")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--part-mib", default="8,32", help="part sizes to compare, in MiB")
    parser.add_argument(
        "--worker-memory", help="memory limit per worker, as `dedup --worker-memory` (2GiB)"
    )
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "dedup-bench")
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    parser.add_argument("--no-local", action="store_true", help="skip the local engine")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per run")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        return _dask_child(
            args.child,
            workers=args.workers,
            part_mib=int(args.part_mib),
            worker_memory=args.worker_memory,
            out=args.out,
        )
    path = documents(args.size, work=args.work, pool=generate.load_pool())
    rows: list[str] = []
    expected: bytes | None = None
    if not args.no_local:
        rows, expected = _local_row(path, work=args.work, timeout=args.timeout)
    for part_mib in [int(v) for v in args.part_mib.split(",")]:
        _say(f"dask, {args.workers} workers, parts of {part_mib} MiB")
        rows.append(
            _dask_row(
                path,
                workers=args.workers,
                part_mib=part_mib,
                worker_memory=args.worker_memory,
                work=args.work,
                expected=expected,
                timeout=args.timeout,
            )
        )
    table = "\n".join(
        [
            f"`python -m benchmarks.bench_dask {' '.join(argv or sys.argv[1:])}` "
            f"on {args.size:,} generated documents ({_mib(path.stat().st_size)} of jsonl), "
            f"{os.cpu_count()} cores:",
            "",
            "| engine | parts | time | cluster start | peak RSS per worker | spilled per worker "
            "| client peak RSS | peak RSS, whole tree | jsonl identical |",
            "|---|---|---|---|---|---|---|---|---|",
            *rows,
            "",
        ]
    )
    sys.stdout.write(table)
    if args.out:
        args.out.write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
