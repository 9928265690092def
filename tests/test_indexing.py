"""Index entries from articles: stable band keys, features round trip, statistics, parameters."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from dedup.article import Article
from dedup.candidates import document_band_keys
from dedup.clean import clean_article
from dedup.errors import IndexFileError
from dedup.index import Index
from dedup.indexing import (
    Bands,
    IndexTermStats,
    add_articles,
    content_hash,
    index_meta,
    open_index,
    prepare,
)
from dedup.minhash import from_bytes
from dedup.read import read_paths
from dedup.settings import DEFAULT_SETTINGS, MatchSettings, Settings
from dedup.verify import BatchStats, weigh

from .conftest import CORPUS

MATCH = DEFAULT_SETTINGS.match


@pytest.fixture(scope="module")
def ecb() -> list[Article]:
    """The first 120 cleaned ECB+ documents."""
    articles = read_paths([CORPUS / "ecbplus" / "documents.jsonl"])
    return [clean_article(article) for _, article in zip(range(120), articles, strict=False)]


def test_keys_are_the_pipelines_keys_without_corpus_statistics(ecb: list[Article]) -> None:
    """prepare() gives exactly the clusterer's band keys computed with stats=None."""
    prepared = prepare(ecb, settings=MATCH)
    vectors = [weigh(f, stats=None, settings=MATCH) for f in prepared.features]
    expected = document_band_keys(list(prepared.features), vectors, settings=MATCH)
    assert np.array_equal(prepared.keys, expected)


def test_keys_do_not_depend_on_the_rest_of_the_batch(ecb: list[Article]) -> None:
    """A document's stored keys are the same alone as in any batch, so they never drift."""
    together = prepare(ecb[:40], settings=MATCH)
    for row in (0, 17, 39):
        alone = prepare([ecb[row]], settings=MATCH)
        assert alone.stored_keys(0) == together.stored_keys(row)


def test_stored_keys_leave_out_the_missing_names(ecb: list[Article]) -> None:
    """A document with fewer full names than name keys stores no key in their place (the
    placeholders are unique in a batch, not across batches)."""
    prepared = prepare(ecb[:40], settings=MATCH)
    named = [f.names[: MATCH.name_keys].size for f in prepared.features]
    assert min(named) < MATCH.name_keys < prepared.keys.shape[1]
    for row, count in enumerate(named):
        assert len(prepared.stored_keys(row)) == prepared.keys.shape[1] - MATCH.name_keys + count


def test_signatures_are_stored_as_minhash_bytes(tmp_path: Path, ecb: list[Article]) -> None:
    """Each entry holds near and event signatures that dedup.minhash reads back."""
    with open_index(tmp_path / "x.dedup", create=True) as index:
        add_articles(index, ecb[:5], settings=MATCH)
        for stored in index.get([a.id for a in ecb[:5]]):
            assert set(stored.signatures) == {"near", "event"}
            for value in stored.signatures.values():
                assert from_bytes(value).shape == (MATCH.num_perm,)


def test_content_hash_covers_text_and_metadata_only() -> None:
    """Text, title, date and url change the hash; where it was read from does not."""
    base = Article(id="a", text="Six people were killed.", title="T", published="2023-11-13")
    assert content_hash(replace(base, source="elsewhere.txt", extra={"k": 1})) == content_hash(base)
    for changed in (
        replace(base, text="Seven people were killed."),
        replace(base, title="Other"),
        replace(base, published="2023-11-14"),
        replace(base, url="https://example.org"),
    ):
        assert content_hash(changed) != content_hash(base)


def test_add_is_idempotent_and_replaces_changed(tmp_path: Path, ecb: list[Article]) -> None:
    """Re-adding is a no-op; a changed text replaces its entry and its frequencies."""
    with open_index(tmp_path / "x.dedup", create=True) as index:
        first = add_articles(index, ecb[:50], settings=MATCH, batch_size=7)
        again = add_articles(index, ecb[:50], settings=MATCH, batch_size=7)
        edited = replace(ecb[3], text="Volcano erupts in Iceland, grounding flights.")
        changed = add_articles(index, [edited, *ecb[50:60]], settings=MATCH)
        assert (first.added, again.unchanged, again.added) == (50, 50, 0)
        assert (changed.replaced, changed.added) == (1, 10)
        assert index.count() == 60
        (stored,) = index.get([edited.id])
        assert stored.article.text == edited.text
        current = [edited, *ecb[:3], *ecb[4:60]]
        expected = BatchStats.count(list(prepare(current, settings=MATCH).features))
        stats = IndexTermStats(index)
        assert stats.documents == 60
        for features in prepare(current[:20], settings=MATCH).features:
            assert np.array_equal(stats.frequencies(features), expected.frequencies(features))


def test_meta_records_matching_parameters_only() -> None:
    """Match settings, normaliser, scheme and key derivation are recorded; alignment is not."""
    meta = index_meta(DEFAULT_SETTINGS)
    assert meta["match.num_perm"] == "128" and meta["normaliser_version"] == "1"
    assert meta["match.bucket_sample"] == "2"  # sampled oversized buckets change findings
    assert meta["event_keys"] == "document-only"
    assert not any(key.startswith("align.") for key in meta)


def test_other_settings_and_banding_are_refused(tmp_path: Path, ecb: list[Article]) -> None:
    """An index is refused under other match settings; its banding is read back as built."""
    path = tmp_path / "x.dedup"
    with open_index(path, create=True) as index:
        add_articles(index, ecb[:3], settings=MATCH)
        assert Bands.of_index(index) == Bands.for_settings(MATCH)
    other = Settings(match=MatchSettings(event_lsh_threshold=0.1))
    with pytest.raises(IndexFileError, match=r"match\.event_lsh_threshold"):
        open_index(path, settings=other, create=False)
    plain = tmp_path / "plain.dedup"
    with (
        Index.open(plain, meta=index_meta(), create=True) as index,
        pytest.raises(IndexFileError, match="no LSH banding"),
    ):
        Bands.of_index(index)
