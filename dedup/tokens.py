"""Words, content terms and rarity weights: the vocabulary the clustering stages compare.

Rarity comes from wordfreq's English frequencies (`-log10` of a word's frequency), so a term's
weight needs no corpus statistics: it works for a two-document comparison and for one new
document checked against an index. Words the frequency list does not know (names, places,
typos) are the rarest of all and weigh most; "said", "the" and "police" weigh little.

`tokenize` and `content_term_weights` are the readable specification; `dedup.scan`,
`dedup.spellings` and `dedup.represent` compute the same for batches of documents with arrays.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from dedup.frequencies import frequency as english_frequency

# Figures keep their separators ("120,000", "3.5"); words keep inner apostrophes ("o'neil"),
# but not a possessive "'s" ("Klitschko's" → "Klitschko"), which would split a name in two.
# Possessive quantifiers: the same matches, without the engine keeping backtracking points.
WORD = re.compile(r"\d++(?:[.,]\d+)*+|[^\W\d_]++(?:['’](?![sS]\b)[^\W\d_]++)*+")
# Unknown words get the rarity of a word seen once in a hundred million.
MAX_RARITY = 8.0
NUMBER_PREFIX = "#"


def rarity(word: str) -> float:
    """`-log10` of the word's English frequency (lowercase word), capped at `MAX_RARITY`.

    Computed per call, not as a table of every word: a spelling is judged once
    (`dedup.spellings`), and wordfreq's list is read from the package's compact copy
    (`dedup.frequencies`) without importing wordfreq."""
    frequency = english_frequency(word)
    return MAX_RARITY if frequency is None else min(MAX_RARITY, -math.log10(frequency))


def tokenize(text: str) -> list[str]:
    """The words and figures of `text`, in order, as written (case kept)."""
    return WORD.findall(text)


def lower_words(tokens: Sequence[str]) -> list[str]:
    """Lowercased tokens, figures without thousands separators ("120,000" → "120000")."""
    # Tokens hold no spaces, so one pass over the joined text does every token at C speed.
    return " ".join(tokens).lower().replace(",", "").split(" ") if tokens else []


# A spelling's judgement: the term it counts for, its weight before the name boost and term
# frequency, and whether it is capitalised; None when dropped.
Judgement = tuple[str, float, bool] | None


def judge(token: str, *, min_rarity: float, number_weight: float) -> Judgement:
    """The content term a spelling counts for, its base weight and whether it is capitalised;
    None when it is dropped (commoner than `min_rarity`, or a figure when figures weigh 0)."""
    if token[0].isdigit():
        if number_weight > 0:
            return NUMBER_PREFIX + token.replace(",", ""), number_weight, False
        return None
    word = token.lower()
    value = rarity(word)
    if value < min_rarity:
        return None
    return word, value - min_rarity + 0.5, token[0].isupper()


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
    terms, weights = content_term_weights(
        tokens, min_rarity=min_rarity, number_weight=number_weight, name_boost=name_boost
    )
    return dict(zip(terms, weights.tolist(), strict=True))


def content_term_weights(
    tokens: Sequence[str],
    *,
    min_rarity: float,
    number_weight: float,
    name_boost: float,
    names: Sequence[str] = (),
    name_weight: float = 0.0,
    dropped: frozenset[str] = frozenset(),
) -> tuple[list[str], npt.NDArray[np.float64]]:
    """`content_terms` as sorted terms and an array of their weights (the same floats).

    `dropped` terms (an outlet's own words) are left out; each of `names` (full names, once
    each) is a term of base weight `name_weight`. The specification of the content terms:
    `dedup.represent.represent_many` computes the same for whole batches with arrays (tests
    compare the two).
    """
    counts: dict[str, int] = dict.fromkeys(names, 1)
    bases: dict[str, float] = dict.fromkeys(names, name_weight)
    for token, count in Counter(tokens).items():
        judgement = judge(token, min_rarity=min_rarity, number_weight=number_weight)
        if judgement is None or judgement[0] in dropped:
            continue
        term, base, capital = judgement
        counts[term] = counts.get(term, 0) + count
        # A term written capitalised anywhere is a name: boosted once, whatever its spellings.
        if capital:
            bases[term] = base * name_boost
        elif term not in bases:
            bases[term] = base
    terms = sorted(counts)
    frequency = np.fromiter(map(counts.__getitem__, terms), np.float64, count=len(terms))
    base_weights = np.fromiter(map(bases.__getitem__, terms), np.float64, count=len(terms))
    weights: npt.NDArray[np.float64] = np.sqrt(frequency) * base_weights
    return terms, weights
