"""The documents the batch verification tests verify: the ECB+ sample corpus with event days,
edited copies and shifted dates added, so that every relation and factor occurs."""

from __future__ import annotations

import dataclasses
from functools import cache

from dedup.clean import clean_article
from dedup.read import read_paths
from dedup.represent import Features, represent
from dedup.settings import DEFAULT_SETTINGS
from dedup.verify import BatchStats, Vector, weigh

from .conftest import CORPUS

MATCH = DEFAULT_SETTINGS.match


@cache
def verify_corpus() -> tuple[list[Features], list[Vector]]:
    """The documents, sorted by id, with their term vectors weighed on their own statistics."""
    articles = [clean_article(a) for a in read_paths([CORPUS / "ecbplus" / "documents.jsonl"])]
    features = [represent(a, settings=MATCH) for a in sorted(articles, key=lambda a: a.id)]
    # Event days (ECB+ has no publication dates), every third document without one, some
    # naming a day three weeks before theirs: agreements, disagreements and unknowns occur.
    features = [
        f
        if row % 3 == 0
        else dataclasses.replace(
            f,
            event_day=735_000 + row % 9,
            named_days=(735_000 + row % 9, 735_000 + row % 4 - 21)[: 1 + row % 2],
        )
        for row, f in enumerate(features)
    ]
    # Copies with edits and a shifted date, so that every relation and factor occurs.
    copies = [
        dataclasses.replace(
            f, id=f"{f.id}-copy", shingles=f.shingles[: max(1, f.shingles.size * 3 // 4)]
        )
        for f in features[:40]
    ]
    dated = [
        dataclasses.replace(f, id=f"{f.id}-late", day=(f.day or 738000) + 40) for f in features[:40]
    ]
    everything = sorted([*features, *copies, *dated], key=lambda f: f.id)
    stats = BatchStats.count(everything)
    return everything, [weigh(f, stats=stats, settings=MATCH) for f in everything]
