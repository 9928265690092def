"""The summary of an article's main event: killed, injured, event date, places.

Counts come from the role mentions of dedup.people: the first stated count of the killed (the
lede states the event's toll; later counts are often partial or about other events), the
largest of the injured and of those shot. When no count is stated, the wording of a report of
a shooting or stabbing still settles it: one that never uses death vocabulary (killed, died,
dead, fatal...) in its first paragraphs reports no deaths, one that does but gives no number
reports one; the shot who did not die are the injured. "The loss of lives" leaves the count
unknown (None), and so does an article about no attack at all.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from dedup.dates import DateMention
from dedup.people import CountMention
from dedup.segment import Sentence

# "murder" and "homicide" are left out: "attempted murder" and "homicide detectives" are common
# in reports where nobody died.
_DEATH = re.compile(
    r"\b(?:killed|killing|dead|died|dies|death|fatal|fatally|murdered|slain|deceased|"
    r"lost\s+(?:his|her|their)\s+li(?:fe|ves))\b",
    re.IGNORECASE,
)
# A report of an attack in which somebody was hit, though the text never counts them.
_VIOLENCE = re.compile(
    r"\b(?:shot|shooting|gunshot|gunfire|wounded|injured|stabbed|stabbing|opened\s+fire)\b",
    re.IGNORECASE,
)


LEDE_CHARACTERS = 1000


@dataclass(frozen=True, slots=True)
class Summary:
    """What the article states about its main event; None where it states nothing."""

    killed: int | None
    injured: int | None
    event_date: str | None
    places: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        """The summary as a JSON-ready mapping."""
        return {
            "killed": self.killed,
            "injured": self.injured,
            "event_date": self.event_date,
            "places": list(self.places),
        }


def _stated(counts: Sequence[CountMention], role: str, *, definite: bool = False) -> list[int]:
    return [
        m.value for m in counts if m.role == role and m.value is not None and m.definite == definite
    ]


def casualties(counts: Sequence[CountMention], text: str) -> tuple[int | None, int | None]:
    """(killed, injured) for the article's main event; None when it says nothing of either."""
    killed_stated = _stated(counts, "killed")
    injured_stated = _stated(counts, "injured")
    shot_stated = _stated(counts, "shot")
    # Death vocabulary far down a page is often about other cases ("the city's 40th homicide",
    # related stories); the event's outcome is told in the first paragraphs.
    mentions_death = bool(_DEATH.search(text, 0, LEDE_CHARACTERS))
    stated = killed_stated or injured_stated or shot_stated or mentions_death
    if not stated and not _VIOLENCE.search(text):
        return None, None
    # "The loss of lives" states deaths without a number: the count is unknown, not one.
    unstated = any(m.role == "killed" and m.value is None for m in counts)
    if killed_stated:
        killed: int | None = killed_stated[0]
    elif _stated(counts, "killed", definite=True):
        killed = 1
    else:
        killed = None if unstated else int(mentions_death)
    injured: int | None
    if injured_stated:
        injured = max(injured_stated)
    elif killed is None:
        injured = None
    elif shot_stated and max(shot_stated) >= killed:
        injured = max(shot_stated) - killed
    elif _stated(counts, "injured", definite=True):
        injured = 1
    elif _VIOLENCE.search(text):
        # A shooting report that counts no wounded: nobody else was hit, or the one victim was.
        injured = 1 if killed == 0 else 0
    else:
        injured = None
    return killed, injured


def _event_date(dates: Sequence[DateMention], published: str | None) -> str | None:
    days = [mention for mention in dates if mention.precision == "day"]
    if published:
        days = [mention for mention in days if mention.value <= published]
    return days[0].value if days else None


def summarize(
    *,
    counts: Sequence[CountMention],
    dates: Sequence[DateMention],
    places: Sequence[str],
    text: str,
    sentences: Sequence[Sentence],
    published: str | None,
) -> Summary:
    """The main event's counts, date and places from an article's mentions."""
    frequency = Counter(places)
    first = {place: index for index, place in reversed(list(enumerate(places)))}
    ranked = sorted(frequency, key=lambda place: (-frequency[place], first[place]))
    killed, injured = casualties(counts, text)
    return Summary(
        killed=killed,
        injured=injured,
        event_date=_event_date(dates, published),
        places=tuple(ranked[:5]),
    )
