"""Wire bursts for the tests: many outlets' copies of one real article (the first seed).

A copy is the article verbatim, or (`changed`) with its first sentence replaced by the
outlet's own lead, as syndication does; every changed lead is a different sentence.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from dedup.article import Article

from .conftest import SEED_LEFT

_SUBJECTS = (
    "Azerbaijan",
    "Baku",
    "Azerbaijani forces",
    "The Azerbaijani army",
    "Azerbaijan's defence ministry",
)
_ACTIONS = (
    "launched military operations in Nagorno-Karabakh",
    "began an offensive in Karabakh",
    "started what it called anti-terrorist measures in Karabakh",
    "opened an operation against Armenian forces in Karabakh",
    "moved against ethnic Armenian forces in Nagorno-Karabakh",
)
_WHEN = (
    "on Tuesday",
    "on Tuesday morning",
    "early on Tuesday",
    "on Tuesday afternoon",
    "this week",
)
_SAYS = (
    "officials said",
    "according to the defence ministry",
    "a government statement said",
    "state media reported",
    "witnesses said",
)
LEADS = tuple(
    f"{subject} {action} {when}, {says}."
    for subject, action, when, says in itertools.product(_SUBJECTS, _ACTIONS, _WHEN, _SAYS)
)
"""625 different first sentences."""


def copy_id(number: int) -> str:
    """The id of copy `number`: ids sort in number order."""
    return f"copy-{number:04d}"


def burst(count: int, *, changed: bool, start: int = 0) -> list[dict[str, str]]:
    """Copies `start` to `start + count - 1` as jsonl records (id, text)."""
    text = SEED_LEFT.read_text(encoding="utf-8")
    _first, rest = text.split("\n", 1)
    return [
        {"id": copy_id(n), "text": f"{LEADS[n]}\n{rest}" if changed else text}
        for n in range(start, start + count)
    ]


def burst_articles(count: int, *, changed: bool, start: int = 0) -> list[Article]:
    """The copies of `burst` as articles."""
    return [Article(id=r["id"], text=r["text"]) for r in burst(count, changed=changed, start=start)]


def write_burst(path: Path, count: int, *, changed: bool, start: int = 0) -> Path:
    """Write `burst(...)` to a jsonl file at `path` and return it."""
    records = burst(count, changed=changed, start=start)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path
