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
