"""Full names of people: a known given name, then a surname."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.full_names import (
    BY,
    CAPITALISED,
    FOLLOWER,
    GIVEN,
    INITIAL,
    NOT_SURNAME,
    OTHER,
    full_names,
    name_part,
    names_in,
)
from dedup.scan import scan
from dedup.spellings import token_values


@pytest.mark.parametrize(
    ("spelling", "part"),
    [
        ("Allen", GIVEN),
        ("Ormond", CAPITALISED),
        ("McDonald", CAPITALISED),
        ("J", INITIAL),
        ("Street", NOT_SURNAME),
        ("Jr", FOLLOWER),
        ("Tuesday", FOLLOWER),
        ("By", BY),
        ("POLICE", OTHER),
        ("police", OTHER),
        ("42", OTHER),
    ],
)
def test_name_part_of_a_spelling(spelling: str, part: int) -> None:
    """Each spelling's possible part in a full name."""
    assert name_part(spelling) == part


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("The father, Allen Ormond, 28, was charged.", ["allen ormond"]),
        ("Police said Allen J. Ormond Jr. fired the rifle.", ["allen ormond"]),
        (
            "Kevin Elkins and Allen Ormond appeared; Kevin Elkins pleaded.",
            ["kevin elkins", "allen ormond"],
        ),
        ("A boy was shot in Lincoln Park on Grant Street.", []),
        ("Taken to Orlando Regional Medical Center in serious condition.", []),
        ("Man Shot In East Austin, Police Say", []),
        ("By Elvia Malagon\nA boy was wounded.", []),
        ("said spokesman Anthony Guglielmi Sunday", ["anthony guglielmi"]),
        ("Allen\nOrmond", []),
    ],
)
def test_names_in_a_text(text: str, names: list[str]) -> None:
    """Given name then surname, separated by single spaces; not places, headlines, bylines."""
    assert names_in(text) == names


WORDS = ["Allen", "Ormond", "Kevin", "Street", "By", "J", "Jr", "Tuesday", "said", "the", "Park"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(
            st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", ". ", ", ", "\n", " "])),
            max_size=12,
        ).map(lambda pairs: "".join(word + gap for word, gap in pairs)),
        min_size=1,
        max_size=4,
    )
)
def test_batch_names_equal_the_token_by_token_names(texts: list[str]) -> None:
    """`full_names` of a batch gives each text's `names_in`, whatever its neighbours."""
    scanned = scan(texts)
    parts = token_values(scanned, min_rarity=3.5, number_weight=3.0).name_part
    assert full_names(scanned, parts) == [names_in(text) for text in texts]
