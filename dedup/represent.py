"""Per-document features: everything the later stages need, computed one document at a time.

`Features` depend only on the document and the settings, never on the rest of the corpus, so
an index can store them (or recompute them) document by document. Corpus statistics, when
there are any, are applied later by `dedup.verify.weigh`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

import numpy as np
import numpy.typing as npt

from dedup.article import Article
from dedup.event_dates import date_starts, event_days
from dedup.full_names import full_names
from dedup.minhash import shingle_hashes
from dedup.outlets import domain_words, headline, outlet_of
from dedup.scan import scan
from dedup.settings import MatchSettings
from dedup.spellings import TERMS, token_values
from dedup.term_arrays import content_terms, name_tokens, outlet_tokens

# Articles per `represent_many` call in a stream: numpy's per-call costs are spread over
# hundreds of documents, and a batch's arrays stay a few MB.
BATCH = 500
U32 = npt.NDArray[np.uint32]
F32 = npt.NDArray[np.float32]
I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]

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
    ordinal. `years`: years the text names. `outlet`: who published it (`dedup.outlets`).
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
    outlet: str = ""
    event_day: int | None = None
    named_days: tuple[int, ...] = ()
    names: U32 = field(default_factory=lambda: np.empty(0, dtype=np.uint32))


def _day(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def _with_title(article: Article) -> str:
    """The text with the headline (the title without its site's name) in front, unless the
    text already starts with it."""
    title = headline(article.title)
    if not title or article.text.lstrip().startswith(title):
        return article.text
    return f"{title}\n\n{article.text}"


def represent(article: Article, *, settings: MatchSettings, terms: bool = True) -> Features:
    """The features of one cleaned article; `terms=False` leaves `Features.terms` empty (only
    index statistics read the term strings; their hashes are always there)."""
    return represent_many([article], settings=settings, terms=terms)[0]


def represent_many(
    articles: Sequence[Article], *, settings: MatchSettings, terms: bool = True
) -> list[Features]:
    """`represent` of each article, computed for the batch at once (`dedup.scan`): the same
    features, several times faster than one article at a time on batches of hundreds."""
    texts_with_titles = [_with_title(article) for article in articles]
    scanned = scan(texts_with_titles)
    values = token_values(
        scanned, min_rarity=settings.min_rarity, number_weight=settings.number_weight
    )
    outlets = [outlet_of(article) for article in articles]
    dropped = outlet_tokens(scanned, values, [domain_words(outlet) for outlet in outlets])
    names = [
        [TERMS.number(name) for name in found] for found in full_names(scanned, values.name_part)
    ]
    content = content_terms(
        scanned,
        values,
        name_boost=settings.name_boost,
        dropped=dropped,
        extra=name_tokens(names, weight=settings.full_name_weight),
    )
    texts = scanned.words_texts()
    published = np.array([bool(article.published) for article in articles], dtype=bool)
    starts = date_starts(scanned, values.date_back, wanted=published)
    out: list[Features] = []
    for number, article in enumerate(articles):
        first, last = int(scanned.docs[number]), int(scanned.docs[number + 1])
        begin, end = int(content.bounds[number]), int(content.bounds[number + 1])
        words = texts[number].lower().replace(",", "")
        dated = event_days(
            texts_with_titles[number],
            published=article.published,
            named=settings.named_days,
            starts=starts[number],
        )
        out.append(
            Features(
                id=article.id,
                content_hash=hashlib.sha1(words.encode("utf-8")).hexdigest(),
                shingles=shingle_hashes(values.word_hash[first:last], n=settings.shingle_size),
                terms=tuple(TERMS.strings[t] for t in content.terms[begin:end].tolist())
                if terms
                else (),
                term_hashes=content.hashes[begin:end],
                weights=content.weights[begin:end],
                day=_day(article.published),
                years=_years(article.text),
                words=last - first,
                outlet=outlets[number],
                event_day=dated.event,
                named_days=dated.named,
                names=TERMS.hashes.view()[names[number]].astype(np.uint32),
            )
        )
    return out


def represent_stream(
    articles: Iterable[Article], *, settings: MatchSettings, terms: bool = True
) -> Iterator[Features]:
    """`represent` of each article, in order, computed `BATCH` articles at a time."""
    iterator = iter(articles)
    while batch := list(islice(iterator, BATCH)):
        yield from represent_many(batch, settings=settings, terms=terms)
