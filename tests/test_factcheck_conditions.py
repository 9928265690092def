"""Medical conditions and whom they are about."""

from __future__ import annotations

from dedup.factcheck.conditions import find_conditions
from dedup.segment import split_sentences


def _conditions(text: str) -> list[tuple[str, str | None]]:
    starts = [s.start for s in split_sentences(text)]
    return [(c.grade, c.anchor) for c in find_conditions(text, starts)]


def test_grades_and_relations() -> None:
    """ "Her father is listed in critical condition" is grave, about the father."""
    text = "A 5-year-old boy died and his father is listed in critical condition."
    assert _conditions(text) == [("grave", "father")]


def test_a_pronoun_takes_the_person_of_the_sentence_before() -> None:
    """ "He remains in stable condition" is about the father named just before."""
    text = (
        "His father, Daniel Reyes, was also hurt. He remains at the hospital in stable condition."
    )
    assert _conditions(text) == [("stable", "father")]


def test_injuries_have_grades() -> None:
    """Non-life-threatening injuries are a stable condition; life-threatening ones grave."""
    text = "One man suffered non-life-threatening injuries. Another had life-threatening wounds."
    assert [grade for grade, _ in _conditions(text)] == ["stable", "grave"]
