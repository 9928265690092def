"""The stages up to candidate pairs: band keys shared by documents that name one person."""

from __future__ import annotations

from dedup.article import Article
from dedup.candidates import name_keys
from dedup.represent import represent
from dedup.settings import DEFAULT_SETTINGS

MATCH = DEFAULT_SETTINGS.match


def test_documents_naming_one_person_share_a_name_key() -> None:
    """Each document's first full names are keys: two reports naming one person share one,
    whatever else they say; padding is never shared."""
    texts = [
        "Police arrested Marcus Pope on Friday.",
        "A vigil was held for the boy. Family friend Ann Cole and Marcus Pope spoke.",
        "Nobody was named.",
    ]
    features = [represent(Article(id=str(n), text=t), settings=MATCH) for n, t in enumerate(texts)]
    keys = name_keys(features, settings=MATCH)
    assert keys.shape == (3, MATCH.name_keys)
    assert set(keys[0].tolist()) & set(keys[1].tolist())
    assert not set(keys[2].tolist()) & set(keys[:2].reshape(-1).tolist())
