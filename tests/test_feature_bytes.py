"""Stored features: the bytes round-trip field by field, hold no term strings, and refuse damage."""

from __future__ import annotations

import numpy as np
import pytest

from dedup.clean import clean_article
from dedup.errors import IndexFileError
from dedup.feature_bytes import features_from_bytes, features_to_bytes
from dedup.read import read_paths
from dedup.represent import Features, represent_many
from dedup.settings import DEFAULT_SETTINGS

from .conftest import CORPUS


@pytest.fixture(scope="module")
def ecb_features() -> tuple[Features, ...]:
    """The features of the first 30 cleaned ECB+ documents, as an index stores them."""
    articles = read_paths([CORPUS / "ecbplus" / "documents.jsonl"])
    cleaned = [clean_article(article) for _, article in zip(range(30), articles, strict=False)]
    return tuple(represent_many(cleaned, settings=DEFAULT_SETTINGS.match))


def test_features_round_trip(ecb_features: tuple[Features, ...]) -> None:
    """Stored features, read back with their terms, equal the computed ones, field by field."""
    for features in ecb_features:
        back = features_from_bytes(features.id, features_to_bytes(features), features.terms)
        for name in (
            "id",
            "content_hash",
            "terms",
            "day",
            "years",
            "words",
            "outlet",
            "event_day",
            "named_days",
        ):
            assert getattr(back, name) == getattr(features, name)
        for name in ("shingles", "term_hashes", "weights", "names"):
            assert np.array_equal(getattr(back, name), getattr(features, name))
            assert getattr(back, name).dtype == getattr(features, name).dtype


def test_feature_bytes_hold_no_term_strings(ecb_features: tuple[Features, ...]) -> None:
    """The terms are stored once, beside the features: no term string is in their bytes."""
    features = ecb_features[0]
    data = features_to_bytes(features)
    words = [t for t in features.terms if len(t) > 5 and not t.startswith("#")]
    assert words and not any(term.encode("utf-8") in data for term in words)


def test_damaged_features_are_an_index_error(ecb_features: tuple[Features, ...]) -> None:
    """Truncated or foreign bytes, or terms that do not fit, are refused with a message."""
    features = ecb_features[0]
    data = features_to_bytes(features)
    with pytest.raises(IndexFileError, match="truncated"):
        features_from_bytes("x", data[:-3], features.terms)
    with pytest.raises(IndexFileError, match="not dedup features"):
        features_from_bytes("x", b"\x00" * 40, features.terms)
    with pytest.raises(IndexFileError, match="terms"):
        features_from_bytes("x", data, features.terms[1:])
