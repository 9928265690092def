"""How a long-running stage reports how far it has got: a callback, silent by default."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str, int, int], None]
"""Called as `progress(stage, done, total)` while a stage runs."""


def no_progress(stage: str, done: int, total: int) -> None:
    """The default progress callback: report nothing."""
