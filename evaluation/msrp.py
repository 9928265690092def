"""How often `dedup diff` flags a figure or date discrepancy on MSRP sentence pairs.

Run: .venv/bin/python -m evaluation.msrp
Reads the MSRP training file in ../shared/data/msrp/ (non-commercial research only; never copied
into the project). Each pair becomes two one-sentence articles diffed with `build_diff`.

"Differ in a figure or date" is decided independently of dedup's extractors: the multisets of
digit tokens ("1998", "2.5", "$693", "19%") of the two sentences, commas dropped, are not equal.
A pair is flagged when the diff reports a discrepancy of kind number, date or a role count.
Reported: the flag rate on pairs that differ (recall-like) and on pairs that do not (false flags),
overall and by the paraphrase label.
"""

from __future__ import annotations

import csv
import re
import time
from collections import Counter
from pathlib import Path

from dedup.article import Article
from dedup.diff import build_diff
from dedup.factcheck.people import ROLES

MSRP_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "msrp"
# The set's one training file (`*_train.txt`); located, not named, so no reference to the
# research-only data set is committed beyond its folder.
MSRP = next(iter(sorted(MSRP_DIR.glob("*_train.txt"))), MSRP_DIR / "train.txt")
_DIGITS = re.compile(r"\d[\d,.]*\d|\d")
FIGURE_KINDS = {"number", "date", *ROLES}


def _figures(sentence: str) -> Counter[str]:
    return Counter(token.replace(",", "").rstrip(".") for token in _DIGITS.findall(sentence))


def main() -> None:
    with MSRP.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    counts: Counter[tuple[str, bool, bool]] = Counter()
    start = time.perf_counter()
    for quality, id1, id2, first, second in rows:
        differs = _figures(first) != _figures(second)
        report = build_diff(Article(id=id1, text=first), Article(id=id2, text=second))
        flagged = any(d.kind in FIGURE_KINDS for d in report.discrepancies)
        counts[(quality, differs, flagged)] += 1
    seconds = time.perf_counter() - start

    def rate(*, differs: bool, label: str | None = None) -> str:
        labels = [label] if label else ["0", "1"]
        total = sum(counts[(q, differs, f)] for q in labels for f in (True, False))
        hit = sum(counts[(q, differs, True)] for q in labels)
        return f"{hit}/{total} = {hit / total:.1%}" if total else "-"

    print(f"MSRP training pairs: {len(rows)} ({seconds:.1f} s)")
    print(f"pairs that differ in a figure or date, flagged:       {rate(differs=True)}")
    print(f"  paraphrases (1): {rate(differs=True, label='1')}")
    print(f"  non-paraphrases (0): {rate(differs=True, label='0')}")
    print(f"pairs with the same figures and dates, flagged anyway: {rate(differs=False)}")
    print(f"  paraphrases (1): {rate(differs=False, label='1')}")
    print(f"  non-paraphrases (0): {rate(differs=False, label='0')}")


if __name__ == "__main__":
    main()
