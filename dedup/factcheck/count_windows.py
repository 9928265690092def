"""Where in a text counts of people can be: near the words every count holds.

Every count holds an anchor word, a role word or the word for the event it counts ("killed",
"wounded", "shot", "hospital", "homicide", "custody", "toll"); the count patterns run only
within reach of one (a coordinated list, only around its "and"), which spares them most of a
long article. str.find finds the anchors far faster than a pattern would.
"""

from __future__ import annotations

import re

_AND = re.compile(r"\sand\s", re.IGNORECASE)
# Every count holds a word that starts with one of these: a role word or the word for the
# event it counts ("killed", "wounded", "shot", "hospital", "homicide", "custody", "toll").
_ANCHORS = (
    "kill", "dead", "die", "death", "slay", "slain", "murder", "fatal", "mortal", "lives",
    "injur", "wound", "hurt", "hospital", "condition", "shot", "shoot", "graz", "struck",
    "strik", "hit", "arrest", "detain", "custody", "charg", "missing", "unaccounted",
    "displac", "evacuat", "homeless", "fled", "homicide", "suicide", "toll", "deceas",
    "passed", "succumb", "clinging", "fighting", "treated", "gunned",
)  # fmt: skip
_SHORT_STEM = 3
_LIST_BEFORE = 250
_LIST_AFTER = 200


def around_and(text: str) -> list[tuple[int, int]]:
    """The stretches of `text` a coordinated list can occupy: around each "and", within its
    line. Running the list patterns only there spares them most of a long article."""
    spans: list[tuple[int, int]] = []
    for match in _AND.finditer(text):
        start = max(text.rfind("\n", 0, match.start()) + 1, match.start() - _LIST_BEFORE)
        line_end = text.find("\n", match.end())
        end = min(len(text) if line_end < 0 else line_end, match.end() + _LIST_AFTER)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def anchors(lowered: str) -> list[int]:
    """Where the words a count holds start (a role, or the word for the event it counts);
    str.find finds them far faster than a pattern would."""
    found = []
    for stem in _ANCHORS:
        at = lowered.find(stem)
        while at >= 0:
            # A short stem must start a word ("hit", not "white"); a longer one may not
            # ("gunshot wounds").
            if len(stem) > _SHORT_STEM or at == 0 or not lowered[at - 1].isalnum():
                found.append(at)
            at = lowered.find(stem, at + len(stem))
    return sorted(found)


def windows(anchors: list[int], size: int, reach: tuple[int, int]) -> list[tuple[int, int]]:
    """The stretches of a text a count can occupy: within `reach` of an anchor word. Running
    the patterns only there spares them most of a long article."""
    before, after = reach
    spans: list[tuple[int, int]] = []
    for at in anchors:
        start, end = max(0, at - before), min(size, at + after)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def intersect(spans: list[tuple[int, int]], others: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches both sorted, disjoint lists of spans cover."""
    both = []
    index = 0
    for start, end in spans:
        while index < len(others) and others[index][1] <= start:
            index += 1
        position = index
        while position < len(others) and others[position][0] < end:
            low, high = max(start, others[position][0]), min(end, others[position][1])
            if low < high:
                both.append((low, high))
            position += 1
    return both
