"""wordfreq's English word frequencies, read from a compact table shipped in the package.

wordfreq's own look-up imports ftfy, langcodes and regex (about 0.2 s) and builds a dictionary
of its 321,000 words (0.1 s more) before the first answer; a two-document diff asks about a few
hundred words. The table (`data/wordfreq_en.bin`, written by `scripts/build_frequencies.py`
from wordfreq's "best" English list) holds each word's UTF-8 bytes, sorted, with its centibel
bucket: wordfreq's frequency of a word in bucket `b` is `10 ** (-b / 100)`, so the values are
wordfreq's to the bit. A word is found by bisection in the loaded bytes (a few microseconds);
once a process has asked about many distinct words (a corpus) the whole dictionary is built,
which is then the cheaper way. A test keeps the table equal to the installed wordfreq.
"""

from __future__ import annotations

import math
import mmap
import re
import struct
import sys
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "data" / "wordfreq_en.bin"
MAGIC = b"DFQ1"
HEADER = struct.Struct("<4sI")
# Distinct words looked up by bisection before the whole dictionary is built: about what
# building it costs, counted in look-ups.
_BISECTED_WORDS = 25_000
# wordfreq's frequency of an unknown word for `zipf_frequency` (Zipf 0: one per billion).
_ZIPF_FLOOR = 1e-9
# wordfreq 3.1's estimates for figures (wordfreq/numbers.py): the share of each leading digit,
# and a year's share, highest from 2019 to 2039.
_FIRST_DIGIT_SHARE = (0.009, 0.300, 0.175, 0.124, 0.096, 0.078, 0.066, 0.057, 0.050, 0.045)
_YEAR_LOG_PEAK = -1.9185
_PEAK_YEARS = (2019, 2039)
_PLAIN_WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")
_FIGURE = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_DIGIT = re.compile(r"[0-9]")
_DIGITS = re.compile(r"[0-9]+")
_DIGIT_CHARACTERS = frozenset("0123456789")


def frequency(word: str) -> float | None:
    """wordfreq's English frequency of `word` as its list spells it (`get_frequency_dict("en")`
    `.get(word)`): None for a word the list does not hold."""
    return _TABLE.get(word)


def zipf_frequency(word: str) -> float:
    """`wordfreq.zipf_frequency(word, "en")`, to the bit: the word's frequency on the Zipf scale
    (log10 of its occurrences per billion words, rounded to 0.01; 0 for an unknown word).

    Lowercase ASCII words, the list's words with inner apostrophes and ASCII figures are one
    token of wordfreq's own and are computed from the table; anything else (an unknown word with
    an apostrophe may be two tokens) goes to wordfreq, imported then, whose tokenizer decides.
    """
    found = _TABLE.get(word) if _PLAIN_WORD.fullmatch(word) else None
    if found is not None or (word.isascii() and word.isalpha() and word.islower()):
        pass  # one token: a word of the list, or lowercase letters only (known or not)
    elif len(word) == 1 and word in _DIGIT_CHARACTERS:
        found = _TABLE.get(word)  # a lone digit is a word of the list
    elif _FIGURE.fullmatch(word):
        # wordfreq counts a longer figure as its digits turned to zeros, times an estimate of
        # how often those digits occur (a four-digit run as a year).
        found = _TABLE.get(_DIGIT.sub("0", word))
        if found is not None:
            for digits in _DIGITS.findall(word):
                found *= _year_frequency(digits) if len(digits) == 4 else _leading_digit(digits)
    else:
        from wordfreq import zipf_frequency as wordfreq_zipf

        zipf: float = wordfreq_zipf(word, "en")
        return zipf
    # wordfreq combines a word's tokens as 1 / sum(1 / f), rounds the frequency to three
    # significant digits with a floor of one per billion, and rounds the Zipf value.
    value = _ZIPF_FLOOR if found is None else max(1.0 / (1.0 / found), _ZIPF_FLOOR)
    rounded = round(value, math.floor(-math.log(value, 10)) + 3)
    return round(math.log(rounded, 10) + 9, 2)


def _leading_digit(digits: str) -> float:
    """wordfreq's estimate for a digit run other than four long (Benford's law, with a share
    for a leading zero)."""
    scale: int = 10 ** (len(digits) - 1)
    return _FIRST_DIGIT_SHARE[int(digits[0])] / scale


def _year_frequency(digits: str) -> float:
    """wordfreq's estimate for a four-digit run: a year (most often 2019–2039, less the
    further away), else any four-digit figure."""
    year = int(digits)
    if year <= _PEAK_YEARS[0]:
        log_share = _YEAR_LOG_PEAK - 0.0083 * (_PEAK_YEARS[0] - year)
    elif year <= _PEAK_YEARS[1]:
        log_share = _YEAR_LOG_PEAK
    else:
        log_share = _YEAR_LOG_PEAK - 0.2 * (year - _PEAK_YEARS[1])
    return float(10.0**log_share) + 0.1 * _leading_digit(digits)


def frequency_dict() -> dict[str, float]:
    """Every word of the list with its frequency: `wordfreq.get_frequency_dict("en")`."""
    return _TABLE.as_dict()


class FrequencyTable:
    """The table's words, searched by bisection, remembered per word, and turned into one
    dictionary after `_BISECTED_WORDS` distinct words."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._known: dict[str, float | None] = {}
        self._all: dict[str, float] | None = None

    def get(self, word: str) -> float | None:
        """The word's frequency, or None."""
        if self._all is not None:
            return self._all.get(word)
        try:
            return self._known[word]
        except KeyError:
            pass
        if len(self._known) >= _BISECTED_WORDS:
            return self.as_dict().get(word)
        found = _bisect(_load(self._path), word.encode("utf-8", "surrogatepass"))
        self._known[word] = found
        return found

    def as_dict(self) -> dict[str, float]:
        """The whole list as a dictionary, built once."""
        if self._all is None:
            loaded = _load(self._path)
            buckets = loaded.buckets
            values = [_bucket_frequency(bucket) for bucket in range(max(buckets, default=0) + 1)]
            # Every word ends with a newline: the last split part is empty.
            spelled = loaded.data[loaded.start :].decode("utf-8").split("\n")[:-1]
            self._all = dict(zip(spelled, [values[b] for b in buckets], strict=True))
            self._known.clear()
        return self._all


_TABLE = FrequencyTable(TABLE)


@dataclass(frozen=True, slots=True)
class _Loaded:
    """The table mapped into memory: the words (sorted UTF-8, each ended by a newline) from
    `start`, each word's bucket, and where each word starts (relative to `start`)."""

    data: mmap.mmap
    start: int
    buckets: Sequence[int]
    offsets: Sequence[int]


@cache
def _load(path: Path) -> _Loaded:
    """The table at `path`, mapped (nothing is copied: a look-up reads a few pages)."""
    with path.open("rb") as handle:
        data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    magic, count = HEADER.unpack_from(data)
    if magic != MAGIC:
        raise ValueError(f"{path}: not a dedup frequency table; run scripts/build_frequencies.py")
    at = HEADER.size
    ends = (at + 2 * count, at + 2 * count + 4 * (count + 1))
    view = memoryview(data)
    buckets: Sequence[int] = view[at : ends[0]].cast("H")
    offsets: Sequence[int] = view[ends[0] : ends[1]].cast("I")
    if sys.byteorder == "big":  # the file is little-endian: copy and swap
        buckets, offsets = _swapped("H", view[at : ends[0]]), _swapped("I", view[ends[0] : ends[1]])
    return _Loaded(data, ends[1], buckets, offsets)


def _swapped(code: str, raw: memoryview) -> array[int]:
    values = array(code, raw.tobytes())
    values.byteswap()
    return values


def _bisect(loaded: _Loaded, key: bytes) -> float | None:
    data, start, buckets, offsets = loaded.data, loaded.start, loaded.buckets, loaded.offsets
    low, high = 0, len(buckets)
    while low < high:
        middle = (low + high) // 2
        # Each word is followed by a newline: stop before it.
        found = data[start + offsets[middle] : start + offsets[middle + 1] - 1]
        if found < key:
            low = middle + 1
        elif found > key:
            high = middle
        else:
            return _bucket_frequency(buckets[middle])
    return None


def _bucket_frequency(bucket: int) -> float:
    """wordfreq's frequency of a centibel bucket (its `cB_to_freq(-bucket)`)."""
    return float(10 ** (-bucket / 100))


def encode_table(pack: list[list[str]]) -> bytes:
    """The table's bytes for a wordfreq cBpack (a list of buckets, each a list of words)."""
    bucket_of: dict[bytes, int] = {}
    for bucket, spellings in enumerate(pack):
        for spelling in spellings:
            bucket_of[spelling.encode("utf-8")] = bucket
    ordered = sorted(bucket_of)
    if any(b"\n" in word for word in ordered):
        raise ValueError("a word holds a newline: the table cannot separate it")
    offsets = array("I", [0])
    for word in ordered:
        offsets.append(offsets[-1] + len(word) + 1)
    buckets = array("H", [bucket_of[word] for word in ordered])
    if sys.byteorder == "big":
        buckets.byteswap()
        offsets.byteswap()
    text = b"".join(word + b"\n" for word in ordered)
    return HEADER.pack(MAGIC, len(ordered)) + buckets.tobytes() + offsets.tobytes() + text
