"""Where dedup's signature time goes, stage by stage, as a markdown table.

    python -m benchmarks.stages /tmp/dedup-bench/docs-10000-v1-gva.jsonl

Times the first `--docs` documents; the token cache is emptied and warmed on the next `--docs`
before each repeat (the steady state of a long run); best of `--repeats` per stage.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

from benchmarks.peers import NUM_PERM, SEED, SHINGLE
from benchmarks.signatures import BATCH, MATCH
from dedup import spellings
from dedup.minhash import shingle_hashes, signatures
from dedup.scan import scan
from dedup.spellings import token_values

STAGES = (
    "`scan` (UTF-32 code points, class table, runs, spelling keys by prefix sums)",
    "`token_values` (distinct keys, spelling table look-up, new spellings hashed and judged)",
    "`shingle_hashes` (5-gram multiply-accumulate, sort, distinct)",
    "`signatures` (fmix32, `a·h + b` into a reused buffer, `minimum.reduceat`)",
)


def _batches(texts: list[str]) -> list[list[str]]:
    return [texts[start : start + BATCH] for start in range(0, len(texts), BATCH)]


def print_table(stages: Sequence[str], seconds: Sequence[float], *, documents: int) -> None:
    """Each stage's µs a document and share of the total, as markdown."""
    total = sum(seconds)
    print("| stage | µs/doc | share |\n|---|---:|---:|")
    for stage, value in zip(stages, seconds, strict=True):
        print(f"| {stage} | {value * 1e6 / documents:.1f} | {value / total:.0%} |")
    print(f"| total | {total * 1e6 / documents:.1f} | 100% |")


def time_stages(timed: list[str], warmup: list[str], *, repeats: int) -> list[float]:
    """Best seconds per stage over `repeats`."""
    best = [float("inf")] * len(STAGES)
    settings = {"min_rarity": MATCH.min_rarity, "number_weight": MATCH.number_weight}
    for _ in range(repeats):
        spellings.clear()
        for batch in _batches(warmup):
            token_values(scan(batch), **settings)
        marks = [time.perf_counter()]
        scanned = [scan(batch) for batch in _batches(timed)]
        marks.append(time.perf_counter())
        values = [token_values(s, **settings) for s in scanned]
        marks.append(time.perf_counter())
        shingled = [
            shingle_hashes(v.word_hash[first:last], n=SHINGLE)
            for s, v in zip(scanned, values, strict=True)
            for first, last in pairwise(s.docs.tolist())
        ]
        marks.append(time.perf_counter())
        for start in range(0, len(shingled), BATCH):
            signatures(shingled[start : start + BATCH], num_perm=NUM_PERM, seed=SEED)
        marks.append(time.perf_counter())
        best = [min(b, marks[i + 1] - marks[i]) for i, b in enumerate(best)]
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time each stage of dedup's signatures.")
    parser.add_argument("path", type=Path)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    texts: list[str] = []
    with args.path.open(encoding="utf-8") as lines:
        for line in lines:
            texts.append(str(json.loads(line)["text"]))
            if len(texts) == 2 * args.docs:
                break
    timed, warmup = texts[: args.docs], texts[args.docs :]
    seconds = time_stages(timed, warmup, repeats=args.repeats)
    tokens = sum(int(s.starts.size) for s in map(scan, _batches(timed))) / len(timed)
    print(f"{len(timed):,} documents, {tokens:.0f} tokens each on average\n")
    print_table(STAGES, seconds, documents=len(timed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
