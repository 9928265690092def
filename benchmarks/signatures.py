"""Signatures per second on one core, text to signature, and Jaccard-estimate error.

Every method gets the same documents, word 5-gram shingles, 128 permutations, seed 1; timing
covers text → signature. The peers split lower-cased text on whitespace. dedup is timed twice:
with its own tokenizer, the one its pipeline uses (`dedup.scan`: words and figures as
`dedup.tokens.WORD` finds them, lowercased, hashed through the spelling table), which does more
than a split; and fed the peers' whitespace tokens, the like-for-like comparison.
Error is the mean absolute difference between each method's estimate and the exact Jaccard of
the shingle sets that method hashes, on pairs of the first `--accuracy-docs` documents (every
pair telling the same story, plus as many random pairs). Before each timing every method runs
on the next `--docs` documents of the file, so caches hold what a long run would hold. Run
pinned to one CPU:

    python -m benchmarks.signatures docs.jsonl --docs 2000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from collections.abc import Callable, Sequence
from itertools import combinations, pairwise
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.peers import NUM_PERM, SEED, SHINGLE, shingles, words
from dedup import shingles as shingles_module
from dedup import spellings
from dedup.minhash import jaccard, shingle_hashes, signatures, token_hashes
from dedup.scan import scan
from dedup.settings import MatchSettings
from dedup.spellings import token_values

MATCH = MatchSettings()

# Documents per call of dedup's batch form: enough to amortise numpy's per-call cost, small
# enough that the batch's arrays stay a few MB.
BATCH = 1000

Sign = Callable[[Sequence[str]], list[np.ndarray[Any, Any]]]


def dedup_shingles(docs: Sequence[str]) -> list[np.ndarray[Any, Any]]:
    """dedup's shingle hashes of a batch of texts, as `dedup.represent.represent_many` makes
    them (without the content terms' aggregation, which signatures do not need)."""
    scanned = scan(docs)
    values = token_values(scanned, min_rarity=MATCH.min_rarity, number_weight=MATCH.number_weight)
    bounds = scanned.docs.tolist()
    return [
        shingle_hashes(values.word_hash[first:last], n=SHINGLE) for first, last in pairwise(bounds)
    ]


def sign_dedup(docs: Sequence[str]) -> list[np.ndarray[Any, Any]]:
    rows: list[np.ndarray[Any, Any]] = []
    for start in range(0, len(docs), BATCH):
        batch = dedup_shingles(docs[start : start + BATCH])
        rows.extend(signatures(batch, num_perm=NUM_PERM, seed=SEED))
    return rows


def sign_dedup_whitespace(docs: Sequence[str]) -> list[np.ndarray[Any, Any]]:
    """dedup's hashing and signatures fed the peers' tokens (lower-cased whitespace split),
    token hashes from the cached SHA-1 of `dedup.shingles.token_hashes`: the like-for-like
    comparison of the MinHash code itself."""
    rows: list[np.ndarray[Any, Any]] = []
    for start in range(0, len(docs), BATCH):
        batch = [
            shingle_hashes(token_hashes(words(text)), n=SHINGLE)
            for text in docs[start : start + BATCH]
        ]
        rows.extend(signatures(batch, num_perm=NUM_PERM, seed=SEED))
    return rows


def sign_datasketch_update(docs: Sequence[str]) -> list[np.ndarray[Any, Any]]:
    from datasketch import MinHash

    rows = []
    for text in docs:
        sketch = MinHash(num_perm=NUM_PERM, seed=SEED)
        for shingle in shingles(text):
            sketch.update(shingle.encode("utf-8"))
        rows.append(sketch.hashvalues)
    return rows


def sign_datasketch_bulk(docs: Sequence[str]) -> list[np.ndarray[Any, Any]]:
    from datasketch import MinHash

    sets = [[s.encode("utf-8") for s in shingles(text)] for text in docs]
    return [m.hashvalues for m in MinHash.bulk(sets, num_perm=NUM_PERM, seed=SEED)]


def sign_rensa(docs: Sequence[str]) -> list[np.ndarray[Any, Any]]:
    from rensa import RMinHash

    rows = []
    for text in docs:
        sketch = RMinHash(num_perm=NUM_PERM, seed=SEED)
        sketch.update(shingles(text))
        rows.append(np.asarray(sketch.digest(), dtype=np.uint32))
    return rows


DEDUP = "dedup (numpy, batch)"
DEDUP_WHITESPACE = "dedup.minhash on whitespace tokens"
METHODS: dict[str, Sign] = {
    DEDUP: sign_dedup,
    DEDUP_WHITESPACE: sign_dedup_whitespace,
    "datasketch update() per shingle": sign_datasketch_update,
    "datasketch MinHash.bulk": sign_datasketch_bulk,
    "rensa RMinHash": sign_rensa,
}
# update() runs at ~100 docs/s: it is timed on a prefix so the run stays short.
SLOW = {"datasketch update() per shingle"}


def pairs(stories: Sequence[int], *, seed: int = 0) -> list[tuple[int, int]]:
    """Same-story pairs, then as many random other pairs, in a fixed order."""
    same = [(i, j) for i, j in combinations(range(len(stories)), 2) if stories[i] == stories[j]]
    rng = random.Random(seed)
    chosen = set(same)
    others: list[tuple[int, int]] = []
    attempts = 0
    while len(others) < max(len(same), 50) and attempts < 100_000:
        attempts += 1
        i, j = sorted(rng.sample(range(len(stories)), 2))
        if (i, j) not in chosen:
            chosen.add((i, j))
            others.append((i, j))
    return same + others


def exact_jaccard(a: set[Any], b: set[Any]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 1.0


def warm_up(name: str, sign: Sign, warmup: Sequence[str]) -> None:
    """Run a method on other documents first, as it would be mid-way through a corpus.

    For dedup this also decides what its spelling table holds: it is emptied, then filled
    from the warm-up documents only, so spellings first seen in the timed documents are hashed
    and judged while timed (steady state of a long run, not a table primed with the answers).
    """
    if name == DEDUP:
        spellings.clear()
    if name == DEDUP_WHITESPACE:
        shingles_module._cache.clear()
    sign(warmup)


def measure(
    docs: Sequence[str],
    stories: Sequence[int],
    *,
    warmup: Sequence[str],
    slow_docs: int,
    accuracy_docs: int,
    repeats: int,
) -> dict[str, Any]:
    """Throughput and error of every method; the best of `repeats` timings (shared machines)."""
    accuracy = min(accuracy_docs, slow_docs, len(docs))
    chosen = pairs(stories[:accuracy])
    peer_sets = [set(shingles(text)) for text in docs[:accuracy]]
    own_sets = [set(row.tolist()) for row in dedup_shingles(docs[:accuracy])]
    exact = [exact_jaccard(peer_sets[i], peer_sets[j]) for i, j in chosen]
    own_exact = [exact_jaccard(own_sets[i], own_sets[j]) for i, j in chosen]
    results: dict[str, Any] = {
        "docs": len(docs),
        "slow_docs": min(slow_docs, len(docs)),
        "warmup_docs": len(warmup),
        "pairs": len(chosen),
        "mean_exact": float(np.mean(exact)) if exact else 0.0,
        "mean_exact_dedup": float(np.mean(own_exact)) if own_exact else 0.0,
        "methods": {},
    }
    # Repeats go round the methods in turn, so a burst of load from other processes on a
    # shared machine lands on every method alike instead of on whichever ran at that moment.
    best = dict.fromkeys(METHODS, float("inf"))
    rows: dict[str, list[np.ndarray[Any, Any]]] = {}
    for _ in range(repeats):
        for name, sign in METHODS.items():
            subset = docs[: results["slow_docs"]] if name in SLOW else docs
            warm_up(name, sign, warmup[: len(subset)])
            start = time.perf_counter()
            rows[name] = sign(subset)
            best[name] = min(best[name], time.perf_counter() - start)
    for name in METHODS:
        estimates = [jaccard(rows[name][i], rows[name][j]) for i, j in chosen]
        truth = own_exact if name == DEDUP else exact
        error = float(np.mean(np.abs(np.subtract(estimates, truth)))) if truth else 0.0
        count = len(rows[name])
        results["methods"][name] = {
            "docs": count,
            "seconds": best[name],
            "docs_per_second": count / best[name],
            "mean_abs_error": error,
        }
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Signature throughput on one core.")
    parser.add_argument("path", type=Path)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--slow-docs", type=int, default=200)
    parser.add_argument("--accuracy-docs", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    docs: list[str] = []
    stories: list[int] = []
    with args.path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            docs.append(str(record["text"]))
            stories.append(int(record.get("story", len(stories))))
            if len(docs) == 2 * args.docs:
                break
    # The timed documents come first; the ones after them warm the methods up.
    timed = min(args.docs, max(1, len(docs) // 2))
    result = measure(
        docs[:timed],
        stories[:timed],
        warmup=docs[timed:],
        slow_docs=args.slow_docs,
        accuracy_docs=args.accuracy_docs,
        repeats=args.repeats,
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
