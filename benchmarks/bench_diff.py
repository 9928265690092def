"""`dedup diff` speed: two ~1,500-word same-event articles, interpreter start and imports excluded.

    .venv/bin/python -m benchmarks.bench_diff [--repeats 30] [--out benchmarks/bench_diff.md]

The two articles are built from real text: ECB+ documents of one event (corpus/ecbplus),
alternated between the sides until each has 1,500 words. One warm-up run loads what loads
lazily (wordfreq's table); then the median and the slowest of `--repeats` runs of
`build_diff` are reported, with `extract_facts` per article alone for the clusterer's sake.
Target: diff median ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import time
from collections import defaultdict
from pathlib import Path

from dedup.article import Article
from dedup.clean import clean_article
from dedup.diff import build_diff
from dedup.factcheck import extract_facts
from dedup.memory import forget_all

ROOT = Path(__file__).resolve().parent.parent
ECB = ROOT / "corpus" / "ecbplus" / "documents.jsonl"
WORDS = 1500


def _first_words(text: str, count: int) -> str:
    """The text up to its `count`-th word, paragraphs kept."""
    ends = [match.end() for match in re.finditer(r"\S+", text)]
    return text[: ends[min(count, len(ends)) - 1]]


def articles() -> tuple[Article, Article]:
    """Two articles of about WORDS words each, from the ECB+ event with the most text."""
    by_event: dict[str, list[str]] = defaultdict(list)
    with ECB.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            by_event[str(record["cluster"])].append(record["text"])
    event = max(sorted(by_event), key=lambda key: sum(len(t.split()) for t in by_event[key]))
    sides: list[list[str]] = [[], []]
    for index, text in enumerate(by_event[event]):
        side = sides[index % 2]
        if sum(len(t.split()) for t in side) < WORDS:
            side.append(text)
    left, right = ("\n\n".join(side) for side in sides)
    clip = [_first_words(text, WORDS) for text in (left, right)]
    return (
        clean_article(Article(id="left", text=clip[0], published="2013-01-01")),
        clean_article(Article(id="right", text=clip[1], published="2013-01-01")),
    )


def _timed(function: object, repeats: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds per run (CPU time is what a busy machine does not inflate),
    each run with the process's memories of sentences and reports emptied first, so that a
    repeat is timed as a first diff of that pair, not as a recall of the last one."""
    wall, cpu = [], []
    for _ in range(repeats):
        forget_all()
        start, start_cpu = time.perf_counter(), time.process_time()
        function()  # type: ignore[operator]
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "bench_diff.md")
    args = parser.parse_args()
    left, right = articles()
    build_diff(left, right)  # warm-up: lazy tables
    diff, diff_cpu = _timed(lambda: build_diff(left, right), args.repeats)
    facts, _ = _timed(lambda: extract_facts(left), args.repeats)
    report = build_diff(left, right)
    lines = [
        "# `dedup diff` benchmark",
        "",
        "Command: `.venv/bin/python -m benchmarks.bench_diff`"
        f" (repeats {args.repeats}, interpreter start and imports excluded)",
        "",
        f"- articles: {len(left.text.split())} and {len(right.text.split())} words, "
        f"{len(report.left.sentences)} and {len(report.right.sentences)} sentences "
        "(ECB+ documents of one event)",
        f"- `build_diff` (facts, alignment, word diffs, discrepancies, relation): median "
        f"{statistics.median(diff):.1f} ms wall ({statistics.median(diff_cpu):.1f} ms CPU), "
        f"slowest {max(diff):.1f} ms (target ≤ 100 ms)",
        f"- load average while measuring: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores",
        f"- `extract_facts` on one article: median {statistics.median(facts):.1f} ms",
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
