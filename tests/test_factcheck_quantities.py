"""Typed quantities: what each figure measures, with its anchor."""

from __future__ import annotations

import pytest

from dedup.factcheck.numbers import find_numbers
from dedup.factcheck.quantities import Quantity, find_quantities


def _quantities(text: str) -> list[Quantity]:
    return find_quantities(text, find_numbers(text), claimed=[])


@pytest.mark.parametrize(
    ("sentence", "kind", "unit", "value", "anchor"),
    [
        (
            "Detectives interviewed 22-year-old Dale Corbin on Wednesday.",
            "age",
            "years",
            22,
            "Dale Corbin",
        ),
        (
            "The victims were Owen Marsh, 11; Ruby Marsh, 9.",
            "age",
            "years",
            11,
            "Owen Marsh",
        ),
        ("A 15-year-old suspect was arrested.", "age", "years", 15, "suspect"),
        ("On Friday, 36 - year - old Duncan Raite died.", "age", "years", 36, "Duncan Raite"),
        ("Police increased the reward to $25,000.", "money", "USD", 25000, None),
        ("AMD paid $334 million for SeaMicro.", "money", "USD", 334e6, None),
        ("His blood alcohol level was 0. 07 percent.", "percent", "%", 0.07, None),
        ("He fell about 60 metres (200 feet) from a ridge.", "distance", "m", 60, None),
        ("A 6. 1 - magnitude quake struck Aceh.", "magnitude", "", 6.1, None),
        ("He pointed a .357 caliber revolver at them.", "caliber", "in/100", 357, None),
        ("Bowe (45-1, 33 KOs) had been training.", "record", "45-1 33 KO", 45, "Bowe"),
        ("This gave the Colts a 9 - 5 season.", "record", "9-5", 9, "Colts"),
        ("He is serving three life sentences.", "quantity", "sentence", 3, "life sentences"),
        ("Officers fired a total of 11 shots at him.", "quantity", "shot", 11, "shots"),
        ("Dozens of people gathered for a vigil.", "quantity", "person", 24, "people"),
    ],
)
def test_figures_are_typed(
    sentence: str, kind: str, unit: str, value: float, anchor: str | None
) -> None:
    """A figure is read with what surrounds it: an age and whose, an amount and its unit."""
    first = _quantities(sentence)[0]
    assert (first.kind, first.unit, first.anchor or first.noun) == (kind, unit, anchor)
    assert first.value == pytest.approx(value)


@pytest.mark.parametrize(
    "sentence",
    [
        "The Colts jumped out to a 20 - 13 lead at halftime.",
        "Call Crime Stoppers at 358-TIPS.",
        "He listens to 1010 WINS every morning.",
    ],
)
def test_scores_and_phone_numbers_are_no_typed_quantity(sentence: str) -> None:
    """A game score is no win-loss record; a radio station or a phone number counts nothing."""
    assert [q.kind for q in _quantities(sentence)] == []


def test_spans_slice_the_text() -> None:
    """Each quantity's span slices its own text, the qualifier included."""
    text = "An estimated 120,000 ethnic Armenians live there; about 3,000 peacekeepers stay."
    for quantity in _quantities(text):
        assert text[quantity.start : quantity.end] == quantity.text
    assert _quantities(text)[0].qualifier == "about"


def test_an_age_inside_a_count_is_still_an_age() -> None:
    """ "An 8-year-old girl has died" states a death and an age."""
    text = "An 8-year-old girl has died."
    (age,) = find_quantities(text, find_numbers(text), claimed=[(0, len(text))])
    assert (age.kind, age.value) == ("age", 8)
