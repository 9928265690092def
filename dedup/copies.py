"""Exact copies: a set of identical documents is signed, paired and verified once.

A wire story reprinted by hundreds of outlets arrives as hundreds of identical documents. Left
as they are, they fill every LSH bucket they share past `max_bucket` (and cost their square in
pairs below it). Copies here are documents with the same words (the content hash: normalised
words, title included), the same publication day and the same content terms (which leave out
each outlet's own words); only the first of them (the lowest row, so the lowest id) is given
band keys and candidates, the others are linked to it as duplicates.

Same words, day and terms give the same features to verification (only the id differs), so a
score the first copy gets with another document is the score each copy would get. Clustering
uses that: each set of copies starts as one group, and a verified pair counts once for every
pair of copies it stands for (`linkage`): average-link sees the totals it would see had every
copy been verified against what its first copy was, at the cost of one copy.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from dedup.lsh import I64
from dedup.represent import Features
from dedup.verify import RELATIONS

F64 = npt.NDArray[np.float64]
Codes = npt.NDArray[np.int8]

DUPLICATE = RELATIONS.index("duplicate")


def copy_key(features: Features) -> bytes:
    """What two exact copies share: the content hash, the publication day and the content
    terms (an outlet's own words are left out of a copy's terms, `dedup.outlets`: the same
    words on two outlets can weigh differently)."""
    day = b"" if features.day is None else features.day.to_bytes(4, "little")
    terms = hashlib.sha1(features.term_hashes.astype("<u4").tobytes()).digest()[:8]
    return bytes.fromhex(features.content_hash) + day + terms


def first_copies(keys: Sequence[bytes]) -> I64:
    """Each row's first copy: the first row with its key (the row itself for most rows)."""
    first: dict[bytes, int] = {}
    return np.fromiter(
        (first.setdefault(key, row) for row, key in enumerate(keys)), np.int64, count=len(keys)
    )


def with_copy_links(
    pairs: I64, codes: Codes, scores: F64, *, copy_of: I64
) -> tuple[I64, Codes, F64]:
    """The verified pairs (sorted) and each later copy's link to its first copy (duplicate,
    score 1), sorted together."""
    copies = np.flatnonzero(copy_of != np.arange(copy_of.size))
    if not copies.size:
        return pairs, codes, scores
    links = np.stack([copy_of[copies], copies], axis=1)
    joined = np.concatenate([pairs.reshape(-1, 2), links])
    order = np.lexsort((joined[:, 1], joined[:, 0]))
    return (
        joined[order],
        np.r_[codes, np.full(copies.size, DUPLICATE, dtype=np.int8)][order],
        np.r_[scores, np.ones(copies.size)][order],
    )


@dataclass(frozen=True, slots=True, eq=False)
class Linkage:
    """The verified pairs between first copies as average-link sees them: `totals` (each
    score times the copies on each side) and `strength` (each row's total score, its copies'
    pairs included). Each copy starts in its first copy's group."""

    totals: F64
    strength: F64


def linkage(first: I64, second: I64, scores: F64, damped: F64, *, copy_of: I64) -> Linkage:
    """The `Linkage` of edges (`first`, `second`) between first copies, with their scores
    (`strength`) and damped scores (`totals`)."""
    count = copy_of.size
    copies = np.bincount(copy_of, minlength=count).astype(np.float64)
    # Added edge by edge, first row then second, as the sums were always made.
    ends = np.stack([first, second], axis=1).reshape(-1)
    weights = np.stack([scores * copies[second], scores * copies[first]], axis=1).reshape(-1)
    strength = np.bincount(ends, weights=weights, minlength=count).astype(np.float64)
    # A copy is as close to the others as they are to it, and to its own copies at score 1.
    strength = (strength + np.maximum(copies - 1, 0))[copy_of]
    totals: F64 = damped * copies[first] * copies[second]
    return Linkage(totals, strength)
