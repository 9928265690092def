"""The attacker's own fate in a report of an attack: dead by his own hand or by others' fire.

An incident's toll counts the attacker too: "killed two bailiffs before he was fatally shot by
officers" is three dead. The victims' count leaves him out when it is the object of his verb
("he killed two ... then turned the gun on himself") or names only victims; a murder-suicide's
whole ("a murder-suicide that left four dead") counts him already. Whoever police kill is the
attacker, or taken for one ("a man was shot and killed by police").

Each kind of statement holds a word of its own (himself, own life, suicide; gunman, suspect;
police, officers, deputies), and its pattern runs only around that word.
"""

from __future__ import annotations

import re

from dedup.factcheck.people import CountMention

_AGENT = (
    r"(?:gunman|gunmen|shooter|shooters|suspect|suspects|attacker|assailant|killer|robber|"
    r"intruder|inmate|sniper|man\s+who\s+opened\s+fire)"
)
_KILLED_BY = (
    r"(?:shot\s+and\s+killed|fatally\s+shot|killed|shot\s+dead|shot\s+to\s+death|"
    r"pronounced\s+dead|found\s+dead|dead|gunned\s+down)"
)
_FORCES = r"(?:police|officers?|deputies|deputy|troopers?|agents?|a\s+SWAT\s+team|SWAT)"
# By his own hand, after his victims: "before turning the gun on himself", "then killed
# himself", "before taking his own life", "a murder-suicide". Each ends at its anchor.
_OWN_HAND = re.compile(
    r"\b(?:before|then|later|and\s+then)\s+(?:(?:he|she)\s+)?(?:(?:shot\s+and\s+killed|killed|"
    r"killing|kills|kill|fatally\s+shooting|fatally\s+shot|shooting|shot|shoots|shoot)\s+"
    r"(?:him|her)self|(?:took|taking|takes|take)\s+(?:his|her)\s+own\s+life|"
    r"committ(?:ed|ing)\s+suicide)\b|"
    r",?\s+(?:and\s+)?then\s+(?:him|her)self\b|"
    r"\bmurder[\s-]*suicide\b|"
    r"\b(?:before|then|and|after)\s+(?:(?:he|she)\s+)?(?:\w+ly\s+)?"
    r"turn(?:ed|ing|s)?\s+(?:the|a|his|her)\s+(?:gun|weapon|rifle|handgun|shotgun|pistol)\s+"
    r"on\s+(?:him|her)self\b",
    re.IGNORECASE,
)
_OWN_HAND_ANCHOR = ("himself", "herself", "own life", "suicide")
_OWN_HAND_BEFORE = 120
# By others' fire, told of the attacker: "the gunman was shot and killed by police".
_KILLED_AGENT = re.compile(
    rf"\b{_AGENT}\s+(?:\w+\s+){{0,2}}?(?:was|were|is|had\s+been)\s+(?:later\s+|also\s+)?"
    rf"{_KILLED_BY}\b|\b{_AGENT}\s+(?:later\s+)?died\b",
    re.IGNORECASE,
)
_AGENT_ANCHOR = (
    "gunm", "shooter", "suspect", "attacker", "assailant", "killer", "robber", "intruder",
    "inmate", "sniper", "man who opened",
)  # fmt: skip
_AGENT_AFTER = 80
# By others' fire, told of the police: "officers killed the suspect", "shot dead by police".
_KILLED_BY_FORCES = re.compile(
    rf"\b{_FORCES}\s+(?:\w+,?\s+){{0,3}}?(?:shot\s+and\s+killed|fatally\s+shot|killed|killing|"
    rf"fatally\s+shooting)\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,2}}?{_AGENT}\b|"
    rf"\b(?:shot\s+and\s+killed|fatally\s+shot|killed|shot\s+dead|shot\s+to\s+death)\s+by\s+"
    rf"(?:the\s+|a\s+|an\s+|two\s+|other\s+|responding\s+)*(?:[\w-]+\s+)?{_FORCES}\b",
    re.IGNORECASE,
)
_FORCES_ANCHOR = ("police", "officer", "deput", "trooper", "agent", "swat")
_FORCES_REACH = 120
# "accidentally shot himself", "an attempted murder-suicide": no attacker's death.
_NOT_DEAD = re.compile(
    r"\b(?:accidental\w*|attempted|apparent\s+suicide\s+attempt)\b", re.IGNORECASE
)
_NOT_DEAD_BEFORE = 60
# A count that names the attacker among the dead: "two deputies and the gunman are dead",
# "three people, including the shooter, died", "the man and his wife were found dead".
_NAMES_ATTACKER = re.compile(
    rf"\b(?:{_AGENT}|himself|herself|the\s+man\s+and|the\s+woman\s+and|including\s+the\s+"
    r"(?:\w+\s+)?(?:gunman|shooter|suspect|attacker))\b",
    re.IGNORECASE,
)
_WHOLE = re.compile(r"murder[\s-]*suicide", re.IGNORECASE)


def _anchors(lowered: str, words: tuple[str, ...], end: int) -> list[tuple[int, int]]:
    """Where each of `words` starts a word in lowered[:end] (str.find: far cheaper than a
    pattern over the whole text)."""
    spans = []
    for word in words:
        at = lowered.find(word, 0, end)
        while at >= 0:
            if at == 0 or not lowered[at - 1].isalnum():
                spans.append((at, at + len(word)))
            at = lowered.find(word, at + 1, end)
    return spans


def _found(
    text: str,
    pattern: re.Pattern[str],
    anchors: list[tuple[int, int]],
    *,
    before: int,
    after: int,
    end: int,
) -> set[tuple[int, int]]:
    """Spans of `pattern` within `before`/`after` characters of each anchor in text[:end]."""
    return {
        match.span()
        for start, stop in anchors
        for match in pattern.finditer(text, max(0, start - before), min(end, stop + after))
    }


def attacker_deaths(text: str, end: int) -> list[tuple[int, int]]:
    """Where text[:end] says the attacker died: his suicide after his victims, or killed by
    police or by a victim."""
    lowered = text[:end].lower()
    spans = (
        _found(
            text,
            _OWN_HAND,
            _anchors(lowered, _OWN_HAND_ANCHOR, end),
            before=_OWN_HAND_BEFORE,
            after=0,
            end=end,
        )
        | _found(
            text,
            _KILLED_AGENT,
            _anchors(lowered, _AGENT_ANCHOR, end),
            before=0,
            after=_AGENT_AFTER,
            end=end,
        )
        | _found(
            text,
            _KILLED_BY_FORCES,
            _anchors(lowered, _FORCES_ANCHOR, end),
            before=_FORCES_REACH,
            after=_FORCES_REACH,
            end=end,
        )
    )
    return sorted(
        span
        for span in spans
        if not _NOT_DEAD.search(text, max(0, span[0] - _NOT_DEAD_BEFORE), span[1])
    )


def counts_attacker(mention: CountMention) -> bool:
    """Whether a count of the dead already includes the attacker: a murder-suicide's whole or
    a count that names him."""
    return bool(_WHOLE.search(mention.text) or _NAMES_ATTACKER.search(mention.text))


def is_whole(mention: CountMention) -> bool:
    """A murder-suicide: the dead counted with their killer, at least two."""
    return bool(_WHOLE.search(mention.text))
