"""Static sentence vectors: wordllama's 256-dimension token embeddings, shipped in its wheel.

A sentence's vector is the sum of its tokens' vectors, scaled to unit length (the same direction
as wordllama's average pooling), so the vector of two neighbouring sentences taken together is
the sum of their sums, without tokenising again. Word overlap misses "blaze" against "fire",
"quake" against "earthquake"; these vectors give such rewrites part of their credit.

The weights and tokenizer load on first use (about 0.5 s with the import), from the package folder
only: `disable_download` turns a missing file into an error instead of a download. wordllama
0.4.0.post1 looks for its tokenizer under `tokenizer/` while the wheel ships it under
`tokenizers/`; passing the package folder as its cache folder finds it there.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

Matrix = NDArray[np.float64]
DIMENSIONS = 256


@cache
def _model() -> tuple[NDArray[np.float32], Any]:
    """wordllama's embedding matrix and tokenizer, loaded once, offline."""
    # Importing wordllama calls logging.basicConfig(level=INFO) on the root logger, which would
    # print every library's INFO messages on our stderr; put the root logger back as it was.
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        import wordllama
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    folder = Path(wordllama.__file__).resolve().parent
    model = wordllama.WordLlama.load(cache_dir=folder, disable_download=True)
    tokenizer = model.tokenizer
    # Our own token sums need no padding to a common length.
    tokenizer.no_padding()
    return np.asarray(model.embedding, dtype=np.float32), tokenizer


def token_sums(texts: Sequence[str]) -> Matrix:
    """Per text, the sum of its tokens' embedding vectors (zeros for a text without tokens)."""
    sums = np.zeros((len(texts), DIMENSIONS), dtype=np.float64)
    if not texts:
        return sums
    embedding, tokenizer = _model()
    encodings = tokenizer.encode_batch(list(texts), add_special_tokens=False)
    lengths = np.array([len(encoding.ids) for encoding in encodings])
    if not lengths.any():
        return sums
    ids = np.concatenate([np.asarray(encoding.ids, dtype=np.int64) for encoding in encodings])
    ids = np.clip(ids, 0, embedding.shape[0] - 1)
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    present = lengths > 0
    # Summed in float32 (half the memory traffic of gathering float64 rows), in a fixed order.
    sums[present] = np.add.reduceat(embedding[ids], starts[present], axis=0)
    return sums


def unit(vectors: Matrix) -> Matrix:
    """Rows scaled to unit length (zero rows stay zero)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    scaled: Matrix = np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)
    return scaled


def cosines(left: Matrix, right: Matrix) -> Matrix:
    """Cosine of every (left row, right row) pair of token sums, in [-1, 1]."""
    if not len(left) or not len(right):
        return np.zeros((len(left), len(right)))
    # einsum's own loop instead of BLAS: the same bytes on every machine, and no thread start-up
    # for these small products.
    product: Matrix = np.einsum("ik,jk->ij", unit(left), unit(right))
    return product
