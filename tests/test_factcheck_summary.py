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
        (
            "Mortar fire and gunfire were heard in the city. "
            + "The talks went on. " * 60
            + "The offensive has already led to the loss of lives.",
            (None, None),
        ),
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the attacker killed or wounded in the incident
        ("The gunman killed three people before he was shot and killed by officers.", (4, 0)),
        ("He fatally shot three people before turning the gun on himself.", (4, 0)),
        ("Four people were killed by a man who later shot himself.", (5, 0)),
        ("He shot three women, killing one, before fatally turning the gun on himself.", (2, 2)),
        ("Two deputies and the gunman are dead after the standoff.", (3, 0)),
        # roundups and statistics are other incidents
        (
            "Two men were killed and eight others wounded in separate shootings across the "
            "city. A woman was killed and two others were wounded in a shooting at a store.",
            (1, 2),
        ),
        ("A man was shot and killed Sunday, the city's 40th homicide this year.", (1, 0)),
        # a report whose lede counts only the hurt: a later death is another case
        (
            "Four people were shot at a party on Saturday. None of the wounds were "
            "life-threatening. "
            + "Neighbors said the street had been quiet for years. " * 25
            + "Last month a 12-year-old girl was shot and killed two blocks away.",
            (0, 4),
        ),
        # people told one by one, counts in words, follow-ups
        ("One victim was shot in the leg, another in the arm and a third in the back.", (0, 3)),
        ("Six men were shot -- two of them fatally -- in the yard.", (2, 4)),
        ("One of four women wounded in the shooting has died, police said.", (1, 3)),
        ("A girl was found dead in a car. Another victim was taken to a hospital.", (1, 1)),
        ("Twenty-three people were wounded and two were killed at the festival.", (2, 23)),
        ("A man was shot Monday. He died at the hospital the next day.", (1, 0)),
        ("The girl was taken off life support on Monday and passed away.", (1, None)),
        ("Police said a bullet struck the victim in the back at the range.", (0, 1)),
        ("A third person has died after the shooting at the club.", (3, 0)),
    ],
)
def test_the_incident_s_toll(text: str, expected: tuple[int | None, int | None]) -> None:
    """The attacker's death counts, other incidents do not, and people told one by one, in
    words or in a follow-up make the toll."""
    assert casualties(find_counts(text), text) == expected
