"""Sentence alignment against ECB+ cross-document event coreference, in one process.

Run: .venv/bin/python -m evaluation.alignment [--errors] [--concatenate K]
Reproduces the figures of `../shared/tools/ecb_alignment.py` (which spawns `dedup diff --format
json` per pair) by calling the same reading, cleaning, segmenting and aligning functions
directly: the same sample of gold pairs (both sides with at least two annotated sentences, not
just first-with-first, `--per-event` per event), the same rule for a row covering a line, the
same precision, recall and F1. Reads ../shared/data/ecbplus (CC BY 3.0).

  precision  aligned pairs (both sentences annotated) that the gold links
  recall     annotated sentences with a gold partner aligned to one of them
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dedup.align import Alignment, Row, align_sentences
from dedup.clean import clean_article
from dedup.read import read_paths
from dedup.segment import split_sentences
from dedup.settings import AlignSettings

ECB = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ecbplus"
ALIGNED = {"same", "changed", "moved"}
_NOT_ALNUM = re.compile(r"[^0-9a-z]")

Gold = dict[str, Any]
Link = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Scores:
    """Counts behind precision and recall, and the figures themselves."""

    pairs: int
    true_links: int
    predicted_links: int
    found: int
    needed: int

    @property
    def precision(self) -> float:
        """Share of predicted links between annotated lines that the gold holds."""
        return self.true_links / self.predicted_links if self.predicted_links else 0.0

    @property
    def recall(self) -> float:
        """Share of annotated lines with a gold partner that are aligned to one of them."""
        return self.found / self.needed if self.needed else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _norm(text: str) -> str:
    return _NOT_ALNUM.sub("", text.lower())


def _covers(row_text: str, line: str) -> bool:
    row, wanted = _norm(row_text), _norm(line)
    if not row or not wanted:
        return False
    return wanted in row or (len(row) >= 15 and row in wanted)


def sample(gold: Sequence[Gold], *, per_event: int) -> list[Gold]:
    """The scorer's sample: hard pairs, spread evenly over each event's sorted pairs."""
    by_event: dict[str, list[Gold]] = defaultdict(list)
    for g in gold:
        hard = min(len(g["left_annotated"]), len(g["right_annotated"])) >= 2
        if hard and not all(i == j for i, j in g["pairs"]):
            by_event[g["cluster"]].append(g)
    chosen: list[Gold] = []
    for event in sorted(by_event):
        rows = sorted(by_event[event], key=lambda g: (g["left"], g["right"]))
        step = max(1, len(rows) // per_event)
        chosen += rows[::step][:per_event]
    return chosen


def predicted_links(
    alignment: Alignment,
    sentences: tuple[Sequence[str], Sequence[str]],
    lines: tuple[Sequence[str], Sequence[str]],
    g: Gold,
) -> set[Link]:
    """(left line, right line) pairs of annotated lines that an aligned row covers."""
    links: set[Link] = set()
    for row in alignment.rows:
        if row.op not in ALIGNED:
            continue
        left_text = " ".join(sentences[0][i] for i in row.left)
        right_text = " ".join(sentences[1][j] for j in row.right)
        ls = [i for i in g["left_annotated"] if _covers(left_text, lines[0][i])]
        rs = [j for j in g["right_annotated"] if _covers(right_text, lines[1][j])]
        links |= {(i, j) for i in ls for j in rs}
    return links


def load(data: Path = ECB, *, per_event: int = 4) -> tuple[list[Gold], dict[str, list[str]]]:
    """The sampled gold pairs and, per document, its lines and then its cleaned sentences."""
    lines: dict[str, list[str]] = {}
    with (data / "documents.jsonl").open(encoding="utf-8") as handle:
        for raw in handle:
            record = json.loads(raw)
            lines[record["id"]] = record["text"].split("\n")
    with (data / "alignment-gold.jsonl").open(encoding="utf-8") as handle:
        gold = sample([json.loads(raw) for raw in handle], per_event=per_event)
    return gold, lines


def sentences_of(doc_ids: set[str], lines: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each document's sentences as `dedup diff` sees them: a .txt file, read and cleaned."""
    found: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for doc_id in sorted(doc_ids):
            path = Path(folder) / f"{doc_id}.txt"
            path.write_text("\n".join(lines[doc_id]) + "\n", encoding="utf-8")
            (article,) = [clean_article(a) for a in read_paths([path])]
            found[doc_id] = [s.text for s in split_sentences(article.text)]
    return found


def evaluate(
    gold: Sequence[Gold],
    lines: dict[str, list[str]],
    sentences: dict[str, list[str]],
    *,
    settings: AlignSettings,
) -> tuple[Scores, list[tuple[Gold, set[Link]]]]:
    """The scores over the gold pairs, and each pair's predicted links."""
    counts = [0, 0, 0, 0]
    details = []
    for g in gold:
        left, right = sentences[g["left"]], sentences[g["right"]]
        alignment = align_sentences(left, right, settings=settings, with_word_diff=False)
        pred = predicted_links(alignment, (left, right), (lines[g["left"]], lines[g["right"]]), g)
        _count(counts, pred, g)
        details.append((g, pred))
    return Scores(len(gold), *counts), details


def _count(counts: list[int], pred: set[Link], g: Gold) -> None:
    """Add one pair's true links, predicted links, found and needed sentences to `counts`."""
    gset = {(int(i), int(j)) for i, j in g["pairs"]}
    counts[0] += len(pred & gset)
    counts[1] += len(pred)
    for side in (0, 1):
        for s in {p[side] for p in gset}:
            counts[3] += 1
            counts[2] += any(p[side] == s for p in pred & gset)


def concatenated(
    gold: Sequence[Gold],
    lines: dict[str, list[str]],
    sentences: dict[str, list[str]],
    *,
    size: int,
    settings: AlignSettings,
) -> Scores:
    """The scores when the pairs are aligned `size` at a time as two long reports.

    The left reports of `size` pairs (one pair of each event: the first of every event, then the
    second...) are joined into one report, their right reports into another, in the same order;
    each pair is then scored on the rows within its own two stretches, as if aligned alone.
    """
    rank: dict[str, int] = defaultdict(int)
    ordered: list[tuple[int, int, Gold]] = []
    for g in gold:
        ordered.append((rank[g["cluster"]], len(ordered), g))
        rank[g["cluster"]] += 1
    rounds = [g for _, _, g in sorted(ordered, key=lambda item: item[:2])]
    counts = [0, 0, 0, 0]
    for first in range(0, len(rounds), size):
        chunk = rounds[first : first + size]
        offsets = []
        left: list[str] = []
        right: list[str] = []
        for g in chunk:
            offsets.append((len(left), len(right)))
            left += sentences[g["left"]]
            right += sentences[g["right"]]
        alignment = align_sentences(left, right, settings=settings, with_word_diff=False)
        for (a, b), g in zip(offsets, chunk, strict=True):
            ours, theirs = sentences[g["left"]], sentences[g["right"]]
            rows = []
            for row in alignment.rows:
                mine = tuple(i - a for i in row.left if a <= i < a + len(ours))
                their = tuple(j - b for j in row.right if b <= j < b + len(theirs))
                if row.op in ALIGNED and mine and their:
                    rows.append(Row(row.op, mine, their, row.score))
            part = Alignment(tuple(rows), len(ours), len(theirs))
            pair_lines = (lines[g["left"]], lines[g["right"]])
            _count(counts, predicted_links(part, (ours, theirs), pair_lines, g), g)
    return Scores(len(gold), *counts)


def _print_errors(details: list[tuple[Gold, set[Link]]], lines: dict[str, list[str]]) -> None:
    for g, pred in details:
        gset = {(int(i), int(j)) for i, j in g["pairs"]}
        wrong, missed = sorted(pred - gset), sorted(gset - pred)
        if not wrong and not missed:
            continue
        left, right = lines[g["left"]], lines[g["right"]]
        print(f"\n== {g['left']} ↔ {g['right']}")
        for tag, links in (("FALSE", wrong), ("MISSED", missed)):
            for i, j in links:
                print(f"  {tag} L{i} {left[i][:110]!r}\n         R{j} {right[j][:110]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--per-event", type=int, default=4)
    parser.add_argument("--errors", action="store_true", help="print false and missed links")
    parser.add_argument(
        "--concatenate",
        type=int,
        metavar="K",
        help="align the pairs K at a time as two long reports, in blocks and every pair scored",
    )
    args = parser.parse_args()
    gold, lines = load(per_event=args.per_event)
    sentences = sentences_of({g["left"] for g in gold} | {g["right"] for g in gold}, lines)
    if args.concatenate:
        for label, settings in (("blocks", AlignSettings()), ("every pair", _EVERY_PAIR)):
            found = concatenated(gold, lines, sentences, size=args.concatenate, settings=settings)
            print(label, json.dumps(_figures(found)))
        return
    start = time.perf_counter()
    scores, details = evaluate(gold, lines, sentences, settings=AlignSettings())
    elapsed = time.perf_counter() - start
    if args.errors:
        _print_errors(details, lines)
    print(json.dumps(_figures(scores)), f"(alignment {elapsed:.1f} s)")


# Every pair scored however long the reports (no blocks), for comparison.
_EVERY_PAIR = AlignSettings(exact_pairs=10**12)


def _figures(scores: Scores) -> dict[str, float]:
    return {
        "pairs": scores.pairs,
        "precision": round(scores.precision, 3),
        "recall": round(scores.recall, 3),
        "f1": round(scores.f1, 3),
    }


if __name__ == "__main__":
    main()
