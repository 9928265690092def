"""The event's own day and shared names as evidence, pair by pair and for columns of pairs."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.article import Article
from dedup.event_evidence import (
    NO_DAY,
    NO_NAME,
    event_agreement,
    event_agreements,
    padded,
    share_names,
    widened,
)
from dedup.represent import Features, represent
from dedup.settings import MatchSettings

MATCH = MatchSettings()
BASE = represent(Article(id="a", text="A man was shot."), settings=MATCH)


def _dated(event: int | None, *named: int) -> Features:
    return replace(BASE, event_day=event, named_days=named)


def test_close_event_days_agree() -> None:
    """Event days at most `event_agree_days` apart agree."""
    assert event_agreement(_dated(100, 100), _dated(101, 101), settings=MATCH) == 1


def test_a_follow_up_that_names_the_incidents_day_agrees() -> None:
    """An arrest report weeks later agrees when it names the incident's day."""
    follow_up = _dated(130, 130, 100)
    assert event_agreement(_dated(100, 100), follow_up, settings=MATCH) == 1
    assert event_agreement(follow_up, _dated(100, 100), settings=MATCH) == 1


def test_days_far_apart_disagree_and_unknown_is_neutral() -> None:
    """Days more than `event_disagree_days` apart, neither named, disagree; two days apart, or
    an unknown day, is neither."""
    assert event_agreement(_dated(100, 100), _dated(110, 110), settings=MATCH) == -1
    assert event_agreement(_dated(100, 100), _dated(102, 102), settings=MATCH) == 0
    assert event_agreement(_dated(None), _dated(110, 110), settings=MATCH) == 0


days = st.one_of(st.none(), st.integers(730_000, 730_020))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(days, st.lists(st.integers(730_000, 730_020), max_size=4)),
        min_size=2,
        max_size=8,
    ),
    st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=20),
)
def test_columns_agree_as_pairs_do(
    documents: list[tuple[int | None, list[int]]], pairs: list[tuple[int, int]]
) -> None:
    """`event_agreements` over tables gives `event_agreement` of every pair."""
    features = [_dated(event, *named) for event, named in documents]
    count = len(features)
    rows = [(i % count, j % count) for i, j in pairs]
    first = np.array([i for i, _ in rows], dtype=np.int64)
    second = np.array([j for _, j in rows], dtype=np.int64)
    events = np.array([NO_DAY if f.event_day is None else f.event_day for f in features])
    named = padded([f.named_days for f in features])
    got = event_agreements(
        (events[first], named[first]), (events[second], named[second]), settings=MATCH
    )
    want = [event_agreement(features[i], features[j], settings=MATCH) for i, j in rows]
    assert got.tolist() == want


def test_shared_names_ignore_padding() -> None:
    """Rows share a name when one value is in both; padding never counts."""
    left = padded([[5, 9], [], [7]], fill=NO_NAME)
    right = padded([[9], [], [8, 3]], fill=NO_NAME)
    assert share_names(left, right).tolist() == [True, False, False]


def test_tables_widen_with_their_fill() -> None:
    """Joined tables are padded to the widest with their fill value."""
    joined = widened([padded([[1]], fill=NO_NAME), padded([[2, 3]], fill=NO_NAME)], fill=NO_NAME)
    assert joined.tolist() == [[1, NO_NAME], [2, 3]]
