"""The aligner's per-process memory of sentence vectors."""

from __future__ import annotations

import numpy as np
import pytest

from dedup import align_memo
from dedup.align_memo import sentence_sums
from dedup.embed import DIMENSIONS, Matrix, token_sums
from dedup.memory import Memory

TEXTS = [
    "Three people were killed in the blaze on Monday.",
    "",
    "Firefighters reached the depot at 9 p.m.",
    "Three people were killed in the blaze on Monday.",
]


def test_remembered_sums_are_the_tokenizer_s_bytes() -> None:
    """Sums read from memory, repeated texts and empty ones included, are token_sums' bytes."""
    first = sentence_sums(TEXTS)
    again = sentence_sums(list(reversed(TEXTS)))
    assert first.tobytes() == token_sums(TEXTS).tobytes()
    assert again.tobytes() == token_sums(list(reversed(TEXTS))).tobytes()


def test_no_texts_is_an_empty_matrix() -> None:
    """No texts: zero rows of the vectors' width."""
    assert sentence_sums([]).shape == (0, DIMENSIONS)


def test_memory_starts_over_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past its size the memory is emptied, never grown, and the sums stay right."""
    monkeypatch.setattr(align_memo, "_SUMS", Memory[str, Matrix](2))
    sums = sentence_sums(TEXTS[2:])
    assert len(align_memo._SUMS) == 2
    new = ["The depot had been empty since 2019."]
    assert np.array_equal(sentence_sums(new), token_sums(new))
    assert len(align_memo._SUMS) == 1
    assert sums.tobytes() == token_sums(TEXTS[2:]).tobytes()
