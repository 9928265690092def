"""Why two articles are (or are not) put together: relation, evidence, thresholds, candidates.

The verdict is `dedup.verify.relate`'s (the clusterer's verification, from the two texts
alone); the reasons spell out which threshold of `MatchSettings` decided it. Clustering only
verifies pairs that LSH proposes, so the explanation also says whether the two share a band
key; given their corpus, it says where the clustering of that corpus put them (there, corpus
document frequencies sharpen the term weights, so the pair's score can differ).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from dedup.article import Article
from dedup.errors import UsageError
from dedup.settings import DEFAULT_SETTINGS, MatchSettings, Settings
from dedup.verify import Verdict, relate

EXPLAIN_SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Placement:
    """Where the clustering of a corpus put the two articles."""

    left_cluster: str
    right_cluster: str
    # The pair's verdict in that clustering, or None when LSH did not propose it there.
    relation: str | None
    score: float | None

    @property
    def together(self) -> bool:
        """Whether the two ended in one cluster."""
        return self.left_cluster == self.right_cluster


@dataclass(frozen=True, slots=True)
class Explanation:
    """Everything `dedup explain` prints."""

    left: dict[str, str | None]
    right: dict[str, str | None]
    relation: str
    score: float
    evidence: dict[str, float]
    thresholds: dict[str, float]
    shared_bands: dict[str, int]
    reasons: tuple[str, ...]
    placement: Placement | None = None
    schema_version: int = field(default=EXPLAIN_SCHEMA_VERSION)

    @property
    def proposed(self) -> bool:
        """Whether LSH proposes the pair for verification (they share a band key)."""
        return any(self.shared_bands.values())

    def to_dict(self) -> dict[str, object]:
        """The explanation as JSON-ready data (what `dedup explain --format json` prints)."""
        placement = None
        if self.placement is not None:
            placement = {
                "left_cluster": self.placement.left_cluster,
                "right_cluster": self.placement.right_cluster,
                "together": self.placement.together,
                "relation": self.placement.relation,
                "score": self.placement.score,
            }
        return {
            "schema_version": self.schema_version,
            "left": self.left,
            "right": self.right,
            "relation": self.relation,
            "score": self.score,
            "evidence": dict(sorted(self.evidence.items())),
            "thresholds": dict(sorted(self.thresholds.items())),
            "shared_bands": dict(sorted(self.shared_bands.items())),
            "proposed": self.proposed,
            "reasons": list(self.reasons),
            "clustering": placement,
        }


def thresholds(settings: MatchSettings) -> dict[str, float]:
    """The settings that decide a pair's relation and whether it is compared at all."""
    return {
        "near_duplicate_jaccard": settings.near_duplicate_jaccard,
        "same_event_score": settings.same_event_score,
        "cluster_threshold": settings.cluster_threshold,
        "near_lsh_threshold": settings.near_lsh_threshold,
        "event_lsh_threshold": settings.event_lsh_threshold,
        "date_grace_days": settings.date_grace_days,
    }


def shared_bands(left: Article, right: Article, *, settings: MatchSettings) -> dict[str, int]:
    """How many near-duplicate and same-event LSH band keys the two articles share (keys as
    the index computes them, without corpus statistics)."""
    from dedup.indexing import Bands, prepare

    bands = Bands.for_settings(settings)
    keys = prepare([left, right], settings=settings, bands=bands).keys
    same = keys[0] == keys[1]
    near, event = bands.near[0], bands.near[0] + bands.event[0]
    return {
        "near": int(np.count_nonzero(same[:near])),
        "event": int(np.count_nonzero(same[near:event])),
        "names": int(np.count_nonzero(same[event:])),
    }


def _number(value: float) -> str:
    return f"{round(value, 4):g}"


def reasons_for(verdict: Verdict, *, settings: MatchSettings) -> list[str]:
    """The thresholds that decided the verdict, strongest first, in words."""
    facts = verdict.evidence
    jaccard = _number(facts["shingle_jaccard"])
    near = _number(settings.near_duplicate_jaccard)
    size = settings.shingle_size
    if verdict.relation == "duplicate":
        return ["duplicate: the same text after normalisation"]
    if verdict.relation == "near-duplicate":
        return [f"near-duplicate: word {size}-gram Jaccard {jaccard} ≥ threshold {near}"]
    same = "≥" if verdict.relation == "same-event" else "<"
    score = _number(verdict.score)
    lines = [
        f"{verdict.relation}: score {score} {same} same-event threshold "
        f"{_number(settings.same_event_score)}",
        f"not a copy: word {size}-gram Jaccard {jaccard} < near-duplicate threshold {near}",
        f"score {score} = {_similarity(facts)} × date factor "
        f"{_number(facts['date_factor'])} × year factor {_number(facts['year_factor'])} × "
        f"event factor {_number(facts['event_factor'])}",
    ]
    if "days_apart" in facts:
        lines.append(
            f"published {_number(facts['days_apart'])} days apart "
            f"({settings.date_grace_days} without penalty)"
        )
    if "event_days_apart" in facts:
        lines.append(_event_reason(facts, settings=settings))
    return lines


def _similarity(facts: dict[str, float]) -> str:
    cosine = f"term cosine {_number(facts['term_cosine'])}"
    if not facts["name_bonus"]:
        return cosine
    return f"({cosine} + {_number(facts['name_bonus'])} for a shared rare full name)"


def _event_reason(facts: dict[str, float], *, settings: MatchSettings) -> str:
    apart = _number(facts["event_days_apart"])
    if facts["event_factor"] > 1:
        return f"the events' own days agree ({apart} days apart, or one report names the other's)"
    if facts["event_factor"] < 1:
        return (
            f"the events' own days disagree: {apart} days apart "
            f"(more than {settings.event_disagree_days}), neither named by the other report"
        )
    return f"the events' own days are {apart} days apart: neither agreement nor disagreement"


def _candidate_reason(shared: dict[str, int]) -> str:
    if any(shared.values()):
        return (
            f"LSH proposes the pair: {shared['near']} near-duplicate, {shared['event']} "
            f"same-event and {shared['names']} full-name keys shared"
        )
    return (
        "LSH does not propose the pair: no band key shared, so a clustering never compares "
        "the two directly (they can still meet through other documents)"
    )


def _placement(
    left: Article, right: Article, corpus: Sequence[Article], *, settings: Settings
) -> Placement:
    from dedup.pipeline import cluster_articles

    ids = {article.id for article in corpus}
    missing = [article.id for article in (left, right) if article.id not in ids]
    if missing:
        raise UsageError(f"{missing[0]!r} is not in the corpus; explain two of its documents")
    result = cluster_articles(corpus, settings=settings)
    home = {m.id: c.id for c in result.clusters for m in c.members}
    key = (left.id, right.id) if left.id < right.id else (right.id, left.id)
    verdict = result.pair_relations.get(key)
    return Placement(
        left_cluster=home[left.id],
        right_cluster=home[right.id],
        relation=None if verdict is None else verdict.relation,
        score=None if verdict is None else round(verdict.score, 4),
    )


def _placement_reason(placement: Placement, *, settings: MatchSettings) -> str:
    where = (
        f"in one cluster, {placement.left_cluster}"
        if placement.together
        else f"in different clusters, {placement.left_cluster} and {placement.right_cluster}"
    )
    if placement.relation is None:
        checked = "the pair was not among either document's nearest candidates"
    else:
        checked = f"verified there as {placement.relation} (score {_number(placement.score or 0)})"
    return (
        f"clustered with their corpus: {where}; {checked}; clusters merge at average-link "
        f"score ≥ {_number(settings.cluster_threshold)}"
    )


def explain_pair(
    left: Article,
    right: Article,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    corpus: Sequence[Article] | None = None,
) -> Explanation:
    """Explain the relation of two cleaned articles (and, given their corpus, their clusters)."""
    match = settings.match
    verdict = relate(left, right, settings=settings)
    shared = shared_bands(left, right, settings=match)
    reasons = [*reasons_for(verdict, settings=match), _candidate_reason(shared)]
    placement = None
    if corpus is not None:
        placement = _placement(left, right, corpus, settings=settings)
        reasons.append(_placement_reason(placement, settings=match))
    return Explanation(
        left=left.metadata(),
        right=right.metadata(),
        relation=verdict.relation,
        score=round(verdict.score, 4),
        evidence=dict(sorted(verdict.evidence.items())),
        thresholds=thresholds(match),
        shared_bands=shared,
        reasons=tuple(reasons),
        placement=placement,
    )
