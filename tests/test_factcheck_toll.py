"""The main incident's toll from its counts of people."""

from __future__ import annotations

import pytest

from dedup.factcheck.people import find_counts
from dedup.factcheck.toll import injured_toll, killed_toll, mentions_death


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A man died after he was shot on Elm Street.", True),
        ("Police said the girl passed away on Sunday.", True),
        ("He was charged with second-degree murder.", True),
        ("Police responded to a non-fatal shooting.", False),
        ("The bullet nearly killed him.", False),
        ("I could've died easily, he said.", False),
        ("He faces a charge of attempted murder.", False),
    ],
)
def test_death_vocabulary_in_the_lede(text: str, *, expected: bool) -> None:
    """Death words count unless negated or hedged ("non-fatal", "nearly", "could've")."""
    assert mentions_death(text) is expected


def test_the_attacker_is_counted_once() -> None:
    """Killed by police after killing two: three dead, the attacker among them, so the shot
    besides the two victims are the injured."""
    text = "The attacker shot four people, killing two, before he was shot and killed by officers."
    counts = find_counts(text)
    killed, attacker = killed_toll(counts, text, death_words=True)
    assert (killed, attacker) == (3, 1)
    assert injured_toll(counts, text, killed=killed, attacker=attacker) == 2


def test_a_later_case_is_not_the_toll() -> None:
    """A count of the dead far past a lede that counts only the hurt is another case."""
    filler = "Neighbors said the street had been quiet for years. " * 25
    text = f"Three people were wounded on Friday. {filler}In May, two men were killed nearby."
    assert killed_toll(find_counts(text), text, death_words=False) == (0, 0)
