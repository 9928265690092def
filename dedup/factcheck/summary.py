"""The summary of an article's main event: killed, injured, event date, places.

Casualties are the toll of the article's own incident (dedup.factcheck.toll) from the counts of
people it states (dedup.factcheck.people), leaving out counts that speak of other incidents
(roundups, statistics: dedup.factcheck.scope). An article about no attack at all (no count of
the killed, hurt or shot, no death or violence vocabulary) states neither (None). The event date
is dedup.factcheck.dates.event_date.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from dedup.factcheck.dates import DateMention, event_date
from dedup.factcheck.people import CountMention
from dedup.factcheck.scope import main_event
from dedup.factcheck.toll import VIOLENCE, injured_toll, killed_toll, mentions_death
from dedup.segment import Sentence


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


def casualties(counts: Sequence[CountMention], text: str) -> tuple[int | None, int | None]:
    """(killed, injured) for the article's main event; None when it says nothing of either."""
    counts = main_event(counts, text)
    death_words = mentions_death(text)
    if not (
        death_words
        or any(
            m.value is not None and not m.definite and m.role in ("killed", "injured", "shot")
            for m in counts
        )
        or VIOLENCE.search(text)
    ):
        return None, None
    killed, attacker = killed_toll(counts, text, death_words=death_words)
    return killed, injured_toll(counts, text, killed=killed, attacker=attacker)


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
        event_date=event_date(dates, published=published, text=text),
        places=tuple(ranked[:5]),
    )
