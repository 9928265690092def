"""The main incident's toll, killed and injured, from the counts of people an article states.

Killed: the first stated count of the dead (the lede states the toll; later counts are often
partial or about other events), with the attacker added when he died too and the count leaves
him out (dedup.factcheck.attacker), or a murder-suicide's whole when that says more. A report
whose lede counts only the hurt and says nothing of a death takes no later count of the dead:
that is another case. Without a count, death vocabulary in the first paragraphs (killed, died,
dead, fatal..., but not "non-fatal" or "nearly killed") means one dead and its absence none.

Injured: the largest stated count of the injured, where "others" adds to the hurt counted just
before it and "no one else was hurt" is no zero; those shot less the victims killed, when that
says more (the attacker's own death takes no one from those he shot); people one sentence
introduces one by one ("a woman was shot and a man was grazed"); someone also hit besides the
dead ("his son was also shot"). A single hurt person whose age is that of someone killed is that
person ("critically injured a 16-year-old" ... "killed a 16-year-old"). Without a count, the
one victim of a shooting report is hurt when nobody died, and a killing with nobody else hurt
leaves none injured.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dedup.factcheck.attacker import attacker_deaths, counts_attacker, is_whole
from dedup.factcheck.people import CountMention

# "murder" and "homicide" are left out: "attempted murder" and "homicide detectives" are common
# in reports where nobody died; "second-degree murder" and "murdering" are not.
_DEATH = re.compile(
    r"\b(?:killed|killing|dead|died|dies|death|fatal|fatally|murdered|slain|deceased|"
    r"lost\s+(?:his|her|their)\s+li(?:fe|ves)|passed\s+away|succumbed|did\s+not\s+survive|"
    r"didn't\s+survive|took\s+(?:his|her|their)\s+own\s+li(?:fe|ves)|murdering|"
    r"(?:first|second|third)[\s-]degree\s+murder|capital\s+murder|"
    r"bod(?:y|ies)\s+(?:was|were)\s+(?:found|discovered))\b",
    re.IGNORECASE,
)
# "non-fatal", "nearly killed", "could've died", "attempted murder", "none of them fatally".
_NOT_DEATH = re.compile(
    r"(?:\bnon-?|\bnearly\s+|\balmost\s+|\bnarrowly\s+|\battempted\s+|\battempt\s+to\s+|"
    r"\b(?:might|could|would)(?:\s+have\s+|'ve\s+|\s+)(?:been\s+|be\s+)?|\bnot\s+(?:been\s+)?|"
    r"\bnone\s+(?:\w+\s+){0,4})$",
    re.IGNORECASE,
)
_NOT_DEATH_BEFORE = 30
# The first letters of every word _DEATH matches: str.find finds them far faster than the
# pattern scans a text.
_DEATH_STEMS = (
    "kill", "dead", "die", "death", "fatal", "murder", "slain", "deceased", "lost", "passed",
    "succumb", "did", "took", "first", "second", "third", "capital", "bod",
)  # fmt: skip
# One of these is in every negation or hedge above: a cheap test before the pattern.
_NOT_DEATH_WORDS = (
    "non",
    "nearly",
    "almost",
    "narrowly",
    "attempt",
    "might",
    "could",
    "would",
    "not",
    "none",
)
# A report of an attack in which somebody was hit, though the text never counts them.
VIOLENCE = re.compile(
    r"\b(?:shot|shooting|gunshot|gunfire|wounded|injured|stabbed|stabbing|opened\s+fire|"
    r"bullet\s+(?:struck|hit|grazed)|(?:struck|striking|hit|hitting)\s+(?:him|her|the\s+\w+|"
    r"a\s+\w+)\s+(?:\w+\s+){0,3}?with\s+a\s+bullet)\b",
    re.IGNORECASE,
)
# A crime report, though no one is said to be shot or hurt ("the homicide", "the gun").
_CRIME = re.compile(
    r"\b(?:homicides?|murder\w*|guns?|gunman|handgun|firearms?|bullets?|rifle|pistol|suspects?)\b",
    re.IGNORECASE,
)
# The lede: where a report states its event's outcome (death words further down a page are
# often about other cases, "the city's 40th homicide", related stories).
LEDE_CHARACTERS = 1000
# Where a report says what became of the attacker.
_ATTACKER_CHARACTERS = 1500
# A count that is the object of the attacker's verb ("killing two ... before taking his own
# life") or names him as the agent ("four people were killed by a man who later shot himself")
# leaves him out; "three dead" counts everyone.
_OBJECT_COUNT = re.compile(r"(?:killing|killed|kills|kill|fatally|shot|shooting)\b", re.IGNORECASE)
_BY_AGENT = re.compile(
    r"(?:\s+\w+){0,4}?\s+by\s+(?:a|an|the|her|his|their)\s+(?:[\w-]+\s+){0,2}?(?:man|woman|"
    r"gunman|shooter|suspect|attacker|assailant|father|mother|husband|wife|son|boyfriend|"
    r"girlfriend|teen|teenager|boy|girl|relative|neighbor)\b",
    re.IGNORECASE,
)
_ALSO = re.compile(r"\b(?:also|another|second|other|others)\b", re.IGNORECASE)
# "A 13-year-old and six other people were shot" lists everyone hit, the dead among them;
# "another deputy and a woman were also shot" lists others.
_BESIDES = re.compile(r"\b(?:also|another|second|more)\b", re.IGNORECASE)
# "a fourth person was also shot" counts all four hit, the dead among them.
_ORDINAL = re.compile(r"\b(?:second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))\b", re.IGNORECASE)
_LISTED = re.compile(r"\sand\s", re.IGNORECASE)
_INDEFINITE = re.compile(r"(?:a|an|one|another)\b", re.IGNORECASE)
_ELSE = re.compile(r"\b(?:else|other|additional|further)\b", re.IGNORECASE)
_OTHERS = re.compile(r"\b(?:others?|more)\b", re.IGNORECASE)
_AGE = re.compile(r"\d+(?=[\s-]years?[\s-]old)")
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s|\n")


def mentions_death(text: str) -> bool:
    """Whether the lede uses death vocabulary, not negated or hedged."""
    lowered = text[:LEDE_CHARACTERS].lower()
    for at in sorted(_starts(lowered, _DEATH_STEMS)):
        match = _DEATH.match(text, at, LEDE_CHARACTERS)
        if match is None:
            continue
        start = max(0, at - _NOT_DEATH_BEFORE)
        before = lowered[start:at]
        if not any(word in before for word in _NOT_DEATH_WORDS):
            return True
        if not _NOT_DEATH.search(text, start, at):
            return True
    return False


def _starts(lowered: str, stems: tuple[str, ...]) -> set[int]:
    """Where a word starting with one of `stems` starts in `lowered`."""
    found = set()
    for stem in stems:
        at = lowered.find(stem)
        while at >= 0:
            if at == 0 or not lowered[at - 1].isalnum():
                found.add(at)
            at = lowered.find(stem, at + 1)
    return found


def _besides(mention: CountMention) -> bool:
    """ "No one else was hurt": zero besides those already counted, not zero in all."""
    return mention.value == 0 and bool(_ELSE.search(mention.text))


def _stated(counts: Sequence[CountMention], role: str, *, definite: bool = False) -> list[int]:
    return [
        m.value
        for m in counts
        if m.role == role and m.value is not None and m.definite == definite and not _besides(m)
    ]


def _later_case(parts: Sequence[CountMention], counts: Sequence[CountMention]) -> bool:
    """A first count of the dead past the lede, in a report whose lede counts only the hurt."""
    first = parts[0]
    return first.start >= LEDE_CHARACTERS and any(
        m.role in ("shot", "injured") and not m.definite and m.value and m.start < first.start
        for m in counts
    )


def killed_toll(
    counts: Sequence[CountMention], text: str, *, death_words: bool
) -> tuple[int | None, int]:
    """The killed, and 1 when the attacker is among them (0 otherwise)."""
    victims = [
        m
        for m in counts
        if m.role == "killed" and m.value is not None and not m.definite and not _besides(m)
    ]
    parts = [m for m in victims if not is_whole(m)]
    wholes = [m.value for m in victims if is_whole(m) and m.value is not None]
    if parts and not death_words and _later_case(parts, counts):
        parts, wholes = [], []
    if parts:
        first = parts[0]
        assert first.value is not None
        deaths = attacker_deaths(text, _ATTACKER_CHARACTERS)
        # His death told apart from this count: "he killed two, then himself".
        dead_attacker = any(not (s < first.end and first.start < e) for s, e in deaths)
        named = counts_attacker(first)
        added = (
            dead_attacker
            and not named
            and bool(_OBJECT_COUNT.match(first.text) or _BY_AGENT.match(text, first.end))
        )
        killed = first.value + added
        if wholes and max(wholes) > killed:
            return max(wholes), 1
        return killed, int(added or (dead_attacker and named))
    if wholes:
        return wholes[0], 1
    if _stated(counts, "killed", definite=True):
        return 1, 0
    # "The loss of lives" states deaths without a number: the count is unknown, not one.
    if any(m.role == "killed" and m.value is None for m in counts):
        return None, 0
    return int(death_words), 0


def _injured_counts(counts: Sequence[CountMention], text: str) -> list[int]:
    """Stated counts of the injured; "others" adds to the hurt counted just before it in the
    same sentence ("one woman is in critical condition and two others are hurt": three)."""
    values = []
    dead_ages = {a.group(0) for m in counts if m.role == "killed" for a in _AGE.finditer(m.figure)}
    for index, mention in enumerate(counts):
        if mention.role != "injured" or mention.value is None or mention.definite:
            continue
        if _besides(mention):
            continue
        age = _AGE.search(mention.figure)
        if mention.value == 1 and age and age.group(0) in dead_ages:
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
    ("a woman was shot in the arm and a boy was grazed") is someone not mentioned before."""
    best = run = 0
    previous: CountMention | None = None
    for mention in counts:
        if mention.role not in ("shot", "injured") or not _INDEFINITE.match(mention.figure):
            continue
        same = previous is not None and not _SENTENCE_END.search(text, previous.end, mention.start)
        run = run + 1 if same else 1
        best = max(best, run)
        previous = mention
    return best


def injured_toll(
    counts: Sequence[CountMention], text: str, *, killed: int | None, attacker: int
) -> int | None:
    """The injured, given the killed and whether the attacker is among them."""
    stated = _injured_counts(counts, text)
    shot = _stated(counts, "shot")
    dead = None if killed is None else killed - attacker
    injured: int | None
    if stated:
        injured = max(stated)
        if dead is not None and shot and shot[0] - dead > injured:
            # "Four people were shot, one fatally ... one is in good condition": the count of
            # the shot says more than the conditions reported one by one.
            injured = shot[0] - dead
    elif dead is None:
        return None
    elif shot and max(shot) >= dead:
        injured = max(shot) - dead
    elif _stated(counts, "injured", definite=True):
        injured = 1
    elif VIOLENCE.search(text):
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
    if dead:
        # "A man was killed and his son was also shot": someone hit besides the dead.
        also = [
            m.value
            for m in counts
            if m.role == "shot"
            and m.value
            and m.start < LEDE_CHARACTERS
            and not _ORDINAL.search(m.figure)
            and (_BESIDES.search(m.text) or (_ALSO.search(m.text) and not _LISTED.search(m.text)))
        ]
        injured = max([injured, *also])
    return injured
