"""The event's own date, from the text: the day a report says its event happened.

Two reports of one city's shootings a month apart are different incidents even when their
words agree; a follow-up published weeks after its incident (an arrest, a court date) still
names the incident's day. The facts stage's dates (`dedup.factcheck.dates`) resolve "Tuesday",
"last night" and "Jan. 31" against the publication date; `event_date` picks the event's day.
Verification compares the two reports' event days, and each with the days the other names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from dedup.factcheck.dates import event_date, find_dates
from dedup.scan import Scan

I8 = npt.NDArray[np.int8]

# How many words before a word a date that holds it can start: "31 January", "last Tuesday",
# "earlier today", "last night" (one); "early this morning", "two days ago" (two).
_ONE_BACK = (
    "jan january feb february mar march apr april may jun june jul july aug august sep sept "
    "september oct october nov november dec december monday tuesday wednesday thursday friday "
    "saturday sunday yesterday today tonight night"
)
_TWO_BACK = "morning afternoon evening ago"
# Words a date can open with before such a word ("last", "on", "two" days ago).
_OPENERS = (
    "last this next on past early earlier a an one two three four five six seven eight nine ten"
)
NO_DATE = -1
# A figure: a date when "/" or "-" and another figure follow ("1/31/2014", "2014-01-31"), or
# the day before a month ("31 January").
FIGURE = 3
# A word a date can open with, tried when a date word follows within reach.
OPENER = 4
_BACK = {
    **dict.fromkeys(_OPENERS.split(), OPENER),
    **dict.fromkeys(_ONE_BACK.split(), 1),
    **dict.fromkeys(_TWO_BACK.split(), 2),
}


def date_back(spelling: str) -> int:
    """How many words before a word of this spelling a date holding it can start (0-2), or
    `FIGURE`, `OPENER` or `NO_DATE` (the word is in no date)."""
    if spelling[0].isdigit():
        return FIGURE
    return _BACK.get(spelling.lower(), NO_DATE)


def date_starts(scanned: Scan, back: I8, *, wanted: npt.NDArray[np.bool_]) -> list[list[int]]:
    """Per text of a scan, where a date can start (offsets in the text, ascending): every
    date word (`back`: `date_back` of each token) and, within its reach before it, every word
    that can open a date; none in the texts not `wanted`."""
    texts = scanned.docs.size - 1
    owner = np.repeat(np.arange(texts, dtype=np.int64), np.diff(scanned.docs))
    reach = back.astype(np.int64)
    reach[~wanted[owner]] = NO_DATE
    # The words that can open a date holding a date word within reach after them.
    opens = reach >= 0
    words = (reach >= 0) & (reach <= 2)
    figures = np.flatnonzero(reach == FIGURE)
    reach[figures] = NO_DATE
    reach[reach == OPENER] = NO_DATE
    # A figure starts a date when "/" or "-" and another figure follow at once; or right after
    # a date word, a year whose date drops the weekday before it ("Friday, 2014").
    after = figures + 1
    after = after[after < reach.size]
    close = (scanned.starts[after] - scanned.ends[figures[: after.size]] == 1) & (
        back[after] == FIGURE
    )
    close &= owner[after] == owner[figures[: after.size]]
    text = scanned.text
    for at in figures[: after.size][close].tolist():
        if text[int(scanned.ends[at])] in "/-":
            reach[at] = 0
    following = figures[figures > 0]
    following = following[words[following - 1] & (owner[following - 1] == owner[following])]
    reach[following] = 0
    hits = np.flatnonzero(reach >= 0)
    first_token = scanned.docs[owner[hits]]
    back_at = [hits[(reach[hits] >= r) & (hits - r >= first_token)] - r for r in range(3)]
    candidates = np.unique(np.concatenate([back_at[0], *(at[opens[at]] for at in back_at[1:])]))
    holder = owner[candidates]
    offsets = scanned.starts[candidates] - scanned.text_starts[holder]
    bounds = np.searchsorted(holder, np.arange(texts + 1))
    return [offsets[bounds[k] : bounds[k + 1]].tolist() for k in range(texts)]


@dataclass(frozen=True, slots=True)
class EventDays:
    """The event's day (proleptic ordinal; None when the text gives none) and the days, up
    to a few, that the text names at day precision (the event's day among them)."""

    event: int | None
    named: tuple[int, ...]


NO_EVENT = EventDays(None, ())


def event_days(
    text: str, *, published: str | None, named: int, starts: Iterable[int] | None = None
) -> EventDays:
    """The event's day and the first `named` distinct days the text names (not after
    `published`: a court date to come is not when anything happened). `starts`: where the
    text's dates can start (`date_starts`), when known.

    Without a publication date there are none: the text's first date is then as often the
    day the report was written (a dateline) as the day of its event, and "Tuesday" cannot
    be resolved.
    """
    if not published:
        return NO_EVENT
    dates = find_dates(text, published=published, starts=starts)
    event = event_date(dates, published=published, text=text)
    days: list[int] = []
    for mention in dates:
        if len(days) == named:
            break
        if mention.precision != "day" or mention.value > published:
            continue
        day = date.fromisoformat(mention.value).toordinal()
        if day not in days:
            days.append(day)
    return EventDays(None if event is None else date.fromisoformat(event).toordinal(), tuple(days))
