"""The attacker's own fate."""

from __future__ import annotations

import pytest

from dedup.factcheck.attacker import attacker_deaths, counts_attacker, is_whole
from dedup.factcheck.people import find_counts


@pytest.mark.parametrize(
    "text",
    [
        "He shot his wife and two sons before turning the gun on himself.",
        "The man killed two people, then took his own life.",
        "The gunman was shot and killed by police after a standoff.",
        "Officers returned fire, killing the suspect.",
        "A man was shot and killed by deputies on Friday.",
        "Police say the shooting was a murder-suicide.",
        "The suspect later died at a hospital.",
    ],
)
def test_the_attacker_s_death_is_found(text: str) -> None:
    """Suicide after his victims, death by police fire or a later death of the suspect."""
    assert attacker_deaths(text, len(text))


@pytest.mark.parametrize(
    "text",
    [
        "A 3-year-old accidentally shot himself in the hand.",
        "Police say a man shot his girlfriend in an attempted murder-suicide.",
        "The suspect was taken into custody.",
        "Officers are investigating the shooting of a man.",
    ],
)
def test_no_attacker_s_death(text: str) -> None:
    """An accident, an attempt, an arrest or police at work say nothing of his death."""
    assert attacker_deaths(text, len(text)) == []


def test_counts_that_name_the_attacker_include_him() -> None:
    """ "Two deputies and the gunman are dead" counts him; "killing two" does not; a
    murder-suicide is the whole."""
    texts = (
        "Two deputies and the gunman are dead.",
        "He opened fire, killing two.",
        "Police are investigating a murder-suicide.",
    )
    named, victims, whole = (find_counts(text)[0] for text in texts)
    assert counts_attacker(named) and not counts_attacker(victims)
    assert is_whole(whole) and counts_attacker(whole) and not is_whole(named)
