"""The curated knowledge base (data/kb.json): canonical people and organisations with their aliases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .names import fold
from .resources import load_json


@dataclass(frozen=True)
class KnownEntity:
    key: str
    type: str  # "person" | "org"
    name: str
    aliases: tuple[str, ...]
    note: str | None
    described_as: tuple[str, ...] = ()  # how articles describe it without naming it: `Britain-based`


def entity_key(type_: str, name: str) -> str:
    """Stable id of an entity: its type and a slug of its canonical name."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return f"{type_}:{slug}"


@cache
def known_entities() -> tuple[KnownEntity, ...]:
    data = load_json("kb.json")
    out = []
    for type_, section, note_field in (("person", "people", "office"), ("org", "orgs", "kind")):
        for item in data[section]:
            out.append(
                KnownEntity(
                    key=entity_key(type_, item["name"]),
                    type=type_,
                    name=item["name"],
                    aliases=tuple(dict.fromkeys([item["name"], *item["aliases"]])),
                    note=item.get(note_field),
                    described_as=tuple(item.get("described_as", ())),
                )
            )
    return tuple(out)


@cache
def by_key() -> dict[str, KnownEntity]:
    return {e.key: e for e in known_entities()}


@cache
def by_alias() -> dict[str, KnownEntity]:
    """Exact alias (case kept) to entity; a lowercase alias is matched case-insensitively elsewhere."""
    index: dict[str, KnownEntity] = {}
    for e in known_entities():
        for alias in e.aliases:
            index.setdefault(alias, e)
            if alias.lower().startswith("the "):
                index.setdefault(alias[4:], e)
    return index


def office(key: str) -> str | None:
    """A knowledge-base person's office (`President of Syria`), for matching descriptions of them."""
    known = by_key().get(key)
    return known.note if known is not None and known.type == "person" else None


def description_words(key: str) -> frozenset[str]:
    """The words a knowledge-base entity is described by (`britain`, `based`), for matching `the
    Britain-based group` to it when the article never says so next to its name."""
    known = by_key().get(key)
    if known is None:
        return frozenset()
    return frozenset(w for d in known.described_as for w in re.findall(r"[a-z]+", d.lower()))


@cache
def _org_prefixes() -> dict[str, frozenset[str]]:
    """Folded first words (two or more, not the whole) of organisations' aliases to their keys."""
    index: dict[str, set[str]] = {}
    for e in known_entities():
        if e.type != "org":
            continue
        for alias in e.aliases:
            words = fold(alias).split()
            for n in range(2, len(words)):
                index.setdefault(" ".join(words[:n]), set()).add(e.key)
    return {k: frozenset(v) for k, v in index.items()}


def org_completions(text: str) -> frozenset[str]:
    """Keys of the organisations whose name the text begins without finishing: `Russian Aerospace` of the
    Russian Aerospace Forces, `Syrian National` of both the Coalition and the Council (scraping cut it)."""
    return _org_prefixes().get(fold(text), frozenset())
