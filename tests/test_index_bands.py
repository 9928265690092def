"""Band keys staged during a large add: the same rows once merged, the same answers before."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from dedup import index_bands
from dedup.article import Article
from dedup.index import Index
from dedup.index_rows import IndexEntry

META = {"match.num_perm": "128"}


def _entry(number: int, *, keys: tuple[int, ...], text: str = "") -> IndexEntry:
    return IndexEntry(
        article=Article(id=f"d{number:03}", text=text or f"text {number}"),
        content_hash=text or f"h{number}",
        signatures={"near": b"\x00"},
        band_keys=keys,
        terms=(f"t{number % 7}",),
    )


def _entries() -> list[IndexEntry]:
    """60 documents: key 1 held by all, key 2 by every third, key 100+n by document n."""
    return [_entry(n, keys=(1, 100 + n, *((2,) if n % 3 == 0 else ()))) for n in range(60)]


def _rows(path: Path, table: str) -> list[tuple[int, int]]:
    with closing(sqlite3.connect(path)) as db:
        return db.execute(f"SELECT key, doc FROM {table} ORDER BY key, doc").fetchall()


def _build(path: Path, *, bulk: bool, interrupt: bool = False) -> Index:
    index = Index.open(path, meta=META, create=True)
    entries = _entries()
    if not bulk:
        for start in range(0, len(entries), 10):
            index.add_batch(entries[start : start + 10])
        return index
    with pytest.raises(KeyboardInterrupt) if interrupt else _nothing(), index.bulk():
        for start in range(0, len(entries), 10):
            index.add_batch(entries[start : start + 10])
        if interrupt:
            raise KeyboardInterrupt
    return index


class _nothing:  # noqa: N801
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def test_a_bulk_add_ends_with_every_key_merged(tmp_path: Path) -> None:
    """After a bulk add the bands table holds what direct inserts give, nothing staged."""
    with _build(tmp_path / "bulk.dedup", bulk=True), _build(tmp_path / "plain.dedup", bulk=False):
        pass
    assert _rows(tmp_path / "bulk.dedup", "bands") == _rows(tmp_path / "plain.dedup", "bands")
    assert _rows(tmp_path / "bulk.dedup", "staged_bands") == []


def test_staged_keys_answer_queries_as_merged_ones(tmp_path: Path) -> None:
    """An add stopped before its merge: ranked candidates, candidates and counts are those of
    the merged index, the first stored documents of a key coming first."""
    staged = _build(tmp_path / "staged.dedup", bulk=True, interrupt=True)
    merged = _build(tmp_path / "merged.dedup", bulk=False)
    with staged, merged:
        assert len(_rows(tmp_path / "staged.dedup", "staged_bands")) > 0
        for keys, per_key in (
            ([1], 5),
            ([1, 2], 8),
            ([2, 103, 1], 60),
            ([100 + n for n in range(60)], 1),
        ):
            assert staged.ranked_candidates(keys, per_key=per_key, limit=20) == (
                merged.ranked_candidates(keys, per_key=per_key, limit=20)
            )
        assert staged.ranked_candidates([1], per_key=3, limit=10) == [
            ("d000", 1),
            ("d001", 1),
            ("d002", 1),
        ]
        assert staged.candidates([2, 150]) == merged.candidates([2, 150])
        assert staged.stats().band_keys == merged.stats().band_keys


def test_a_replaced_document_leaves_no_staged_key(tmp_path: Path) -> None:
    """Replacing a document whose keys are staged removes them with it."""
    path = tmp_path / "x.dedup"
    with Index.open(path, meta=META, create=True) as index, index.bulk():
        index.add_batch([_entry(1, keys=(7, 8)), _entry(2, keys=(8,))])
        index.add_batch([_entry(1, keys=(9,), text="changed")])
        assert _rows(path, "staged_bands") == [(8, 2), (9, 3)]
    assert _rows(path, "bands") == [(8, 2), (9, 3)]


def test_enough_staged_keys_are_merged_within_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past MERGE_ROWS the batch that crosses it moves every staged key to bands."""
    monkeypatch.setattr(index_bands, "MERGE_ROWS", 25)
    path = tmp_path / "x.dedup"
    with Index.open(path, meta=META, create=True) as index, index.bulk():
        entries = _entries()
        index.add_batch(entries[:10])
        assert len(_rows(path, "staged_bands")) == 24 and _rows(path, "bands") == []
        index.add_batch(entries[10:20])
        assert _rows(path, "staged_bands") == [] and len(_rows(path, "bands")) == 47
