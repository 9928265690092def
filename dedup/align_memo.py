"""What the aligner reads from a sentence, remembered per process for the next alignment.

A cluster's report compares every member with one representative, and members copied from one
another share most of their sentences, so the same sentences are read again and again. A
sentence's token vector sum (dedup.embed, the costliest thing the aligner reads from it) depends
on that sentence alone: the memory hands back the very bytes a fresh tokenizer pass would.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from dedup.embed import DIMENSIONS, Matrix, token_sums
from dedup.memory import Memory

# Sentences whose sums are kept (2 KiB each): a large cluster's distinct sentences, many times.
_SUMS = Memory[str, Matrix](16_384)


def sentence_sums(texts: Sequence[str]) -> Matrix:
    """Per text, the sum of its tokens' vectors, as `token_sums` gives it; the texts not seen
    lately go through the tokenizer in one pass."""
    distinct = dict.fromkeys(texts)
    rows = {text: _SUMS[text] for text in distinct if text in _SUMS}
    missing = [text for text in distinct if text not in rows]
    if missing:
        for text, row in zip(missing, token_sums(missing), strict=True):
            kept = row.copy()  # not a view that would keep the whole batch alive
            kept.flags.writeable = False
            rows[text] = kept
            _SUMS.put(text, kept)
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float64)
    return np.stack([rows[text] for text in texts])
