"""The main event's casualty counts."""

from __future__ import annotations

import pytest

from dedup.people import find_counts
from dedup.summary import casualties


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
