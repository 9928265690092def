"""The side-by-side diff of two articles, as one frozen report that every renderer reads.

The relation (duplicate / near-duplicate / same-event / unrelated) and its evidence are those of
`dedup.verify.relate`, the same verification the clusterer uses; the header adds the share of
sentences that align. `build_diffs` compares one article with many (a cluster's representative
with its members) and does the one article's share of the work once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dedup.align import Alignment, align_sentences
from dedup.article import Article
from dedup.embed import preload
from dedup.factcheck import ArticleFacts, extract_facts
from dedup.factcheck.compare import find_discrepancies
from dedup.factcheck.discrepancy import Discrepancy
from dedup.represent import represent_many
from dedup.settings import DEFAULT_SETTINGS, Settings
from dedup.verify import evidence, weigh

# 2: discrepancies carry their category, slot, typed values, qualifiers and `evolving`.
SCHEMA_VERSION = 2


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
    # One-sided facts left out of `discrepancies` (the least salient; `every_omission` shows all).
    hidden_omissions: int = 0
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, object]:
        """The report as JSON-ready data: what `dedup diff --format json` prints."""
        from dedup.render.json import diff_as_dict

        return diff_as_dict(self)


def _relations(
    left: Article, rights: Sequence[Article], alignments: Sequence[Alignment], *, settings: Settings
) -> list[tuple[str, dict[str, float]]]:
    """Each right article's relation to the left one and its evidence, as `dedup.verify.relate`
    finds them (the articles represented in one batch: the same features, the left read once),
    plus the share of aligned sentences."""
    match = settings.match
    features = represent_many([left, *rights], settings=match)
    ours = weigh(features[0], stats=None, settings=match)
    found = []
    for theirs, alignment in zip(features[1:], alignments, strict=True):
        vectors = (ours, weigh(theirs, stats=None, settings=match))
        verdict = evidence(features[0], theirs, vectors=vectors, settings=match)
        scores = {str(name): round(float(value), 4) for name, value in verdict.evidence.items()}
        scores["score"] = round(float(verdict.score), 4)
        scores["aligned_share"] = round(alignment.coverage, 4)
        found.append((str(verdict.relation), dict(sorted(scores.items()))))
    return found


def build_diff(
    left: Article,
    right: Article,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    left_facts: ArticleFacts | None = None,
    right_facts: ArticleFacts | None = None,
    every_omission: bool = False,
) -> DiffReport:
    """Align two articles, find where they disagree, and say how they relate; the most salient
    omissions only, unless `every_omission`."""
    (report,) = build_diffs(
        left,
        [right],
        settings=settings,
        left_facts=left_facts,
        right_facts=None if right_facts is None else [right_facts],
        every_omission=every_omission,
    )
    return report


def build_diffs(
    left: Article,
    rights: Sequence[Article],
    *,
    settings: Settings = DEFAULT_SETTINGS,
    left_facts: ArticleFacts | None = None,
    right_facts: Sequence[ArticleFacts] | None = None,
    every_omission: bool = False,
) -> tuple[DiffReport, ...]:
    """`build_diff` of one article against each of `rights` (with `right_facts`, their facts in
    that order): the same reports, the left article's share of the work done once."""
    # The aligner's vectors load beside the fact extraction that comes first.
    preload()
    ours = left_facts or extract_facts(left)
    facts = right_facts if right_facts is not None else [extract_facts(r) for r in rights]
    left_sentences = tuple(sentence.text for sentence in ours.sentences)
    parts = []
    for right, theirs in zip(rights, facts, strict=True):
        right_sentences = tuple(sentence.text for sentence in theirs.sentences)
        alignment = align_sentences(left_sentences, right_sentences, settings=settings.align)
        found = find_discrepancies(
            left,
            right,
            rows=[(row.left, row.right) for row in alignment.rows],
            left_facts=ours,
            right_facts=theirs,
            settings=settings.facts,
        )
        parts.append((right, right_sentences, alignment, found))
    relations = _relations(left, rights, [part[2] for part in parts], settings=settings)
    reports = []
    for (right, right_sentences, alignment, found), (relation, scores) in zip(
        parts, relations, strict=True
    ):
        omissions = [d for d in found if d.category == "omission"]
        shown = omissions if every_omission else omissions[: settings.facts.omissions_shown]
        kept = {id(d) for d in shown}
        discrepancies = tuple(d for d in found if d.category != "omission" or id(d) in kept)
        reports.append(
            DiffReport(
                left=Side(left.metadata(), left_sentences),
                right=Side(right.metadata(), right_sentences),
                relation=relation,
                scores=scores,
                alignment=alignment,
                discrepancies=discrepancies,
                hidden_omissions=len(omissions) - len(shown),
            )
        )
    return tuple(reports)
