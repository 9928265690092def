"""The patterns that find counts of people by role, each with what it counts.

Each entry: the pattern's source (`compiled` compiles it when a text first needs it), its value
(None: the number it holds; "0", "1", "2": that many; "" stated but not counted; "+" a
coordinated list, one per person; "*" double, triple...; "#" an ordinal, "a third person has
died"), the words a stretch of text must hold for it to match there (None: no test; a cheap test
that spares the rarer patterns most of an article), and how far its matches reach before and
after the anchor word they hold (dedup.factcheck.count_windows).
"""

from __future__ import annotations

import re
from functools import cache

from dedup.factcheck.count_grammar import (
    ADJ,
    ADVERB,
    ANY_ROLE,
    BE,
    BE_PLURAL,
    BODY,
    GROUP,
    LADJ,
    LIST,
    NAMES_PAIR,
    NO_OBJECT,
    NOUN,
    NUM,
    PEOPLE,
    SINGLE,
    WHO,
)
from dedup.factcheck.numbers import NUMBER_PATTERN

# How far a coordinated list reaches before and after its anchor word.
LIST_REACH = (320, 200)


@cache
def compiled(pattern: str) -> re.Pattern[str]:
    """A pattern of `PATTERNS`, compiled on first use: compiling all of them takes 0.1-0.2 s
    and an article whose text lacks a pattern's words never needs it."""
    return re.compile(pattern, re.IGNORECASE)


def compile_all() -> None:
    """Compile every pattern now, before worker processes are forked: they share them then,
    instead of each compiling its own."""
    for pattern, *_ in PATTERNS:
        compiled(pattern)


PATTERNS: tuple[tuple[str, str | None, tuple[str, ...] | None, tuple[int, int]], ...] = (
    # "no one was hurt", "nobody else was injured", "no injuries were reported"
    (
        rf"\b(?:no\s+one|nobody|none)(?:\s+else)?(?:\s+of\s+them)?\s+{BE}*(?:{ANY_ROLE})\b",
        "0",
        ("no one", "nobody", "none"),
        (80, 40),
    ),
    (
        r"\bno\s+(?:other\s+|additional\s+)?(?:(?P<injured>injuries|injured)|(?P<killed>deaths|"
        r"fatalities))\b",
        "0",
        ("no",),
        (40, 40),
    ),
    # "a man and a woman were killed", "two bailiffs and the gunman are dead"
    (
        rf"\b{LIST}\s*,?\s+{WHO}{BE_PLURAL}*(?:{ANY_ROLE})\b{NO_OBJECT}",
        "+",
        None,
        LIST_REACH,
    ),
    (
        rf"(?<![\w,]\s)(?<![\w,]){NAMES_PAIR}(?:,\s+(?:both|all|ages?|aged)\b[^,.;]{{1,40}},)?\s+"
        rf"{BE_PLURAL}*(?:{ANY_ROLE})\b{NO_OBJECT}",
        "2",
        ("and",),
        (100, 40),
    ),
    # "shot two women and a girl", "killing a man and his son"
    (
        rf"\b(?:(?P<killed>fatally\s+shot|fatally\s+shooting|killing|killed|kills)|"
        rf"(?P<injured>injuring|wounding|wounded|injured)|(?P<shot>shot|shooting|striking|"
        rf"hitting))\s+{LIST}",
        "+",
        None,
        LIST_REACH,
    ),
    # "the shooting of five people", "the killing of two men"
    (
        rf"\b(?:(?P<killed>shooting\s+deaths?|fatal\s+shootings?|killings?|slayings?|murders?|deaths?)|"
        rf"(?P<injured>(?:shooting\s+and\s+)?wounding)|(?P<shot>shootings?))\s+of\s+"
        rf"(?:(?:at\s+least\s+)?{NUM})\s+{ADJ}{PEOPLE}\b",
        None,
        ("of",),
        (40, 100),
    ),
    # "the shooting deaths of a father, mother and their two sons"
    (
        rf"\b(?:(?P<killed>shooting\s+deaths|deaths|killings|murders|slayings)|(?P<shot>shootings))"
        rf"\s+of\s+{LIST}",
        "+",
        ("of",),
        LIST_REACH,
    ),
    # "the death toll rose to three"
    (
        rf"\b(?P<killed>death\s+toll)(?:\s+[\w-]+){{0,3}}?\s+(?:to|at|of|is)\s+{NUM}\b",
        None,
        ("toll",),
        (40, 60),
    ),
    # "a third person has died": the third to die; "a fourth person was injured": the fourth
    # hit, the dead among them
    (
        rf"\b(?:a|an|the)\s+(?P<ordinal>second|third|fourth|fifth|sixth|\d{{1,2}}(?:st|nd|rd|th))"
        rf"\s+(?:{NOUN}|person|victim)\s+(?:(?:has\s+|have\s+|had\s+|later\s+)?(?P<killed>died|dies)|"
        rf"(?:who\s+)?(?:was|has\s+been)\s+(?:also\s+)?(?P<shot>injured|wounded|hurt|shot))\b",
        "#",
        ("died", "dies", "injured", "wounded", "hurt", "shot"),
        (60, 40),
    ),
    # "one of the five people shot and killed": the participle describes the whole group
    (
        rf"\b(?=[\w-]+\s+of\s)(?P<partitive>{NUMBER_PATTERN}|some|many|most|all|several)\s+of\s+"
        rf"(?:the\s+|those\s+)?"
        rf"{NUM}\s+{ADJ}{GROUP}\s+(?!died\b|dies\b)(?:{ANY_ROLE})\b{NO_OBJECT}",
        None,
        ("of",),
        (80, 40),
    ),
    # "six people were shot, two of them fatally", "four people shot, one fatally"
    (
        rf"(?:(?<=,\s)|(?<=[-—–(]\s)|(?<=[—–(])){NUM}\s+(?:of\s+them\s+)?"
        rf"(?P<killed>fatally|mortally)\b",
        None,
        ("fatally", "mortally"),
        (40, 40),
    ),
    # "six of its citizens were killed", "two people were shot and killed", "3 dead"
    (
        rf"\b{NUM}[^\S\n]+(?:(?:of\s+)?(?:its|their|the|them|those)\s+)?"
        rf"(?:{ADJ}{GROUP}(?:\s+of\s+(?:a|the|one|his|her|their)\s+(?:family|household))?)?"
        rf"(?:,?\s+(?:including|among\s+them|all|both|ages|aged|between)\b"
        rf"(?:(?!who\b|that\b|which\b)[^,.;]){{1,60}}?,?\s*|\s*,?\s*{WHO})"
        rf"{BE}*(?:{ANY_ROLE})\b{NO_OBJECT}",
        None,
        None,
        (220, 120),
    ),
    # "two deceased victims", "three wounded men"
    (
        rf"\b(?=[\w,.-]+\s+(?:dead|deceased|injured|wounded)\s){NUM}\s+(?:(?P<killed>dead|"
        rf"deceased)|(?P<injured>injured|wounded))\s+{GROUP}",
        None,
        ("dead", "deceased", "injured", "wounded"),
        (40, 60),
    ),
    # "shot four people", "shooting two men", "striking five teenagers"
    (
        rf"\b(?:(?P<killed>fatally\s+(?:shot|shooting|shoots))|(?P<shot>shot|shooting|shoots|striking|hitting))\s+(?:at\s+least\s+)?{NUM}\s+"
        rf"{ADJ}{PEOPLE}\b",
        None,
        ("shot", "shoot", "strik", "hit"),
        (40, 100),
    ),
    # "killing two", "wounding three people", "left two dead", "sent four to the hospital"
    (
        rf"\b(?:(?P<killed>killing|killed|kills|kill)|(?P<injured>injuring|wounding|"
        rf"injured|wounded|hurting)|(?P<arrested>arrested))\s+(?:(?:his|her|their)\s+)?{NUM}\b"
        rf"(?!\s*-?\s*year)",
        None,
        None,
        (40, 60),
    ),
    (
        rf"\b(?:leaving|left)\s+{NUM}\s+{ADJ}{PEOPLE}?\s*(?:{ANY_ROLE})\b",
        None,
        ("left", "leaving"),
        (80, 40),
    ),
    (
        rf"\bsen(?:t|ding)\s+{NUM}\s+{ADJ}{PEOPLE}?\s*to\s+(?:the\s+|a\s+)?(?P<shot>"
        rf"hospitals?)\b",
        None,
        ("sent", "sending"),
        (60, 40),
    ),
    # "a 23-year-old man died", "a woman was shot and killed", "another was wounded"
    (
        rf"{SINGLE}\s+(?:who\s+(?:[\w'’-]+\s+){{1,4}}?(?=was\s|were\s|is\s)|who\s+|,\s+)?"
        rf"(?:{BE}+(?:{ANY_ROLE})\b{NO_OBJECT}|"
        r"(?P<killedx>died|later\s+died)\b)",
        "1",
        None,
        (160, 100),
    ),
    # "killed five people and wounded a 6-year-old girl"
    (
        rf"\b(?:(?P<killed>killing|killed|kills)|(?P<injured>injuring|wounding|wounded|"
        rf"injured))\s+{SINGLE}\b",
        "1",
        ("kill", "injur", "wound"),
        (40, 80),
    ),
    # "shot and killed his wife", "wounding her son", "injuring another"
    (
        rf"\b(?:(?P<killed>killing|killed|kills|fatally\s+(?:shot|shooting|wounded|wounding))|"
        rf"(?P<injured>(?:{ADVERB}\s+)?(?:injuring|wounding|wounded|injured)))\s+"
        rf"(?P<single>(?:his|her|their)\s+{LADJ}{NOUN}|another|the\s+other(?:\s+{NOUN})?)"
        rf"(?![\w-])(?!\s+(?:and|,))",
        "1",
        ("kill", "fatally", "injur", "wound"),
        (40, 60),
    ),
    # "one was shot in the leg, another in the arm and a third in the back" (the role word
    # is the one before: a longer reach)
    (
        rf"(?:(?<=,\s)|(?<=\sand\s))(?P<single>another|a\s+(?:second|third|fourth|fifth))"
        rf"(?:\s+{NOUN})?\s+"
        rf"(?P<shot>in\s+the\s+(?:(?:left|right|upper|lower)\s+)?{BODY})\b"
        rf"(?!\s+(?:seat|yard|door|window|room|porch|of)\b)",
        "1",
        ("another", "second", "third", "fourth", "fifth"),
        (200, 80),
    ),
    # "shot his 9-year-old son to death", "shot her boyfriend in the leg"
    (
        rf"\b(?P<shotx>shot|shooting|shoots)[^\S\n]+"
        rf"(?P<single>(?:his|her|their|a|an)[^\S\n]+{LADJ}{NOUN}(?:[^\S\n]+{NOUN})?)"
        rf"(?:\s+(?P<killed>to\s+death|dead)\b|(?![\w-])(?!\s+(?:and|,)))",
        "1",
        ("shot", "shooting", "shoots"),
        (60, 40),
    ),
    # "a wounded 12-year-old girl"
    (
        rf"\b(?P<single>(?:a|an)\s+(?:\w+ly\s+)?(?P<shot>wounded|injured)\s+{LADJ}{NOUN})\b",
        "1",
        ("wounded", "injured"),
        (40, 60),
    ),
    # "left a 3-year-old girl dead and a man wounded"
    (
        rf"\b(?:leaving|left|and)\s+{SINGLE}\s+(?:{ANY_ROLE})\b{NO_OBJECT}",
        "1",
        None,
        (160, 60),
    ),
    # "the boy remained in critical condition", "he was pronounced dead": someone already
    # introduced, so a fallback count only (see dedup.factcheck.summary)
    (
        rf"\b(?P<definite>(?:the|his|her|their)\s+{ADJ}{NOUN}|he|she)\s+(?:who\s+|,\s+)?"
        rf"(?:{BE}+(?:{ANY_ROLE})\b{NO_OBJECT}|(?P<killedx>died|later\s+died)\b)",
        "1",
        None,
        (160, 100),
    ),
    (
        rf"\banother\s+(?:{PEOPLE}\s+|{NOUN}\s+)?{WHO}{BE}*(?:{ANY_ROLE})\b{NO_OBJECT}",
        "1",
        ("another",),
        (80, 60),
    ),
    (r"\b(?P<killed>(?:shooting\s+)?death\s+of\s+(?:a|an)\s)", "1", ("death of",), (40, 40)),
    # "a double homicide", "triple shooting", "murder-suicide"
    (
        r"\b(?P<mult>double|triple|quadruple)\s+(?:(?P<killed>homicide|murder|slaying|"
        r"killing)(?P<suicide>[\s-]+suicide)?|(?P<shot>shooting))s?\b",
        "*",
        ("double", "triple", "quadruple"),
        (40, 40),
    ),
    (
        r"(?<!attempted\s)\b(?P<killed>murder-suicide|murder\s+suicide)\b",
        "2",
        ("suicide",),
        (40, 40),
    ),
    # "the loss of lives", "lives were lost": killed, count not stated
    (
        r"\b(?P<killed>loss\s+of\s+(?:\w+\s+)?lives?|lives\s+(?:were\s+|have\s+been\s+)?lost)"
        r"\b",
        "",
        ("lives",),
        (40, 40),
    ),
)
