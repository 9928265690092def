"""Tokens of a batch of texts found with numpy: the same as `dedup.tokens.tokenize`."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from dedup import scan as scanning
from dedup.read import read_paths
from dedup.scan import SPACE, STOP, scan
from dedup.tokens import tokenize

from .conftest import CORPUS

# Letters, digits (also non-ASCII ones), the joiners and their look-alikes, underscores, cased
# Greek (Σ lowers by context), dotted İ (lowers to two code points), an astral letter and emoji.
ALPHABET = "aAsSzZ09٣'’.,_- \n\tΣσςİéÉ½²𝐀😀"
TEXTS = st.lists(st.text(alphabet=ALPHABET, max_size=40), min_size=1, max_size=6)


def _tokens(texts: list[str]) -> list[list[str]]:
    scanned = scan(texts)
    docs = scanned.docs.tolist()
    return [[scanned.token(k) for k in range(docs[d], docs[d + 1])] for d in range(len(texts))]


def test_corpus_tokens_equal_the_regular_expression() -> None:
    """Every text of corpus/ gives the tokens `tokenize` gives, in one batch."""
    texts = [article.text for article in read_paths([CORPUS])]
    assert _tokens(texts) == [tokenize(text) for text in texts]


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_generated_text_tokens_equal_the_regular_expression(texts: list[str]) -> None:
    """Possessives, inner apostrophes, figures with separators and Unicode classes agree."""
    assert _tokens(texts) == [tokenize(text) for text in texts]


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_words_texts_join_each_texts_tokens(texts: list[str]) -> None:
    """Each text's tokens joined by spaces, an empty string for a text without tokens."""
    assert scan(texts).words_texts() == [" ".join(tokenize(text)) for text in texts]


def test_equal_keys_mean_equal_spellings() -> None:
    """On the corpus, a spelling key names one spelling and a spelling has one key."""
    scanned = scan([article.text for article in read_paths([CORPUS])])
    by_key: dict[int, str] = {}
    by_spelling: dict[str, int] = {}
    for at, key in enumerate(scanned.spelling.tolist()):
        spelling = scanned.token(at)
        assert by_key.setdefault(key, spelling) == spelling
        assert by_spelling.setdefault(spelling, key) == key
    assert len(by_key) > 10_000


def test_empty_batch_and_empty_texts() -> None:
    """No texts, or texts without tokens, give no tokens and zero-length documents."""
    assert scan([]).docs.tolist() == [0]
    scanned = scan(["", " - ", "word"])
    assert scanned.docs.tolist() == [0, 0, 0, 1] and scanned.words_texts() == ["", "", "word"]


def test_joiners_say_what_follows_each_token() -> None:
    """One space, a full stop and a space, or anything else (a newline between texts too)."""
    scanned = scan(["Allen J. Ormond, 28", "Kevin Elkins"])
    assert scanned.joiner.tolist() == [SPACE, STOP, 0, 0, SPACE, 0]


def test_code_point_classes_fill_in_as_points_are_seen() -> None:
    """Points classified a few at a time, then all at once, get each point's own class."""
    every = np.arange(0x10000, dtype=np.uint32)
    assert scanning._classify(
        np.array([ord("a"), ord("7"), 0x1F600], dtype=np.uint32)
    ).tolist() == [
        scanning.LETTER,
        scanning.DIGIT,
        scanning.OTHER,
    ]
    assert scanning._classify(every).tolist() == [scanning._class_of(p) for p in range(0x10000)]
