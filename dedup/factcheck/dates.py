"""Dates in text, absolute ("Sept. 19, 2023", "19 September", "2023-11-13", "1/31/2014", "1994",
"the 1990s") and relative ("Monday", "yesterday", "last week", "three years ago"), resolved
against the article's published date.

Precompiled patterns and datetime arithmetic (python-dateutil for month/year steps) rather than
dateparser: dateparser takes 59 ms to import and 5.5 ms a call here, too slow for a clusterer
that extracts facts from thousands of documents; these patterns run in microseconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "saturday": 5, "sunday": 6}  # fmt: skip
_MONTH = (
    r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sep(?:t\.|tember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"


def _named(name: str, pattern: str) -> str:
    """`pattern` as group `name`, its inner groups prefixed `name_` so names stay unique."""
    return f"(?P<{name}>" + pattern.replace("?P<", f"?P<{name}_") + ")"


_AGO_UNITS = {"day": "days", "week": "weeks", "month": "months", "year": "years"}

# Every alternative starts a word: checking that once, before trying them all, makes the scan
# of an article about 2.4 times faster (same matches).
_PATTERN = re.compile(
    r"(?<!\w)(?=[0-9A-Za-z])(?:"
    + "|".join(
        [
            r"(?P<iso>\b(?:19|20)\d\d-[01]\d-[0-3]\d\b)",
            r"(?P<us>\b[01]?\d/[0-3]?\d/(?:(?:19|20)\d\d|\d\d)\b)",
            _named("mdy", rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?"),
            _named("dmy", rf"\b{_DAY}\s+{_MONTH}\b(?:,?\s+{_YEAR}\b)?"),
            _named("my", rf"\b{_MONTH}\s+{_YEAR}\b"),
            _named("mly", rf"\b{_MONTH}\s+(?:of\s+)?(?P<which>last|this|next)\s+year\b"),
            _named("lastmonth", rf"\b(?P<which>last|this|next)\s+{_MONTH}\b(?!\s+\d)"),
            r"(?P<decade>\b(?:19|20)\d0s\b)",
            r"(?P<weekday>\b(?:(?P<last>last|this|on|past)\s+)?(?P<wd>Monday|Tuesday|Wednesday|"
            r"Thursday|Friday|Saturday|Sunday)\b)",
            r"(?P<rel>\b(?:yesterday|today|tonight|this morning|this afternoon|this evening|"
            r"last night|early this morning|earlier today)\b)",
            r"(?P<lastunit>\blast (?P<unit>week|month|year)\b)",
            r"(?P<ago>\b(?P<count>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
            r"(?P<agounit>day|week|month|year)s?\s+ago\b)",
            r"(?P<year_only>\b(?:19|20)\d\d\b)",
        ]
    )
    + ")",
    re.IGNORECASE,
)
_JOINER = re.compile(r"[\s,]*$")
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10}  # fmt: skip


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date as written at text[start:end]; `value` is ISO at its precision."""

    value: str
    text: str
    start: int
    end: int
    precision: str  # day, month, year, decade
    relative: bool = False


def parse_iso(value: str | None) -> date | None:
    """A `YYYY-MM-DD` string as a date, or None when absent or malformed."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _month(name: str) -> int:
    return _MONTHS[name[:3].lower()]


# A month and day without a year in a sentence about what is to come is this year's or next
# year's: "the law takes effect on July 1" in a March article means this July.
_FUTURE = re.compile(
    r"\b(?:will|shall|takes?\s+effect|to\s+take\s+effect|effective|scheduled|expected|set\s+"
    r"(?:to|for)|plans?\s+to|planned|next|upcoming|due\s+to|starting|beginning|slated)\b"
    r"[^.!?\n]*$",
    re.IGNORECASE,
)
_FUTURE_WINDOW = 120


def _day_in_year(
    year: int | None, month: int, day: int, published: date | None, *, future: bool = False
) -> str | None:
    if year is None:
        if published is None:
            return None
        year = published.year
        try:
            then = date(year, month, day)
        except ValueError:
            return None
        if future and then < published - timedelta(days=7):
            year += 1
        elif not future and then > published + timedelta(days=31):
            # "December 28" in a January article is last year's.
            year -= 1
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _resolve(
    match: re.Match[str], published: date | None, *, future: bool = False
) -> tuple[str, str, bool] | None:
    """(value, precision, relative) for one match, or None when it cannot be resolved."""
    group = match.lastgroup
    get = match.group
    if group == "iso":
        return (get("iso"), "day", False) if parse_iso(get("iso")) else None
    if group == "us":
        month, day, year = (int(part) for part in get("us").split("/"))
        year = year + 2000 if year < 100 else year
        value = _day_in_year(year, month, day, published, future=future)
        return (value, "day", False) if value else None
    for prefix in ("mdy", "dmy"):
        if group == prefix:
            year_text = get(f"{prefix}_year")
            value = _day_in_year(
                int(year_text) if year_text else None,
                _month(get(f"{prefix}_month")),
                int(get(f"{prefix}_day")),
                published,
                future=future,
            )
            return (value, "day", False) if value else None
    if group == "my":
        return (f"{int(get('my_year')):04d}-{_month(get('my_month')):02d}", "month", False)
    if group in ("mly", "lastmonth"):
        if published is None:
            return None
        month = _month(get(f"{group}_month"))
        which = get(f"{group}_which").lower()
        year = published.year + {"last": -1, "this": 0, "next": 1}[which]
        if group == "lastmonth" and which != "this":
            # "last April" is the most recent April before this month, "next April" the first after.
            before = month < published.month
            year = published.year - (0 if before else 1) if which == "last" else year
            if which == "next":
                year = published.year + (1 if month <= published.month else 0)
        return (f"{year:04d}-{month:02d}", "month", True)
    if group == "decade":
        return (get("decade").lower(), "decade", False)
    if group == "year_only":
        return (get("year_only"), "year", False)
    if published is None:
        return None
    if group == "weekday":
        back = (published.weekday() - _WEEKDAYS[get("wd").lower()]) % 7
        if back == 0 and (get("last") or "").lower() in ("last", "past"):
            back = 7
        return ((published - timedelta(days=back)).isoformat(), "day", True)
    if group == "rel":
        word = get("rel").lower()
        back = 1 if word in ("yesterday", "last night") else 0
        return ((published - timedelta(days=back)).isoformat(), "day", True)
    if group == "lastunit":
        unit = get("unit").lower()
        then = published - relativedelta(**{_AGO_UNITS[unit]: 1})
        return _at_precision(then, unit)
    if group == "ago":
        count = get("count").lower()
        amount = int(count) if count.isdigit() else _SMALL[count]
        unit = get("agounit").lower()
        then = published - relativedelta(**{_AGO_UNITS[unit]: amount})
        return _at_precision(then, unit)
    return None


def _at_precision(then: date, unit: str) -> tuple[str, str, bool]:
    if unit == "year":
        return (f"{then.year:04d}", "year", True)
    if unit == "month":
        return (then.isoformat()[:7], "month", True)
    return (then.isoformat(), "day" if unit == "day" else "week", True)


def find_dates(
    text: str, *, published: str | None = None, starts: Iterable[int] | None = None
) -> list[DateMention]:
    """Every date in `text` that can be resolved, in order (relative ones need `published`).

    `starts`: only the dates that start at these positions (ascending), where a caller that
    has the text's words already found the words a date can start with; the same mentions as
    the whole scan finds there, at a few microseconds a position instead of a scan of every
    character (the clusterer reads the event date of every document this way).
    """
    base = parse_iso(published)
    found: list[DateMention] = []
    for match in _PATTERN.finditer(text) if starts is None else _matches_at(text, starts):
        # Only a month and day without a year needs the tense to choose its year.
        undated = match.lastgroup in ("mdy", "dmy") and not match.group(f"{match.lastgroup}_year")
        lead = text[max(0, match.start() - _FUTURE_WINDOW) : match.start()] if undated else ""
        resolved = _resolve(match, base, future=bool(lead and _FUTURE.search(lead)))
        if resolved is None:
            continue
        value, precision, relative = resolved
        found.append(
            DateMention(value, match.group(0), match.start(), match.end(), precision, relative)
        )
    # "Friday, January 31, 2014" is one date: drop a weekday that names the date after it.
    return [
        mention
        for mention, following in zip(found, [*found[1:], None], strict=False)
        if not (
            mention.relative
            and following is not None
            and not following.relative
            and _JOINER.match(text, mention.end, following.start)
        )
    ]


def _matches_at(text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """The matches starting at `starts` that a scan of `text` would find: none inside the
    previous one."""
    end = 0
    for start in starts:
        if start < end:
            continue
        match = _PATTERN.match(text, start)
        if match is not None:
            end = match.end()
            yield match


# A date right after these words dates the telling, not the event: "police said Tuesday",
# "(Published Wednesday, Dec. 17, 2014)", "Updated: 08/10/2014 4:26 PM".
_REPORTING_BEFORE = re.compile(
    r"(?:\b(?:said|says|told|announced|reported|confirmed|published|updated|posted|created|"
    r"conference|vigil|arraigned|charged|identified)\b[\s:,(]*(?:on\s+)?(?:\w+,?\s+)?|"
    r"\b(?:published|updated|posted|created)\b[^\n]{0,25})$",
    re.IGNORECASE,
)
_REPORTING_WINDOW = 40
# Where a report tells what happened; dates further down are often background.
_LEDE_CHARACTERS = 1000


def event_date(dates: Sequence[DateMention], *, published: str | None, text: str) -> str | None:
    """The day an article's event happened: the first day-precise date not after `published`
    that does not date the report itself; a date on the publication day gives way to an
    earlier one in the lede within the week before, since reports follow their events."""
    days = [mention for mention in dates if mention.precision == "day"]
    if published:
        days = [mention for mention in days if mention.value <= published]
    untold = [
        mention
        for mention in days
        if not _REPORTING_BEFORE.search(
            text, max(0, mention.start - _REPORTING_WINDOW), mention.start
        )
    ]
    if not untold:
        return days[0].value if days else None
    first = untold[0].value
    base = parse_iso(published)
    if base is not None and first == published:
        week_before = (base - timedelta(days=7)).isoformat()
        for mention in untold:
            if mention.start < _LEDE_CHARACTERS and week_before <= mention.value < first:
                return mention.value
    return first
