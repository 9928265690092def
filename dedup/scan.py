"""The tokens of a batch of texts as arrays: `dedup.tokens.WORD`'s tokens, found with numpy.

Matching a regular expression costs ~250 ns a token in Python's `re`, the largest cost of
representing a document. Here the texts of a batch are joined and read as UTF-32 code points;
a table classifies each code point (letter, decimal digit, apostrophe, `.`/`,`, other); the
joiners `WORD` allows (an apostrophe between letters that does not start a possessive "'s", a
`.` or `,` between digits) take their neighbours' class; a token is then a run of one class,
letters or digits. Tests check the tokens equal `WORD.findall` on every corpus text and on
generated Unicode text.

Each token gets a 64-bit key, a polynomial hash of its code points computed for every token at
once through prefix sums. Equal keys mean equal spellings, short of a 64-bit collision (about
one in 10^7 for a million distinct spellings); callers look up per-spelling values by key
(`dedup.spellings`) and make a Python string only for a key they have not seen. The tokens of
each text joined by spaces (what `dedup.tokens.lower_words` lowercases) come from one array.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from dedup.shingles import finalise

I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]
U32 = npt.NDArray[np.uint32]
U8 = npt.NDArray[np.uint8]

OTHER, LETTER, DIGIT, APOSTROPHE, SEPARATOR, UNDERSCORE = range(6)
_UNSEEN = 255
_BMP = 0x10000
# Odd multiplier of the polynomial keys (invertible modulo 2^64).
_BASE = 0x100000001B3
# Characters hashed per block, and the length of the power tables kept between calls (16 MiB
# for the two): a block plus any token but a pathological one.
_BLOCK = 1 << 19
_CACHED = 1 << 20
_LENGTH = 0x9E3779B97F4A7C15


@dataclass(frozen=True, slots=True, eq=False)
class Scan:
    """The tokens of a batch of texts.

    `text`: the texts joined by newlines, text `k` from `text_starts[k]`; `starts`/`ends`:
    each token's span in `text`;
    `docs`: the first token of each text, and the token count at the end (len(texts) + 1);
    `spelling`: each token's key; `words`: all tokens joined by spaces, token `k` at
    `word_at[k]`; `joiner`: what joins each token to the next (`SPACE`: one space, `STOP`: a
    full stop and a space, 0: anything else).
    """

    text: str
    starts: I64
    ends: I64
    docs: I64
    spelling: U64
    words: str
    word_at: I64
    text_starts: I64
    joiner: npt.NDArray[np.int8]

    def token(self, at: int) -> str:
        """Token number `at` as written."""
        return self.text[int(self.starts[at]) : int(self.ends[at])]

    def words_texts(self) -> list[str]:
        """Each text's tokens joined by single spaces (`" ".join(tokenize(text))`)."""
        first, last = self.docs[:-1], self.docs[1:]
        filled = last > first
        begin = np.zeros(first.size, dtype=np.int64)
        end = np.zeros(first.size, dtype=np.int64)
        begin[filled] = self.word_at[first[filled]]
        final = last[filled] - 1
        end[filled] = self.word_at[final] + self.ends[final] - self.starts[final]
        words = self.words
        return [words[a:b] for a, b in zip(begin.tolist(), end.tolist(), strict=True)]


@functools.cache
def _bmp_classes() -> U8:
    """The class of each code point below U+10000, `_UNSEEN` until a text holds it: texts use
    a few hundred of the 65,536 and classifying them all took 10-20 ms at start."""
    return np.full(_BMP, _UNSEEN, dtype=np.uint8)


def _class_of(point: int) -> int:
    char = chr(point)
    if char in "'’":
        return APOSTROPHE
    if char in ".,":
        return SEPARATOR
    if char == "_":
        return UNDERSCORE
    if char.isdecimal():
        return DIGIT
    return LETTER if char.isalnum() else OTHER


def _bmp_kinds(points: U32) -> U8:
    """The classes of code points below U+10000, the table filled in for those first seen."""
    classes = _bmp_classes()
    kinds: U8 = classes[points]
    unseen = kinds == _UNSEEN
    if unseen.any():
        new = np.unique(points[unseen])
        classes[new] = [_class_of(point) for point in new.tolist()]
        kinds = classes[points]
    return kinds


def _classify(points: U32) -> U8:
    if int(points.max(initial=0)) < _BMP:
        return _bmp_kinds(points)
    kinds = _bmp_kinds(np.minimum(points, _BMP - 1))
    wide = points >= _BMP
    for point in np.unique(points[wide]).tolist():
        kinds[points == point] = _class_of(point)
    return kinds


def _powers(size: int) -> tuple[U64, U64]:
    """`_BASE`**i and its inverse**i modulo 2^64 for i < size (at least): the one table of
    `_CACHED` entries is kept, a longer one (a block holding one huge token) made per call."""
    return _cached_powers(_CACHED) if size <= _CACHED else _make_powers(size)


@functools.lru_cache(maxsize=1)
def _cached_powers(size: int) -> tuple[U64, U64]:
    return _make_powers(size)


def _make_powers(size: int) -> tuple[U64, U64]:
    inverse = pow(_BASE, -1, 1 << 64)
    up = np.full(size, _BASE, dtype=np.uint64)
    down = np.full(size, inverse, dtype=np.uint64)
    up[0] = down[0] = 1
    return np.cumprod(up, dtype=np.uint64), np.cumprod(down, dtype=np.uint64)


def _keys(values: U32, starts: I64, ends: I64) -> U64:
    """Polynomial hash of each span of `values`, mixed with its length.

    Spans are hashed in blocks of about `_BLOCK` characters (cut between spans), each with
    prefix sums from its own start, so the power tables stay small for any batch.
    """
    keys = np.empty(starts.size, dtype=np.uint64)
    cuts = np.searchsorted(starts, np.arange(_BLOCK, values.size, _BLOCK))
    bounds = np.unique(np.concatenate(([0], cuts, [starts.size]))).tolist()
    for first, last in pairwise(bounds):
        if first == last:
            continue
        origin = int(starts[first])
        block = values[origin : int(ends[last - 1])]
        up, down = _powers(block.size)
        prefix = np.empty(block.size + 1, dtype=np.uint64)
        prefix[0] = 0
        np.cumsum(block.astype(np.uint64) * up[: block.size], out=prefix[1:])
        head, tail = starts[first:last] - origin, ends[first:last] - origin
        keys[first:last] = (prefix[tail] - prefix[head]) * down[head]
    lengths = (ends - starts).astype(np.uint64) * np.uint64(_LENGTH)
    return finalise(keys + lengths)


def scan(texts: Sequence[str]) -> Scan:
    """The tokens of `texts`, as `dedup.tokens.tokenize` finds them, with their keys."""
    # Newlines around every text: no token touches either end of the joined text.
    text = "\n" + "\n".join(texts) + "\n"
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    kinds = _classify(points)
    token_kind = kinds.copy()
    token_kind[token_kind > DIGIT] = OTHER
    _join(kinds, token_kind, points)
    # A token is a run of one kind, letters or digits: it starts where the kind changes to a
    # token kind and ends at the next change.
    change = np.flatnonzero(token_kind[1:] != token_kind[:-1]) + 1
    opening = np.flatnonzero(token_kind[change] != OTHER)
    starts, ends = change[opening].astype(np.int64), change[opening + 1].astype(np.int64)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    text_starts = np.cumsum(lengths + 1) - lengths
    docs = np.searchsorted(starts, np.append(text_starts, points.size))
    # Token characters in order, a space inserted before every token but the first.
    spans = ends - starts
    offsets = np.cumsum(spans) - spans
    joined = np.insert(points[token_kind != OTHER], offsets[1:], np.uint32(ord(" ")))
    return Scan(
        text=text,
        starts=starts,
        ends=ends,
        docs=docs.astype(np.int64),
        spelling=_keys(points, starts, ends),
        words=joined.tobytes().decode("utf-32-le", "surrogatepass"),
        word_at=offsets + np.arange(offsets.size),
        text_starts=text_starts,
        joiner=_joiners(points, starts, ends),
    )


# What joins a token to the next (`Scan.joiner`; 0: anything else).
SPACE, STOP = 1, 2


def _joiners(points: U32, starts: I64, ends: I64) -> npt.NDArray[np.int8]:
    joiner = np.zeros(starts.size, dtype=np.int8)
    gap = starts[1:] - ends[:-1]
    after = ends[:-1]
    joiner[:-1][(gap == 1) & (points[after] == ord(" "))] = SPACE
    stop = np.flatnonzero(gap == 2)
    stop = stop[(points[after[stop]] == ord(".")) & (points[after[stop] + 1] == ord(" "))]
    joiner[stop] = STOP
    return joiner


def _join(kinds: U8, token_kind: U8, points: U32) -> None:
    """Give the joiners `WORD` allows their neighbours' kind (in place in `token_kind`)."""
    size = kinds.size
    for joiner, side in ((APOSTROPHE, LETTER), (SEPARATOR, DIGIT)):
        at = np.flatnonzero(kinds == joiner)
        at = at[(at > 0) & (at < size - 1)]
        at = at[(kinds[at - 1] == side) & (kinds[at + 1] == side)]
        if joiner == APOSTROPHE and at.size:
            # Not an "'s" that ends a word: `(?![sS]\b)`.
            after = at + 2
            word_after = np.zeros(at.size, dtype=bool)
            inside = after < size
            word_after[inside] = np.isin(kinds[after[inside]], (LETTER, DIGIT, UNDERSCORE))
            possessive = np.isin(points[at + 1], (ord("s"), ord("S"))) & ~word_after
            at = at[~possessive]
        token_kind[at] = side
