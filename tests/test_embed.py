"""Static sentence vectors: offline loading, additivity, and what they find similar."""

from __future__ import annotations

import logging
import socket

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
