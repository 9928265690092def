"""LSH banding and candidate pairs."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch.lsh import _optimal_param

from dedup.lsh import band_keys, band_params, bucket_pairs, candidate_pairs
from dedup.minhash import signatures


@pytest.mark.parametrize("threshold", [0.05, 0.2, 0.5, 0.8])
def test_band_params_are_datasketch_optimum(threshold: float) -> None:
    """(bands, rows) equal datasketch's optimiser with equal error weights."""
    assert band_params(threshold=threshold, num_perm=128) == _optimal_param(
        threshold, 128, 0.5, 0.5
    )


def test_band_params_reject_thresholds_outside_0_1() -> None:
    """A threshold of 0 or 1 has no banding."""
    with pytest.raises(ValueError, match="threshold"):
        band_params(threshold=1.0, num_perm=128)


def test_equal_slices_give_equal_keys_and_tags_separate_representations() -> None:
    """Band keys depend on the slice, the band number and the tag only."""
    sigs = np.array([[1, 2, 3, 4], [1, 2, 9, 9], [3, 4, 1, 2]], dtype=np.uint32)
    keys = band_keys(sigs, bands=2, rows=2, tag=1)
    assert keys.dtype == np.int64 and keys.shape == (3, 2)
    assert keys[0, 0] == keys[1, 0]
    assert keys[0, 1] != keys[1, 1]
    assert keys[0, 0] != keys[2, 1]  # same values (1, 2), different band
    assert band_keys(sigs, bands=2, rows=2, tag=2)[0, 0] != keys[0, 0]


def test_empty_documents_share_no_bucket() -> None:
    """Documents without shingles do not all land in one bucket."""
    sigs = signatures([[], [], [5, 6, 7]], num_perm=16, seed=1)
    keys = band_keys(sigs, bands=4, rows=4, tag=1)
    assert candidate_pairs(keys, max_bucket=10).size == 0


def test_candidate_pairs_from_shared_buckets() -> None:
    """Rows sharing any band key become a sorted, distinct pair; others do not."""
    keys = np.array([[1, 2], [1, 3], [4, 3], [5, 6]], dtype=np.int64)
    assert candidate_pairs(keys, max_bucket=10).tolist() == [[0, 1], [1, 2]]


def test_big_bucket_is_linear() -> None:
    """A bucket of n members yields at most n × max_bucket pairs, not n²/2."""
    keys = np.zeros((500, 1), dtype=np.int64)
    pairs = candidate_pairs(keys, max_bucket=3)
    assert len(pairs) == 497 * 3 + 2 + 1
    assert np.all(pairs[:, 1] - pairs[:, 0] <= 3)


def test_similar_sets_collide_and_dissimilar_do_not() -> None:
    """At the 0.5 target, a Jaccard 0.9 pair is proposed and a disjoint pair is not."""
    base = np.arange(100, dtype=np.uint32)
    sets = [base, np.r_[base[:95], np.arange(1000, 1005, dtype=np.uint32)], base + 500]
    bands, rows = band_params(threshold=0.5, num_perm=128)
    keys = band_keys(signatures(sets, num_perm=128, seed=1), bands=bands, rows=rows, tag=1)
    assert candidate_pairs(keys, max_bucket=64).tolist() == [[0, 1]]


def test_bucket_pairs_over_key_partitions_union_to_candidate_pairs() -> None:
    """Pairs from each key partition's rows, merged, are exactly `candidate_pairs`, cut buckets too."""
    rng = np.random.default_rng(7)
    keys = rng.integers(0, 40, size=(300, 6)).astype(np.int64)
    docs = np.repeat(np.arange(300, dtype=np.int64), 6)
    flat = keys.reshape(-1)
    parts = [
        bucket_pairs(flat[flat % 4 == p], docs[flat % 4 == p], count=300, max_bucket=5)
        for p in range(4)
    ]
    merged = np.unique(np.concatenate(parts), axis=0)
    assert merged.tolist() == candidate_pairs(keys, max_bucket=5).tolist()


def test_empty_signature_sentinels_follow_the_given_rows() -> None:
    """With `doc_rows`, an empty document's sentinel keys are those of its corpus row."""
    empty = np.full((1, 4), np.iinfo(np.uint32).max, dtype=np.uint32)
    whole = np.vstack([np.array([[1, 2, 3, 4]] * 5, dtype=np.uint32), empty])
    in_corpus = band_keys(whole, bands=2, rows=2, tag=1)[5]
    alone = band_keys(empty, bands=2, rows=2, tag=1, doc_rows=np.array([5]))[0]
    assert alone.tolist() == in_corpus.tolist()
    assert band_keys(empty, bands=2, rows=2, tag=1)[0].tolist() != in_corpus.tolist()
