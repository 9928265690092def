"""Features packed into a few arrays for the way between processes, and unpacked the same."""

from __future__ import annotations

import pickle
from dataclasses import fields
from itertools import islice

import numpy as np

from dedup.clean import clean_article
from dedup.packed_features import pack_features, unpack_features
from dedup.read import read_paths
from dedup.represent import Features, represent_many
from dedup.settings import DEFAULT_SETTINGS

from .conftest import CORPUS


def _ecb_features(count: int) -> list[Features]:
    articles = [clean_article(a) for a in islice(read_paths([CORPUS / "ecbplus"]), count)]
    return represent_many(articles, settings=DEFAULT_SETTINGS.match)


def _same(left: Features, right: Features) -> bool:
    for field in fields(Features):
        mine, theirs = getattr(left, field.name), getattr(right, field.name)
        if isinstance(mine, np.ndarray):
            if mine.dtype != theirs.dtype or not np.array_equal(mine, theirs):
                return False
        elif mine != theirs:
            return False
    return True


def test_every_field_comes_back_equal_with_its_dtype() -> None:
    """Through pickle and back, each document's fields (arrays with their dtypes) are equal,
    and documents without features stay None in their places."""
    found = _ecb_features(30)
    documents: list[Features | None] = [*found[:10], None, *found[10:], None]
    packed = pickle.loads(pickle.dumps(pack_features(documents)))
    back = unpack_features(packed)
    assert [d is None for d in back] == [d is None for d in documents]
    for got, want in zip(back, documents, strict=True):
        assert got is want is None or (got is not None and want is not None and _same(got, want))


def test_arrays_travel_as_one_array_per_field() -> None:
    """The array fields of all documents are one array each; the others one list each."""
    packed = pack_features(_ecb_features(20))
    assert set(packed.arrays) == {"shingles", "term_hashes", "weights", "names"}
    assert set(packed.lists) == {f.name for f in fields(Features)} - set(packed.arrays)
    values, starts = packed.arrays["shingles"]
    assert starts.size == 21 and starts[-1] == values.size


def test_no_documents_or_only_emptied_ones() -> None:
    """A part whose documents were all emptied (or that has none) packs and unpacks."""
    assert unpack_features(pack_features([])) == []
    assert unpack_features(pack_features([None, None])) == [None, None]
