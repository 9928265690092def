"""Cleaning and representing articles in batches on worker processes."""

from __future__ import annotations

from dedup.article import Article
from dedup.batch_features import features_of
from dedup.clean import clean_article
from dedup.read import read_paths
from dedup.represent import represent
from dedup.settings import DEFAULT_SETTINGS

from .conftest import CORPUS

MATCH = DEFAULT_SETTINGS.match


def _raw() -> list[Article]:
    return list(read_paths([CORPUS / "ecbplus" / "documents.jsonl"]))[:120]


def test_workers_give_the_features_of_one_process_in_input_order() -> None:
    """jobs=2 over batches of 25 equals represent() of each cleaned article, in order."""
    raw = [*_raw(), Article(id="junk", text="Accept cookies")]
    emptied: list[str] = []
    found = list(
        features_of(raw, settings=MATCH, jobs=2, batch=25, on_empty=lambda a: emptied.append(a.id))
    )
    expected = [represent(clean_article(a), settings=MATCH) for a in raw[:-1]]
    assert emptied == ["junk"]
    assert [f.id for f in found] == [f.id for f in expected]
    for got, want in zip(found, expected, strict=True):
        assert got.terms == () and got.content_hash == want.content_hash
        assert got.shingles.tolist() == want.shingles.tolist()
        assert got.term_hashes.tolist() == want.term_hashes.tolist()
        assert got.weights.tolist() == want.weights.tolist()
        assert (got.day, got.years, got.words) == (want.day, want.years, want.words)


def test_without_cleaning_nothing_is_dropped() -> None:
    """clean=False represents each article as given, even one with no text left."""
    raw = [Article(id="a", text="Accept cookies"), Article(id="b", text=" ")]
    found = list(features_of(raw, settings=MATCH, clean=False))
    assert [f.id for f in found] == ["a", "b"] and found[1].shingles.size == 0
