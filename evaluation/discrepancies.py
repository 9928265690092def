"""Conflicts and omissions of `dedup diff`, scored in-process against a fact-checker's gold.

Run: .venv/bin/python -m evaluation.discrepancies [--show N]
Reads ../shared/data/discrepancies/{gold,pairs}.json and the documents of the sets they draw on
(gva is research-only: never copied into the project). Scores exactly as
`../shared/tools/discrepancies.py` does from `dedup diff --format json` (a discrepancy with a
value on both sides is a conflict, any other one-sided; metadata kinds left out; a match is
judged on tokens of the values and sentences), but calls `build_diff` in this process, so a
change can be measured in seconds. `--show` prints each pair's misses and false conflicts.
The official figures in the README come from the scorer in ../shared/tools.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dedup.article import Article
from dedup.clean import clean_article
from dedup.diff import build_diff
from dedup.render.json import diff_as_dict

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
META = {"published", "title", "url", "source", "metadata"}
_STOP = {"the", "a", "of", "about", "more", "than", "at", "least", "in", "on", "s"}
_EMPTY = ("", "None", "?", "—")


def _tokens(text: object) -> set[str]:
    lowered = str(text or "").lower().replace(",", "")
    return set(re.findall(r"[a-z]+|\d+(?:\.\d+)?", lowered)) - _STOP


def _value(item: dict[str, Any], side: str) -> str:
    value = item.get(side)
    if isinstance(value, list):
        return " ".join(map(str, value))
    return str(value if value is not None else "")


def _hit(item: dict[str, Any], gold: dict[str, Any]) -> bool:
    left = _tokens(_value(item, "left")) | _tokens(item.get("left_text"))
    right = _tokens(_value(item, "right")) | _tokens(item.get("right_text"))
    wanted_left, wanted_right = _tokens(gold["left_value"]), _tokens(gold["right_value"])
    shared = wanted_left & _tokens(_value(item, "left")) or wanted_right & _tokens(
        _value(item, "right")
    )
    return wanted_left <= left and wanted_right <= right and bool(shared)


def _found(item: dict[str, Any], omission: dict[str, Any]) -> bool:
    side = omission["side"]
    wanted = _tokens(omission["value"])
    stated = _tokens(_value(item, side))
    return (
        bool(wanted)
        and wanted <= (stated | _tokens(item.get(f"{side}_text")))
        and bool(wanted & stated)
    )


@dataclass
class Score:
    """Running totals over the pairs."""

    pairs: int = 0
    reported: int = 0
    matched: int = 0
    gold_conflicts: int = 0
    found_conflicts: int = 0
    gold_omissions: int = 0
    found_omissions: int = 0
    one_sided: int = 0
    lines: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, object]:
        """The scorer's figures."""
        return {
            "pairs": self.pairs,
            "reported_conflicts": self.reported,
            "conflict_precision": round(self.matched / self.reported, 3) if self.reported else 0,
            "gold_conflicts": self.gold_conflicts,
            "conflict_recall": round(self.found_conflicts / self.gold_conflicts, 3),
            "omission_recall": round(self.found_omissions / self.gold_omissions, 3),
            "one_sided_per_pair": round(self.one_sided / self.pairs, 1),
            "gold_omissions_per_pair": round(self.gold_omissions / self.pairs, 1),
        }


def _article(record: dict[str, Any]) -> Article:
    fields = {k: record[k] for k in ("title", "published", "url") if record.get(k)}
    return clean_article(Article(id=record["id"], text=record["text"], **fields))


def _short(item: dict[str, Any]) -> str:
    return f"{item['kind']}: {_value(item, 'left') or '—'} vs {_value(item, 'right') or '—'}"


def score(gold: list[dict[str, Any]], documents: dict[tuple[str, str], dict[str, Any]]) -> Score:
    """Score every gold pair; `lines` describe misses and false conflicts."""
    total = Score()
    for number, pair in enumerate(gold):
        left = _article(documents[(pair["dataset"], pair["left"])])
        right = _article(documents[(pair["dataset"], pair["right"])])
        report = diff_as_dict(build_diff(left, right))
        items = [d for d in report["discrepancies"] if d.get("kind") not in META]  # type: ignore[union-attr]
        conflicts = [
            d for d in items if _value(d, "left") not in _EMPTY and _value(d, "right") not in _EMPTY
        ]
        one_sided = [d for d in items if d not in conflicts]
        total.pairs += 1
        total.one_sided += len(one_sided)
        total.reported += len(conflicts)
        total.gold_conflicts += len(pair["conflicts"])
        total.lines.append(f"== pair {number} ({pair['dataset']} {pair['left']} {pair['right']})")
        for item in conflicts:
            good = any(_hit(item, g) for g in pair["conflicts"])
            total.matched += good
            total.lines.append(f"  {'ok' if good else 'FALSE'} conflict {_short(item)}")
        for wanted in pair["conflicts"]:
            hit = any(_hit(item, wanted) for item in conflicts)
            total.found_conflicts += hit
            if not hit:
                total.lines.append(
                    f"  MISSED conflict {wanted['left_value']!r} vs {wanted['right_value']!r}"
                )
        for omission in pair["omissions"]:
            total.gold_omissions += 1
            hit = any(_found(item, omission) for item in one_sided)
            total.found_omissions += hit
            if not hit:
                total.lines.append(f"  missed {omission['side']} {omission['value']!r}")
        for item in one_sided:
            good = any(_found(item, o) for o in pair["omissions"])
            total.lines.append(f"  {'ok' if good else '--'} one-sided {_short(item)}")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", action="store_true", help="print each pair's details")
    args = parser.parse_args()
    gold = json.loads((DATA / "discrepancies" / "gold.json").read_text(encoding="utf-8"))
    documents: dict[tuple[str, str], dict[str, Any]] = {}
    for dataset in ("ecbplus", "gva"):
        with (DATA / dataset / "documents.jsonl").open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                documents[(dataset, record["id"])] = record
    started = time.perf_counter()
    result = score(gold, documents)
    if args.show:
        print("\n".join(result.lines))
    print(json.dumps({**result.summary(), "seconds": round(time.perf_counter() - started, 1)}))


if __name__ == "__main__":
    main()
