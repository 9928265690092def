"""Names typed as people, places, organisations and other names."""

from __future__ import annotations

import pytest

from dedup.factcheck.entities import find_names
from dedup.segment import split_sentences


def _names(text: str) -> dict[str, str]:
    return {m.value: m.kind for m in find_names(text, split_sentences(text))}


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Police said the shooting was reported by Jon Owen on Tuesday.", "Jon Owen", "person"),
        ("The ombudsman, Gegham Stepanyan, reported casualties.", "Gegham Stepanyan", "person"),
        ("Armenian Prime Minister Nikol Pashinyan spoke.", "Nikol Pashinyan", "person"),
        ("Shelling was heard in Stepanakert overnight.", "Stepanakert", "place"),
        ("She checked in to the clinic in Rancho Mirage.", "Rancho Mirage", "place"),
        ("He was taken to Kings County Hospital.", "Kings County Hospital", "place"),
        (
            "It happened in the 5500 block of Trevor Drive.",
            "the 5500 block of Trevor Drive",
            "place",
        ),
        (
            "It happened at N.E. 14th Avenue & 87th Street.",
            "N.E. 14th Avenue & 87th Street",
            "place",
        ),
        (
            "Aid came from the International Committee of the Red Cross.",
            "International Committee of the Red Cross",
            "org",
        ),
        ("The Security Council met in Yerevan.", "Security Council", "org"),
    ],
)
def test_names_are_typed(text: str, value: str, kind: str) -> None:
    """Titles, ages and given names make people; place words, addresses and known places make
    places; organisation words make organisations."""
    assert _names(text)[value] == kind


@pytest.mark.parametrize(
    ("text", "not_a_name"),
    [
        ("Twelve people were hurt when the Greeks protested.", "Twelve"),
        ("Twelve people were hurt when the Greeks protested.", "Greeks"),
        ("Our reporters met the mayor on Saturday December 9.", "Our"),
        ("Our reporters met the mayor on Saturday December 9.", "Saturday December"),
    ],
)
def test_words_that_are_no_names(text: str, not_a_name: str) -> None:
    """Number words, demonyms, pronouns and days or months are no names."""
    assert not_a_name not in _names(text)


def test_a_surname_alone_is_the_person_named_in_full() -> None:
    """ "Corbin" after "Dale Corbin" is a person, not an unknown name."""
    names = _names("Police questioned Dale Corbin. Later Corbin was charged.")
    assert names["Corbin"] == "person"
