"""Per-document features."""

from __future__ import annotations

import numpy as np

from dedup.article import Article
from dedup.represent import represent
from dedup.settings import MatchSettings

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
