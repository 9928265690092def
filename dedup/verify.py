"""Verification: the evidence for a pair of documents, and the relation it supports.

LSH only proposes pairs. Each is scored here with cheap, explainable evidence: exact word
n-gram Jaccard (copies), cosine over rarity-weighted content terms, names and figures
(independent coverage), and how far apart the publication dates and the years named in the
texts are. The score is the cosine damped by the date evidence; the relation follows from the
thresholds in `MatchSettings`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import numpy.typing as npt

from dedup.article import Article
from dedup.event_evidence import event_agreement
from dedup.represent import Features, represent
from dedup.settings import DEFAULT_SETTINGS, MatchSettings, Settings

F64 = npt.NDArray[np.float64]
U32 = npt.NDArray[np.uint32]

RELATIONS = ("duplicate", "near-duplicate", "same-event", "unrelated")


@dataclass(frozen=True, slots=True)
class Verdict:
    """How two documents relate, how strongly, and the evidence for it."""

    relation: str
    score: float
    evidence: dict[str, float]


class TermStats(Protocol):
    """Corpus document frequencies (in memory, or kept by an index)."""

    @property
    def documents(self) -> int:
        """How many documents the frequencies were counted over."""
        ...

    def frequencies(self, features: Features) -> F64:
        """The document frequency of each of `features.terms`, in that order."""
        ...


@dataclass(frozen=True, slots=True, eq=False)
class Vector:
    """A document's unit-length term vector, by term hash (sorted), and the hashes of its rare
    full names (sorted; see `MatchSettings.rare_name_df`)."""

    hashes: U32
    values: F64
    names: U32 = field(default_factory=lambda: np.empty(0, dtype=np.uint32))


@dataclass(frozen=True, slots=True, eq=False)
class BatchStats:
    """Document frequencies counted over a batch of documents held in memory."""

    hashes: U32
    counts: npt.NDArray[np.int64]
    total: int

    @classmethod
    def count(cls, features: list[Features]) -> BatchStats:
        """Count each term once per document it occurs in."""
        if not features:
            return cls(np.empty(0, np.uint32), np.empty(0, np.int64), 0)
        hashes, counts = np.unique(
            np.concatenate([f.term_hashes for f in features]), return_counts=True
        )
        return cls(hashes, counts.astype(np.int64), len(features))

    @property
    def documents(self) -> int:
        """How many documents were counted."""
        return self.total

    def frequencies(self, features: Features) -> F64:
        """Document frequencies of the features' terms (0 for a term not counted)."""
        return self.frequencies_of(features.term_hashes)

    def frequencies_of(self, hashes: U32) -> F64:
        """Document frequencies of terms given by hash (0 for a term not counted)."""
        if self.hashes.size == 0:
            return np.zeros(hashes.size)
        at = np.searchsorted(self.hashes, hashes)
        at = np.minimum(at, self.hashes.size - 1)
        found = self.hashes[at] == hashes
        return np.where(found, self.counts[at], 0).astype(np.float64)


def weigh(features: Features, *, stats: TermStats | None, settings: MatchSettings) -> Vector:
    """The document's unit term vector; corpus idf sharpens the weights when stats are given."""
    values = features.weights.astype(np.float64)
    df = None
    if stats is not None and stats.documents > 1:
        df = stats.frequencies(features)
        if settings.corpus_idf_power > 0:
            idf = np.log((stats.documents + 1) / (df + 1)) + 1.0
            values = values * idf**settings.corpus_idf_power
    norm = float(np.sqrt(np.dot(values, values)))
    names = rare_names(features.term_hashes, features.names, df, settings=settings)
    return Vector(features.term_hashes, values / norm if norm > 0 else values, names)


def rare_names(hashes: U32, names: U32, df: F64 | None, *, settings: MatchSettings) -> U32:
    """The sorted hashes of a document's first `settings.name_keys` full names (`names`, in
    order of appearance, among the term `hashes`) that at most `settings.rare_name_df`
    documents hold (`df`: each term's document frequency; None: every one is rare)."""
    first = names[: settings.name_keys]
    if df is None or not first.size:
        return np.unique(first)
    at = np.searchsorted(hashes, first)
    np.minimum(at, hashes.size - 1, out=at)
    found = (hashes[at] == first) & (df[at] <= settings.rare_name_df)
    rare: U32 = np.unique(first[found])
    return rare


def weigh_all(
    features: Sequence[Features], *, stats: TermStats | None, settings: MatchSettings
) -> list[Vector]:
    """`weigh` of every document (the same floats), with one frequency look-up for all of
    them when the statistics are a `BatchStats`."""
    if not isinstance(stats, BatchStats) or stats.documents <= 1 or not features:
        return [weigh(f, stats=stats, settings=settings) for f in features]
    hashes = np.concatenate([f.term_hashes for f in features])
    raw = np.concatenate([f.weights for f in features]).astype(np.float64)
    if settings.corpus_idf_power > 0:
        df = stats.frequencies_of(hashes)
        idf = np.log((stats.documents + 1) / (df + 1)) + 1.0
        raw = raw * idf**settings.corpus_idf_power
    names = _rare_names_all(features, stats, settings=settings)
    vectors: list[Vector] = []
    end = 0
    for f, rare in zip(features, names, strict=True):
        start, end = end, end + f.term_hashes.size
        values = raw[start:end]
        norm = float(np.sqrt(np.dot(values, values)))
        vectors.append(Vector(f.term_hashes, values / norm if norm > 0 else values.copy(), rare))
    return vectors


def _rare_names_all(
    features: Sequence[Features], stats: BatchStats, *, settings: MatchSettings
) -> list[U32]:
    """`rare_names` of every document, with one frequency look-up for all of them."""
    first = [f.names[: settings.name_keys] for f in features]
    hashes = np.concatenate(first)
    rare = stats.frequencies_of(hashes) <= settings.rare_name_df
    bounds = np.cumsum([0, *map(len, first)]).tolist()
    return [
        np.unique(hashes[start:end][rare[start:end]]) if end > start else _NO_NAMES
        for start, end in itertools.pairwise(bounds)
    ]


_NO_NAMES = np.empty(0, dtype=np.uint32)


def salient(vector: Vector, *, count: int) -> U32:
    """Sorted hashes of the `count` most heavily weighted terms (ties broken by hash).

    The same-event MinHash is built from this set: the names, places and rare words that
    identify a story, rather than the whole vocabulary of its kind of story.
    """
    top = np.lexsort((vector.hashes, -vector.values))[:count]
    chosen: U32 = np.sort(vector.hashes[top])
    return chosen


def _common(left: U32, right: U32) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Positions of the values two sorted, distinct arrays share (faster than intersect1d)."""
    if not left.size or not right.size:
        empty = np.empty(0, dtype=np.intp)
        return empty, empty
    at = np.searchsorted(right, left)
    np.minimum(at, right.size - 1, out=at)
    found = right[at] == left
    return np.flatnonzero(found), at[found]


def cosine(left: Vector, right: Vector) -> float:
    """Cosine of two unit term vectors."""
    a, b = _common(left.hashes, right.hashes)
    return float(np.dot(left.values[a], right.values[b]))


def shingle_jaccard(left: Features, right: Features) -> float:
    """Exact Jaccard similarity of the two documents' word n-gram sets."""
    if not left.shingles.size or not right.shingles.size:
        return 0.0
    shared = _common(left.shingles, right.shingles)[0].size
    return shared / (left.shingles.size + right.shingles.size - shared)


def date_factor(left: Features, right: Features, *, settings: MatchSettings) -> float:
    """1 when the publication dates are close or unknown, falling slowly with the gap."""
    if left.day is None or right.day is None:
        return 1.0
    extra = max(0, abs(left.day - right.day) - settings.date_grace_days)
    return 1.0 / (1.0 + settings.date_decay * math.log1p(extra))


def evidence(
    left: Features,
    right: Features,
    *,
    vectors: tuple[Vector, Vector],
    settings: MatchSettings,
) -> Verdict:
    """Score and label one pair from the two documents' features and term vectors."""
    jaccard = shingle_jaccard(left, right)
    similarity = cosine(*vectors)
    agreement = event_agreement(left, right, settings=settings)
    dates = 1.0 if agreement > 0 else date_factor(left, right, settings=settings)
    years = 1.0
    if left.years and right.years and not left.years & right.years:
        years = settings.disjoint_years_factor
    event = (settings.event_disagree_factor, 1.0, settings.event_agree_factor)[agreement + 1]
    shares_name = bool(_common(vectors[0].names, vectors[1].names)[0].size)
    bonus = settings.name_bonus if shares_name else 0.0
    score = (similarity + bonus) * dates * years * event
    facts: dict[str, float] = {
        "shingle_jaccard": round(jaccard, 4),
        "term_cosine": round(similarity, 4),
        "date_factor": round(dates, 4),
        "year_factor": years,
        "event_factor": event,
        "name_bonus": bonus,
    }
    if left.day is not None and right.day is not None:
        facts["days_apart"] = float(abs(left.day - right.day))
    if left.event_day is not None and right.event_day is not None:
        facts["event_days_apart"] = float(abs(left.event_day - right.event_day))
    if left.content_hash == right.content_hash:
        return Verdict("duplicate", 1.0, facts)
    if jaccard >= settings.near_duplicate_jaccard:
        return Verdict("near-duplicate", round(max(score, jaccard), 4), facts)
    relation = "same-event" if score >= settings.same_event_score else "unrelated"
    return Verdict(relation, round(score, 4), facts)


def relate(left: Article, right: Article, *, settings: Settings = DEFAULT_SETTINGS) -> Verdict:
    """How two cleaned articles relate, from their text alone (no corpus statistics)."""
    match = settings.match
    features = represent(left, settings=match), represent(right, settings=match)
    vectors = (
        weigh(features[0], stats=None, settings=match),
        weigh(features[1], stats=None, settings=match),
    )
    return evidence(features[0], features[1], vectors=vectors, settings=match)
