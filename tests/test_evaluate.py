"""Pairwise scores, ARI, and the evaluation on real labelled data."""

from __future__ import annotations

from functools import cache

import pytest

from dedup.article import Article
from dedup.clean import clean_article
from dedup.errors import InputError
from dedup.evaluate import Evaluation, evaluate_clustering, gold_labels, score
from dedup.read import read_paths

from .conftest import CORPUS, shared


def test_perfect_prediction_scores_one() -> None:
    """Predicting the gold clusters (under other names) gives P = R = F1 = ARI = 1."""
    gold = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "z"}
    predicted = {"a": "1", "b": "1", "c": "2", "d": "2", "e": "3"}
    s = score(predicted, gold)
    assert (s.precision, s.recall, s.f1, s.ari) == (1.0, 1.0, 1.0, 1.0)


def test_known_pairwise_and_ari_values() -> None:
    """A hand-checked case: 1 of 3 predicted pairs correct, 1 of 2 gold pairs found."""
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    predicted = {"a": "1", "b": "1", "c": "1", "d": "2"}
    s = score(predicted, gold)
    assert (s.true_pairs, s.predicted_pairs, s.gold_pairs) == (1, 3, 2)
    assert s.precision == pytest.approx(1 / 3) and s.recall == pytest.approx(0.5)
    assert s.f1 == pytest.approx(0.4)
    # ARI from the pair counts: (1 - 3*2/6) / ((3+2)/2 - 3*2/6) = 0 / 1.5
    assert s.ari == pytest.approx(0.0)


def test_documents_outside_gold_are_not_scored() -> None:
    """A predicted document without a gold label (excluded junk) changes nothing."""
    gold = {"a": "x", "b": "x"}
    assert score({"a": "1", "b": "1", "junk": "1"}, gold).precision == 1.0


def test_missing_label_is_an_input_error() -> None:
    """A document without the label field names the document and the option to use."""
    with pytest.raises(InputError, match="--label-field"):
        gold_labels([Article(id="a", text="x")], label_field="cluster", exclude_field=None)


def test_exclude_field_accepts_booleans_and_strings() -> None:
    """Documents whose exclude field is true (bool or "true") are left out and counted."""
    docs = [
        Article(id="a", text="x", extra={"cluster": "1", "junk": True}),
        Article(id="b", text="x", extra={"cluster": "1", "junk": "true"}),
        Article(id="c", text="x", extra={"cluster": "2", "junk": "false"}),
    ]
    assert gold_labels(docs, label_field="cluster", exclude_field="junk") == ({"c": "2"}, 2)


@cache
def _ecb() -> Evaluation:
    docs = [clean_article(a) for a in read_paths([CORPUS / "ecbplus" / "documents.jsonl"])]
    return evaluate_clustering(docs, label_field="cluster")


def test_ecbplus_sample_meets_the_quality_bar() -> None:
    """On the ECB+ sample (two events per topic), pairwise F1 is at least 0.90."""
    result = _ecb()
    assert result.scores.f1 >= 0.90
    assert result.labels.proposed / result.labels.gold_pairs >= 0.9


@pytest.mark.slow
@pytest.mark.shared_data
def test_gva_meets_the_quality_bar_and_labels_copies() -> None:
    """gva (clean docs): F1 ≥ 0.75; ≥ 95% of copy pairs near-duplicate; rewrites same-event."""
    path = shared("gva", "documents.jsonl")
    docs = [clean_article(a) for a in read_paths([path])]
    docs = [a for a in docs if a.text.strip()]
    result = evaluate_clustering(docs, label_field="cluster", exclude_field="likely_junk")
    assert result.scores.f1 >= 0.75
    labels = result.labels
    assert labels.copies >= 30 and labels.copies_labelled >= 0.95 * labels.copies
    assert labels.rewrites_as_copies == 0
    assert labels.rewrites_same_event >= 0.7 * labels.rewrites
