"""Full names of people in a batch of scanned texts: a known given name, then a surname.

A victim's or a suspect's full name ("Allenwgia Pope", "Allen Ormond") ties a follow-up
published weeks later to its incident, where the rest of the wording has moved on (an arrest,
a court date, a vigil). A full name is a given name from the 1990 US Census lists that the
facts stage ships (`dedup.factcheck.entities.given_names`), written capitalised, then a
capitalised word (after a middle initial, if any), separated by single spaces. The surname
must not be a word that makes the pair a place, an organisation or a date ("Lincoln Park",
"Jackson Police", "Grant Street").

Spellings are judged once each (`dedup.spellings` keeps the judgement with the spelling);
a batch's names are then found with a few array operations over its tokens.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from dedup.factcheck.entities import given_names
from dedup.scan import SPACE, STOP, Scan
from dedup.tokens import WORD

I8 = npt.NDArray[np.int8]
I64 = npt.NDArray[np.int64]

OTHER, CAPITALISED, GIVEN, INITIAL, NOT_SURNAME, FOLLOWER, BY = range(7)

# Words that may follow a full name: a suffix, or the day or month of what the person did
# ("said Allen Ormond Tuesday").
_FOLLOWERS_LIST = """Jr Sr II III IV Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April May June July August September October November December"""
_FOLLOWERS = frozenset(_FOLLOWERS_LIST.split())
# Capitalised words that end a place, an organisation or a date rather than a person's name.
_NOT_SURNAMES_LIST = """Street St Avenue Ave Road Rd Drive Dr Boulevard Blvd Lane Ln Court Ct
    Place Pl Way Highway Hwy Parkway Pkwy Freeway Expressway Trail Circle Terrace Square Plaza
    Park Parks
    County City Town Township Parish Village Heights Hills Hill Creek Lake River Valley Beach
    Bay Island Springs Falls Ridge Grove Woods Gardens Station Airport Center Centre Mall
    Hospital Clinic Medical School Elementary Middle High Academy University College Church
    Chapel Cemetery Police Sheriff Sheriffs Department Dept Fire Rescue Patrol Office Court
    Jail Prison Correctional News Times Post Herald Tribune Journal Daily Radio TV Channel
    Chronicle Sentinel Gazette Bureau Regional Foundation Association Company Corp Inc Group
    Team Club Hall House Tower Towers Apartments Homes Estates Memorial North South East West
    Northeast Northwest Southeast Southwest"""
_NOT_SURNAMES = frozenset(_NOT_SURNAMES_LIST.split())


def name_part(spelling: str) -> int:
    """How a spelling can take part in a full name: GIVEN (a known given name, written
    capitalised), INITIAL (one capital letter), CAPITALISED (a capitalised word that can be a
    surname), NOT_SURNAME (a capitalised word of a place or an organisation), FOLLOWER (a
    suffix, a day or a month), BY (a byline's "By") or OTHER."""
    if spelling in _FOLLOWERS:
        return FOLLOWER
    if spelling == "By":
        return BY
    if len(spelling) == 1:
        return INITIAL if spelling.isupper() else OTHER
    # "McDonald" is a name word, "POLICE" (a shouted headline) and "iPhone" are not.
    if not (spelling.isalpha() and spelling[0].isupper() and not spelling.isupper()):
        return OTHER
    if spelling in given_names():
        return GIVEN
    return NOT_SURNAME if spelling in _NOT_SURNAMES else CAPITALISED


def full_names(scanned: Scan, parts: I8) -> list[list[str]]:
    """Each text's full names (lowercase "given surname"), in order of appearance, each once.

    `parts`: `name_part` of every token of the scan. A capitalised word right after the
    surname makes the run no name: a longer name of a place or an organisation ("Orlando
    Regional Medical Center"), or a headline written in title case ("Man Shot In Austin").
    Nor is a byline's ("By Elvia Malagon") a name in the story: it is the outlet's reporter.
    """
    texts = scanned.docs.size - 1
    found: list[list[str]] = [[] for _ in range(texts)]
    owner = np.repeat(np.arange(texts, dtype=np.int64), np.diff(scanned.docs))
    # Two tokens of nothing after the last: every look-ahead below stays inside.
    parts = np.r_[parts, OTHER, OTHER].astype(np.int8)
    joiner = np.r_[scanned.joiner, 0, 0].astype(np.int8)
    given = np.flatnonzero(parts == GIVEN)
    # A joiner never crosses texts: texts are joined by a newline.
    spaced = joiner == SPACE
    surname_part = np.isin(parts, (CAPITALISED, GIVEN))
    direct = spaced[given] & surname_part[given + 1]
    initial = spaced[given] & (parts[given + 1] == INITIAL) & (joiner[given + 1] == STOP)
    initial &= surname_part[given + 2]
    surnames = np.where(direct, given + 1, given + 2)[direct | initial]
    given = given[direct | initial]
    continued = spaced[surnames] & np.isin(parts[surnames + 1], _CONTINUING)
    byline = np.zeros(given.size, dtype=bool)
    byline[given > 0] = (parts[given[given > 0] - 1] == BY) & spaced[given[given > 0] - 1]
    given, surnames = given[~(continued | byline)], surnames[~(continued | byline)]
    words, word_at = scanned.words, scanned.word_at
    ends = word_at + (scanned.ends - scanned.starts)
    for first, last, number in zip(
        given.tolist(), surnames.tolist(), owner[given].tolist(), strict=True
    ):
        name = f"{words[word_at[first] : ends[first]]} {words[word_at[last] : ends[last]]}"
        name = name.lower()
        if name not in found[number]:
            found[number].append(name)
    return found


_CONTINUING = (CAPITALISED, GIVEN, NOT_SURNAME)


def names_in(text: str) -> list[str]:
    """`full_names` of one text, token by token with `dedup.tokens.WORD`: the readable
    specification of what `full_names` computes for a batch with arrays (tests compare)."""
    tokens = list(WORD.finditer(text))
    parts = [name_part(token.group()) for token in tokens]

    def joined(at: int, between: str) -> bool:
        return at + 1 < len(tokens) and text[tokens[at].end() : tokens[at + 1].start()] == between

    found: list[str] = []
    for at, token in enumerate(tokens):
        if parts[at] != GIVEN or not joined(at, " "):
            continue
        if at > 0 and parts[at - 1] == BY and joined(at - 1, " "):
            continue
        last = at + 1
        if parts[last] == INITIAL:
            if not joined(last, ". "):
                continue
            last += 1
        if parts[last] not in (CAPITALISED, GIVEN):
            continue
        if joined(last, " ") and parts[last + 1] in _CONTINUING:
            continue
        name = f"{token.group()} {tokens[last].group()}".lower()
        if name not in found:
            found.append(name)
    return found
