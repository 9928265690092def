"""Which counts of people speak of the article's own incident."""

from __future__ import annotations

import pytest

from dedup.factcheck.people import find_counts
from dedup.factcheck.scope import main_event


def _kept(text: str) -> list[tuple[str, int | None]]:
    return [(c.role, c.value) for c in main_event(find_counts(text), text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Two men were killed and eight others wounded in separate shootings across the city. "
            "A woman was killed and two others were wounded in a shooting at a store.",
            [("killed", 1), ("injured", 2)],
        ),
        (
            "A man was shot and killed Sunday. More than 500 people have been killed in the city "
            "this year.",
            [("killed", 1)],
        ),
        (
            "Four people were shot on Main Street. It was the city's 40th shooting in which "
            "three people were killed so far this year.",
            [("shot", 4)],
        ),
    ],
)
def test_roundups_and_statistics_are_left_out(
    text: str, expected: list[tuple[str, int | None]]
) -> None:
    """Counts in a sentence about several incidents or a clause of statistics are another
    matter than the incident's toll."""
    assert _kept(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A man was killed Sunday, the city's 40th homicide this year.", [("killed", 1)]),
        (
            "Three people were killed in a series of shootings by the same gunman on Friday.",
            [("killed", 3)],
        ),
        (
            "Baku alleged that six of its citizens were killed by landmines in two separate "
            "incidents.",
            [("killed", 6)],
        ),
        ("Police arrested two men in separate incidents.", [("arrested", 2)]),
    ],
)
def test_the_incident_s_own_counts_stay(text: str, expected: list[tuple[str, int | None]]) -> None:
    """A statistic in another clause, one attacker's spree, a report that states no other toll
    and counts other than casualties keep their counts."""
    assert _kept(text) == expected
