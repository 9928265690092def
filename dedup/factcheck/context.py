"""Whether two facts of two reports are about the same thing: the words around them.

Each fact's context is the content words within a few words of it in its sentence, reduced to
crude stems ("falling", "fell" → "fall") and weighted by how rare they are in English
(wordfreq), so "reward" or "gully" count for more than "said". Two facts are related when their
sentences are aligned, or when the rare words around them overlap enough.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from dedup.factcheck.extract import ArticleFacts, Fact
from dedup.memory import Memory
from dedup.tokens import rarity

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_STOP_LIST = (
    "a an the of to in and or for on at by with from as is are was were be been being has have "
    "had that this which it its their they them he she his her not but also about into over "
    "after while than then there these those who whom what when where such all any can could "
    "would will may might should do does did so if out up our we you i one more most other some "
    "very only just said says say told according police officials official people percent "
    "year years old day days week time"
)
_STOP = frozenset(_STOP_LIST.split())
_IRREGULAR = {
    "fell": "fall", "fallen": "fall", "died": "die", "dead": "die", "death": "die",
    "killed": "kill", "shot": "shoot", "shooting": "shoot", "struck": "strike", "hit": "strike",
    "fled": "flee", "caught": "catch", "found": "find", "took": "take", "taken": "take",
    "gave": "give", "given": "give", "held": "hold", "left": "leave", "sent": "send",
    "wounded": "wound", "injured": "injur", "injuries": "injur", "injury": "injur",
    "earthquake": "quake", "quake": "quake", "tremor": "quake", "sentences": "senten",
}  # fmt: skip
_SUFFIX = re.compile(r"(?:ings?|ed|es|s)$")
# Words either side of a fact that count as its context.
WINDOW = 8


def stem(word: str) -> str:
    """A crude stem: irregular forms mapped, common suffixes dropped, cut to six letters."""
    lower = word.lower()
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    if len(lower) > 5:
        lower = _SUFFIX.sub("", lower)
    return lower[:6]


@dataclass(frozen=True, slots=True)
class Context:
    """A fact's context: rarity-weighted stems around it."""

    weights: dict[str, float]

    @property
    def total(self) -> float:
        """The weight of all its stems."""
        return sum(self.weights.values())


def context_of(facts: ArticleFacts, fact: Fact, *, text: str, window: int = WINDOW) -> Context:
    """The content stems within `window` words of `fact` in its paragraph, the fact aside.
    (Not only its sentence: a segmenter may cut "a .38 caliber" after "a.")"""
    key = (text, fact.start, fact.end, window)
    return _CONTEXTS.get(key, lambda: _context(fact, text=text, window=window))


# Contexts by (text, span, window), for the process: a cluster's representative is compared
# with every member, its facts' contexts each time the same.
_CONTEXTS = Memory[tuple[str, int, int, int], Context](50_000)


def _context(fact: Fact, *, text: str, window: int) -> Context:
    paragraph_start = text.rfind("\n", 0, fact.start) + 1
    paragraph_end = text.find("\n", fact.end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    before = _WORD.findall(text, max(paragraph_start, fact.start - 24 * window), fact.start)
    after = _WORD.findall(text, fact.end, min(paragraph_end, fact.end + 24 * window))
    words = before[-window:] + after[:window]
    weights: dict[str, float] = {}
    for word in words:
        if word.lower() in _STOP or len(word) < 3:
            continue
        key = stem(word)
        weights[key] = max(weights.get(key, 0.0), rarity(word.lower()))
    return Context(weights)


def discount(contexts: list[Context], *, minimum: int = 3) -> list[Context]:
    """The contexts with words that many of them share weighed down (by log(1 + n/df) /
    log(1 + n)): around every magnitude in a report on earthquakes stand "quake" and
    "magnitude", which tell none of them apart."""
    if len(contexts) < minimum:
        return contexts
    counts: dict[str, int] = {}
    for context in contexts:
        for key in context.weights:
            counts[key] = counts.get(key, 0) + 1
    size = len(contexts)
    scale = {key: math.log1p(size / count) / math.log1p(size) for key, count in counts.items()}
    return [Context({k: w * scale[k] for k, w in c.weights.items()}) for c in contexts]


def passage(facts: ArticleFacts, fact: Fact) -> str:
    """The sentences a fact's span touches (one, unless a segmenter cut it in two)."""
    touched = [s.text for s in facts.sentences if s.start < fact.end and fact.start < s.end]
    return " ".join(touched) or facts.sentences[fact.sentence].text


def overlap(left: Context, right: Context) -> float:
    """Shared weight over the smaller context's weight, in [0, 1]."""
    shared = sum(min(w, right.weights[k]) for k, w in left.weights.items() if k in right.weights)
    smaller = min(left.total, right.total)
    return shared / smaller if smaller else 0.0


def aligned_pairs(rows: Iterable[tuple[tuple[int, ...], tuple[int, ...]]]) -> set[tuple[int, int]]:
    """Every (left sentence, right sentence) that share an alignment row."""
    return {(i, j) for left, right in rows for i in left for j in right}
