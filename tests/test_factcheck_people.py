"""Counts of people by role."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dedup.factcheck.count_patterns import PATTERNS, compiled
from dedup.factcheck.people import find_counts


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
        ("Four people, including an elderly man, were wounded.", [("injured", 4)]),
        ("A 52-year-old man shot and killed his cousin.", [("killed", 1)]),
        ("Two men shot a woman in the leg.", [("shot", 1)]),
    ],
)
def test_counts_by_role(text: str, expected: list[tuple[str, int | None]]) -> None:
    """Numbers, singular subjects, zeros and unstated counts; active verbs with objects are not victims."""
    assert [(c.role, c.value) for c in find_counts(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A 9-year-old boy and a 30-year-old woman were wounded on Elm Street.", [("injured", 2)]),
        ("Two deputies and the gunman are dead.", [("killed", 3)]),
        ("Maria Lopez, 31, and Tom Reed, 45, were found dead inside the house.", [("killed", 2)]),
        ("Two victims, a man and a teenager, died at the scene.", [("killed", 2)]),
        ("A mother and her son who were shot and killed on Friday", [("killed", 2)]),
        ("The gunman shot a cashier and two customers before fleeing.", [("shot", 3)]),
        ("He fatally shot his ex-wife and her father.", [("killed", 2)]),
        ("The blast left him and his two daughters dead.", [("killed", 3)]),
    ],
)
def test_coordinated_victims(text: str, expected: list[tuple[str, int | None]]) -> None:
    """ "A and B were shot" counts every conjunct, a counted group by its number."""
    assert [(c.role, c.value) for c in find_counts(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Her brother, Sam Ortiz, was shot Tuesday.",
        "Sam Ortiz, his brother and sister, was charged.",
        "Friends, including the boy who was killed, gathered at the park.",
    ],
)
def test_appositions_and_subsets_are_not_extra_people(text: str) -> None:
    """An apposition, a singular verb after a list and an "including" clause add nobody."""
    assert all((c.value or 0) <= 1 for c in find_counts(text))


def test_including_clause_is_part_of_the_count() -> None:
    """ "Four people including a girl and a boy" are four, not six."""
    text = "Four people including a 6-year-old and a 9-year-old were hurt."
    assert [(c.role, c.value) for c in find_counts(text)] == [("injured", 4)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police are investigating the shooting of four men near the station.", [("shot", 4)]),
        ("One of the three people shot and killed on Friday was a nurse.", [("killed", 3)]),
        ("Two of the victims died at a hospital.", [("killed", 2)]),
        ("Five people were shot, two of them fatally.", [("shot", 5), ("killed", 2)]),
        ("Two teenagers who were shot near the park are expected to survive.", [("shot", 2)]),
        ("A hunter was fatally injured Saturday.", [("killed", 1)]),
        ("He killed four people and wounded a nine-year-old.", [("killed", 4), ("injured", 1)]),
        ("Three people wound up dead.", [("killed", 3)]),
        ("Deputies found two deceased victims in the kitchen.", [("killed", 2)]),
        ("Two more people were treated at a hospital and released.", [("injured", 2)]),
    ],
)
def test_more_ways_of_counting(text: str, expected: list[tuple[str, int | None]]) -> None:
    """Nominal, partitive, relative-clause, adverb and adjective forms state counts too."""
    assert [(c.role, c.value) for c in find_counts(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The girl shot in the park on Dec. 25 has died.",
        "Jane Roe, 25, was killed.",
        "A 13 year old was shot in the arm.",
        "Two officers who shot and killed a homeowner returned to work.",
        "A caller to 911 reported a person shot.",
        "She died three days later suffering from two gunshot wounds.",
    ],
)
def test_days_ages_and_agents_are_not_counts(text: str) -> None:
    """A day of the month, an age, an emergency number, a span of days or the shooter is no count."""
    assert all(c.value in (None, 1) for c in find_counts(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Five men were shot -- three of them fatally -- on Thursday.",
            [("shot", 5), ("killed", 3)],
        ),
        ("The gunman fatally shot seven people before he fled.", [("killed", 7)]),
        ("Detectives are looking into the fatal shootings of four people.", [("killed", 4)]),
        ("He shot and killed his wife on Sunday.", [("killed", 1)]),
        ("The suspect opened fire, critically wounding her son.", [("injured", 1)]),
        ("He shot his 9-year-old son to death.", [("killed", 1)]),
        ("The man shot her boyfriend in the leg.", [("shot", 1)]),
        ("Deputies found a wounded 12-year-old girl in the yard.", [("shot", 1)]),
        ("One man was killed and another was wounded.", [("killed", 1), ("injured", 1)]),
        ("One victim was shot in the leg, another in the arm.", [("shot", 1), ("shot", 1)]),
        ("Another woman is fighting for her life.", [("injured", 1)]),
        ("Two teens were suffering from gunshot wounds.", [("shot", 2)]),
        ("Two teens were taken to a hospital with gunshot wounds.", [("shot", 2)]),
        ("Four victims were rushed to a local hospital.", [("shot", 4)]),
        ("Fifty people with injuries were treated.", [("injured", 50)]),
        ("Five members of a family were found shot dead.", [("killed", 5)]),
        ("The shooting deaths of a father, mother and their two sons.", [("killed", 4)]),
        ("A third person has died after the weekend shooting.", [("killed", 3)]),
        ("The death toll rose to three on Monday.", [("killed", 3)]),
        ("Tom Harlow and Ray Dunning were shot and killed.", [("killed", 2)]),
        ("Mia Ford, 12, and her brother Leon, 14, were shot to death.", [("killed", 2)]),
        ("Kim's uncle and a 17-year-old boy were also shot.", [("shot", 2)]),
        ("One of four women wounded in the shooting has died.", [("shot", 4)]),
        ("A boy who was wounded on Friday died on Saturday.", [("killed", 1)]),
        ("Three were killed and a fourth person was injured.", [("killed", 3), ("shot", 4)]),
        ("Police said an 8th teen was wounded in the shooting.", [("shot", 8)]),
        ("The shooting sent five people to the hospital.", [("shot", 5)]),
        ("Four girls between ages 13 and 17 were wounded.", [("injured", 4)]),
    ],
)
def test_counts_of_one_incident(text: str, expected: list[tuple[str, int | None]]) -> None:
    """Dashes, "fatally", possessive objects, ellipses, hospital transport, named people,
    families, ordinals, death tolls and follow-ups count the incident's people."""
    assert [(c.role, c.value) for c in find_counts(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The shooting nearly killed his father-in-law.",
        "A boy younger than 12 was shot.",
        "The driver on I-10 was hospitalized.",
        "It was the 23rd time a minor under age 18 was shot this year.",
        "Victor Lane, 27 was shot in the chest.",
        "Hollis and another man in the back seat fled.",
        "The Marion County Courthouse and Main Street were closed.",
    ],
)
def test_hedges_parts_and_places_are_not_counts(text: str) -> None:
    """ "Nearly", a part of a group already counted, "younger than", a highway and place names
    state no count of their own."""
    assert all(c.value in (None, 1) for c in find_counts(text))


def test_part_of_a_group_is_not_a_count_of_its_own() -> None:
    """ "Seven men were hospitalized, one with critical injuries": seven, not also one."""
    text = "Seven men were hospitalized, one with critical injuries."
    assert [(c.role, c.value) for c in find_counts(text)] == [("injured", 7)]


def test_counts_far_apart_in_a_long_article_are_all_found() -> None:
    """Counts among long stretches with no role word (the patterns run only near role words)
    are found where they are, as in a short text."""
    filler = "The council met again to discuss the budget for the coming year. " * 40
    text = (
        f"Two people were killed. {filler}Three others were wounded. {filler}No one was arrested."
    )
    found = [(c.role, c.value, text[c.start : c.end]) for c in find_counts(text)]
    assert found == [
        ("killed", 2, "Two people were killed"),
        ("injured", 3, "Three others were wounded"),
        ("arrested", 0, "No one was arrested"),
    ]


def test_patterns_compile_only_when_a_text_needs_them() -> None:
    """Importing compiles no count pattern; a short text compiles only the patterns it needs."""
    code = (
        "from dedup.factcheck.count_patterns import compiled\n"
        "from dedup.factcheck.people import find_counts\n"
        "print(compiled.cache_info().currsize)"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.split() == ["0"]
    compiled.cache_clear()
    assert find_counts("Police arrested two men.") == find_counts("Police arrested two men.")
    assert 0 < compiled.cache_info().currsize < len(PATTERNS)
