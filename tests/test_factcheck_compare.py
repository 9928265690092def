"""Conflicts between two reports: the same slot, evidence they are about the same thing, and
values no reading reconciles."""

from __future__ import annotations

import json
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dedup.article import Article
from dedup.clean import clean_article
from dedup.diff import build_diff
from dedup.factcheck.discrepancy import Discrepancy
from dedup.read import read_paths
from tests.conftest import CORPUS, SEED_LEFT, SEED_RIGHT, CliRunner


@cache
def _ecb() -> dict[str, Article]:
    """The ECB+ sample corpus by id (CC BY 3.0, in corpus/)."""
    found = {}
    with (CORPUS / "ecbplus" / "documents.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            found[record["id"]] = clean_article(Article(id=record["id"], text=record["text"]))
    return found


def _conflicts(left: Article, right: Article) -> list[Discrepancy]:
    report = build_diff(left, right)
    return [d for d in report.discrepancies if d.category == "conflict"]


def _pair(left: str, right: str, **published: str) -> list[tuple[str, str | None, str | None]]:
    a = Article(id="a", text=left, published=published.get("left"))
    b = Article(id="b", text=right, published=published.get("right"))
    return [(d.kind, d.left, d.right) for d in _conflicts(a, b)]


@pytest.mark.parametrize(
    ("left_id", "right_id", "kind", "left", "right"),
    [
        # A boxer's record after the fight, by name ("Klitchsko" misspelt on one side).
        ("7_10ecb.xml", "7_3ecb.xml", "record", "52-3 with 46 KOs", "53-3, 47 KO's"),
        # The calibre of the gun police say the teenager pointed at them.
        ("19_6ecbplus.xml", "19_9ecbplus.xml", "caliber", ". 357 caliber", ". 38 caliber"),
        # The magnitude of a background quake, told apart from the main one's.
        ("37_10ecbplus.xml", "37_2ecbplus.xml", "magnitude", "8. 6", "8. 7"),
        # "Three life sentences" against "a life sentence".
        ("3_4ecbplus.xml", "3_6ecbplus.xml", "quantity", "three life sentences", "a life sentence"),
    ],
)
def test_real_conflicts_in_the_sample_corpus(
    left_id: str, right_id: str, kind: str, left: str, right: str
) -> None:
    """Genuine conflicts a fact-checker found in ECB+ pairs are reported."""
    found = {(d.kind, d.left, d.right) for d in _conflicts(_ecb()[left_id], _ecb()[right_id])}
    assert (kind, left, right) in found


def test_compatible_qualifiers_are_no_conflict() -> None:
    """ "At least 9 dead" and "12 dead" agree; so do "about 2,000" and 1,980."""
    assert _pair("At least 9 people were killed.", "Twelve people were killed.") == []
    assert _pair("About 2,000 people marched.", "Some 1,980 people marched.") == []


def test_counts_of_the_main_event_conflict_wherever_they_sit() -> None:
    """The toll each report gives for its event is compared whatever the sentences around it."""
    found = _pair(
        "Six people were killed in the attack. The mayor spoke on radio.",
        "Officials held a news conference. One person died in the attack.",
    )
    assert ("killed", "Six", "One") in found


def test_a_person_named_one_by_one_is_at_least_one() -> None:
    """ "A 10-year-old girl was killed" does not contradict "four people were killed"."""
    assert _pair("A 10-year-old girl was killed.", "The quake killed four people.") == []


def test_ages_of_one_named_person() -> None:
    """The same person's age stated differently is a conflict; two people's ages are not."""
    found = _pair(
        "Police interviewed 22-year-old Dale Corbin on Wednesday.",
        "A suspect, 21-year-old Dale Corbin, is being held.",
    )
    assert found == [("age", "22-year-old", "21-year-old")]
    assert _pair("Jane Roe, 31, was arrested.", "John Doe, 35, was arrested.") == []


def test_slots_are_never_mixed() -> None:
    """A clock time is not a vote count, an age not a count of people."""
    assert _pair("The polls closed at 7 p.m. on Tuesday.", "The measure won 9 votes.") == []
    assert _pair("A 15-year-old was shot.", "Six people were shot.") == []


def test_an_updated_amount_is_an_evolving_conflict() -> None:
    """A reward raised between two reports of different days is marked evolving."""
    (conflict,) = _conflicts(
        Article(
            id="a", text="Police raised the reward in the case to $15,000.", published="2018-05-14"
        ),
        Article(
            id="b",
            text="Police raised the total reward in the case to $12,000.",
            published="2018-05-11",
        ),
    )
    assert (conflict.kind, conflict.evolving) == ("money", True)
    assert (conflict.left_value, conflict.right_value) == (15000.0, 12000.0)


def test_seed_pair_landmines_figures_and_dateline() -> None:
    """The seed pair: six killed (left) where the right gives no figure for the loss of lives
    near Khojavand; 120,000 and 3,000 and the 2023-11-13 dateline only on the right."""
    left, right = (clean_article(a) for a in read_paths([SEED_LEFT, SEED_RIGHT]))
    found = build_diff(left, right).discrepancies
    (killed,) = [d for d in found if d.kind == "killed"]
    assert (killed.category, killed.left, killed.right) == ("omission", "six", None)
    assert "six of its citizens" in (killed.left_text or "")
    assert "Khojavand" in (killed.right_text or "")
    values = {(d.kind, d.left, d.right) for d in found}
    assert ("place", None, "Khojavand") in values
    assert ("quantity", None, "estimated 120,000 ethnic Armenians") in values
    assert ("quantity", None, "3,000 Russian peacekeepers") in values
    assert ("published", None, "2023-11-13") in values
    assert not [d for d in found if d.category == "conflict"]


_SENTENCES = [s.strip() + "." for s in _ecb()["37_10ecbplus.xml"].text.split(".") if s.strip()]


@given(st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=12))
def test_a_report_compared_with_itself_has_no_conflict_and_no_omission(
    sentences: list[str],
) -> None:
    """Whatever a report says, it never disagrees with itself."""
    article = Article(id="a", text=" ".join(sentences))
    found = build_diff(article, article).discrepancies
    assert [d for d in found if d.category != "metadata"] == []


def test_as_dict_keeps_the_scorer_fields() -> None:
    """Each discrepancy serialises kind, both values, both sentences and the typed detail."""
    d = Discrepancy(kind="killed", left="six", right="1", left_text="x", right_text="y")
    assert {"kind", "left", "right", "left_text", "right_text", "category", "evolving"} <= set(
        d.as_dict()
    )


def test_facts_diff_and_cluster_agree_on_the_seed_pair(run_cli: CliRunner) -> None:
    """`dedup facts`, `dedup diff` and `dedup cluster` read one facts flow: six killed on the
    left, no figure on the right, in all three."""
    facts = run_cli("facts", SEED_LEFT, SEED_RIGHT, "--format", "jsonl")
    summaries = [json.loads(line)["summary"] for line in facts.stdout.splitlines()]
    assert [s["killed"] for s in summaries] == [6, None]
    diff = json.loads(run_cli("diff", SEED_LEFT, SEED_RIGHT, "--format", "json").stdout)
    (killed,) = [d for d in diff["discrepancies"] if d["kind"] == "killed"]
    assert (killed["left_value"], killed["right_value"], killed["category"]) == (
        6.0,
        None,
        "omission",
    )
    clusters = run_cli("cluster", SEED_LEFT.parent, "--quiet")
    assert "killed: 6 — 1 source; no figure — 1 source" in " ".join(clusters.stdout.split())
