"""Counted nouns: one is singular, any other count plural."""

from __future__ import annotations

import pytest

from dedup.render.wording import plural


@pytest.mark.parametrize(
    ("count", "word", "words", "expected"),
    [
        (1, "document", None, "1 document"),
        (0, "document", None, "0 documents"),
        (2, "outlet", None, "2 outlets"),
        (1, "copy", "copies", "1 copy"),
        (3, "copy", "copies", "3 copies"),
    ],
)
def test_plural(count: int, word: str, words: str | None, expected: str) -> None:
    """ "1 document", "0 documents", an irregular plural where given."""
    assert plural(count, word, words) == expected
