"""Numbers in text: digits ("3,000", "1.5", "2 million"), words ("six", "twenty-three",
"a dozen") and ranges ("3-5", "between 10 and 12"), each with its span.

Runs of number words are valued by text2num (a maintained Rust parser of English number words:
2 µs a call, 5 ms to import); the regular expressions here only find the runs and digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

_UNIT_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand million billion"
)
_UNITS = _UNIT_WORDS.split()
_WORD = r"(?:" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")"
_WORD_RUN = rf"{_WORD}(?:(?:[\s-]+|\s+and\s+){_WORD})*"
# Some corpora are tokenised ("170, 000", "8. 6 - magnitude"): a spaced group is a thousands
# group unless the figure follows a comma or a dash ("Jane Roe, 19, 407 Main St", "5 - 11, 220"),
# and a spaced decimal has one or two digits and is no age or date ("July 3. 7-year-old").
_SPACED = (
    r"(?<![,-]\s)(?<![,-])\d{1,3}(?:,\s\d{3})+(?!\d)|"
    r"(?<!\d\.\s)(?<!\d\s)\d{1,3}\.\s\d{1,2}(?![\d,]|\s*-?\s*years?\b|[\s-]*year)"
)
_DIGITS = rf"{_SPACED}|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s+(?P<scale>thousand|million|billion|trillion))?"
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SPECIAL = {"a dozen": 12.0, "a hundred": 100.0, "a thousand": 1000.0, "a million": 1e6}

_NUMBER = re.compile(
    rf"(?<![\w.,:])(?<!no )(?:(?P<digits>{_DIGITS}){_SCALE}|"
    rf"(?P<special>a (?:dozen|hundred|thousand|million))|(?P<words>{_WORD_RUN}))(?!\w|[.,:]\d)",
    re.IGNORECASE,
)
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|to|or)\s*$", re.IGNORECASE)
_BETWEEN = re.compile(r"between\s*$", re.IGNORECASE)
_AND = re.compile(r"^\s+and\s+$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d\d$")


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number (or a range low–high) as written at text[start:end]."""

    value: float
    text: str
    start: int
    end: int
    high: float | None = None
    is_year: bool = False
    is_word: bool = False

    @property
    def label(self) -> str:
        """The canonical written form: "3000", "1.5", "3-5"."""
        low = format_number(self.value)
        return low if self.high is None else f"{low}-{format_number(self.high)}"


def format_number(value: float) -> str:
    """An integer without a decimal point, anything else as Python writes it."""
    return str(int(value)) if value == int(value) else str(value)


def _word_value(words: str) -> float | None:
    cleaned = re.sub(r"[\s-]+", " ", words.lower()).strip()
    try:
        return float(text2num(cleaned, "en"))
    except ValueError:
        return None


NUMBER_PATTERN = rf"(?:{_DIGITS}|a dozen|{_WORD_RUN})"
"""A regular expression (no groups) for one number in digits or words, for other patterns."""


def parse_number(text: str) -> float | None:
    """The value of one number written in digits or words ("3,000", "twenty-three", "a dozen")."""
    cleaned = text.strip().lower()
    if cleaned in _SPECIAL:
        return _SPECIAL[cleaned]
    if cleaned[:1].isdigit():
        try:
            return float(re.sub(r"[,\s]", "", cleaned))
        except ValueError:
            return None
    return _word_value(cleaned)


def _single(match: re.Match[str]) -> NumberMention | None:
    text = match.group(0)
    if match.group("digits"):
        digits = match.group("digits")
        value = float(re.sub(r"[,\s]", "", digits))
        scale = match.group("scale")
        if scale:
            value *= _SCALES[scale.lower()]
        is_year = scale is None and bool(_YEAR.match(digits))
        return NumberMention(value, text, match.start(), match.end(), is_year=is_year)
    if match.group("special"):
        value = _SPECIAL[match.group("special").lower()]
        return NumberMention(value, text, match.start(), match.end(), is_word=True)
    found = _word_value(text)
    if found is None:
        return None
    return NumberMention(found, text, match.start(), match.end(), is_word=True)


def find_numbers(text: str) -> list[NumberMention]:
    """Every number and range in `text`, in order; years are marked, not dropped."""
    singles = [m for m in (_single(match) for match in _NUMBER.finditer(text)) if m is not None]
    merged: list[NumberMention] = []
    index = 0
    while index < len(singles):
        current = singles[index]
        following = singles[index + 1] if index + 1 < len(singles) else None
        if following is not None and not current.is_year and not following.is_year:
            between = text[current.end : following.start]
            before = text[max(0, current.start - 9) : current.start]
            is_range = bool(_RANGE_JOIN.match(between)) or (
                bool(_AND.match(between)) and bool(_BETWEEN.search(before))
            )
            if is_range and following.value > current.value:
                merged.append(
                    NumberMention(
                        current.value,
                        text[current.start : following.end],
                        current.start,
                        following.end,
                        high=following.value,
                        is_word=current.is_word,
                    )
                )
                index += 2
                continue
        merged.append(current)
        index += 1
    return merged
