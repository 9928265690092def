"""Casualty counts and event dates extracted by `dedup facts`, against gva's gold incidents.

Run: .venv/bin/python -m evaluation.facts_gva [--errors N]
Reads ../shared/data/gva/{documents,incidents}.jsonl (research-only; never copied into the
project). Each document's `cluster` is its Gun Violence Archive incident id; the script checks
that link (share of documents whose text names the incident's city or a participant) before
scoring. Scored: clean documents (likely_junk false) whose incident is in incidents.jsonl.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path
from typing import Any

from dedup.clean import clean_article
from dedup.factcheck import extract_facts
from dedup.read import read_paths

GVA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "gva"


def _linked(text: str, incident: dict[str, Any]) -> bool:
    """Whether the text names the incident's city/county or a participant's last name."""
    names = [p["Name"].split()[-1] for p in incident["participants"] if p.get("Name")]
    place = str(incident.get("city_or_county", "")).split(" (")[0]
    return any(word and word in text for word in [place, *names])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", type=int, default=0, help="print N random misses per field")
    args = parser.parse_args()
    incidents = {}
    with (GVA / "incidents.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            incidents[record["incident_id"]] = record
    articles = [
        clean_article(a)
        for a in read_paths([GVA / "documents.jsonl"])
        if not a.extra.get("likely_junk") and str(a.extra.get("cluster")) in incidents
    ]
    gold = [incidents[str(a.extra["cluster"])] for a in articles]
    linked = sum(_linked(a.text, g) for a, g in zip(articles, gold, strict=True))
    started = time.process_time()
    summaries = [extract_facts(a).summary for a in articles]
    per_article = (time.process_time() - started) / len(articles) * 1000
    total = len(articles)
    killed = [s.killed == g["num_killed"] for s, g in zip(summaries, gold, strict=True)]
    injured = [s.injured == g["num_injured"] for s, g in zip(summaries, gold, strict=True)]
    dated = [s.event_date == g["date"] for s, g in zip(summaries, gold, strict=True)]
    published = [a.published == g["date"] for a, g in zip(articles, gold, strict=True)]
    print(f"clean gva articles with a gold incident: {total}")
    print(f"  text names the incident's city or a participant: {linked / total:.1%}")
    print(f"summary.killed == num_killed:   {sum(killed) / total:.1%}")
    print(f"summary.injured == num_injured: {sum(injured) / total:.1%}")
    print(f"summary.event_date == date:     {sum(dated) / total:.1%}")
    print(f"  (published == date, for comparison: {sum(published) / total:.1%})")
    print(f"extract_facts: {per_article:.1f} ms CPU per article")
    if args.errors:
        rng = random.Random(0)
        for field, hits, key in (
            ("killed", killed, "num_killed"),
            ("injured", injured, "num_injured"),
            ("event_date", dated, "date"),
        ):
            misses = [i for i, hit in enumerate(hits) if not hit]
            for i in rng.sample(misses, k=min(args.errors, len(misses))):
                facts = extract_facts(articles[i])
                got = getattr(facts.summary, field)
                print(f"\n--- {field}: got {got}, gold {gold[i][key]}  [{articles[i].id}]")
                shown = [f"{f.role}={f.value} «{f.text}»" for f in facts.facts if f.kind == "count"]
                if field == "event_date":
                    shown = [f"{f.value} «{f.text}»" for f in facts.facts if f.kind == "date"]
                    shown.append(f"published {articles[i].published}")
                print("  " + " | ".join(shown))
                print("  " + articles[i].text[:600].replace("\n", " "))


if __name__ == "__main__":
    main()
