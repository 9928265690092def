"""Cluster results: every verified pair's relation, looked up by its sorted ids."""

from __future__ import annotations

from dedup.clean import clean_article
from dedup.pipeline import cluster_articles
from dedup.read import read_paths

from .bursts import burst_articles, copy_id
from .conftest import SEED_RIGHT
from .ecb_clusters import ecb_result


def test_pair_relations_hold_every_verified_pair_by_sorted_ids() -> None:
    """pair_relations maps each verified pair (ids sorted) to its relation and score."""
    result = ecb_result()
    pairs = list(result.pair_relations)
    assert len(pairs) == len(result.pair_relations) == result.candidate_pairs > 0
    assert all(a < b for a, b in pairs)
    tally = dict.fromkeys(result.relation_counts, 0)
    for pair in pairs:
        tally[result.pair_relations[pair].relation] += 1
    assert tally == result.relation_counts
    first, second = pairs[0]
    assert (second, first) not in result.pair_relations
    assert result.pair_relations.get(("no-such-id", first)) is None


def test_pair_relations_answer_for_later_copies() -> None:
    """A later exact copy answers for its first copy's verified pairs; two copies of one
    article are duplicates."""
    other = clean_article(next(iter(read_paths([SEED_RIGHT]))))
    result = cluster_articles([*burst_articles(3, changed=False), other])
    pairs = result.pair_relations
    assert set(pairs) == {
        (copy_id(0), copy_id(1)),
        (copy_id(0), copy_id(2)),
        (other.id, copy_id(0)),
    }
    assert pairs[(other.id, copy_id(2))] == pairs[(other.id, copy_id(0))]
    assert pairs[(copy_id(1), copy_id(2))].relation == "duplicate"
