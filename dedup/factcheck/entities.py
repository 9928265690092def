"""Names in an article, typed: person, place, organisation or other name.

Capitalised runs are found by one regular expression; a sentence-initial word counts only when
the article also writes it capitalised mid-sentence (so "However" and "The" do not). Typing uses
what a reader uses: a title ("Sgt.", "President") or an age ("Dale Corbin, 22") or a known given
name (1990 US Census lists) before a surname makes a person, and so does a surname of a person
already named; a place word ("County", "Street", "block of") or a known place (GeoNames: every
country, US state and county, and city of 15,000 people or more) after a preposition of place
makes a place; organisation words ("Council", "Department", "Committee") make an organisation.
The lists ship as data files in the package (see scripts/build_names.py): nothing is downloaded.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from dedup.segment import Sentence

_NAME = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sgt|Capt|Sen|Rep|Gov|Rev|St|Cpl|Det)\.[ ]+)?"
    r"[A-Z][\w’'-]*[a-z][\w’'-]*(?:[ ]+(?:(?:of|the|de|for|van|von|bin|al)[ ]+){0,2}"
    r"(?:[A-Z]\.[ ]+)?[A-Z][\w’'-]*[a-z][\w’'-]*)*(?:[ ]+(?:Jr|Sr)\.?)?"
)
_OPENING = re.compile(r"[\"“‘(]\s*$")
_DEMONYM = re.compile(r"(?:ian|ians|ani|anis|ese|ish|ean|eans|ans|ic|ics|ites?|eris?|is)$")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_TITLE_WORDS_LIST = (
    "Mr Mrs Ms Dr Gen Lt Col Sgt Capt Cpl Det Sen Rep Gov Officer Deputy Sheriff Chief "
    "President Minister Secretary Judge Pastor Rev Mayor Prime Detective Sergeant Captain "
    "Lieutenant Corporal Trooper Senator Governor Representative Commissioner Director "
    "Superintendent Attorney Prosecutor Coach Father Sister Brother Professor Prof Justice "
    "Inspector Constable Agent Councilman Councilwoman Spokesman Spokeswoman"
)
_TITLE_WORDS = frozenset(_TITLE_WORDS_LIST.split())
_TITLE_BEFORE = re.compile(
    r"(?:^|\s)(?:spokesman|spokeswoman|spokesperson|ombudsman|official|resident|victim|suspect|"
    r"director|chief|officer|attorney|lawyer|prosecutor|coach|manager|owner|neighbor|neighbour|"
    r"witness|friend|identified\s+as|named|son|daughter|wife|husband|mother|father|brother|"
    r"sister|boyfriend|girlfriend|actor|actress|singer|star|player|fighter|champion)[,]?\s+$",
    re.IGNORECASE,
)
_AGE_AFTER = re.compile(r"^,\s*\d{1,3}\s*[,;.)]|^\s*\(\d{1,3}\)|^\s+said\b|^\s+told\b|^\s+says\b")
_AGE_BEFORE = re.compile(r"\d\s*-?\s*years?\s*-?\s*old\s+$", re.IGNORECASE)
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|near|outside|across|into|from|at|to|towards|toward|of|on|off|through|"
    r"downtown|northern|southern|eastern|western|central)\s+(?:the\s+)?)$"
)
_BLOCK_BEFORE = re.compile(r"\bblock\s+of\s+(?:\w+\s+)?$", re.IGNORECASE)
_PLACE_WORDS = re.compile(
    r"\b(?:County|City|Town|Township|Village|Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Boulevard|"
    r"Blvd|Lane|Ln|Court|Ct|Place|Way|Highway|Freeway|Parkway|Interstate|Park|Parish|Region|"
    r"Province|District|Valley|Heights|Island|Islands|Beach|Hospital|Medical\s+Center|Center|"
    r"Centre|Clinic|Airport|Station|Square|Bridge|River|Lake|Mountain|Mount|Mt|Hill|Hills|"
    r"Terrace|Loop|Circle|Plaza|Mall|Stadium|Arena|Church|Cathedral|Mosque|Temple|Hotel|"
    r"Motel|Apartments|Bar|Restaurant|Saddle|Hut|Gully|Glacier|Peninsula|Coast|Bay|Gulf|"
    r"Sea|Ocean|Strait|Corridor|Camp|Base|Prison|Jail|Penitentiary)$"
)
_ORG_WORDS = re.compile(
    r"\b(?:Council|Committee|Commission|Department|Dept|Ministry|Agency|Administration|Bureau|"
    r"Office|Service|Services|Union|Association|Federation|Foundation|Institute|Organization|"
    r"Organisation|Corporation|Corp|Inc|Company|Co|Ltd|Group|Party|Police|Army|Navy|Forces|"
    r"Guard|Court|Congress|Senate|Parliament|Assembly|Government|University|College|School|"
    r"Academy|Bank|Fund|Network|News|Times|Post|Press|Journal|Herald|Tribune|Gazette|Radio|"
    r"TV|Television|Reuters|Club|Team|Church|Board|Authority|Patrol|Marshals|Coalition|Alliance|"
    r"Society|Red\s+Cross|Nations|Cross)\b"
)
_NOT_NAMES_LIST = (
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept "
    "Oct Nov Dec I AM PM A An The Our We You They He She It His Her Their Its This That These "
    "Those There Here What When Where Why How Who Which While After Before During Since Until If "
    "Although Though But And Or So Yet Also Then Now Today Tonight Yesterday Tomorrow Mom Dad "
    "God Lord Internet Web Facebook Twitter Instagram YouTube Google Photo Video Click Read "
    "Share Comment Copyright Story Update Updated Breaking News"
)
_NOT_NAMES = frozenset(_NOT_NAMES_LIST.split())
_NUMBER_WORDS_LIST = (
    "One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Fourteen Fifteen "
    "Sixteen Seventeen Eighteen Nineteen Twenty Thirty Forty Fifty Sixty Seventy Eighty Ninety "
    "Hundred Thousand Million Billion Dozens Hundreds Thousands First Second Third"
)
_NUMBER_WORDS = frozenset(_NUMBER_WORDS_LIST.split())
_DEMONYMS_LIST = (
    "Greek Greeks Turk Turks Kurd Kurds Pole Poles Swiss French Dutch Thai Iraqi Iraqis Israeli "
    "Israelis Pakistani Pakistanis Saudi Saudis Afghan Afghans Arab Arabs Briton Britons Scot "
    "Scots Welsh Irish English Spanish Danish Swedish Finnish Jew Jews Muslim Muslims Christian "
    "Christians Catholic Catholics Sunni Shia Shiite Shiites Yemeni Yemenis Somali Somalis "
    "Bangladeshi Nepali Filipino Filipinos Latino Latinos Hispanic Hispanics Democrat Democrats "
    "Republican Republicans"
)
_DEMONYMS = frozenset(_DEMONYMS_LIST.split())


_STREET_TYPE = (
    r"(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Drive|Dr\.|Boulevard|Blvd\.|Lane|Ln\.|Court|Ct\.|"
    r"Way|Place|Terrace|Parkway|Pkwy\.|Highway|Hwy\.|Freeway|Loop|Circle|Trail|Pike|Expressway|"
    r"(?i:street|avenue|road|drive|boulevard|lane))"
)
_STREET_END = re.compile(rf"\b{_STREET_TYPE}$")
_DIRECTION = (
    r"(?:[NSEW]\.(?:[EW]\.)?|North|South|East|West|Northeast|Northwest|Southeast|Southwest)"
)
_STREET = (
    rf"(?:{_DIRECTION}[ ]+)?(?:\d+(?:st|nd|rd|th)|[A-Z][\w'’-]*)(?:[ ]+[A-Z][\w'’-]*){{0,3}}"
    rf"[ ]+{_STREET_TYPE}(?!\w)"
)
# "the 5500 block of Trevor Drive", "N.W. 25th Avenue & 102nd Street", "35 Golfview Drive",
# "State Route 94", "U.S. 17-92": where an incident happened, as a reader writes it down.
_ADDRESS = re.compile(
    r"(?<!\w)(?=[A-Za-z0-9])(?:"
    rf"(?:\b(?:the[ ]+)?\d{{1,6}}[ ]+block[ ]+of[ ]+|\b\d{{1,6}}[ ]+)?{_STREET}"
    rf"(?:[ ]*(?:and|&)[ ]*{_STREET})?"
    r"|\b(?:State[ ]+Route|Route|Interstate|U\.S\.(?:[ ]+(?:Route|Highway))?)[ ]?\d+(?:-\d+)?\b"
    r")"
)


@dataclass(frozen=True, slots=True)
class NameMention:
    """A capitalised name at text[start:end] with its type: person, place, org or name."""

    kind: str
    value: str
    start: int
    end: int
    address: bool = False
    # How the article names it, a title included ("Sgt. Tim Gauerke"); the value if empty.
    shown: str = ""


@functools.cache
def places() -> dict[str, int]:
    """Known place names and their rank (2: country, US state, city of 100,000 or more)."""
    lines = resources.files("dedup.factcheck").joinpath("data/places.tsv").read_text("utf-8")
    known: dict[str, int] = {}
    for line in lines.splitlines():
        if line and not line.startswith("#"):
            name, rank = line.split("\t")
            known[name] = int(rank)
    return known


@functools.cache
def given_names() -> frozenset[str]:
    """Known given names (title case)."""
    lines = resources.files("dedup.factcheck").joinpath("data/given_names.txt").read_text("utf-8")
    return frozenset(line for line in lines.splitlines() if line and not line.startswith("#"))


def _candidates(
    text: str, sentences: tuple[Sentence, ...]
) -> list[tuple[str, int, int, int | None]]:
    """(value, start, end, title start) for each capitalised run, sentence-initial words and
    titles stripped where they are not part of the name (the title's start, or None)."""
    starts = {sentence.start for sentence in sentences}
    matches = list(_NAME.finditer(text))
    mid_sentence: set[str] = set()
    for match in matches:
        lead = text[max(0, match.start() - 2) : match.start()]
        if match.start() not in starts and not _OPENING.search(lead):
            mid_sentence.add(match.group(0).split()[0])
    found = []
    for match in matches:
        words = match.group(0).split()
        start = match.start()
        lead = text[max(0, start - 2) : start]
        initial = start in starts or _OPENING.search(lead)
        keep = len(words) >= 2 and words[0] in given_names()
        if initial and words[0] not in mid_sentence and not keep:
            if len(words) == 1:
                continue
            start += len(words[0]) + 1
            words = words[1:]
        while words and (words[0] in _NOT_NAMES or words[0] in _NUMBER_WORDS):
            start += len(words[0]) + 1
            words = words[1:]
        titled = [i for i, word in enumerate(words[:-1]) if word.rstrip(".") in _TITLE_WORDS]
        title_start = start if titled else None
        if titled:
            cut = titled[-1] + 1
            start += len(" ".join(words[:cut])) + 1
            words = words[cut:]
        while words and (words[-1] in _NOT_NAMES or words[-1] in _NUMBER_WORDS):
            words = words[:-1]
        value = _POSSESSIVE.sub("", " ".join(words))
        if len(value) < 2 or value in _DEMONYMS:
            continue
        if len(words) == 1 and _DEMONYM.search(value) and value not in places():
            continue
        found.append((value, start, start + len(" ".join(words)), title_start))
    return found


def _kind(text: str, value: str, start: int, end: int, *, titled: bool) -> str:
    words = value.split()
    before = text[max(0, start - 40) : start]
    after = text[end : end + 12]
    known = places()
    if _STREET_END.search(value):
        return "place"
    if _PLACE_WORDS.search(value) or _BLOCK_BEFORE.search(before):
        return "org" if _ORG_WORDS.search(value) and "Hospital" not in value else "place"
    if _ORG_WORDS.search(value):
        return "org"
    if len(words) >= 2 and known.get(value) and not _TITLE_BEFORE.search(before):
        return "place"
    if titled or (len(words) >= 2 and words[0] in given_names()):
        return "person"
    if _TITLE_BEFORE.search(before) and len(words) >= 2:
        return "person"
    if _AGE_AFTER.match(after) or _AGE_BEFORE.search(before):
        return "person" if len(words) >= 2 or value not in known else "place"
    rank = known.get(value, 0)
    possessive = text[end - 2 : end] in ("'s", "’s") or text[end : end + 2] in ("'s", "’s")
    if possessive:
        return "name"
    if rank and (_PLACE_BEFORE.search(before) or rank == 2 or text[end : end + 1] == ","):
        return "place"
    if _PLACE_BEFORE.search(before) and len(words) <= 2 and words[0] not in given_names():
        lead = re.sub(r"\s+the\s*$", "", before.rstrip())
        return "place" if rank or lead.endswith(("in", "near", "outside")) else "name"
    return "name"


def find_names(text: str, sentences: tuple[Sentence, ...]) -> list[NameMention]:
    """Every name in `text` with its type; a surname alone is a person when the article names
    that person in full."""
    addresses = [
        NameMention("place", m.group(0), m.start(), m.end(), address=True)
        for m in _ADDRESS.finditer(text)
    ]
    typed = [
        NameMention(
            _kind(text, value, start, end, titled=titled is not None),
            value,
            start,
            end,
            shown=text[titled:end] if titled is not None else "",
        )
        for value, start, end, titled in _candidates(text, sentences)
        if not any(a.start < end and start < a.end for a in addresses)
    ]
    surnames = {m.value.split()[-1] for m in typed if m.kind == "person" and " " in m.value}
    named = [
        NameMention("person", m.value, m.start, m.end, shown=m.shown)
        if m.kind in ("name", "place") and m.value.split()[-1] in surnames and " " not in m.value
        else m
        for m in typed
    ]
    return sorted([*named, *addresses], key=lambda m: (m.start, m.end))
