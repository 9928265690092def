"""Per-document features."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from dedup.article import Article
from dedup.clean import clean_article
from dedup.full_names import names_in
from dedup.outlets import domain_words, headline, outlet_of
from dedup.read import read_paths
from dedup.represent import Features, represent, represent_many
from dedup.settings import MatchSettings
from dedup.shingles import shingle_hashes, token_hashes
from dedup.tokens import content_term_weights, lower_words, tokenize

from .conftest import CORPUS

SETTINGS = MatchSettings()
TEXT = "Azerbaijan launched an offensive in Nagorno-Karabakh on 19 September 2023.\n\nSix died."


def test_features_are_sorted_and_aligned() -> None:
    """Shingles and term hashes are sorted and distinct; weights align with terms."""
    f = represent(Article(id="a", text=TEXT, published="2023-09-20"), settings=SETTINGS)
    assert np.all(np.diff(f.shingles.astype(np.int64)) > 0)
    assert np.all(np.diff(f.term_hashes.astype(np.int64)) > 0)
    assert len(f.terms) == f.term_hashes.size == f.weights.size
    assert f.years == frozenset({2023})
    assert f.day is not None and f.words == 13


def test_title_counts_unless_the_text_starts_with_it() -> None:
    """A separate title adds its words; a title repeated as the first line adds nothing."""
    plain = represent(Article(id="a", text=TEXT), settings=SETTINGS)
    titled = represent(Article(id="a", text=TEXT, title="Karabakh exodus"), settings=SETTINGS)
    repeated = represent(
        Article(id="a", text="Karabakh exodus\n\n" + TEXT, title="Karabakh exodus"),
        settings=SETTINGS,
    )
    assert "exodus" in titled.terms and "exodus" not in plain.terms
    assert repeated.content_hash == titled.content_hash


def test_features_do_not_depend_on_anything_but_the_document() -> None:
    """The same article gives equal features every time (no corpus state, no hash seed)."""
    one = represent(Article(id="a", text=TEXT), settings=SETTINGS)
    two = represent(Article(id="a", text=TEXT), settings=SETTINGS)
    assert one.content_hash == two.content_hash
    assert np.array_equal(one.shingles, two.shingles)
    assert np.array_equal(one.weights, two.weights)


def test_bad_published_date_is_unknown() -> None:
    """A published value that is not an ISO date leaves the day unknown."""
    assert represent(Article(id="a", text=TEXT, published="soon"), settings=SETTINGS).day is None


def _reference(article: Article, *, settings: MatchSettings) -> Features:
    """One article represented with the regular-expression tokenizer, token by token: what
    `represent_many` computes for a whole batch with arrays."""
    title = headline(article.title)
    text = article.text
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n\n{text}"
    tokens = tokenize(text)
    words = lower_words(tokens)
    names = names_in(text)
    listed, weighted = content_term_weights(
        tokens,
        min_rarity=settings.min_rarity,
        number_weight=settings.number_weight,
        name_boost=settings.name_boost,
        names=names,
        name_weight=settings.full_name_weight,
        dropped=domain_words(outlet_of(article)),
    )
    hashes = token_hashes(listed)
    order = np.argsort(hashes, kind="stable")
    plain = represent(article, settings=settings)
    return replace(
        plain,
        content_hash=hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest(),
        shingles=shingle_hashes(token_hashes(words), n=settings.shingle_size),
        terms=tuple(listed[i] for i in order.tolist()),
        term_hashes=hashes[order],
        weights=weighted.astype(np.float32)[order],
        words=len(words),
        names=token_hashes(names),
    )


def _assert_same(got: Features, want: Features) -> None:
    assert (got.id, got.content_hash, got.terms) == (want.id, want.content_hash, want.terms)
    assert (
        got.shingles.dtype == want.shingles.dtype
        and got.shingles.tolist() == want.shingles.tolist()
    )
    assert got.term_hashes.tolist() == want.term_hashes.tolist()
    assert got.weights.dtype == want.weights.dtype and got.weights.tolist() == want.weights.tolist()
    assert (got.day, got.years, got.words) == (want.day, want.years, want.words)
    assert got.names.dtype == want.names.dtype and got.names.tolist() == want.names.tolist()


def test_batch_features_equal_token_by_token_features() -> None:
    """Every corpus/ article, represented in batches, equals the token-by-token reference."""
    articles = [clean_article(article) for article in read_paths([CORPUS])]
    for start in range(0, len(articles), 200):
        batch = articles[start : start + 200]
        for got, article in zip(represent_many(batch, settings=SETTINGS), batch, strict=True):
            _assert_same(got, _reference(article, settings=SETTINGS))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="aAbB09'’.,_ \nΣİ😀", max_size=60), min_size=1, max_size=5))
def test_features_do_not_depend_on_the_batch(texts: list[str]) -> None:
    """An article's features are the same alone as in any batch, and equal the reference."""
    articles = [Article(id=str(n), text=text) for n, text in enumerate(texts)]
    together = represent_many(articles, settings=SETTINGS)
    for article, got in zip(articles, together, strict=True):
        _assert_same(got, represent(article, settings=SETTINGS))
        _assert_same(got, _reference(article, settings=SETTINGS))


def test_terms_sharing_a_hash_are_ordered_by_string() -> None:
    """Two made-up words with one 32-bit SHA-1 hash (found by search) stay two terms, ordered
    by string after the hash, as the reference orders them."""
    text = "Zorvgbhfaq met zorvbdgcq. Zorvbdgcq left; zorvgbhfaq stayed with Zorvbdgcq."
    article = Article(id="a", text=text)
    got = represent_many([Article(id="b", text="Nothing else."), article], settings=SETTINGS)[1]
    assert got.term_hashes.tolist().count(token_hashes(["zorvbdgcq"])[0]) == 2
    _assert_same(got, _reference(article, settings=SETTINGS))
