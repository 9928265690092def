"""Per-document features: everything the later stages need, computed one document at a time.

`Features` depend only on the document and the settings, never on the rest of the corpus, so
an index can store them (or recompute them) document by document. Corpus statistics, when
there are any, are applied later by `dedup.verify.weigh`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from dedup.article import Article
from dedup.minhash import shingle_hashes, token_hashes
from dedup.settings import MatchSettings
from dedup.tokens import content_term_weights, lower_words, tokenize

U32 = npt.NDArray[np.uint32]
F32 = npt.NDArray[np.float32]

# A year 1950–2039 standing alone: the end boundary is in the pattern, the start one is checked
# on each match (a leading \b makes the engine test every position: three times slower).
_YEAR = re.compile(r"(?:19[5-9]|20[0-3])\d\b")


def _years(text: str) -> frozenset[int]:
    r"""The years `\b(?:19[5-9]\d|20[0-3]\d)\b` finds in `text`."""
    years = set()
    for match in _YEAR.finditer(text):
        start = match.start()
        if start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_"):
            years.add(int(match.group()))
    return frozenset(years)


@dataclass(frozen=True, slots=True, eq=False)
class Features:
    """One document's representation.

    `shingles`: sorted distinct word n-gram hashes (near-verbatim copies). `terms`, with
    `term_hashes` and `weights` in the same order (sorted by hash): rarity-weighted content
    terms, names and figures (rewording-robust). `day`: the published date as a proleptic
    ordinal. `years`: years the text names.
    """

    id: str
    content_hash: str
    shingles: U32
    terms: tuple[str, ...]
    term_hashes: U32
    weights: F32
    day: int | None
    years: frozenset[int]
    words: int


def _day(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def _with_title(article: Article) -> str:
    """The text with the title in front, unless the text already starts with it."""
    title = (article.title or "").strip()
    if not title or article.text.lstrip().startswith(title):
        return article.text
    return f"{title}\n\n{article.text}"


def represent(article: Article, *, settings: MatchSettings, terms: bool = True) -> Features:
    """The features of one cleaned article; `terms=False` leaves `Features.terms` empty (only
    index statistics read the term strings; their hashes are always there)."""
    text = _with_title(article)
    tokens = tokenize(text)
    words = lower_words(tokens)
    digest = hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()
    shingles = shingle_hashes(token_hashes(words), n=settings.shingle_size)
    listed, weighted = content_term_weights(
        tokens,
        min_rarity=settings.min_rarity,
        number_weight=settings.number_weight,
        name_boost=settings.name_boost,
    )
    hashes = token_hashes(listed)
    order = np.argsort(hashes, kind="stable")
    weights = weighted.astype(np.float32)[order]
    term_hashes = hashes[order]
    return Features(
        id=article.id,
        content_hash=digest,
        shingles=shingles,
        terms=tuple(listed[i] for i in order.tolist()) if terms else (),
        term_hashes=term_hashes,
        weights=weights,
        day=_day(article.published),
        years=_years(article.text),
        words=len(words),
    )
