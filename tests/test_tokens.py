"""Tokens, rarity weights and content terms."""

from __future__ import annotations

import math

import pytest
import wordfreq

from dedup.tokens import MAX_RARITY, content_terms, lower_words, rarity, tokenize


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Klitschko's win", ["Klitschko", "s", "win"]),
        ("O'Neil said", ["O'Neil", "said"]),
        ("120,000 residents and 3.5 km", ["120,000", "residents", "and", "3.5", "km"]),
        ("one-year-old", ["one", "year", "old"]),
    ],
)
def test_tokenize_keeps_figures_and_names_whole(text: str, tokens: list[str]) -> None:
    """Figures keep their separators, names their inner apostrophe, a possessive "s" stands apart."""
    assert tokenize(text) == tokens


def test_lower_words_drops_thousands_separators() -> None:
    """Lowercased words; "120,000" and "120000" are the same word."""
    assert lower_words(["The", "120,000"]) == ["the", "120000"]


def test_rarity_orders_common_below_rare_below_unknown() -> None:
    """Function words are common, news words in between, unknown names rarest."""
    assert rarity("the") < rarity("police") < rarity("rehab") < rarity("xqzlohanx")
    assert rarity("xqzlohanx") == MAX_RARITY


def test_content_terms_weigh_names_and_figures() -> None:
    """Common words are dropped, figures get a fixed weight, a capitalised name is boosted."""
    tokens = tokenize("The police said Khojavand residents fled; 120,000 residents left khojavand")
    weights = content_terms(tokens, min_rarity=3.5, number_weight=3.0, name_boost=3.0)
    assert "the" not in weights and "said" not in weights
    assert weights["#120000"] == 3.0
    assert weights["khojavand"] > weights["residents"]
    assert list(weights) == sorted(weights)


def test_rarity_is_minus_log10_of_wordfreq_frequency() -> None:
    """Every word's rarity is `-log10` of its wordfreq frequency, capped at `MAX_RARITY`."""
    for word, frequency in wordfreq.get_frequency_dict("en").items():
        assert rarity(word) == min(MAX_RARITY, -math.log10(frequency))
