"""Criminal charges: "charged with involuntary manslaughter", "faces a count of failure to store
a firearm", "booked on suspicion of murder".

A charge is a salient fact of a crime report: a fact-checker notes when one report names what
a suspect is charged with and the other does not. The charge is the phrase after the verb, cut
at the first word that ends it ("in", "after", "for", a comma); its `crime` is the word that
names the offence ("manslaughter"), which another report may use in any form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CRIMES = (
    r"murder|manslaughter|homicide|assault|battery|robbery|burglary|kidnapping|carjacking|arson|"
    r"rape|endangerment|possession|trafficking|conspiracy|racketeering|menacing|harassment|"
    r"stalking|trespass\w*|theft|larceny|fraud|obstruction|resisting|evading|fleeing|"
    r"discharg\w+|firearm|weapon|shooting|felony|misdemeanor|negligence|abuse|neglect|"
    r"intimidation|threats?|mischief|vandalism|dui|dwi"
)
_VERB = (
    r"(?:charged\s+with|indicted\s+on|faces?|facing|booked\s+(?:on|for|into\s+\w+\s+on)|"
    r"arrested\s+on|held\s+on|convicted\s+of|pleaded\s+(?:not\s+)?guilty\s+to|accused\s+of)"
    r"(?:\s+(?:a\s+)?(?:felony\s+)?charges?\s+of|\s+suspicion\s+of)?|on\s+suspicion\s+of|"
    r"charges?\s+of"
)
_CHARGE = re.compile(
    rf"\b(?:{_VERB})\s+(?:(?:a|an|one|two|three|four|five|\d+)\s+(?:felony\s+)?counts?\s+of\s+)?"
    r"(?P<charge>[a-z][a-z'’ -]{2,70}?)"
    r"(?=\s+(?:in|after|for|and|but|on|at|while|when|because|from|with|by|as)\b|"
    r"[,.;:()]|$)",
    re.IGNORECASE,
)
_CRIME = re.compile(rf"\b(?:{_CRIMES})\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ChargeMention:
    """A charge at text[start:end]; `crime` is its offence word, lowercase."""

    charge: str
    crime: str
    start: int
    end: int


def find_charges(text: str) -> list[ChargeMention]:
    """Every criminal charge `text` names, in order."""
    found = []
    for match in _CHARGE.finditer(text):
        charge = match.group("charge").strip()
        crimes = _CRIME.findall(charge)
        if not crimes:
            continue
        found.append(
            ChargeMention(charge, crimes[0].lower(), match.start("charge"), match.end("charge"))
        )
    return found
