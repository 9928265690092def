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
from dedup.scan import Scan, scan
from dedup.settings import MatchSettings
from dedup.spellings import TERMS, TokenValues, token_values

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
    dropped = _outlet_tokens(scanned, values, [domain_words(outlet) for outlet in outlets])
    names = [
        [TERMS.number(name) for name in found] for found in full_names(scanned, values.name_part)
    ]
    content = _content_terms(
        scanned,
        values,
        name_boost=settings.name_boost,
        dropped=dropped,
        extra=_name_tokens(names, weight=settings.full_name_weight),
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


@dataclass(frozen=True, slots=True, eq=False)
class _Content:
    """Each document's content terms, documents one after the other, each sorted by hash (then
    by term): term numbers (`TERMS`), hashes, weights; `bounds`: where each document starts."""

    terms: I64
    hashes: U32
    weights: F32
    bounds: I64


def _outlet_tokens(
    scanned: Scan, values: TokenValues, words: Sequence[frozenset[str]]
) -> npt.NDArray[np.bool_] | None:
    """Which tokens of a scan are their own outlet's domain words (None: no token is)."""
    owners: list[int] = []
    terms: list[int] = []
    for number, own in enumerate(words):
        for word in own:
            term = TERMS.numbers.get(word)
            if term is not None:
                owners.append(number)
                terms.append(term)
    if not terms:
        return None
    span = max(len(TERMS.strings), 1)
    owner = np.repeat(np.arange(len(words), dtype=np.int64), np.diff(scanned.docs))
    wanted = np.array(owners, dtype=np.int64) * span + np.array(terms, dtype=np.int64)
    return np.isin(owner * span + values.term, wanted) & (values.term >= 0)


def _name_tokens(names: Sequence[list[int]], *, weight: float) -> _Tokens:
    """Each document's full names (term numbers) as tokens of fixed base weight."""
    owner = np.repeat(np.arange(len(names), dtype=np.int64), [len(found) for found in names])
    term = np.fromiter((t for found in names for t in found), np.int64, count=owner.size)
    return _Tokens(owner, term, np.full(owner.size, weight), np.zeros(owner.size, dtype=bool))


def _content_terms(
    scanned: Scan,
    values: TokenValues,
    *,
    name_boost: float,
    dropped: npt.NDArray[np.bool_] | None = None,
    extra: _Tokens | None = None,
) -> _Content:
    """`dedup.tokens.content_term_weights` of every document of a scan, as arrays, without
    the `dropped` tokens and with the `extra` ones (full names)."""
    documents = scanned.docs.size - 1
    owner = np.repeat(np.arange(documents, dtype=np.int64), np.diff(scanned.docs))
    kept = values.term >= 0
    if dropped is not None:
        kept &= ~dropped
    owners, terms = owner[kept], values.term[kept]
    bases, capitals = values.base[kept], values.capital[kept]
    if extra is not None and extra.owner.size:
        owners, terms = np.r_[owners, extra.owner], np.r_[terms, extra.term]
        bases, capitals = np.r_[bases, extra.base], np.r_[capitals, extra.capital]
    hashes = TERMS.hashes.view()[terms].astype(np.uint64)
    # Tokens by document, then term hash: one sort groups each document's terms in the order
    # they are kept in. Two terms of a document with one hash (a 32-bit collision) would share
    # a group: then the slower grouping by term number, ordered by hash then string, decides.
    key = owners.astype(np.uint64) << np.uint64(32) | hashes
    order = np.argsort(key, kind="stable")
    key = key[order]
    tokens = _Tokens(
        owner=owners[order], term=terms[order], base=bases[order], capital=capitals[order]
    )
    starts = np.empty(key.size, dtype=bool)
    starts[:1] = True
    np.not_equal(key[1:], key[:-1], out=starts[1:])
    if np.any(~starts[1:] & (tokens.term[1:] != tokens.term[:-1])):
        return _colliding(tokens, documents=documents, name_boost=name_boost)
    first = np.flatnonzero(starts)
    counts = np.diff(np.append(first, key.size))
    # A term written capitalised anywhere in the document is a name: boosted once.
    capital = np.logical_or.reduceat(tokens.capital, first) if first.size else starts[:0]
    base = tokens.base[first]
    weights = np.sqrt(counts.astype(np.float64)) * np.where(capital, base * name_boost, base)
    return _Content(
        terms=tokens.term[first],
        hashes=(key[first] & np.uint64(0xFFFFFFFF)).astype(np.uint32),
        weights=weights.astype(np.float32),
        bounds=np.searchsorted(tokens.owner[first], np.arange(documents + 1)),
    )


@dataclass(frozen=True, slots=True, eq=False)
class _Tokens:
    """The kept tokens of a batch (those counting for a content term), in some order."""

    owner: I64
    term: I64
    base: F64
    capital: npt.NDArray[np.bool_]


def _colliding(tokens: _Tokens, *, documents: int, name_boost: float) -> _Content:
    """`_content_terms` when two terms of one document share a hash."""
    span = max(len(TERMS.strings), 1)
    pairs, first, inverse, counts = np.unique(
        tokens.owner * span + tokens.term,
        return_index=True,
        return_inverse=True,
        return_counts=True,
    )
    owner, term = pairs // span, pairs % span
    base = tokens.base[first]
    capital = np.bincount(inverse, weights=tokens.capital, minlength=pairs.size) > 0
    weights = np.sqrt(counts.astype(np.float64)) * np.where(capital, base * name_boost, base)
    hashes = TERMS.hashes.view()[term].astype(np.uint32)
    ranked = _by_hash_then_term(owner, hashes, term)
    return _Content(
        terms=term[ranked],
        hashes=hashes[ranked],
        weights=weights[ranked].astype(np.float32),
        bounds=np.searchsorted(owner[ranked], np.arange(documents + 1)),
    )


def _by_hash_then_term(owner: I64, hashes: U32, term: I64) -> I64:
    """Order by document, hash, then term string (two terms of one document rarely share a
    32-bit hash; the string decides between them, as sorting terms before hashes did)."""
    order = np.lexsort((hashes, owner))
    same = (owner[order][1:] == owner[order][:-1]) & (hashes[order][1:] == hashes[order][:-1])
    tied = np.flatnonzero(same)
    # Each run of equal (document, hash) starts where the previous position was not tied.
    for start in tied[~np.isin(tied - 1, tied)].tolist():
        end = start + 1
        while end - 1 < same.size and same[end - 1]:
            end += 1
        run = sorted(order[start:end].tolist(), key=lambda t: TERMS.strings[int(term[t])])
        order[start:end] = run
    return order
