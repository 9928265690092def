"""What each spelling of a token stands for, looked up by `dedup.scan` key for a whole batch.

A spelling ("Police", "police", "120,000") is judged once: its word hash (datasketch's SHA-1
`token_hash` of the lowercased word, commas dropped: the shingles' input) and, under given
term settings, the content term it counts for (`dedup.tokens.judge`: lowercased word or
`#figure`, base weight, capitalised or not), or none. A batch looks up each distinct key once
and makes a Python string only for a spelling not seen before. Tables are cleared when they
reach `LIMIT` spellings, like the token hash cache: values never depend on what was seen before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import repeat

import numpy as np
import numpy.typing as npt

from dedup.event_dates import date_back
from dedup.full_names import name_part
from dedup.scan import Scan
from dedup.shingles import token_hash
from dedup.tokens import judge, lower_words

I64 = npt.NDArray[np.int64]
U32 = npt.NDArray[np.uint32]
F64 = npt.NDArray[np.float64]
B = npt.NDArray[np.bool_]

LIMIT = 1_000_000


@dataclass(frozen=True, slots=True, eq=False)
class TokenValues:
    """Per token of a scan: word hash, content term (-1: none), its base weight and case, and
    its part in a full name (`dedup.full_names.name_part`) and in a date
    (`dedup.event_dates.date_back`)."""

    word_hash: U32
    term: I64
    base: F64
    capital: B
    name_part: npt.NDArray[np.int8]
    date_back: npt.NDArray[np.int8]


@dataclass(slots=True, eq=False)
class _Column:
    """A growing array (capacity doubles)."""

    values: npt.NDArray[np.generic]
    size: int = 0

    def extend(self, items: list[float] | list[int] | list[bool]) -> None:
        need = self.size + len(items)
        if need > self.values.size:
            grown = np.empty(max(need, 2 * self.values.size, 1024), dtype=self.values.dtype)
            grown[: self.size] = self.values[: self.size]
            self.values = grown
        self.values[self.size : need] = items
        self.size = need

    def view(self) -> npt.NDArray[np.generic]:
        return self.values[: self.size]


@dataclass(slots=True, eq=False)
class _Table:
    """Spelling key → row; per row the word hash and the judgement under one term setting."""

    rows: dict[int, int] = field(default_factory=dict)
    word_hash: _Column = field(default_factory=lambda: _Column(np.empty(0, np.uint32)))
    term: _Column = field(default_factory=lambda: _Column(np.empty(0, np.int64)))
    base: _Column = field(default_factory=lambda: _Column(np.empty(0, np.float64)))
    capital: _Column = field(default_factory=lambda: _Column(np.empty(0, np.bool_)))
    name_part: _Column = field(default_factory=lambda: _Column(np.empty(0, np.int8)))
    date_back: _Column = field(default_factory=lambda: _Column(np.empty(0, np.int8)))


@dataclass(slots=True, eq=False)
class Terms:
    """Content terms seen so far: string and SHA-1 `token_hash` by term number."""

    numbers: dict[str, int] = field(default_factory=dict)
    strings: list[str] = field(default_factory=list)
    hashes: _Column = field(default_factory=lambda: _Column(np.empty(0, np.uint32)))

    def clear(self) -> None:
        self.numbers.clear()
        self.strings.clear()
        self.hashes = _Column(np.empty(0, np.uint32))

    def number(self, term: str) -> int:
        found = self.numbers.get(term)
        if found is None:
            found = self.numbers[term] = len(self.strings)
            self.strings.append(term)
            self.hashes.extend([token_hash(term)])
        return found


TERMS = Terms()
_TABLES: dict[tuple[float, float], _Table] = {}


def clear() -> None:
    """Forget every spelling judged so far (values do not change: they are judged again)."""
    _TABLES.clear()
    TERMS.clear()


def token_values(scanned: Scan, *, min_rarity: float, number_weight: float) -> TokenValues:
    """The word hash and content term of every token in `scanned` (terms number into `TERMS`)."""
    if not scanned.spelling.size:
        empty = np.empty(0, dtype=np.int64)
        none = np.empty(0, np.int8)
        return TokenValues(
            np.empty(0, np.uint32), empty, np.empty(0), np.empty(0, bool), none, none
        )
    table = _TABLES.setdefault((min_rarity, number_weight), _Table())
    if len(table.rows) > LIMIT or len(TERMS.strings) > LIMIT:
        clear()
        table = _TABLES.setdefault((min_rarity, number_weight), _Table())
    keys, first, inverse = np.unique(scanned.spelling, return_index=True, return_inverse=True)
    rows = np.fromiter(
        map(table.rows.get, keys.tolist(), repeat(-1)), dtype=np.int64, count=keys.size
    )
    missing = np.flatnonzero(rows < 0)
    if missing.size:
        rows[missing] = _add(
            table,
            keys[missing].tolist(),
            [scanned.token(int(at)) for at in first[missing]],
            min_rarity=min_rarity,
            number_weight=number_weight,
        )
    at = rows[inverse]
    return TokenValues(
        word_hash=table.word_hash.view()[at].astype(np.uint32, copy=False),
        term=table.term.view()[at].astype(np.int64, copy=False),
        base=table.base.view()[at].astype(np.float64, copy=False),
        capital=table.capital.view()[at].astype(np.bool_, copy=False),
        name_part=table.name_part.view()[at].astype(np.int8, copy=False),
        date_back=table.date_back.view()[at].astype(np.int8, copy=False),
    )


def _add(
    table: _Table, keys: list[int], spellings: list[str], *, min_rarity: float, number_weight: float
) -> list[int]:
    """Judge new spellings; their rows."""
    start = len(table.rows)
    terms: list[int] = []
    bases: list[float] = []
    capitals: list[bool] = []
    for spelling in spellings:
        judgement = judge(spelling, min_rarity=min_rarity, number_weight=number_weight)
        if judgement is None:
            terms.append(-1)
            bases.append(0.0)
            capitals.append(False)
        else:
            term, base, capital = judgement
            terms.append(TERMS.number(term))
            bases.append(base)
            capitals.append(capital)
    table.word_hash.extend([token_hash(word) for word in lower_words(spellings)])
    table.term.extend(terms)
    table.base.extend(bases)
    table.capital.extend(capitals)
    table.name_part.extend([name_part(spelling) for spelling in spellings])
    table.date_back.extend([date_back(spelling) for spelling in spellings])
    rows = list(range(start, start + len(keys)))
    table.rows.update(zip(keys, rows, strict=True))
    return rows
