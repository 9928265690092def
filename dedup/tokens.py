"""Words, content terms and rarity weights: the vocabulary the clustering stages compare.

Rarity comes from wordfreq's English frequencies (`-log10` of a word's frequency), so a term's
weight needs no corpus statistics: it works for a two-document comparison and for one new
document checked against an index. Words the frequency list does not know (names, places,
typos) are the rarest of all and weigh most; "said", "the" and "police" weigh little.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import wordfreq

# Figures keep their separators ("120,000", "3.5"); words keep inner apostrophes ("o'neil"),
# but not a possessive "'s" ("Klitschko's" → "Klitschko"), which would split a name in two.
WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’](?![sS]\b)[^\W\d_]+)*")
# Unknown words get the rarity of a word seen once in a hundred million.
MAX_RARITY = 8.0
NUMBER_PREFIX = "#"


def _load_rarity() -> dict[str, float]:
    frequencies: dict[str, float] = wordfreq.get_frequency_dict("en")
    return {word: min(MAX_RARITY, -math.log10(freq)) for word, freq in frequencies.items()}


_RARITY: dict[str, float] = {}


def rarity(word: str) -> float:
    """`-log10` of the word's English frequency (lowercase word), capped at `MAX_RARITY`."""
    if not _RARITY:
        _RARITY.update(_load_rarity())
    return _RARITY.get(word, MAX_RARITY)


def tokenize(text: str) -> list[str]:
    """The words and figures of `text`, in order, as written (case kept)."""
    return WORD.findall(text)


def lower_words(tokens: Sequence[str]) -> list[str]:
    """Lowercased tokens, figures without thousands separators ("120,000" → "120000")."""
    words = list(map(str.lower, tokens))
    for at, word in enumerate(words):
        if "," in word:
            words[at] = word.replace(",", "")
    return words


def content_terms(
    tokens: Sequence[str],
    *,
    min_rarity: float,
    number_weight: float,
    name_boost: float,
) -> dict[str, float]:
    """Each content term's weight: sublinear term frequency × rarity above the floor.

    Words commoner than `min_rarity` are dropped; a word written capitalised somewhere in the
    text (a name or place) is boosted by `name_boost`; figures become `#<figure>` terms of
    fixed weight `number_weight` (wordfreq knows no figures). Terms are returned sorted.
    """
    if not _RARITY:
        rarity("the")
    table = _RARITY
    # Count distinct spellings first (C speed), then judge each spelling once.
    counts: Counter[str] = Counter()
    capitalised: set[str] = set()
    for token, count in Counter(tokens).items():
        if token[0].isdigit():
            if number_weight > 0:
                counts[NUMBER_PREFIX + token.replace(",", "")] += count
            continue
        word = token.lower()
        if table.get(word, MAX_RARITY) < min_rarity:
            continue
        counts[word] += count
        if token[0].isupper():
            capitalised.add(word)
    weights: dict[str, float] = {}
    for term in sorted(counts):
        if term.startswith(NUMBER_PREFIX):
            base = number_weight
        else:
            base = table.get(term, MAX_RARITY) - min_rarity + 0.5
            if term in capitalised:
                base *= name_boost
        weights[term] = math.sqrt(counts[term]) * base
    return weights
