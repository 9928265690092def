"""LSH banding and candidate pairs."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch.lsh import _optimal_param

from dedup.lsh import (
    UNKNOWN,
    band_keys,
    band_params,
    bucket_pairs,
    candidate_pairs,
    merge_counted,
    nearest,
    value_keys,
)
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


def test_oversized_bucket_proposes_nothing() -> None:
    """A bucket of more than max_bucket members gives no pairs; smaller ones give all theirs."""
    keys = np.r_[np.zeros(500, dtype=np.int64), np.ones(3, dtype=np.int64)].reshape(-1, 1)
    pairs = candidate_pairs(keys, max_bucket=64)
    assert pairs.tolist() == [[500, 501], [500, 502], [501, 502]]


def test_oversized_sampled_bucket_pairs_each_member_with_the_first_and_the_next() -> None:
    """In a sampled band, a bucket over max_bucket pairs each member with its first member and
    the next `sample - 1`: linear in the bucket; an unsampled band still proposes nothing."""
    keys = np.c_[np.zeros(500, dtype=np.int64), np.ones(500, dtype=np.int64)]
    star = candidate_pairs(keys, max_bucket=32, sampled_bands=1, sample=1)
    assert star.tolist() == [[0, j] for j in range(1, 500)]
    pairs = candidate_pairs(keys, max_bucket=32, sampled_bands=1, sample=3)
    chain = [[i, i + step] for step in (1, 2) for i in range(1, 500 - step)]
    assert sorted(pairs.tolist()) == sorted([[0, j] for j in range(1, 500)] + chain)
    assert len(pairs) < 3 * 500
    assert candidate_pairs(keys, max_bucket=32, sampled_bands=1, sample=0).size == 0
    assert candidate_pairs(keys, max_bucket=32, sample=3).size == 0


def test_counted_pairs_add_up_shared_keys() -> None:
    """bucket_pairs counts the keys two rows share; merge_counted adds partitions' counts."""
    keys = np.array([[1, 2, 3], [1, 2, 9], [1, 7, 3]], dtype=np.int64)
    docs = np.repeat(np.arange(3, dtype=np.int64), 3)
    flat = keys.reshape(-1)
    counted = bucket_pairs(flat, docs, count=3, max_bucket=10)
    assert counted.tolist() == [[0, 1, 2], [0, 2, 2], [1, 2, 1]]
    halves = [
        bucket_pairs(flat[flat % 2 == p], docs[flat % 2 == p], count=3, max_bucket=10)
        for p in (0, 1)
    ]
    assert merge_counted(halves, count=3).tolist() == counted.tolist()


def test_nearest_ranks_by_shared_keys_then_distance_then_row() -> None:
    """A row keeps its `top` pairs: most shared keys, then nearest position, then lowest row."""
    counted = np.array([[0, 1, 1], [0, 2, 3], [0, 3, 1], [0, 4, 1]], dtype=np.int64)
    positions = np.array([100, 90, 0, 101, UNKNOWN], dtype=np.int64)
    owned = np.array([True, False, False, False, False])
    kept = nearest(counted, top=2, positions=positions, owned=owned)
    assert counted[kept, 1].tolist() == [2, 3]  # 3 shared keys; then 1 day apart beats 10
    kept = nearest(counted, top=2, owned=owned)
    assert counted[kept, 1].tolist() == [1, 2]  # without positions: the lower row
    assert nearest(counted, top=2).all()  # rows 1 to 4 each keep their only pair


def test_top_candidates_bound_each_row() -> None:
    """With `top`, every row keeps at most `top` pairs, and a pair stays when either keeps it."""
    keys = np.array([[5, 10 + n] for n in range(6)], dtype=np.int64)
    assert len(candidate_pairs(keys, max_bucket=64)) == 15
    # All rows share one key: each keeps its lowest other row; row 0 keeps row 1 only.
    pairs = candidate_pairs(keys, max_bucket=64, top=1)
    assert pairs.tolist() == [[0, 1], [0, 2], [0, 3], [0, 4], [0, 5]]


def test_similar_sets_collide_and_dissimilar_do_not() -> None:
    """At the 0.5 target, a Jaccard 0.9 pair is proposed and a disjoint pair is not."""
    base = np.arange(100, dtype=np.uint32)
    sets = [base, np.r_[base[:95], np.arange(1000, 1005, dtype=np.uint32)], base + 500]
    bands, rows = band_params(threshold=0.5, num_perm=128)
    keys = band_keys(signatures(sets, num_perm=128, seed=1), bands=bands, rows=rows, tag=1)
    assert candidate_pairs(keys, max_bucket=64).tolist() == [[0, 1]]


def test_bucket_pairs_over_key_partitions_union_to_candidate_pairs() -> None:
    """Counted pairs from each key partition, merged, are exactly `candidate_pairs`, top-K too,
    with oversized buckets sampled in the first two bands."""
    rng = np.random.default_rng(7)
    keys = rng.integers(0, 120, size=(300, 6)).astype(np.int64)
    keys[:, :2] = rng.integers(0, 6, size=(300, 2))  # buckets of ~50 members
    docs = np.repeat(np.arange(300, dtype=np.int64), 6)
    flat = keys.reshape(-1)
    sampled = np.tile(np.arange(6) < 2, 300)
    parts = [
        bucket_pairs(
            flat[flat % 4 == p],
            docs[flat % 4 == p],
            count=300,
            max_bucket=20,
            sample=2,
            sampled=sampled[flat % 4 == p],
        )
        for p in range(4)
    ]
    merged = merge_counted(parts, count=300)
    expected = candidate_pairs(keys, max_bucket=20, sampled_bands=2, sample=2)
    assert merged[:, :2].tolist() == expected.tolist()
    positions = rng.integers(0, 50, size=300).astype(np.int64)
    halves = [np.arange(300) % 2 == p for p in (0, 1)]
    keep = nearest(merged, top=3, positions=positions, owned=halves[0])
    keep |= nearest(merged, top=3, positions=positions, owned=halves[1])
    expected = candidate_pairs(
        keys, max_bucket=20, sampled_bands=2, sample=2, top=3, positions=positions
    )
    assert merged[keep, :2].tolist() == expected.tolist()
    assert len(expected) <= 300 * 3 < len(merged)


def test_one_key_ranking_equals_the_four_key_sort(monkeypatch: pytest.MonkeyPatch) -> None:
    """The one-integer sort (corpora up to 2M rows) keeps the pairs the four-key sort keeps."""
    import dedup.lsh

    rng = np.random.default_rng(11)
    keys = rng.integers(0, 90, size=(400, 8)).astype(np.int64)
    counted = bucket_pairs(
        keys.reshape(-1), np.repeat(np.arange(400, dtype=np.int64), 8), count=400, max_bucket=30
    )
    positions = rng.integers(0, 40_000, size=400).astype(np.int64)
    positions[::7] = UNKNOWN
    fast = nearest(counted, top=4, positions=positions)
    monkeypatch.setattr(dedup.lsh, "_ONE_KEY_ROWS", 0)
    assert fast.tolist() == nearest(counted, top=4, positions=positions).tolist()
    assert 0 < fast.sum() < len(counted)


def test_value_keys_do_not_depend_on_the_column() -> None:
    """One value gives one key in any column; padding gives keys no one else has."""
    values = np.array([[7, 9, -1], [9, -1, -1], [-1, 7, 9]], dtype=np.int64)
    keys = value_keys(values, tag=3)
    assert keys[0, 0] == keys[2, 1] and keys[0, 1] == keys[1, 0] == keys[2, 2]
    padding = keys[values < 0].tolist()
    assert len(set(padding)) == len(padding) and not set(padding) & set(keys[values >= 0].tolist())
    assert value_keys(values, tag=4)[0, 0] != keys[0, 0]
    rows = np.array([10, 11, 12], dtype=np.int64)
    assert set(value_keys(values, tag=3, doc_rows=rows)[values < 0].tolist()).isdisjoint(padding)
