"""The SQLite index: what goes in comes back out, through one open file."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dedup.article import Article
from dedup.index import Index
from dedup.index_rows import IndexEntry

META = {"match.num_perm": "128", "match.seed": "1"}


article_text = st.text(min_size=1, max_size=200)


# Each example creates an SQLite file: disk I/O on a busy machine, so no per-example deadline.
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=article_text,
    title=st.none() | st.text(max_size=40),
    removed=st.lists(st.text(max_size=20), max_size=3),
    extra=st.dictionaries(st.text(max_size=8), st.integers() | st.text(max_size=8), max_size=3),
)
def test_round_trip_is_lossless(
    tmp_path: Path, text: str, title: str | None, removed: list[str], extra: dict[str, object]
) -> None:
    """What goes into the index comes back out unchanged."""
    path = tmp_path / "rt.dedup"
    path.unlink(missing_ok=True)
    article = Article(id="d", text=text, title=title, removed=tuple(removed), extra=extra)
    entry = IndexEntry(
        article=article,
        content_hash="h",
        signatures={"s": b"\x00\xff" * 4},
        band_keys=(-(2**63), 2**63 - 1),
    )
    with Index.open(path, meta=META, create=True) as index:
        index.add_batch([entry])
    with Index.open(path, meta=META) as index:
        (stored,) = list(index.documents())
        assert stored.article == article
        assert stored.article.extra == extra
        assert stored.signatures == {"s": b"\x00\xff" * 4}
        assert index.candidates([2**63 - 1]) == ["d"]
