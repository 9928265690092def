"""Batch verification: the same relations and scores as `evidence`, pair by pair."""

from __future__ import annotations

import dataclasses
import pickle
from functools import cache

import numpy as np

from dedup.clean import clean_article
from dedup.pipeline import (
    day_positions,
    document_band_keys,
    select_candidates,
    shingle_signatures,
    vocabulary,
)
from dedup.read import read_paths
from dedup.represent import Features, represent
from dedup.settings import DEFAULT_SETTINGS
from dedup.verify import RELATIONS, BatchStats, Vector, evidence, weigh, weigh_all
from dedup.verify_batch import Columns, Packed, verify_rows

from .conftest import CORPUS

MATCH = DEFAULT_SETTINGS.match


@cache
def _corpus() -> tuple[list[Features], list[Vector]]:
    articles = [clean_article(a) for a in read_paths([CORPUS / "ecbplus" / "documents.jsonl"])]
    features = [represent(a, settings=MATCH) for a in sorted(articles, key=lambda a: a.id)]
    # Event days (ECB+ has no publication dates), every third document without one, some
    # naming a day three weeks before theirs: agreements, disagreements and unknowns occur.
    features = [
        f
        if row % 3 == 0
        else dataclasses.replace(
            f,
            event_day=735_000 + row % 9,
            named_days=(735_000 + row % 9, 735_000 + row % 4 - 21)[: 1 + row % 2],
        )
        for row, f in enumerate(features)
    ]
    # Copies with edits and a shifted date, so that every relation and factor occurs.
    copies = [
        dataclasses.replace(
            f, id=f"{f.id}-copy", shingles=f.shingles[: max(1, f.shingles.size * 3 // 4)]
        )
        for f in features[:40]
    ]
    dated = [
        dataclasses.replace(f, id=f"{f.id}-late", day=(f.day or 738000) + 40) for f in features[:40]
    ]
    everything = sorted([*features, *copies, *dated], key=lambda f: f.id)
    stats = BatchStats.count(everything)
    return everything, [weigh(f, stats=stats, settings=MATCH) for f in everything]


def test_batch_verdicts_equal_evidence_pair_by_pair() -> None:
    """Every candidate pair gets the relation `evidence` gives, and its score to 1e-9."""
    features, vectors = _corpus()
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
    features, vectors = _corpus()
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


def test_taken_rows_verify_as_the_whole_columns() -> None:
    """Rows taken from columns (in any order, repeated) verify to the same bytes, and pickle
    as a few arrays: candidate pairs with their second rows taken."""
    features, vectors = _corpus()
    near = shingle_signatures(features, settings=MATCH)
    whole = Columns.of(features, vectors, signatures=near, vocabulary=vocabulary(vectors))
    keys = document_band_keys(features, vectors, settings=MATCH, near=near)
    pairs = select_candidates(keys, day_positions(features), settings=MATCH)
    first, second = pairs[:, 0].copy(), pairs[:, 1].copy()
    first[:10] = second[:10]  # a document against itself: a duplicate
    backwards = np.arange(second.size)[::-1]  # taken in reverse (its own inverse)
    taken = whole.take(second[backwards])
    split = verify_rows(whole, taken, (first, backwards), settings=MATCH)
    joined = verify_rows(whole, whole, (first, second), settings=MATCH)
    assert split[0].tolist() == joined[0].tolist() and split[1].tolist() == joined[1].tolist()
    assert set(split[0].tolist()) >= {0, 1, 3}  # duplicate, near-duplicate, unrelated
    packed = taken.features
    assert isinstance(packed, Packed) and len(packed) == second.size
    assert len(pickle.dumps(packed, protocol=5)) < packed.nbytes + 1000


def test_joined_taken_columns_equal_one_take() -> None:
    """Columns taken in pieces and joined verify as the rows taken at once."""
    features, vectors = _corpus()
    near = shingle_signatures(features, settings=MATCH)
    whole = Columns.of(features, vectors, signatures=near, vocabulary=vocabulary(vectors))
    at = np.random.default_rng(8).permutation(len(features))[:200]
    joined = Columns.concat([whole.take(at[:70]), whole.take(at[70:70]), whole.take(at[70:])])
    once = whole.take(at)
    pairs = (np.arange(199), np.arange(1, 200))
    assert verify_rows(joined, joined, pairs, settings=MATCH)[1].tolist() == (
        verify_rows(once, once, pairs, settings=MATCH)[1].tolist()
    )
    for row in (0, 69, 70, 199):
        assert joined.features[row].content_hash == once.features[row].content_hash
        assert joined.features[row].shingles.tolist() == once.features[row].shingles.tolist()


def test_without_signatures_every_pair_gets_its_exact_jaccard() -> None:
    """Columns without MinHash signatures give the same verdicts (exact Jaccard for all)."""
    features, vectors = _corpus()
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
    features, _ = _corpus()
    stats = BatchStats.count(features)
    together = weigh_all(features, stats=stats, settings=MATCH)
    for f, vector in zip(features, together, strict=True):
        alone = weigh(f, stats=stats, settings=MATCH)
        assert vector.hashes.tolist() == alone.hashes.tolist()
        assert vector.values.tolist() == alone.values.tolist()
