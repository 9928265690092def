"""The event's own day and the people named, as evidence that two reports tell one event.

Two reports agree on their event when their event days (`dedup.event_dates`) are at most
`event_agree_days` apart, or when one names the other's event day (a follow-up names its
incident's day); they clearly disagree when the days are more than `event_disagree_days`
apart and neither names the other's. Two reports that both name a rare full name
(`dedup.verify.rare_names`) share a person. `event_agreement` is the specification for one
pair; `event_agreements` and `share_names` compute the same for columns of pairs.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from dedup.represent import Features
from dedup.settings import MatchSettings

I64 = npt.NDArray[np.int64]
NO_DAY = np.iinfo(np.int64).min
# Padding of a rare-name table (name hashes are 32-bit: never negative).
NO_NAME = -1


def event_agreement(left: Features, right: Features, *, settings: MatchSettings) -> int:
    """1 when the two event days agree (see `MatchSettings`), -1 when they clearly disagree,
    0 when either is unknown or they are only a little apart."""
    if left.event_day is None or right.event_day is None:
        return 0
    if abs(left.event_day - right.event_day) <= settings.event_agree_days:
        return 1
    if _holds(left.named_days, right.event_day, settings.event_agree_days) or _holds(
        right.named_days, left.event_day, settings.event_agree_days
    ):
        return 1
    return -1 if abs(left.event_day - right.event_day) > settings.event_disagree_days else 0


def _holds(days: tuple[int, ...], day: int, slack: int) -> bool:
    return any(abs(named - day) <= slack for named in days)


def event_agreements(
    left: tuple[I64, I64], right: tuple[I64, I64], *, settings: MatchSettings
) -> npt.NDArray[np.int64]:
    """`event_agreement` of each pair of rows, from their event days and the tables of the
    days they name (`NO_DAY` where unknown or padding): 1, 0 or -1."""
    (event_l, named_l), (event_r, named_r) = left, right
    known = (event_l != NO_DAY) & (event_r != NO_DAY)
    # Unknown days are set to 0 before any difference: NO_DAY would overflow.
    event_l, event_r = np.where(known, event_l, 0), np.where(known, event_r, 0)
    apart = np.abs(event_l - event_r)
    slack = settings.event_agree_days
    named = _named(named_l, event_r, slack) | _named(named_r, event_l, slack)
    agree = known & ((apart <= slack) | named)
    disagree = known & ~agree & (apart > settings.event_disagree_days)
    agreement: npt.NDArray[np.int64] = agree.astype(np.int64) - disagree.astype(np.int64)
    return agreement


def share_names(left: I64, right: I64) -> npt.NDArray[np.bool_]:
    """Whether each row of `left` and of `right` hold a name in common (padding never)."""
    if not left.shape[1] or not right.shape[1]:
        return np.zeros(left.shape[0], dtype=bool)
    same = left[:, :, None] == right[:, None, :]
    same &= (left != NO_NAME)[:, :, None]
    shared: npt.NDArray[np.bool_] = same.any(axis=(1, 2))
    return shared


def _named(days: I64, day: I64, slack: int) -> npt.NDArray[np.bool_]:
    """Whether each row of `days` holds a day within `slack` of its `day` (padding never)."""
    if not days.shape[1]:
        return np.zeros(day.size, dtype=bool)
    named = days != NO_DAY
    close = (np.abs(np.where(named, days, 0) - day[:, None]) <= slack) & named
    found: npt.NDArray[np.bool_] = close.any(axis=1)
    return found


def padded(rows: Sequence[Sequence[int]], *, fill: int = NO_DAY) -> I64:
    """Rows of values as one array, shorter rows padded with `fill`."""
    lengths = np.fromiter(map(len, rows), np.int64, count=len(rows))
    width = int(lengths.max(initial=0))
    table = np.full((len(rows), width), fill, dtype=np.int64)
    values = np.fromiter(itertools.chain.from_iterable(rows), np.int64, count=int(lengths.sum()))
    owner = np.repeat(np.arange(len(rows)), lengths)
    table[owner, np.arange(values.size) - np.repeat(np.cumsum(lengths) - lengths, lengths)] = values
    return table


def widened(tables: Sequence[I64], *, fill: int = NO_DAY) -> I64:
    """Tables one after the other, padded with `fill` to the widest."""
    width = max((table.shape[1] for table in tables), default=0)
    return np.concatenate(
        [
            np.pad(table, ((0, 0), (0, width - table.shape[1])), constant_values=fill)
            for table in tables
        ]
        or [np.empty((0, 0), dtype=np.int64)]
    )
