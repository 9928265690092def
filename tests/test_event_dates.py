"""The event's own day from the text, found where a date can start."""

from __future__ import annotations

from datetime import date

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.event_dates import NO_EVENT, date_starts, event_days
from dedup.factcheck.dates import find_dates
from dedup.scan import scan
from dedup.spellings import token_values


def _day(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


def test_the_event_day_is_resolved_against_the_publication_date() -> None:
    """ "Wednesday night, Jan. 29" in a Friday article is the event; "Friday" (the arrest) and
    Jan. 29 are named; the court date to come is not."""
    text = (
        "Allen Ormond was arrested Friday. The shooting happened Wednesday night, Jan. 29. "
        "A court date is set for Feb. 14."
    )
    found = event_days(text, published="2014-01-31", named=4)
    assert found.event == _day("2014-01-29")
    assert found.named == (_day("2014-01-31"), _day("2014-01-29"))


def test_a_follow_up_names_its_incidents_day() -> None:
    """A report weeks later that names "the Jan. 5 shooting" keeps that day among its days."""
    found = event_days(
        "Police said Tuesday that the Jan. 5 shooting was gang related.",
        published="2014-01-31",
        named=4,
    )
    assert found.event == _day("2014-01-05")
    assert _day("2014-01-28") in found.named


def test_without_a_publication_date_there_is_no_event_day() -> None:
    """A text's only date may be its dateline: without a publication date none is taken."""
    assert event_days("Nov. 30, 2009 - A fire broke out.", published=None, named=4) == NO_EVENT


def test_named_days_are_limited_and_distinct() -> None:
    """At most `named` days, each once, in order of first mention."""
    text = "Monday, Tuesday, Monday, Wednesday and Thursday."
    found = event_days(text, published="2014-01-31", named=2)
    assert found.named == (_day("2014-01-27"), _day("2014-01-28"))


PIECES = [
    "Tuesday", "last", "on", "night", "this morning", "Jan.", "31", "2014", "1/31/2014",
    "2014-01-28", "two days ago", "yesterday", "earlier today", "said", "police", "May",
    "the", "a", "5", "March", "early", ",", ".",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(PIECES), max_size=14).map(" ".join), min_size=1, max_size=3)
)
def test_dates_found_where_they_can_start_are_the_whole_scans(texts: list[str]) -> None:
    """Trying the date pattern only where `date_starts` says a date can start finds every day
    the whole scan finds, at the same place, and the same event day."""
    scanned = scan(texts)
    values = token_values(scanned, min_rarity=3.5, number_weight=3.0)
    starts = date_starts(scanned, values.date_back, wanted=np.ones(len(texts), dtype=bool))
    for text, at in zip(texts, starts, strict=True):
        whole = find_dates(text, published="2014-01-31")
        tried = find_dates(text, published="2014-01-31", starts=at)
        day = [(m.value, m.start) for m in whole if m.precision == "day"]
        assert [(m.value, m.start) for m in tried if m.precision == "day"] == day
        assert event_days(text, published="2014-01-31", named=4, starts=at) == event_days(
            text, published="2014-01-31", named=4
        )


def test_texts_not_wanted_get_no_starts() -> None:
    """A text without a publication date is not searched at all."""
    scanned = scan(["On Tuesday a man was shot.", "On Tuesday a man was shot."])
    values = token_values(scanned, min_rarity=3.5, number_weight=3.0)
    starts = date_starts(scanned, values.date_back, wanted=np.array([True, False]))
    assert starts[0] and starts[1] == []
