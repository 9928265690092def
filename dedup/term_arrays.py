"""Content terms of a scanned batch as arrays: `dedup.tokens.content_term_weights` for every
document of a batch at once.

Each document's terms come out sorted by hash (then by term string), with their weights; the
tokens that count for a term can be left out (an outlet's own words, `outlet_tokens`) and
tokens added (full names, `name_tokens`) before the terms are grouped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from dedup.scan import Scan
from dedup.spellings import TERMS, TokenValues

U32 = npt.NDArray[np.uint32]
F32 = npt.NDArray[np.float32]
I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True, eq=False)
class Content:
    """Each document's content terms, documents one after the other, each sorted by hash (then
    by term): term numbers (`TERMS`), hashes, weights; `bounds`: where each document starts."""

    terms: I64
    hashes: U32
    weights: F32
    bounds: I64


def outlet_tokens(
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


def name_tokens(names: Sequence[list[int]], *, weight: float) -> Tokens:
    """Each document's full names (term numbers) as tokens of fixed base weight."""
    owner = np.repeat(np.arange(len(names), dtype=np.int64), [len(found) for found in names])
    term = np.fromiter((t for found in names for t in found), np.int64, count=owner.size)
    return Tokens(owner, term, np.full(owner.size, weight), np.zeros(owner.size, dtype=bool))


def content_terms(
    scanned: Scan,
    values: TokenValues,
    *,
    name_boost: float,
    dropped: npt.NDArray[np.bool_] | None = None,
    extra: Tokens | None = None,
) -> Content:
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
    tokens = Tokens(
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
    return Content(
        terms=tokens.term[first],
        hashes=(key[first] & np.uint64(0xFFFFFFFF)).astype(np.uint32),
        weights=weights.astype(np.float32),
        bounds=np.searchsorted(tokens.owner[first], np.arange(documents + 1)),
    )


@dataclass(frozen=True, slots=True, eq=False)
class Tokens:
    """The kept tokens of a batch (those counting for a content term), in some order."""

    owner: I64
    term: I64
    base: F64
    capital: npt.NDArray[np.bool_]


def _colliding(tokens: Tokens, *, documents: int, name_boost: float) -> Content:
    """`content_terms` when two terms of one document share a hash."""
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
    return Content(
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
