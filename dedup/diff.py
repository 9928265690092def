"""The side-by-side diff of two articles, as one frozen report that every renderer reads.

The relation (duplicate / near-duplicate / same-event / unrelated) and its evidence come from
`dedup.verify.relate`, the same verification the clusterer uses; the header adds the share of
sentences that align.
"""

from __future__ import annotations

from dataclasses import dataclass

from dedup.align import Alignment, align_sentences
from dedup.article import Article
from dedup.facts import ArticleFacts, extract_facts
from dedup.facts.compare import Discrepancy, find_discrepancies
from dedup.settings import DEFAULT_SETTINGS, Settings
from dedup.verify import relate

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Side:
    """One article as the report shows it: metadata and sentences."""

    metadata: dict[str, str | None]
    sentences: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        """Metadata and sentence count, JSON-ready."""
        return {**self.metadata, "sentences": len(self.sentences)}


@dataclass(frozen=True, slots=True)
class DiffReport:
    """Everything `dedup diff` shows: both sides, their relation, alignment, discrepancies."""

    left: Side
    right: Side
    relation: str
    scores: dict[str, float]
    alignment: Alignment
    discrepancies: tuple[Discrepancy, ...]
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, object]:
        """The report as JSON-ready data: what `dedup diff --format json` prints."""
        from dedup.render.json import diff_as_dict

        return diff_as_dict(self)


def _relation(
    left: Article, right: Article, alignment: Alignment, *, settings: Settings
) -> tuple[str, dict[str, float]]:
    """The relation and its evidence from dedup.verify, plus the share of aligned sentences."""
    verdict = relate(left, right, settings=settings)
    scores = {str(name): round(float(value), 4) for name, value in verdict.evidence.items()}
    scores["score"] = round(float(verdict.score), 4)
    scores["aligned_share"] = round(alignment.coverage, 4)
    return str(verdict.relation), dict(sorted(scores.items()))


def build_diff(
    left: Article,
    right: Article,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    left_facts: ArticleFacts | None = None,
    right_facts: ArticleFacts | None = None,
) -> DiffReport:
    """Align two articles, find where they disagree, and say how they relate."""
    ours = left_facts or extract_facts(left)
    theirs = right_facts or extract_facts(right)
    left_sentences = tuple(sentence.text for sentence in ours.sentences)
    right_sentences = tuple(sentence.text for sentence in theirs.sentences)
    alignment = align_sentences(left_sentences, right_sentences, settings=settings.align)
    discrepancies = find_discrepancies(
        left, right, alignment=alignment, left_facts=ours, right_facts=theirs
    )
    relation, scores = _relation(left, right, alignment, settings=settings)
    return DiffReport(
        left=Side(left.metadata(), left_sentences),
        right=Side(right.metadata(), right_sentences),
        relation=relation,
        scores=scores,
        alignment=alignment,
        discrepancies=discrepancies,
    )
