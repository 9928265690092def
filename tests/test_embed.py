"""Static sentence vectors: offline loading, additivity, and what they find similar."""

from __future__ import annotations

import logging
import multiprocessing
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from dedup import embed


def test_loads_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """The model loads from the installed package with every network connection refused."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    embed._model.cache_clear()
    sums = embed.token_sums(["A fire destroyed the old dairy warehouse."])
    assert sums.shape == (1, embed.DIMENSIONS) and np.linalg.norm(sums) > 0


def test_loading_leaves_logging_alone() -> None:
    """Loading does not leave a handler or an INFO level on the root logger."""
    root = logging.getLogger()
    before = (list(root.handlers), root.level)
    embed._model.cache_clear()
    embed.token_sums(["one sentence"])
    assert (list(root.handlers), root.level) == before


def test_sums_add_up() -> None:
    """Two sentences' summed vectors point where the vector of the two read as one text does."""
    first, second = "Police arrested the driver.", "He was charged with manslaughter."
    sums = embed.token_sums([first, second, f"{first} {second}"])
    assert embed.cosines(sums[:1] + sums[1:2], sums[2:])[0, 0] > 0.99


def test_empty_text_is_a_zero_vector() -> None:
    """A text without tokens gives zeros, and its cosine with anything is 0."""
    sums = embed.token_sums(["", "Rain is expected."])
    assert not sums[0].any()
    assert embed.cosines(sums[:1], sums[1:])[0, 0] == 0.0


def test_rewrite_closer_than_unrelated() -> None:
    """A rewrite in other words is closer than an unrelated sentence of similar length."""
    sums = embed.token_sums(
        [
            "A blaze destroyed the historic dairy warehouse early on Tuesday.",
            "Fire burned down the old dairy building before dawn.",
            "The council approved next year's budget for the schools.",
        ]
    )
    similar = embed.cosines(sums[:1], sums[1:])[0]
    assert similar[0] > similar[1] + 0.1


def test_same_tokens_and_vectors_as_wordllama() -> None:
    """The tokenizer and matrix read from the package files are those of wordllama's loader."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        import wordllama
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    folder = Path(wordllama.__file__).resolve().parent
    model = wordllama.WordLlama.load(cache_dir=folder, disable_download=True)
    matrix, tokenizer = embed._model()
    assert np.array_equal(np.asarray(matrix, dtype=np.float32), model.embedding)
    texts = ["Fire burned down the old dairy building.", "", "Über 3,000 € — “quoted” <s>"]
    ours = tokenizer.encode_batch(texts, add_special_tokens=False)
    theirs = [model.tokenizer.encode(text, add_special_tokens=False) for text in texts]
    assert [e.ids for e in ours] == [e.ids for e in theirs]


def test_loading_does_not_import_wordllama() -> None:
    """Only the package's files are read: wordllama itself (and pydantic) is never imported."""
    script = (
        "import sys; from dedup import embed; embed.token_sums(['Police arrested the driver.']); "
        "print(sorted({'wordllama', 'pydantic', 'requests'} & set(sys.modules)))"
    )
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == "[]"


def test_preloaded_model_gives_the_same_sums() -> None:
    """Vectors loaded on the background thread sum to the bytes a direct load gives."""
    texts = ["Police arrested the driver.", "A fire destroyed the old dairy warehouse."]
    embed._model.cache_clear()
    direct = embed.token_sums(texts)
    embed._model.cache_clear()
    embed.preload()
    assert embed.token_sums(texts).tobytes() == direct.tobytes()
    assert embed._model.cache_info().currsize == 1


def test_a_process_forked_during_a_load_loads_for_itself() -> None:
    """A child forked while the loading lock is held does not wait for it forever."""
    context = multiprocessing.get_context("fork")
    with embed._LOADING, context.Pool(1) as pool:
        sums = pool.apply_async(embed.token_sums, (["Police arrested the driver."],))
        assert sums.get(timeout=60).shape == (1, embed.DIMENSIONS)
