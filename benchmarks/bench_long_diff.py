"""`dedup diff` of two 50,000-word reports: time and memory of the whole process (issue 17).

    .venv/bin/python -m benchmarks.bench_long_diff [--words 50000] [--repeats 3]
        [--out benchmarks/bench_long_diff.md]

Two cases, each written to .txt files and diffed by `dedup diff A B --format json` in a child
process (interpreter start, imports, reading, facts, alignment, discrepancies and the JSON
output included):

- digests: the ECB+ sample's reports (corpus/ecbplus), events in order, each event's reports
  alternately on the left and the right, until each side has `--words` words: two long texts
  that tell the same stories in other words;
- revision: the left digest against an edited copy of itself: every tenth sentence dropped,
  every seventh figure changed, and the first five paragraphs moved to the end.

Reported per case: the median and slowest wall time, the median CPU time (user + system, which a
busy machine does not inflate), the largest peak RSS, and the stages of `build_diff` timed in
this process. Target: ≤ 10 s and ≤ 500 MiB.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from benchmarks.process import measure
from dedup.align import align_sentences
from dedup.article import Article
from dedup.clean import clean_article
from dedup.diff import build_diff
from dedup.factcheck import extract_facts

ROOT = Path(__file__).resolve().parent.parent
ECB = ROOT / "corpus" / "ecbplus" / "documents.jsonl"
DEDUP = [sys.executable, "-m", "dedup"]
_FIGURE = re.compile(r"\b\d+\b")


def _first_words(paragraphs: list[str], count: int) -> str:
    """The paragraphs up to the `count`-th word, the last one cut there."""
    kept: list[str] = []
    total = 0
    for paragraph in paragraphs:
        words = paragraph.split()
        if total + len(words) >= count:
            kept.append(" ".join(words[: count - total]))
            break
        kept.append(paragraph)
        total += len(words)
    return "\n\n".join(kept)


def digests(words: int) -> tuple[str, str]:
    """Two long reports: the ECB+ reports of each event alternately left and right."""
    by_event: dict[str, list[str]] = defaultdict(list)
    with ECB.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            by_event[str(record["cluster"])].append(record["text"])
    sides: tuple[list[str], list[str]] = ([], [])
    while min(sum(len(p.split()) for p in side) for side in sides) < words:
        # Past the sample's end the events come round again, so any length can be made.
        for event in sorted(by_event):
            for k, text in enumerate(by_event[event]):
                sides[k % 2].extend(p for p in text.split("\n") if p.strip())
    return _first_words(sides[0], words), _first_words(sides[1], words)


def revision(text: str) -> str:
    """An edited copy: sentences dropped, figures changed, the first paragraphs moved."""
    paragraphs = text.split("\n\n")
    paragraphs = paragraphs[5:] + paragraphs[:5]
    edited, sentence, figure = [], 0, 0
    for paragraph in paragraphs:
        kept = []
        for part in re.split(r"(?<=[.!?])\s+", paragraph):
            sentence += 1
            if sentence % 10:
                kept.append(part)
        changed = []
        for piece in re.split(r"(\b\d+\b)", " ".join(kept)):
            if _FIGURE.fullmatch(piece):
                figure += 1
                piece = str(int(piece) + 1) if figure % 7 == 0 else piece
            changed.append(piece)
        if kept:
            edited.append("".join(changed))
    return "\n\n".join(edited)


def _stages(left_text: str, right_text: str) -> dict[str, float]:
    """CPU seconds of each stage of `build_diff`, in this process (vectors loaded before)."""
    left = clean_article(Article(id="left", text=left_text))
    right = clean_article(Article(id="right", text=right_text))
    align_sentences(["Warm up the vectors."], ["Warm up."])
    times: dict[str, float] = {}
    start = time.process_time()
    left_facts, right_facts = extract_facts(left), extract_facts(right)
    times["facts (both)"] = time.process_time() - start
    sentences = [tuple(s.text for s in f.sentences) for f in (left_facts, right_facts)]
    start = time.process_time()
    align_sentences(*sentences)
    times["alignment"] = time.process_time() - start
    start = time.process_time()
    build_diff(left, right, left_facts=left_facts, right_facts=right_facts)
    times["build_diff given the facts"] = time.process_time() - start
    times["sentences"] = float(len(sentences[0]) + len(sentences[1]))
    return times


def _case(name: str, left: str, right: str, repeats: int, folder: Path) -> list[str]:
    paths = folder / f"{name}-a.txt", folder / f"{name}-b.txt"
    for path, text in zip(paths, (left, right), strict=True):
        path.write_text(text + "\n", encoding="utf-8")
    walls, cpus, peaks = [], [], []
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        run = measure([*DEDUP, "diff", *paths, "--format", "json"], cwd=ROOT)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if run.returncode != 0:
            raise SystemExit(f"dedup diff failed: {run.stderr.strip()}")
        walls.append(run.seconds)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        peaks.append(run.peak_rss)
    stages = _stages(left, right)
    sentences = int(stages.pop("sentences"))
    parts = ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in stages.items())
    return [
        f"- {name}: {len(left.split()):,} and {len(right.split()):,} words, {sentences:,} "
        f"sentences in all: median {statistics.median(walls):.2f} s wall "
        f"(slowest {max(walls):.2f} s), {statistics.median(cpus):.2f} s CPU, "
        f"peak RSS {max(peaks) / 2**20:.0f} MiB",
        f"  - in-process CPU: {parts}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "bench_long_diff.md")
    args = parser.parse_args(argv)
    left, right = digests(args.words)
    lines = [
        "# `dedup diff` of two long reports",
        "",
        f"Command: `.venv/bin/python -m benchmarks.bench_long_diff` (--words {args.words}, "
        f"--repeats {args.repeats}); `dedup diff A B --format json` in a child process, "
        "start-up included. Target: ≤ 10 s and ≤ 500 MiB.",
        "",
    ]
    with tempfile.TemporaryDirectory() as folder:
        lines += _case("digests", left, right, args.repeats, Path(folder))
        lines += _case("revision", left, revision(left), args.repeats, Path(folder))
    lines += [
        f"- load average while measuring: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores",
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
