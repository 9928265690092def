"""Absolute and relative dates resolved against the published date."""

from __future__ import annotations

import pytest

from dedup.factcheck.dates import event_date, find_dates, parse_iso

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
    mentions = find_dates("Updated: Friday, January 31, 2014 3:05 PM", published=PUBLISHED)
    assert [m.value for m in mentions] == ["2014-01-31"]


def test_parse_iso() -> None:
    """ISO dates parse; missing or malformed ones are None."""
    assert parse_iso("2023-11-13") is not None
    assert parse_iso(None) is None and parse_iso("13/11/2023") is None


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "(Published Wednesday, Dec. 17, 2014) Police say three men were hurt Tuesday night.",
            "2014-12-17",
            "2014-12-16",
        ),
        ("A man was killed Friday, police said Saturday.", "2014-02-01", "2014-01-31"),
        (
            "Police gave an update today on a shooting that killed a man Monday night.",
            "2014-01-28",
            "2014-01-27",
        ),
        ("Updated: 08/10/2014 4:26 PM. A man was shot early Saturday.", "2014-08-10", "2014-08-09"),
        ("The vote is set for March 3, 2014.", "2014-01-31", None),
        ("Two men were shot today.", "2014-01-31", "2014-01-31"),
    ],
)
def test_event_date(text: str, published: str, expected: str | None) -> None:
    """Dates of the telling are skipped, future dates ignored, and a publication-day date gives
    way to an earlier one in the lede."""
    dates = find_dates(text, published=published)
    assert event_date(dates, published=published, text=text) == expected


def test_dates_found_only_where_told_to_start() -> None:
    """With `starts`, only the dates that start there are found, none inside an earlier one."""
    text = "The shooting on Tuesday, Jan. 28, 2014 followed one on Monday."
    tuesday, january, monday = text.index("on Tuesday"), text.index("Jan."), text.index("Monday")
    found = find_dates(text, published="2014-01-31", starts=[tuesday, january, monday])
    assert [(m.text, m.value) for m in found] == [
        ("Jan. 28, 2014", "2014-01-28"),
        ("Monday", "2014-01-27"),
    ]
    assert [m.text for m in find_dates(text, published="2014-01-31", starts=[monday])] == ["Monday"]
