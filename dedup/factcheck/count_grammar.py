"""The phrases counts of people are made of: role words, people, numbers, coordinated lists.

Building blocks (regular-expression source text) for dedup.factcheck.count_patterns: who is
counted ("two bailiffs", "a 23-year-old man", "Jane Roe, 20, and John Doe, 17"), by which
number ("six", "at least 12", "dozens"), in which role ("were shot and killed", "was listed in
critical condition", "taken to a hospital"), and what is no count ("two men shot a woman": an
active verb with its object is someone else's act).
"""

from __future__ import annotations

from dedup.factcheck.numbers import NUMBER_PATTERN
from dedup.factcheck.qualifiers import VAGUE_PATTERN

ROLES = ("killed", "injured", "shot", "arrested", "missing", "displaced")

_ROLE_WORDS = {
    "killed": r"shot\s+and\s+killed|shot\s+(?:to\s+death|dead)|gunned\s+down|killed|dead|died|"
    r"slain|murdered|fatally\s+(?:shot|wounded|injured|stabbed)|lost\s+their\s+lives|"
    r"pronounced\s+dead|found\s+dead|passed\s+away|mortally\s+(?:wounded|injured)",
    "injured": r"shot\s+and\s+(?:\w+ly\s+)?(?:wounded|injured)|injured|wounded|hurt|"
    r"hospitali[sz]ed|treated\s+for\s+(?:gunshot\s+)?(?:wounds|injuries)|in\s+(?:\w+ly\s+)?(?:critical|serious|stable|"
    r"fair|good)\s+condition|(?:sustained|suffered|received)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:injuries|wounds?)|in\s+(?:the\s+)?hospital|"
    r"treated\s+(?:and\s+released|at\s+(?:a|the|an?\s+\w+|\w+)\s+hospitals?)|"
    r"(?:at|in)\s+(?:a|an\s+area|area|local)\s+hospitals?|"
    r"(?:with|has|have|had)\s+(?:non-?\s?life-?\s?threatening|minor)\s+(?:injuries|wounds)|"
    r"with\s+(?!(?:[\w-]+\s+){0,2}?gunshot)(?:[\w-]+\s+){0,3}?(?:injuries|wounds)|"
    r"fighting\s+for\s+(?:his|her|their)\s+li(?:fe|ves)|clinging\s+to\s+life",
    "shot": r"shot|grazed|struck\s+by\s+(?:gunfire|bullets?)|hit\s+by\s+(?:gunfire|bullets?)|"
    r"suffering\s+from\s+(?:[\w-]+\s+){0,2}?wounds?|"
    # hit, whatever became of them: "with gunshot wounds", "taken to a hospital"
    r"with\s+(?:[\w-]+\s+){0,2}?(?:a\s+)?gunshot\s+(?:wounds?|injuries)|"
    r"(?:taken|transported|rushed|airlifted|flown)\s+to\s+(?:[\w'’.-]+\s+){0,4}?hospitals?",
    "arrested": r"arrested|detained|taken\s+into\s+custody|in\s+custody|charged",
    "missing": r"missing|unaccounted\s+for",
    "displaced": r"displaced|evacuated|homeless|fled\s+their\s+homes",
}
ANY_ROLE = "|".join(f"(?P<{role}>{words})" for role, words in _ROLE_WORDS.items())
# "fatally" and "mortally" are not hedges: they make "shot" and "injured" a death.
BE = (
    r"(?:(?:were|was|are|is|have\s+been|has\s+been|had\s+been|been|got|remain|remains|"
    r"remained|listed|wound\s+up|ended\s+up|also|all|both|each|reportedly|later|(?!fatally|mortally)\w+ly|"
    r"(?:has|have|had)(?=\s+died)|found(?=\s+(?:shot|stabbed|slain|murdered|fatally)))\s+)"
)
# A relative clause: "two women who died", "a man and a woman who were shot".
WHO = r"(?:(?:who|that)\s+)?"
# A coordinated subject takes a plural verb: "A and B were shot"; "A and B, was shot" is not one.
BE_PLURAL = r"(?:(?!was\b|is\b|has\b)" + BE[3:]
# An active verb followed by its object is someone else's act ("two men shot a woman").
NO_OBJECT = (
    r"(?!\s+(?:and\s+(?:killed|wounded|injured)\s+)?(?:a|an|the|his|her|their|its|him|them|me|us|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|\d+|himself|herself|themselves|(?-i:[A-Z][a-z]+\s+[A-Z]))\b)"
)
PEOPLE = (
    r"(?:people|persons|person|men|man|women|woman|children|child|kids|kid|teens|teen|teenagers|"
    r"teenager|boys|boy|girls|girl|grandchildren|victims|victim|officers|officer|others|civilians|citizens|"
    r"residents|students|adults|adult|individuals|suspects|suspect|bystanders|brothers|sisters|"
    r"relatives|members|soldiers|police|policemen|deputies|family\s+members|of\s+them|"
    r"juveniles|males|females|young\s+men|more|other)"
)
_STOP = (
    r"(?!(?:that|who|whose|whom|which|including|among|and|or|but|were|was|is|are|left|in|at|on|by|after|from|with|"
    r"to|had|have|has|said|says)\b)"
)
# Modifiers stay within a line: a headline or dateline does not modify the next paragraph.
ADJ = rf"(?:{_STOP}[\w'’-]+[^\S\n]+){{0,3}}?"
# A count, not an age ("13 year old") nor a time ("10:30").
NUM = (
    # (The lookahead only skips, cheaply, words whose first letter no number or hedge has.)
    rf"(?<![:.,$])(?=[\dabdefhmnostuz])(?:(?:at\s+least|about|some|nearly|more\s+than|over|"
    rf"up\s+to|as\s+many\s+as|almost|an\s+estimated)\s+)?"
    rf"(?:(?P<vague>{VAGUE_PATTERN})|(?P<num>{NUMBER_PATTERN})(?![^\S\n]*-?[^\S\n]*years?\b))"
)
NOUN = (
    r"(?:man|woman|boy|girl|teen|teenager|person|child|toddler|infant|baby|officer|deputy|"
    r"trooper|student|resident|victim|suspect|gunman|shooter|driver|passenger|father|mother|"
    r"son|daughter|husband|wife|clerk|employee|worker|bystander|customer|security\s+guard|male|"
    r"female|juvenile|girlfriend|boyfriend|friend|brother|sister|\d+-year-old|cashier|hunter|"
    r"(?:ex-)?(?:wife|husband)|grandmother|grandfather|uncle|aunt|cousin|nephew|niece|neighbor|"
    r"roommate)"
)
# A counted group names its people, known ("victims") or not ("bailiffs").
GROUP = (
    rf"(?:{PEOPLE}|(?-i:(?!(?:this|his|its|has|was|is|yes|perhaps|always|towards|afterwards|"
    rf"whereas|seconds|minutes|hours|days|weeks|months|years|times|shots|rounds|bullets|"
    rf"kilometres|kilometers|metres|meters|miles|feet|yards|inches|pounds|tons|tonnes|acres|"
    rf"hectares|degrees|dollars|euros|percent|votes|points|goals|runs|yards)\b)"
    rf"[a-z]+[^su\W]s))\b"
)
SINGLE = (
    rf"(?P<single>\b(?:a|an|one)\s+(?:(?:\d+|[a-z]+(?:-[a-z]+)*)-year-old\s+|[\w'’-]+\s+){{0,3}}?"
    rf"{NOUN}|\b(?:a|an)\s+(?:\d+|[a-z]+(?:-[a-z]+)?)-year-old|\b(?:a|an)\s+(?:second|third|fourth|fifth|sixth)\b)"
)
BODY = (
    r"(?:arm|arms|leg|legs|head|chest|back|foot|feet|hand|shoulder|neck|stomach|abdomen|torso|"
    r"face|hip|thigh|buttocks?|side|knee|ankle|wrist|groin|elbow|jaw|cheek|eye)"
)
# How someone was hurt: "critically wounding her son".
ADVERB = r"(?:critically|seriously|severely|gravely|badly|accidentally|fatally|mortally)"
# Coordinated victims, each conjunct one person or a counted group: "a 5-year-old girl and a
# 34-year-old woman", "two bailiffs and the shooter", "Jane Roe, 20, and John Doe, 17".
_DET = r"(?:a|an|one|the|his|her|their|its|another|(?-i:[A-Z][\w'’-]*['’]s))"
# Modifiers inside a conjunct: no article and no verb ("killing a father" is not one).
LADJ = rf"(?:{_STOP}(?!(?:a|an|the)\b|\w+ing\b)[\w'’-]+[^\S\n]+){{0,3}}?"
# A noun may carry its name and age: "her brother Daveon, 15", "his wife, Ann Lee".
_NAMED = (
    r"(?:[^\S\n]+(?-i:[A-Z][a-z'’]+(?:[^\S\n]+[A-Z][\w'’-]*\.?){0,2}))?"
    r"(?:,[^\S\n]+\d{1,3}(?=,))?"
)
_CONJ_ONE = rf"{_DET}\s+{LADJ}{NOUN}{_NAMED}"
_CONJ_NEXT = rf"(?:{_DET}\s+)?{LADJ}{NOUN}{_NAMED}"
_CONJ_NUM = rf"(?:(?:his|her|their|its)\s+)?{NUMBER_PATTERN}\s+{LADJ}{GROUP}"
# A name counts as a victim only with an age: "20-year-old Jane Roe", "Jane Roe, 20,".
_NAME = r"(?-i:[A-Z][a-z'’]+(?:[^\S\n]+[A-Z][\w'’-]*\.?){1,3})"
_CONJ_NAME = rf"(?:\d+[\s-]year[\s-]old[^\S\n]+{_NAME}|{_NAME},[^\S\n]+\d{{1,3}}(?=,))"
# Two people named without ages: "Joe Zangaro and Ron Kienzle were killed"; no place or body.
_PERSON = (
    r"(?-i:(?!(?:[A-Z]\w+\s+){0,3}(?:County|Police|Department|Hospital|Center|Street|Avenue|Road|"
    r"University|College|School|Church|City|Park|Office|Court|Courthouse|News|Live|Station)\b)"
    r"[A-Z][a-z'’]+(?:[^\S\n]+[A-Z][a-z'’]+\.?){1,3})"
)
NAMES_PAIR = rf"(?P<pair>{_PERSON}[^\S\n]+and[^\S\n]+{_PERSON})"
_PRONOUN = r"(?-i:[Hh]e|[Ss]he|him|her|himself|herself)(?=\s+and\s)"
_FIRST = rf"(?:{_CONJ_NUM}|{_CONJ_ONE}|{_CONJ_NAME}|{_PRONOUN})"
_NEXT = rf"(?:{_CONJ_NUM}|{_CONJ_NEXT}|{_CONJ_NAME})"
# The last conjunct follows "and": "A, B" without it is an apposition ("her husband, John").
# Words that can start a conjunct: a cheap test that spares the full pattern at every other word.
_LIST_START = (
    r"(?=(?-i:[A-Z\d])|(?:a|an|one|the|his|her|their|its|another|he|she|him|two|three|four|five|"
    r"six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen|twenty|thirty|forty|fifty)\b)"
)
_SP = r"[^\S\n]"  # a list stays within one line
LIST = rf"{_LIST_START}(?P<list>{_FIRST}(?:{_SP}*,{_SP}*{_NEXT})*{_SP}*,?{_SP}+and{_SP}+{_NEXT})"
