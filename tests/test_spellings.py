"""Per-spelling values looked up by scan key."""

from __future__ import annotations

import pytest

from dedup import spellings
from dedup.read import read_paths
from dedup.scan import scan
from dedup.shingles import token_hash
from dedup.spellings import TERMS, token_values
from dedup.tokens import judge, lower_words, rarity

from .conftest import CORPUS

TEXTS = [article.text for article in read_paths([CORPUS / "seeds"])] + [
    "Klitschko's 120,000 and 120000 O'Neil O'NEIL o'neil said the police Police"
]


def _expected(token: str) -> tuple[int, str | None, float, bool]:
    rarity("the")
    judged = judge(token, min_rarity=3.5, number_weight=3.0)
    word = token_hash(lower_words([token])[0])
    return (word, None, 0.0, False) if judged is None else (word, *judged)


def _values(texts: list[str]) -> list[tuple[int, str | None, float, bool]]:
    scanned = scan(texts)
    values = token_values(scanned, min_rarity=3.5, number_weight=3.0)
    out: list[tuple[int, str | None, float, bool]] = []
    for at in range(scanned.starts.size):
        term = int(values.term[at])
        out.append(
            (
                int(values.word_hash[at]),
                TERMS.strings[term] if term >= 0 else None,
                float(values.base[at]),
                bool(values.capital[at]),
            )
        )
    return out


def test_values_equal_judging_each_token() -> None:
    """Word hash, term, base weight and case of every token, as judging its string gives."""
    scanned = scan(TEXTS)
    tokens = [scanned.token(at) for at in range(scanned.starts.size)]
    assert _values(TEXTS) == [_expected(token) for token in tokens]


def test_values_do_not_depend_on_what_the_tables_held(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables cleared at every batch (a tiny limit) give the same values as warm ones."""
    warm = _values(TEXTS)
    monkeypatch.setattr(spellings, "LIMIT", 1)
    assert _values(TEXTS) == warm
