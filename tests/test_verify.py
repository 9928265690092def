"""Pair verification: evidence, scores and relations."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import numpy as np
import pytest

from dedup.article import Article
from dedup.clean import clean_article
from dedup.read import read_paths
from dedup.represent import represent
from dedup.settings import MatchSettings, Settings
from dedup.verify import BatchStats, Verdict, relate, weigh

from .conftest import CORPUS, SEED_LEFT, SEED_RIGHT


def _read(path: object) -> list[Article]:
    return [clean_article(a) for a in read_paths([path])]  # type: ignore[list-item]


def test_seed_rewrites_are_same_event() -> None:
    """The two seed rewrites (5-gram Jaccard 0.004) are same-event, not copies."""
    verdict = relate(_read(SEED_LEFT)[0], _read(SEED_RIGHT)[0])
    assert verdict.relation == "same-event"
    assert verdict.evidence["shingle_jaccard"] < 0.05
    assert verdict.score >= Settings().match.same_event_score


def test_identical_text_is_duplicate() -> None:
    """Two documents with the same words are duplicates, whatever their ids."""
    text = _read(SEED_LEFT)[0].text
    verdict = relate(Article(id="a", text=text), Article(id="b", text=text.upper()))
    assert verdict == Verdict("duplicate", 1.0, verdict.evidence)


def test_edited_copy_is_near_duplicate() -> None:
    """A copy with its last paragraph dropped and a word changed is a near-duplicate."""
    text = _read(SEED_LEFT)[0].text
    edited = text.rsplit("\n\n", 1)[0].replace("Azerbaijan", "Azerbaijani", 1)
    verdict = relate(Article(id="a", text=text), Article(id="b", text=edited))
    assert verdict.relation == "near-duplicate"
    assert verdict.score >= 0.5


def test_different_stories_are_unrelated() -> None:
    """A Karabakh report and a celebrity rehab report are unrelated."""
    rehab = next(
        a for a in _read(CORPUS / "ecbplus" / "documents.jsonl") if a.extra["cluster"] == "1_ecb"
    )
    verdict = relate(_read(SEED_LEFT)[0], rehab)
    assert verdict.relation == "unrelated"
    assert verdict.score < 0.05


@pytest.mark.parametrize(("days", "factor"), [(0, 1.0), (3, 1.0), (30, None), (400, None)])
def test_publication_gap_damps_the_score(days: int, factor: float | None) -> None:
    """Dates within the grace period leave the score alone; a wider gap lowers it."""
    start = date(2023, 9, 1)
    near = dataclasses.replace(_read(SEED_LEFT)[0], published=start.isoformat())
    later = (start + timedelta(days=days)).isoformat()
    far = dataclasses.replace(_read(SEED_RIGHT)[0], published=later)
    verdict = relate(near, far)
    assert verdict.evidence["days_apart"] == days
    if factor is not None:
        assert verdict.evidence["date_factor"] == factor
    else:
        assert verdict.evidence["date_factor"] < 0.6


def test_relation_is_symmetric() -> None:
    """relate(a, b) and relate(b, a) agree."""
    left, right = _read(SEED_LEFT)[0], _read(SEED_RIGHT)[0]
    assert relate(left, right) == relate(right, left)


def test_batch_stats_count_documents_not_occurrences() -> None:
    """Document frequency counts a term once per document; unknown terms count 0."""
    match = MatchSettings()
    docs = [
        represent(Article(id="a", text="Khojavand Khojavand landmine"), settings=match),
        represent(Article(id="b", text="Khojavand peacekeepers"), settings=match),
    ]
    stats = BatchStats.count(docs)
    freq = dict(zip(docs[0].terms, stats.frequencies(docs[0]), strict=True))
    assert freq == {"khojavand": 2.0, "landmine": 1.0}
    lone = represent(Article(id="c", text="Stepanakert"), settings=match)
    assert stats.frequencies(lone).tolist() == [0.0]
    vector = weigh(docs[0], stats=stats, settings=match)
    assert np.isclose(np.linalg.norm(vector.values), 1.0)


SHOOTING = (
    "A 16-year-old boy was shot {when} in the 4300 block of North Elm Avenue in Springfield, "
    "police said. He was taken to Mercy Hospital in serious condition. {extra}"
)


def test_reports_of_one_city_on_other_days_are_penalised() -> None:
    """Two same-city reports whose own event days are a week apart get the disagreement
    factor; the same two on one day get the agreement factor."""
    monday = Article(id="a", text=SHOOTING.format(when="Monday", extra=""), published="2017-01-10")
    later = Article(id="b", text=SHOOTING.format(when="Tuesday", extra=""), published="2017-01-18")
    same = Article(id="c", text=SHOOTING.format(when="Monday", extra=""), published="2017-01-10")
    apart, together = relate(monday, later), relate(monday, same)
    assert apart.evidence["event_factor"] == Settings().match.event_disagree_factor
    assert apart.evidence["event_days_apart"] == 8.0
    assert together.evidence["event_factor"] == Settings().match.event_agree_factor
    assert apart.score < together.score


def test_a_follow_up_naming_the_incidents_day_is_not_damped_for_its_date() -> None:
    """Published five weeks later, an arrest report that names the incident's day agrees
    on the event: its publication date does not damp the score."""
    incident = Article(
        id="a", text=SHOOTING.format(when="Monday", extra=""), published="2017-01-10"
    )
    arrest = Article(
        id="b",
        text="Police arrested Marcus Hale on Tuesday in the Jan. 9 shooting of a boy, 16, on "
        "North Elm Avenue in Springfield. He was taken to Mercy Hospital.",
        published="2017-02-15",
    )
    verdict = relate(incident, arrest)
    assert verdict.evidence["event_factor"] == Settings().match.event_agree_factor
    assert verdict.evidence["date_factor"] == 1.0 and verdict.evidence["days_apart"] == 36.0


def test_a_shared_rare_full_name_adds_the_name_bonus() -> None:
    """Two reports that name one victim get the bonus; a name every report holds does not."""
    named = SHOOTING.format(when="Monday", extra="Family members identified him as Marcus Pope.")
    left = Article(id="a", text=named)
    right = Article(id="b", text=named.replace("serious", "critical"))
    match = Settings().match
    assert relate(left, right).evidence["name_bonus"] == match.name_bonus
    features = [represent(left, settings=match), represent(right, settings=match)]
    crowd = [
        represent(Article(id=f"x{n}", text=f"Marcus Pope spoke on day {n}."), settings=match)
        for n in range(match.rare_name_df)
    ]
    stats = BatchStats.count([*features, *crowd])
    vectors = [weigh(f, stats=stats, settings=match) for f in features]
    assert features[0].names.size == 1 and vectors[0].names.size == 0
