"""Absolute and relative dates resolved against the published date."""

from __future__ import annotations

import pytest

from dedup.dates import find_dates, parse_iso

PUBLISHED = "2014-01-31"  # a Friday


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("on January 29, 2014", "2014-01-29", "day"),
        ("on Sept. 19, 2023", "2023-09-19", "day"),
        ("on 19 September", "2013-09-19", "day"),
        ("on Dec. 28", "2013-12-28", "day"),
        ("dated 2023-11-13", "2023-11-13", "day"),
        ("on 1/28/2014", "2014-01-28", "day"),
        ("in March 2013", "2013-03", "month"),
        ("since 1994", "1994", "year"),
        ("in the early 1990s", "1990s", "decade"),
        ("happened Wednesday night", "2014-01-29", "day"),
        ("on Friday", "2014-01-31", "day"),
        ("last Friday", "2014-01-24", "day"),
        ("yesterday", "2014-01-30", "day"),
        ("last night", "2014-01-30", "day"),
        ("last week", "2014-01-24", "week"),
        ("three years ago", "2011", "year"),
    ],
)
def test_dates_resolved(text: str, value: str, precision: str) -> None:
    """Each form resolves to ISO at its precision (relative ones against a Friday)."""
    (mention,) = find_dates(text, published=PUBLISHED)
    assert (mention.value, mention.precision) == (value, precision)


def test_relative_dates_need_a_published_date() -> None:
    """Without a published date, "Monday" cannot be resolved and is left out."""
    assert find_dates("on Monday", published=None) == []


def test_weekday_before_a_full_date_is_not_a_second_date() -> None:
    """ "Friday, January 31, 2014" is one date, not two."""
    mentions = find_dates("Posted: Friday, January 31, 2014 10:21 AM", published=PUBLISHED)
    assert [m.value for m in mentions] == ["2014-01-31"]


def test_parse_iso() -> None:
    """ISO dates parse; missing or malformed ones are None."""
    assert parse_iso("2023-11-13") is not None
    assert parse_iso(None) is None and parse_iso("13/11/2023") is None
