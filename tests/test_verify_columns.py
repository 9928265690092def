"""Verification columns: rows taken, joined or packed verify as the whole columns do."""

from __future__ import annotations

import pickle

import numpy as np

from dedup.candidates import (
    day_positions,
    document_band_keys,
    select_candidates,
    shingle_signatures,
    vocabulary,
)
from dedup.verify_batch import verify_rows
from dedup.verify_columns import Columns, Packed

from .verify_corpus import MATCH, verify_corpus


def test_taken_rows_verify_as_the_whole_columns() -> None:
    """Rows taken from columns (in any order, repeated) verify to the same bytes, and pickle
    as a few arrays: candidate pairs with their second rows taken."""
    features, vectors = verify_corpus()
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
    features, vectors = verify_corpus()
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
