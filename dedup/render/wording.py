"""Counted nouns in the words of every renderer: "1 source", "3 sources"."""

from __future__ import annotations


def plural(count: int, word: str, words: str | None = None) -> str:
    """`count` and `word`, or its plural `words` (default: `word` + "s") unless `count` is 1."""
    return f"{count} {word if count == 1 else (words or word + 's')}"
