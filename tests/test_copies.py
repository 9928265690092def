"""Exact copies: found by content and day, linked to their first copy, weighed in clustering."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.article import Article
from dedup.cluster import average_link_arrays
from dedup.copies import DUPLICATE, copy_key, first_copies, linkage, with_copy_links
from dedup.represent import represent_many
from dedup.settings import DEFAULT_SETTINGS

from .conftest import SEED_LEFT


def test_copies_share_words_and_day() -> None:
    """Same text and day: one key; another day, no day, or other words: another key."""
    text = SEED_LEFT.read_text(encoding="utf-8")
    articles = [
        Article(id="a", text=text, published="2023-09-19"),
        Article(id="b", text=text.replace("\n", "\n\n"), published="2023-09-19T08:00:00"),
        Article(id="c", text=text, published="2023-09-20"),
        Article(id="d", text=text),
        Article(id="e", text=text + " More.", published="2023-09-19"),
    ]
    keys = [copy_key(f) for f in represent_many(articles, settings=DEFAULT_SETTINGS.match)]
    assert keys[0] == keys[1] and len(set(keys)) == 4


def test_copies_on_two_outlets_share_a_key_unless_an_outlet_weighs_its_own_words() -> None:
    """The same words on two sites are one copy set; not when one site's name is in them
    (that site leaves its own name out of the terms, so the two weigh differently)."""
    text = SEED_LEFT.read_text(encoding="utf-8")
    credited = text + "\nCopyright Azatutyun."
    articles = [
        Article(id="a", text=text, url="https://azatutyun.am/a"),
        Article(id="b", text=text, url="https://news.am/b"),
        Article(id="c", text=credited, url="https://azatutyun.am/c"),
        Article(id="d", text=credited, url="https://news.am/d"),
    ]
    keys = [copy_key(f) for f in represent_many(articles, settings=DEFAULT_SETTINGS.match)]
    assert keys[0] == keys[1] and keys[2] != keys[3]


def test_each_row_points_at_its_first_copy() -> None:
    """A row's first copy is the first row with its key."""
    assert first_copies([b"x", b"y", b"x", b"z", b"y", b"x"]).tolist() == [0, 1, 0, 3, 1, 0]


def test_copy_links_join_the_verified_pairs_in_order() -> None:
    """Each later copy gets a duplicate link (score 1) to its first; all pairs stay sorted."""
    pairs = np.array([[0, 3], [1, 3]], dtype=np.int64)
    codes, scores = np.array([2, 3], dtype=np.int8), np.array([0.4, 0.0])
    copy_of = np.array([0, 1, 0, 3, 1], dtype=np.int64)
    joined, codes, scores = with_copy_links(pairs, codes, scores, copy_of=copy_of)
    assert joined.tolist() == [[0, 2], [0, 3], [1, 3], [1, 4]]
    assert codes.tolist() == [DUPLICATE, 2, 3, DUPLICATE]
    assert scores.tolist() == [1.0, 0.4, 0.0, 1.0]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 5), min_size=8, max_size=8),
    st.lists(
        st.tuples(st.integers(0, 7), st.integers(0, 7), st.integers(1, 7)),
        max_size=16,
    ),
)
def test_first_copies_cluster_as_every_copy_would(
    parents: list[int], raw: list[tuple[int, int, int]]
) -> None:
    """Clustering first copies with their copies' weight gives the groups of the full graph,
    where every copy has its first copy's scores and its own copies at score 1."""
    copy_of = np.arange(8, dtype=np.int64)
    for row, parent in enumerate(parents):
        # A row is a copy of an earlier first copy, or its own first.
        if parent < row and copy_of[parent] == parent:
            copy_of[row] = parent
    edges = {
        (min(a, b), max(a, b)): n / 8
        for a, b, n in raw
        if a != b and copy_of[a] == a and copy_of[b] == b
    }
    first = np.array([a for a, _ in edges], dtype=np.int64)
    second = np.array([b for _, b in edges], dtype=np.int64)
    scores = np.array(list(edges.values()), dtype=np.float64)
    linked = linkage(first, second, scores, scores, copy_of=copy_of)
    collapsed = average_link_arrays(8, first, second, linked.totals, threshold=0.3, start=copy_of)
    full = {
        (a, b): 1.0
        if copy_of[a] == copy_of[b]
        else edges.get((min(copy_of[a], copy_of[b]), max(copy_of[a], copy_of[b])), 0.0)
        for a, b in itertools.combinations(range(8), 2)
    }
    full = {pair: score for pair, score in full.items() if score}
    every = average_link_arrays(
        8,
        np.array([a for a, _ in full], dtype=np.int64),
        np.array([b for _, b in full], dtype=np.int64),
        np.array(list(full.values()), dtype=np.float64),
        threshold=0.3,
    )
    assert collapsed == every
    expanded = np.zeros(8)
    for (a, b), score in full.items():
        expanded[[a, b]] += score
    assert np.allclose(linked.strength, expanded)
