"""How much page junk cleaning removes from the gva dev set, with a sample to spot-check.

Run: .venv/bin/python -m evaluation.junk [--sample N]
Reads ../shared/data/gva/documents.jsonl (research-only; never copied into the project).
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

from dedup.clean import classify_line, clean_article
from dedup.read import read_paths

GVA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "gva" / "documents.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=int, default=40, help="removed lines to print")
    args = parser.parse_args()
    articles = [a for a in read_paths([GVA]) if not a.extra.get("likely_junk")]
    cleaned = [clean_article(a) for a in articles]
    touched = [a for a in cleaned if a.removed]
    kinds = Counter(classify_line(line) or "stray heading" for a in cleaned for line in a.removed)
    lines = sum(len(a.removed) for a in cleaned)
    print(f"clean gva articles: {len(articles)}")
    print(f"articles with junk removed: {len(touched)} ({len(touched) / len(articles):.1%})")
    print(f"junk lines removed: {lines}")
    for kind, count in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {kind}: {count}")
    rng = random.Random(0)
    sample = rng.sample([(a.id, line) for a in touched for line in a.removed], k=args.sample)
    print(f"\nrandom sample of {args.sample} removed lines (seed 0):")
    for doc_id, line in sample:
        print(f"  {doc_id[:8]}  {line[:110]!r}")


if __name__ == "__main__":
    main()
