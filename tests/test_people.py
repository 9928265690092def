"""Counts of people by role."""

from __future__ import annotations

import pytest

from dedup.people import find_counts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Baku alleged that six of its citizens were killed by landmines.", [("killed", 6)]),
        (
            "Two people were shot and killed and three others wounded.",
            [("killed", 2), ("injured", 3)],
        ),
        (
            "A 23-year-old man died at the hospital. No one else was hurt.",
            [("killed", 1), ("injured", 0)],
        ),
        (
            "The gunman opened fire, killing two and wounding four people.",
            [("killed", 2), ("injured", 4)],
        ),
        ("The blast left three dead.", [("killed", 3)]),
        ("A woman was shot and killed Friday.", [("killed", 1)]),
        ("Police arrested two men.", [("arrested", 2)]),
        ("No injuries were reported.", [("injured", 0)]),
        ("Four people were shot outside a bar.", [("shot", 4)]),
        ("Police are investigating a double homicide.", [("killed", 2)]),
        ("the loss of lives, including police personnel", [("killed", None)]),
        ("Four people, including a pregnant woman, were wounded.", [("injured", 4)]),
        ("A 46-year-old man shot and killed his brother.", []),
        ("Two men shot a woman in the leg.", []),
    ],
)
def test_counts_by_role(text: str, expected: list[tuple[str, int | None]]) -> None:
    """Numbers, singular subjects, zeros and unstated counts; active verbs with objects are not victims."""
    assert [(c.role, c.value) for c in find_counts(text)] == expected
