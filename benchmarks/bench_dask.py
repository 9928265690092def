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
import logging
import os
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

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
    client_peak: int
    jsonl: bytes


def _say(message: str) -> None:
    print(f"bench_dask: {message}", file=sys.stderr, flush=True)


def run_dask(path: Path, *, workers: int, part_mib: int) -> DaskFigures:
    """Cluster `path` on a fresh LocalCluster, sampling every worker's RSS."""
    import distributed

    from dedup.engines.dask_client import Runner
    from dedup.engines.dask_engine import run_clustering
    from dedup.engines.partitions import plan_parts
    from dedup.render.clusters_json import render_clusters_jsonl

    started = time.perf_counter()
    cluster = distributed.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=":0",
        silence_logs=logging.CRITICAL,
    )
    with cluster, distributed.Client(cluster, set_as_default=False) as client:
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
        part_bytes = part_mib << 20
        run = run_clustering(Runner(client, 60.0), [path], part_bytes=part_bytes)
        seconds = time.perf_counter() - begin
        done.set()
        sampler.join()
    parts = len(plan_parts([path], part_bytes=part_bytes, count_lines=lambda ps: [1] * len(ps)))
    jsonl = render_clusters_jsonl(run.result).encode("utf-8")
    workers_peaks = tuple(peaks[pid] for pid in pids)
    return DaskFigures(part_mib, parts, seconds, startup, workers_peaks, peaks[os.getpid()], jsonl)


def _mib(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=100_000, help="generated documents")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--part-mib", default="8,32", help="part sizes to compare, in MiB")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "dedup-bench")
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)
    path = documents(args.size, work=args.work, pool=generate.load_pool())
    _say(f"local engine on {args.size:,} documents ({_mib(path.stat().st_size)})")
    local_out = args.work / f"dask-bench-local-{args.size}.jsonl"
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
    )
    if local.returncode != 0 or local.stopped:
        raise SystemExit(f"local engine failed: {local.stopped or local.stderr[-500:]}")
    expected = local_out.read_bytes()
    rows = [
        f"| local (1 process) | — | {local.seconds:,.1f} s | — | {_mib(local.peak_rss)} (process)"
        " | — | — |"
    ]
    for part_mib in [int(v) for v in args.part_mib.split(",")]:
        _say(f"dask, {args.workers} workers, parts of {part_mib} MiB")
        figures = run_dask(path, workers=args.workers, part_mib=part_mib)
        peaks = " / ".join(_mib(p) for p in figures.worker_peaks)
        same = "yes" if figures.jsonl == expected else "NO"
        rows.append(
            f"| dask ({args.workers} workers) | {part_mib} MiB × {figures.parts} "
            f"| {figures.seconds:,.1f} s | {figures.startup:,.1f} s | {peaks} "
            f"| {_mib(figures.client_peak)} | {same} |"
        )
    table = "\n".join(
        [
            f"`python -m benchmarks.bench_dask --size {args.size} --part-mib {args.part_mib}` "
            f"on {args.size:,} generated documents ({_mib(path.stat().st_size)} of jsonl), "
            f"{os.cpu_count()} cores:",
            "",
            "| engine | parts | time | cluster start | peak RSS per worker | client peak RSS "
            "| jsonl identical |",
            "|---|---|---|---|---|---|---|",
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
