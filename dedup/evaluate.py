"""Evaluation against gold labels: pairwise precision, recall, F1 and the adjusted Rand index.

Pairwise scores count document pairs that share a predicted cluster against pairs that share a
gold cluster. ARI is computed from the pair counts of the contingency table (no sklearn). The
gold label is read from each article's `extra` and removed before clustering, so the pipeline
never sees it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from dedup.article import Article
from dedup.cluster_result import ClusterResult
from dedup.errors import InputError
from dedup.pipeline import cluster_articles
from dedup.progress import Progress, no_progress
from dedup.represent import represent
from dedup.settings import DEFAULT_SETTINGS, Settings
from dedup.verify import shingle_jaccard


@dataclass(frozen=True, slots=True)
class Scores:
    """Pairwise agreement of a predicted clustering with gold labels."""

    documents: int
    gold_pairs: int
    predicted_pairs: int
    true_pairs: int
    precision: float
    recall: float
    f1: float
    ari: float


def _pairs(count: int) -> int:
    return count * (count - 1) // 2


def score(predicted: Mapping[str, str], gold: Mapping[str, str]) -> Scores:
    """Compare the predicted cluster of each document with its gold cluster.

    Only documents present in both mappings count; so leaving a document out of `gold`
    (e.g. a junk page) leaves it out of the scores.
    """
    ids = sorted(predicted.keys() & gold.keys())
    joint = Counter((predicted[i], gold[i]) for i in ids)
    true_pairs = sum(_pairs(n) for n in joint.values())
    predicted_pairs = sum(_pairs(n) for n in Counter(predicted[i] for i in ids).values())
    gold_pairs = sum(_pairs(n) for n in Counter(gold[i] for i in ids).values())
    precision = true_pairs / predicted_pairs if predicted_pairs else 0.0
    recall = true_pairs / gold_pairs if gold_pairs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    total = _pairs(len(ids))
    expected = predicted_pairs * gold_pairs / total if total else 0.0
    top = (predicted_pairs + gold_pairs) / 2
    ari = (true_pairs - expected) / (top - expected) if top != expected else 1.0
    return Scores(
        documents=len(ids),
        gold_pairs=gold_pairs,
        predicted_pairs=predicted_pairs,
        true_pairs=true_pairs,
        precision=precision,
        recall=recall,
        f1=f1,
        ari=ari,
    )


@dataclass(frozen=True, slots=True)
class CopyLabels:
    """How gold same-event pairs were labelled, split by word n-gram Jaccard.

    `copies`: gold pairs at or above the near-duplicate Jaccard; `copies_labelled` of them got
    duplicate or near-duplicate. `rewrites`: the other gold pairs; `rewrites_same_event` of
    them were verified same-event, `rewrites_as_copies` (wrongly) duplicate or near-duplicate.
    `proposed`: gold pairs that LSH proposed at all (candidate recall = proposed / gold pairs).
    """

    gold_pairs: int
    proposed: int
    copies: int
    copies_labelled: int
    rewrites: int
    rewrites_same_event: int
    rewrites_as_copies: int


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Everything `dedup eval` reports."""

    scores: Scores
    labels: CopyLabels
    documents: int
    excluded: int
    gold_clusters: int
    predicted_clusters: int
    pair_relations: dict[str, int]
    member_relations: dict[str, int]

    def to_dict(self) -> dict[str, object]:
        """The evaluation as JSON-ready data: what `dedup eval --format json` prints."""
        from dedup.render.clusters_eval import eval_as_dict

        return eval_as_dict(self)


def _truthy(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "y")
    return bool(value)


def gold_labels(
    articles: Sequence[Article], *, label_field: str, exclude_field: str | None
) -> tuple[dict[str, str], int]:
    """Each scored document's gold label, and how many were excluded by `exclude_field`."""
    gold: dict[str, str] = {}
    excluded = 0
    for article in articles:
        if exclude_field and _truthy(article.extra.get(exclude_field)):
            excluded += 1
            continue
        label = article.extra.get(label_field)
        if label is None or label == "":
            raise InputError(
                article.source or article.id,
                f"document {article.id!r} has no {label_field!r} field",
                hint="name the gold label field with --label-field",
            )
        gold[article.id] = str(label)
    return gold, excluded


def copy_labels(
    articles: Sequence[Article],
    gold: Mapping[str, str],
    result: ClusterResult,
    *,
    settings: Settings,
) -> CopyLabels:
    """Label quality on the gold pairs: copies found as copies, rewrites as same-event."""
    by_label: dict[str, list[str]] = defaultdict(list)
    for doc_id in sorted(gold):
        by_label[gold[doc_id]].append(doc_id)
    pairs = [
        (ids[a], ids[b])
        for ids in by_label.values()
        for a in range(len(ids))
        for b in range(a + 1, len(ids))
    ]
    wanted = {doc_id for pair in pairs for doc_id in pair}
    features = {a.id: represent(a, settings=settings.match) for a in articles if a.id in wanted}
    copies = copies_labelled = rewrites = same_event = as_copies = proposed = 0
    for pair in pairs:
        verdict = result.pair_relations.get(pair)
        relation = verdict.relation if verdict is not None else None
        proposed += verdict is not None
        copy_relation = relation in ("duplicate", "near-duplicate")
        if shingle_jaccard(features[pair[0]], features[pair[1]]) >= (
            settings.match.near_duplicate_jaccard
        ):
            copies += 1
            copies_labelled += copy_relation
        else:
            rewrites += 1
            same_event += relation == "same-event"
            as_copies += copy_relation
    return CopyLabels(
        len(pairs), proposed, copies, copies_labelled, rewrites, same_event, as_copies
    )


def evaluate_clustering(
    articles: Sequence[Article],
    *,
    label_field: str,
    exclude_field: str | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    progress: Progress = no_progress,
) -> Evaluation:
    """Cluster `articles` with their labels hidden, then score against the labels."""
    gold, excluded = gold_labels(articles, label_field=label_field, exclude_field=exclude_field)
    hidden = [replace(article, extra={}) for article in articles]
    result = cluster_articles(hidden, settings=settings, progress=progress)
    predicted = {m.id: c.id for c in result.clusters for m in c.members}
    members = Counter(
        "unique" if len(c.members) == 1 else m.relation for c in result.clusters for m in c.members
    )
    return Evaluation(
        scores=score(predicted, gold),
        labels=copy_labels(hidden, gold, result, settings=settings),
        documents=len(articles),
        excluded=excluded,
        gold_clusters=len(set(gold.values())),
        predicted_clusters=len(result.clusters),
        pair_relations=dict(result.relation_counts),
        member_relations=dict(sorted(members.items())),
    )
