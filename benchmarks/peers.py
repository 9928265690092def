"""The peer scripts dedup is measured against: plain near-duplicate clustering as people write it.

Word 5-gram MinHash (128 permutations), LSH at threshold 0.8, union-find over every candidate
pair. `datasketch` uses datasketch's MinHash and MinHashLSH; `rensa` the same script with
rensa's RMinHash and RMinHashLSH (bands as datasketch picks them for 0.8). Run one per process
so time and peak memory are its own:

    python -m benchmarks.peers datasketch docs.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

NUM_PERM = 128
THRESHOLD = 0.8
SHINGLE = 5
SEED = 1


def words(text: str) -> list[str]:
    """The tokenizer every benchmarked method shares: lower-cased whitespace split."""
    return text.lower().split()


def shingles(text: str, *, n: int = SHINGLE) -> list[str]:
    """Word n-gram strings; a text shorter than n gives one shingle of all its words."""
    tokens = words(text)
    if len(tokens) < n:
        return [" ".join(tokens)] if tokens else []
    return [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


def texts(path: Path) -> Iterator[str]:
    """The `text` of each JSON line."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            yield str(json.loads(line)["text"])


class UnionFind:
    """Disjoint sets over 0..n-1 with path halving."""

    def __init__(self) -> None:
        self.parent: list[int] = []

    def add(self) -> None:
        self.parent.append(len(self.parent))

    def find(self, item: int) -> int:
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)

    def groups(self) -> int:
        """Clusters with at least two members."""
        sizes: dict[int, int] = {}
        for item in range(len(self.parent)):
            root = self.find(item)
            sizes[root] = sizes.get(root, 0) + 1
        return sum(1 for size in sizes.values() if size > 1)


def run_datasketch(path: Path) -> UnionFind:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    sketches = []
    found = UnionFind()
    for key, text in enumerate(texts(path)):
        sketch = MinHash(num_perm=NUM_PERM, seed=SEED)
        sketch.update_batch([s.encode("utf-8") for s in shingles(text)])
        lsh.insert(key, sketch)
        sketches.append(sketch)
        found.add()
    for key, sketch in enumerate(sketches):
        for other in lsh.query(sketch):
            found.union(key, other)
    return found


def rensa_bands() -> int:
    """Bands for rensa (which needs a divisor of num_perm): datasketch's error-weighted choice.

    datasketch's own optimum for 0.8 and 128 is 9 bands of 13 rows, which rensa refuses;
    among divisors, 8 bands of 16 rows has the smallest false positive + negative weight.
    """
    from datasketch.lsh import _false_negative_probability, _false_positive_probability

    def weight(bands: int) -> float:
        rows = NUM_PERM // bands
        false_pos = _false_positive_probability(THRESHOLD, bands, rows)
        return float(0.5 * false_pos + 0.5 * _false_negative_probability(THRESHOLD, bands, rows))

    return min((b for b in range(1, NUM_PERM + 1) if NUM_PERM % b == 0), key=weight)


def run_rensa(path: Path) -> UnionFind:
    from rensa import RMinHash, RMinHashLSH

    lsh = RMinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, num_bands=rensa_bands())
    sketches = []
    found = UnionFind()
    for key, text in enumerate(texts(path)):
        sketch = RMinHash(num_perm=NUM_PERM, seed=SEED)
        sketch.update(shingles(text))
        lsh.insert(key, sketch)
        sketches.append(sketch)
        found.add()
    for key, sketch in enumerate(sketches):
        for other in lsh.query(sketch):
            found.union(key, other)
    return found


PEERS = {"datasketch": run_datasketch, "rensa": run_rensa}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run one peer clustering script.")
    parser.add_argument("peer", choices=sorted(PEERS))
    parser.add_argument("path", type=Path)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    found = PEERS[args.peer](args.path)
    seconds = time.perf_counter() - start
    result = {"docs": len(found.parent), "clusters": found.groups(), "seconds": seconds}
    print(json.dumps(result), file=sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
