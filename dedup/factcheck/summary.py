"""The summary of an article's main event: killed, injured, event date, places.

Counts come from the role mentions of dedup.factcheck.people: the first stated count of the
killed (the lede states the event's toll; later counts are often partial or about other
events), plus the attacker when that count is the object of his verb and he then killed himself
("killed two ... before taking his own life"); the largest count of the injured, where "others"
adds to the hurt counted just before it and "no one else was hurt" is no zero; those shot less
those killed, when that says more; and people one sentence introduces one by one ("a woman was
shot and a man was grazed"). When no count is stated, the wording of a report of a shooting or
stabbing still settles it: one that never uses death vocabulary (killed, died, dead, fatal...,
but not "non-fatal" or "nearly killed") in its first paragraphs reports no deaths, one that
does but gives no number reports one; the shot who did not die are the injured; a killing
reported with nobody else hurt has none injured. "The loss of lives" leaves the count unknown
(None), and so does an article about no attack at all. The event date is
dedup.factcheck.dates.event_date.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from dedup.factcheck.dates import DateMention, event_date
from dedup.factcheck.people import CountMention
from dedup.segment import Sentence

# "murder" and "homicide" are left out: "attempted murder" and "homicide detectives" are common
# in reports where nobody died.
_DEATH = re.compile(
    r"\b(?:killed|killing|dead|died|dies|death|fatal|fatally|murdered|slain|deceased|"
    r"lost\s+(?:his|her|their)\s+li(?:fe|ves))\b",
    re.IGNORECASE,
)
# "non-fatal", "nearly killed", "could have been killed", "none of them fatally": no death.
_NOT_DEATH = re.compile(
    r"(?:\bnon-?|\bnearly\s+|\balmost\s+|\bnarrowly\s+|\b(?:might|could|would)\s+(?:have\s+)?"
    r"(?:been\s+|be\s+)?|\bnot\s+(?:been\s+)?|\bnone\s+(?:\w+\s+){0,4})$",
    re.IGNORECASE,
)
# A report of an attack in which somebody was hit, though the text never counts them.
_VIOLENCE = re.compile(
    r"\b(?:shot|shooting|gunshot|gunfire|wounded|injured|stabbed|stabbing|opened\s+fire)\b",
    re.IGNORECASE,
)

# A crime report, though no one is said to be shot or hurt ("the homicide", "the gun").
_CRIME = re.compile(
    r"\b(?:homicides?|murder\w*|guns?|gunman|handgun|firearms?|bullets?|rifle|pistol|suspects?)\b",
    re.IGNORECASE,
)

LEDE_CHARACTERS = 1000
# The attacker's own death after the victims' ("shot his wife, then turned the gun on himself"):
# the victims' count leaves the attacker out, the incident's toll does not.
_SELF_KILLED = re.compile(
    r"\b(?:before|then|and|later)\s+(?:\w+\s+)?(?:(?:killing|killed|kills|fatally\s+shooting|"
    r"shooting|shot|shoots|turning\s+the\s+gun\s+on|turned\s+the\s+gun\s+on|turns\s+the\s+gun\s+on)"
    r"\s+(?:him|her)self|(?:taking|took|takes)\s+(?:his|her)\s+own\s+life|committing\s+suicide|"
    r"committed\s+suicide)\b|\band\s+(?:then\s+)?(?:him|her)self\b",
    re.IGNORECASE,
)
# Only a count that is the object of the attacker's verb ("killing two ... before taking his own
# life") leaves the attacker out; "three dead" counts everyone.
_OBJECT_COUNT = re.compile(r"(?:killing|killed|kills|kill|fatally|shot|shooting)\b", re.IGNORECASE)
_SELF_KILLED_WINDOW = 200
_ALSO = re.compile(r"\b(?:also|another|second|other|others)\b", re.IGNORECASE)
_INDEFINITE = re.compile(r"(?:a|an|one)\s", re.IGNORECASE)
_ELSE = re.compile(r"\b(?:else|other|additional|further)\b", re.IGNORECASE)
_OTHERS = re.compile(r"\b(?:others?|more)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s|\n")


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


def _besides(mention: CountMention) -> bool:
    """ "No one else was hurt": zero besides those already counted, not zero in all."""
    return mention.value == 0 and bool(_ELSE.search(mention.text))


def _stated(counts: Sequence[CountMention], role: str, *, definite: bool = False) -> list[int]:
    return [
        m.value
        for m in counts
        if m.role == role and m.value is not None and m.definite == definite and not _besides(m)
    ]


def _injured_counts(counts: Sequence[CountMention], text: str) -> list[int]:
    """Stated counts of the injured; "others" adds to the hurt counted just before it in the
    same sentence ("one man is in critical condition and three others are injured": four)."""
    values = []
    for index, mention in enumerate(counts):
        if mention.role != "injured" or mention.value is None or mention.definite:
            continue
        if _besides(mention):
            continue
        value = mention.value
        previous = counts[index - 1] if index else None
        if (
            previous is not None
            and previous.role in ("injured", "shot")
            and previous.value
            and _OTHERS.search(mention.text)
            and not _SENTENCE_END.search(text, previous.end, mention.start)
        ):
            value += previous.value
        values.append(value)
    return values


def _hurt_in_one_sentence(counts: Sequence[CountMention], text: str) -> int:
    """The most people one sentence introduces one by one as shot or hurt: each indefinite
    ("a man was shot in the leg and a girl was grazed") is someone not mentioned before."""
    best = run = 0
    previous: CountMention | None = None
    for mention in counts:
        if mention.role not in ("shot", "injured") or not _INDEFINITE.match(mention.text):
            continue
        same = previous is not None and not _SENTENCE_END.search(text, previous.end, mention.start)
        run = run + 1 if same else 1
        best = max(best, run)
        previous = mention
    return best


def _mentions_death(text: str) -> bool:
    # Death vocabulary far down a page is often about other cases ("the city's 40th homicide",
    # related stories); the event's outcome is told in the first paragraphs.
    return any(
        not _NOT_DEATH.search(text, max(0, m.start() - 30), m.start())
        for m in _DEATH.finditer(text, 0, LEDE_CHARACTERS)
    )


def _killed(counts: Sequence[CountMention], text: str, *, mentions_death: bool) -> int | None:
    stated = _stated(counts, "killed")
    if stated:
        killed = stated[0]
        attacker_left_out = any(
            m.role in ("killed", "shot")
            and m.value == killed
            and _OBJECT_COUNT.match(m.text)
            and _SELF_KILLED.search(text, m.end, m.end + _SELF_KILLED_WINDOW)
            for m in counts
        )
        return killed + attacker_left_out
    if _stated(counts, "killed", definite=True):
        return 1
    # "The loss of lives" states deaths without a number: the count is unknown, not one.
    if any(m.role == "killed" and m.value is None for m in counts):
        return None
    return int(mentions_death)


def _injured(counts: Sequence[CountMention], text: str, *, killed: int | None) -> int | None:
    stated = _injured_counts(counts, text)
    shot = _stated(counts, "shot")
    injured: int | None
    if stated:
        injured = max(stated)
        if killed is not None and shot and shot[0] - killed > injured:
            # "Four people were shot, one fatally ... one is in good condition": the count of
            # the shot says more than the conditions reported one by one.
            injured = shot[0] - killed
    elif killed is None:
        return None
    elif shot and max(shot) >= killed:
        injured = max(shot) - killed
    elif _stated(counts, "injured", definite=True):
        injured = 1
    elif _VIOLENCE.search(text):
        # A shooting report that counts no wounded: nobody else was hit, or the one victim was.
        injured = 1 if killed == 0 else 0
    elif killed and _CRIME.search(text):
        # A killing reported with no word of anyone else hurt.
        injured = 0
    else:
        return None
    one_by_one = _hurt_in_one_sentence(counts, text)
    if one_by_one > 1:
        injured = max(injured, one_by_one)
    if killed:
        # "A man was killed and his son was also shot": someone hit besides the dead.
        also = [
            m.value
            for m in counts
            if m.role == "shot" and m.value and m.start < LEDE_CHARACTERS and _ALSO.search(m.text)
        ]
        injured = max([injured, *also])
    return injured


def casualties(counts: Sequence[CountMention], text: str) -> tuple[int | None, int | None]:
    """(killed, injured) for the article's main event; None when it says nothing of either."""
    mentions_death = _mentions_death(text)
    if not (
        mentions_death
        or any(
            m.value is not None and not m.definite and m.role in ("killed", "injured", "shot")
            for m in counts
        )
        or _VIOLENCE.search(text)
    ):
        return None, None
    killed = _killed(counts, text, mentions_death=mentions_death)
    return killed, _injured(counts, text, killed=killed)


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
