"""Static sentence vectors: wordllama's 256-dimension token embeddings, shipped in its wheel.

A sentence's vector is the sum of its tokens' vectors, scaled to unit length (the same direction
as wordllama's average pooling), so the vector of two neighbouring sentences taken together is
the sum of their sums, without tokenising again. Word overlap misses "blaze" against "fire",
"quake" against "earthquake"; these vectors give such rewrites part of their credit.

The two files are read from the installed wordllama package folder, without importing wordllama
(whose import alone took 0.34 s: pydantic, requests): the weights are a safetensors file (a
length, a JSON header, then the raw float16 matrix), mapped into memory so that only the rows
of tokens in use are read; the tokenizer is the `tokenizers` BPE model wordllama itself loads
from its JSON. The sums are those of `WordLlama.load()` (float16 rows in float32, tokens added
in order, no truncation), byte for byte.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from dedup.errors import DependencyError

Matrix = NDArray[np.float64]
DIMENSIONS = 256
_WEIGHTS = Path("weights") / "l2_supercat_256.safetensors"
_TOKENIZER = Path("tokenizers") / "l2_supercat_tokenizer_config.json"
_TENSOR = "embedding.weight"
# Token vectors gathered at a time (16 MiB of float32): memory stays flat however long the text.
_CHUNK_TOKENS = 16384
_LOADING = threading.Lock()


def _unlock_in_child() -> None:
    """A process forked while another thread was loading gets a free lock (that thread is not
    in the child, and would never release it there); the child loads for itself."""
    global _LOADING
    _LOADING = threading.Lock()


os.register_at_fork(after_in_child=_unlock_in_child)


def _folder() -> Path:
    """The installed wordllama package folder, found without importing the package."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or spec.origin is None:
        raise DependencyError(
            "the wordllama package is not installed; reinstall dedup (`pip install .`)"
        )
    return Path(spec.origin).resolve().parent


def _weights(path: Path) -> NDArray[np.float16]:
    """The embedding matrix of a safetensors file, memory-mapped (read-only, nothing copied)."""
    with path.open("rb") as handle:
        size = int.from_bytes(handle.read(8), "little")
        header = json.loads(handle.read(size))
    entry = header.get(_TENSOR, {})
    shape = tuple(entry.get("shape", ()))
    begin, end = entry.get("data_offsets", (0, 0))
    if entry.get("dtype") != "F16" or len(shape) != 2 or shape[1] != DIMENSIONS:
        raise DependencyError(
            f"{path}: expected a float16 {_TENSOR} of {DIMENSIONS} columns, got {entry}"
        )
    if end - begin != shape[0] * shape[1] * 2:
        raise DependencyError(f"{path}: {_TENSOR} has {end - begin} bytes for shape {shape}")
    matrix: NDArray[np.float16] = np.memmap(
        path, dtype="<f2", mode="r", offset=8 + size + begin, shape=shape
    )
    return matrix


def preload() -> None:
    """Start loading the matrix and tokenizer on a background thread, for a caller with other
    work to do first: parsing the tokenizer (0.1 s) releases the GIL, so it runs beside that
    work. A failure there is left for `token_sums` to raise."""
    if _model.cache_info().currsize == 0 and not _LOADING.locked():
        threading.Thread(target=_try_loading, name="dedup-embed-preload", daemon=True).start()


def _try_loading() -> None:
    # Any failure is raised again, with its message, by the caller's own load.
    with contextlib.suppress(Exception):
        _loaded()


def _loaded() -> tuple[NDArray[np.float16], Any]:
    """The model, loaded by one thread at a time (a second caller waits for the first)."""
    with _LOADING:
        return _model()


@cache
def _model() -> tuple[NDArray[np.float16], Any]:
    """wordllama's embedding matrix and tokenizer, loaded once, offline."""
    from tokenizers import Tokenizer

    folder = _folder()
    tokenizer = Tokenizer.from_file(str(folder / _TOKENIZER))
    # Our own token sums need no padding to a common length, and sentences are never cut.
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return _weights(folder / _WEIGHTS), tokenizer


def token_sums(texts: Sequence[str]) -> Matrix:
    """Per text, the sum of its tokens' embedding vectors (zeros for a text without tokens)."""
    sums = np.zeros((len(texts), DIMENSIONS), dtype=np.float64)
    if not texts:
        return sums
    embedding, tokenizer = _loaded()
    encodings = tokenizer.encode_batch(list(texts), add_special_tokens=False)
    lengths = np.array([len(encoding.ids) for encoding in encodings], dtype=np.int64)
    if not lengths.any():
        return sums
    ids = np.concatenate([np.asarray(encoding.ids, dtype=np.int64) for encoding in encodings])
    ids = np.clip(ids, 0, embedding.shape[0] - 1)
    ends = np.cumsum(lengths)
    starts = ends - lengths
    first = 0
    while first < len(texts):
        # Whole texts up to _CHUNK_TOKENS tokens (at least one text), summed in float32 (what
        # wordllama computes with) in token order; each text's sum is its own, so the chunks
        # change nothing.
        last = max(first + 1, int(np.searchsorted(ends, starts[first] + _CHUNK_TOKENS, "right")))
        present = np.arange(first, last)[lengths[first:last] > 0]
        if len(present):
            # Each distinct token's row converted once (a long text repeats most tokens).
            distinct, at = np.unique(ids[starts[first] : ends[last - 1]], return_inverse=True)
            rows = embedding[distinct].astype(np.float32)[at]
            offsets = starts[present] - starts[first]
            sums[present] = np.add.reduceat(rows, offsets, axis=0)
        first = last
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
