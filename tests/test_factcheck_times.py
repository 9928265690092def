"""Clock times and their windows."""

from __future__ import annotations

import pytest

from dedup.factcheck.times import find_times


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("The call came in at 8:00 am on Friday.", "08:00", "exact"),
        ("It happened about 7 p.m. Sunday.", "19:00", "about"),
        ("The call was received at 3: 33 a. m.", "03:33", "exact"),
        ("Shots rang out just before 11:30 p.m.", "23:30", "just before"),
        ("The fire broke out at noon.", "12:00", "exact"),
        ("Troops moved in at 2300 hours.", "23:00", "exact"),
        ("The polls closed at 14:30 local time.", "14:30", "exact"),
    ],
)
def test_clock_times(text: str, value: str, qualifier: str) -> None:
    """A clock time is read with its qualifier."""
    (found,) = find_times(text)
    assert (found.value, found.qualifier) == (value, qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "The vote was 7-2 in favour.",
        "Watch the video (1:28).",
        "The Colts won 20-13.",
        "Shares rose to $9.21 a share.",
        "Seven votes were cast.",
    ],
)
def test_figures_that_are_no_clock_time(text: str) -> None:
    """A score, a video length, a price or a vote tally is never read as a time."""
    assert find_times(text) == []


def test_windows_of_compatible_times_overlap() -> None:
    """ "Just before 11:30 p.m." and "about 11:30 p.m." can both be true; 7 p.m. and 8 a.m. not."""
    (before,) = find_times("just before 11:30 p.m.")
    (about,) = find_times("about 11:30 p.m.")
    (evening,) = find_times("7 p.m.")
    (morning,) = find_times("8 a.m.")
    assert before.window.overlaps(about.window)
    assert not evening.window.overlaps(morning.window)
