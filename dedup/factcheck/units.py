"""Units a figure can carry, each converted to one base unit per kind so that "60 metres" and
"200 feet" compare (both about 61 m), and nouns reduced to a singular lemma so that "three life
sentences" and "a life sentence" name the same thing."""

from __future__ import annotations

import re

# unit word → (kind, base unit, factor to the base unit)
UNITS: dict[str, tuple[str, str, float]] = {}


def _add(kind: str, base: str, factor: float, words: str) -> None:
    for word in words.split():
        UNITS[word.replace("_", " ")] = (kind, base, factor)


_add("distance", "m", 1.0, "m metre metres meter meters")
_add("distance", "m", 1000.0, "km kms kilometre kilometres kilometer kilometers")
_add("distance", "m", 0.3048, "ft foot feet")
_add("distance", "m", 1609.344, "mile miles mi")
_add("distance", "m", 0.9144, "yard yards yd yds")
_add("distance", "m", 0.0254, "inch inches")
_add("distance", "m", 0.01, "cm centimetre centimetres centimeter centimeters")
_add("weight", "kg", 1.0, "kg kgs kilo kilos kilogram kilograms kilogramme kilogrammes")
_add("weight", "kg", 0.45359237, "lb lbs pound pounds")
_add("weight", "kg", 1000.0, "tonne tonnes metric_ton metric_tons")
_add("weight", "kg", 907.18474, "ton tons")
_add("weight", "kg", 0.001, "gram grams g")
_add("duration", "s", 1.0, "second seconds")
_add("duration", "s", 60.0, "minute minutes")
_add("duration", "s", 3600.0, "hour hours hrs")
_add("duration", "s", 86400.0, "day days")
_add("duration", "s", 604800.0, "week weeks")
_add("duration", "s", 2629800.0, "month months")
_add("duration", "s", 31557600.0, "year years")
_add("duration", "s", 315576000.0, "decade decades")
_add("speed", "km/h", 1.0, "km/h kph kmh")
_add("speed", "km/h", 1.609344, "mph")
_add("area", "m2", 10000.0, "hectare hectares ha")
_add("area", "m2", 4046.8564224, "acre acres")
_add("area", "m2", 2589988.11, "square_mile square_miles")
_add("area", "m2", 1e6, "square_kilometre square_kilometres square_kilometer square_kilometers")
_add("percent", "%", 1.0, "% percent per_cent percentage_points")

UNIT_PATTERN = "|".join(
    re.escape(word).replace(r"\ ", r"\s+") for word in sorted(UNITS, key=len, reverse=True)
)

CURRENCIES = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR"}
CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR",
                  "yen": "JPY", "yuan": "CNY", "rupees": "INR", "pesos": "MXN"}  # fmt: skip
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9,
          "bn": 1e9, "b": 1e9, "trillion": 1e12}  # fmt: skip

_IRREGULAR = {
    "people": "person", "men": "man", "women": "woman", "children": "child", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "geese": "goose", "police": "police", "lives": "life",
    "wives": "wife", "knives": "knife", "thieves": "thief", "series": "series",
    "species": "species", "news": "news", "data": "data", "media": "media", "ko's": "ko",
    "kos": "ko", "staff": "staff", "personnel": "personnel", "crew": "crew", "fish": "fish",
}  # fmt: skip
_KEEP = re.compile(r"(?:ss|us|is|ous|ics)$")


def singular(word: str) -> str:
    """The singular lemma of an English noun, lowercase ("shops" → "shop", "lives" → "life")."""
    lower = word.lower().replace("’", "'")
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    if lower.endswith("'s"):
        return lower[:-2]
    if len(lower) <= 3 or _KEEP.search(lower):
        return lower
    if lower.endswith("ies") and len(lower) > 4:
        return lower[:-3] + "y"
    if re.search(r"(?:ches|shes|xes|zes|sses)$", lower):
        return lower[:-2]
    if lower.endswith("s"):
        return lower[:-1]
    return lower


def is_plural(word: str) -> bool:
    """Whether a noun looks plural ("shops", "people", "KO's"); singular nouns in "s" aside."""
    lower = word.lower().replace("’", "'")
    if lower in _IRREGULAR:
        return lower not in ("series", "species", "news", "staff", "fish")
    return singular(lower) != lower
