"""A process's memory of a pure function's results."""

from __future__ import annotations

from dedup.memory import Memory, forget_all


def test_a_remembered_key_is_not_computed_again() -> None:
    """The second ask of a key hands back the first result without computing."""
    calls: list[str] = []
    memory = Memory[str, int](4)

    def length(word: str) -> int:
        calls.append(word)
        return len(word)

    assert memory.get("fire", lambda: length("fire")) == 4
    assert memory.get("fire", lambda: length("fire")) == 4
    assert calls == ["fire"] and "fire" in memory and memory["fire"] == 4


def test_a_full_memory_starts_over() -> None:
    """Past `kept` keys the memory is emptied, so it never holds more than `kept`."""
    memory = Memory[int, int](2)
    for key in range(5):
        memory.put(key, key * key)
        assert len(memory) <= 2
    assert 4 in memory and 0 not in memory


def test_putting_a_held_key_again_keeps_the_rest() -> None:
    """Replacing a key's value in a full memory does not empty it."""
    memory = Memory[str, int](2)
    memory.put("a", 1)
    memory.put("b", 2)
    memory.put("b", 3)
    assert (memory["a"], memory["b"]) == (1, 3)


def test_forget_all_empties_every_memory() -> None:
    """`forget_all` empties each memory of the process, so the next `get` computes again."""
    first, second = Memory[str, int](4), Memory[str, int](4)
    first.put("a", 1)
    second.put("b", 2)
    forget_all()
    assert len(first) == len(second) == 0
    assert first.get("a", lambda: 5) == 5
