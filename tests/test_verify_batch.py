"""Batch verification: the same relations and scores as `evidence`, pair by pair."""

from __future__ import annotations

import numpy as np

from dedup.candidates import (
    day_positions,
    document_band_keys,
    select_candidates,
    shingle_signatures,
    vocabulary,
)
from dedup.verify import RELATIONS, BatchStats, evidence, weigh, weigh_all
from dedup.verify_batch import verify_rows
from dedup.verify_columns import Columns

from .verify_corpus import MATCH, verify_corpus


def test_batch_verdicts_equal_evidence_pair_by_pair() -> None:
    """Every candidate pair gets the relation `evidence` gives, and its score to 1e-9."""
    features, vectors = verify_corpus()
    near = shingle_signatures(features, settings=MATCH)
    keys = document_band_keys(features, vectors, settings=MATCH, near=near)
    pairs = select_candidates(keys, day_positions(features), settings=MATCH)
    columns = Columns.of(features, vectors, signatures=near, vocabulary=vocabulary(vectors))
    codes, scores = verify_rows(columns, columns, (pairs[:, 0], pairs[:, 1]), settings=MATCH)
    expected = [
        evidence(features[i], features[j], vectors=(vectors[i], vectors[j]), settings=MATCH)
        for i, j in pairs.tolist()
    ]
    assert [RELATIONS[c] for c in codes.tolist()] == [v.relation for v in expected]
    assert np.allclose(scores, [v.score for v in expected], rtol=0, atol=1e-9)
    assert set(codes.tolist()) >= {1, 2, 3}  # near-duplicate, same-event, unrelated all occur
    assert {v.evidence["event_factor"] for v in expected} == {0.7, 1.0, 1.5}
    assert {v.evidence["name_bonus"] for v in expected} == {0.0, 0.1}


def test_split_columns_and_batches_give_the_same_bytes() -> None:
    """Verifying pairs across two column sets (as two parts) equals one set, bit for bit."""
    features, vectors = verify_corpus()
    near = shingle_signatures(features, settings=MATCH)
    half = len(features) // 2
    whole = Columns.of(features, vectors, signatures=near, vocabulary=vocabulary(vectors))
    # Parts share one vocabulary; a larger one (other column numbers) changes nothing.
    wider = np.union1d(vocabulary(vectors), np.arange(0, 2**32 - 1, 9_999_991, dtype=np.uint32))
    left = Columns.of(features[:half], vectors[:half], signatures=near[:half], vocabulary=wider)
    right = Columns.of(features[half:], vectors[half:], signatures=near[half:], vocabulary=wider)
    rng = np.random.default_rng(3)
    first = rng.integers(0, half, 500)
    second = rng.integers(0, len(features) - half, 500)
    split = verify_rows(left, right, (first, second), settings=MATCH)
    joined = verify_rows(whole, whole, (first, second + half), settings=MATCH)
    assert split[0].tolist() == joined[0].tolist() and split[1].tolist() == joined[1].tolist()


def test_without_signatures_every_pair_gets_its_exact_jaccard() -> None:
    """Columns without MinHash signatures give the same verdicts (exact Jaccard for all)."""
    features, vectors = verify_corpus()
    near = shingle_signatures(features, settings=MATCH)
    words = vocabulary(vectors)
    estimated = Columns.of(features, vectors, signatures=near, vocabulary=words)
    exact = Columns.of(features, vectors, signatures=None, vocabulary=words)
    first = np.arange(0, len(features) - 1)
    second = np.arange(1, len(features))
    with_estimate = verify_rows(estimated, estimated, (first, second), settings=MATCH)
    without = verify_rows(exact, exact, (first, second), settings=MATCH)
    assert with_estimate[0].tolist() == without[0].tolist()
    assert with_estimate[1].tolist() == without[1].tolist()


def test_weigh_all_gives_the_vectors_of_weigh() -> None:
    """Weighing all documents at once gives each document's `weigh` vector, bit for bit."""
    features, _ = verify_corpus()
    stats = BatchStats.count(features)
    together = weigh_all(features, stats=stats, settings=MATCH)
    for f, vector in zip(features, together, strict=True):
        alone = weigh(f, stats=stats, settings=MATCH)
        assert vector.hashes.tolist() == alone.hashes.tolist()
        assert vector.values.tolist() == alone.values.tolist()
