"""A process's memory of what a pure function gave lately, for work that repeats itself.

A cluster's report compares every member with one representative, and copies of a story repeat
its sentences: the same sentence is read, the same pair of sentences diffed, the same report
indexed again and again. A `Memory` hands back what was computed for an equal key; it is
emptied when full rather than kept in order of use, which costs nothing on a hit and keeps a
long run's memory flat.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

# Every memory of the process, so that a benchmark can time work as a first sight of it.
_EVERY: weakref.WeakSet[Memory[Any, Any]] = weakref.WeakSet()


def forget_all() -> None:
    """Empty every memory of this process (a benchmark times a pair as never seen before)."""
    for memory in list(_EVERY):
        memory.clear()


class Memory(Generic[K, V]):
    """At most `kept` results by key; only for functions whose result depends on the key
    alone."""

    def __init__(self, kept: int) -> None:
        self.kept = kept
        self._found: dict[K, V] = {}
        _EVERY.add(self)

    def clear(self) -> None:
        """Forget everything remembered."""
        self._found.clear()

    def __len__(self) -> int:
        return len(self._found)

    def __contains__(self, key: K) -> bool:
        return key in self._found

    def __getitem__(self, key: K) -> V:
        return self._found[key]

    def put(self, key: K, value: V) -> None:
        """Remember `value` for `key`, emptying the memory first when it is full."""
        if len(self._found) >= self.kept and key not in self._found:
            self._found.clear()
        self._found[key] = value

    def get(self, key: K, compute: Callable[[], V]) -> V:
        """What was remembered for `key`, else `compute()`, remembered."""
        try:
            return self._found[key]
        except KeyError:
            value = compute()
            self.put(key, value)
            return value
