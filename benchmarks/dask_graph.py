"""What building the Dask engine's verification graph costs the client, by part count.

    python -m benchmarks.dask_graph 27 60 120

Builds the graph of `dedup.engines.dask_pairs.verify_blocks` for every block of `width` parts
(the worst case: every pair of parts has candidate pairs) over placeholder tasks, without
running it: the time is dask's own, walking the graph behind each call's arguments.
"""

from __future__ import annotations

import argparse
import time
from typing import Any


def _task(*args: Any, **kwargs: Any) -> None:
    """Never run."""


def build_seconds(width: int) -> tuple[float, float]:
    """Seconds to build the extracts' calls and the verification calls for `width` parts."""
    import dask

    delayed = dask.delayed
    prepared = [delayed(_task, pure=True)(part) for part in range(width)]
    blocks = [delayed(_task, nout=width, pure=True)(part) for part in range(width)]
    started = time.perf_counter()
    extracts = [
        delayed(_task, nout=width)(prepared[b], [blocks[a][b] for a in range(width)], part=b)
        for b in range(width)
    ]
    built = time.perf_counter()
    for a in range(width):
        for b in range(width):
            delayed(_task)(prepared[a], blocks[a][b], None if a == b else extracts[b][a])
    return built - started, time.perf_counter() - built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("widths", nargs="*", type=int, default=[27, 60, 120])
    args = parser.parse_args(argv)
    print("| parts | extracts | verification calls | total |")
    print("|---|---|---|---|")
    for width in args.widths:
        extracts, calls = build_seconds(width)
        print(f"| {width} | {extracts:.2f} s | {calls:.2f} s | {extracts + calls:.2f} s |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
