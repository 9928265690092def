"""A count of one in the other report: "a life sentence" against "three life sentences".

A report that counts "three life sentences" and one that says "was given a life sentence" state
two counts of one slot, though the second has no figure; this finds such singular mentions so
that dedup.factcheck.compare can weigh them against the figure.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from dedup.factcheck.extract import ArticleFacts, Fact
from dedup.factcheck.units import singular

_ONE = r"\b(?:a|an|one)\s+"
_OPENING = re.compile(_ONE, re.IGNORECASE)
# "in exchange for a life sentence", "could face a life sentence": no count of what happened.
_HYPOTHETICAL = re.compile(
    r"\b(?:exchange\s+for|could|would|might|may|faces?|facing|seek\w*|sought|eligible\s+for|"
    r"possible|maximum|minimum|up\s+to|offer\w*|plea|if|unless)\b[^.;]*$",
    re.IGNORECASE,
)


def _matches(pattern: re.Pattern[str], text: str, openings: list[int]) -> list[re.Match[str]]:
    """What `pattern.finditer(text)` finds, trying only the given starts (in order)."""
    found: list[re.Match[str]] = []
    end = 0
    for start in openings:
        if start < end:
            continue
        match = pattern.match(text, start)
        if match is not None:
            found.append(match)
            end = match.end()
    return found


def singular_counts(counted: list[Fact], other: ArticleFacts) -> list[Fact]:
    """ "A life sentence" in `other` where a report counts "three life sentences": a count of
    one of the same compound noun (two words, so "a shot" is no count of "11 shots")."""
    found = []
    starts = [sentence.start for sentence in other.sentences]
    # Every match starts where "a", "an" or "one" does: those places are found once, and each
    # phrase is tried there only, once however many facts count it.
    openings = [match.start() for match in _OPENING.finditer(other.text)]
    matches: dict[str, list[re.Match[str]]] = {}
    for fact in counted:
        words = (fact.anchor or "").split()
        exact = fact.qualifier in ("exact", "about")
        if fact.kind != "quantity" or fact.value == "1" or len(words) < 2 or not exact:
            continue
        phrase = " ".join([*words[-2:-1], singular(words[-1])])
        if phrase not in matches:
            pattern = re.compile(_ONE + r"\s+".join(map(re.escape, phrase.split())) + r"\b", re.I)
            matches[phrase] = [
                match
                for match in _matches(pattern, other.text, openings)
                if not _HYPOTHETICAL.search(other.text, max(0, match.start() - 40), match.start())
            ]
        for match in matches[phrase]:
            index = max(0, bisect_right(starts, match.start()) - 1)
            found.append(
                Fact("quantity", "1", match.group(0), match.start(), match.end(), index,
                     unit=fact.unit, qualifier="exact", low=0.5, high=1.5, anchor=phrase,
                     figure=match.group(0))
            )  # fmt: skip
    return found
