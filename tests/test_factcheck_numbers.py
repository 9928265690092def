"""Numbers in digits and words, ranges and years."""

from __future__ import annotations

import pytest

from dedup.factcheck.numbers import find_numbers, parse_number


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("six of its citizens were killed in two separate incidents", ["6", "2"]),
        ("the estimated 120,000 ethnic Armenians and 3,000 peacekeepers", ["120000", "3000"]),
        ("twenty-three people and a dozen officers", ["23", "12"]),
        ("between 10 and 12 hurt, 3-5 dead", ["10-12", "3-5"]),
        ("$2.5 billion in 1998", ["2500000000", "1998"]),
        ("one hundred and five", ["105"]),
        ("at 10:30 p.m.; no one was hurt", []),
    ],
)
def test_numbers_found(text: str, labels: list[str]) -> None:
    """Digits, separators, number words, scales and ranges become canonical values."""
    assert [number.label for number in find_numbers(text)] == labels


def test_years_are_marked() -> None:
    """A bare four-digit year is marked so facts can treat it as a date."""
    (year,) = find_numbers("since 1994")
    assert year.is_year and year.label == "1994"


def test_spans_match_text() -> None:
    """Each mention's span slices out its own text."""
    text = "About 3,000 people and twenty-one dogs"
    for number in find_numbers(text):
        assert text[number.start : number.end] == number.text


@pytest.mark.parametrize(
    ("text", "value"), [("3,000", 3000.0), ("Twenty-Three", 23.0), ("a dozen", 12.0), ("xyz", None)]
)
def test_parse_number(text: str, value: float | None) -> None:
    """One number in digits or words is valued; anything else is None."""
    assert parse_number(text) == value
