"""The main event's casualty counts."""

from __future__ import annotations

import pytest

from dedup.factcheck.people import find_counts
from dedup.factcheck.summary import casualties


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two people were killed and three others wounded in a shooting.", (2, 3)),
        ("A man was shot in the leg on Monday and taken to a hospital.", (0, 1)),
        ("A man was shot on Monday. He died at the scene.", (1, 0)),
        ("Four people were shot outside a bar. One man was killed.", (1, 3)),
        ("The city council met on Monday to discuss the budget.", (None, None)),
    ],
)
def test_casualties(text: str, expected: tuple[int | None, int | None]) -> None:
    """Stated counts win; otherwise death wording means one killed and the other shot are injured."""
    assert casualties(find_counts(text), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A man killed his wife and two sons before turning the gun on himself.", (4, 0)),
        ("Three people were killed in the house; the gunman later took his own life.", (3, 0)),
        ("One man is in critical condition and two others were hurt in the shooting.", (0, 3)),
        ("Four people were shot, one fatally, outside a bar.", (1, 3)),
        ("A boy accidentally shot himself in the hand. No one else was hurt.", (0, 1)),
        ("A woman was shot in the arm and a man was grazed by a bullet.", (0, 2)),
        ("A father was killed Sunday. Another man was also shot.", (1, 1)),
        ("Police responded to a non-fatal shooting. A man was shot in the leg.", (0, 1)),
        ("Detectives are investigating a homicide after a man was found dead in his car.", (1, 0)),
        ("Six soldiers were killed by landmines, the ministry said.", (6, None)),
    ],
)
def test_main_event_casualties(text: str, expected: tuple[int | None, int | None]) -> None:
    """The attacker's suicide, "others", "one fatally", "no one else", people introduced one by
    one, "also shot" and "non-fatal" all shape the toll; a death outside a crime report says
    nothing of the injured."""
    assert casualties(find_counts(text), text) == expected
