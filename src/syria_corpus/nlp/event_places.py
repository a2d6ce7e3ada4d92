"""Where an event happened: the most specific place in Syria its sentence names.

`Shells fell on al-Midan neighborhood in Aleppo city` happened in al-Midan, not in Aleppo; `strikes in Idlib
province killed five in Saraqeb` in Saraqeb. A place the gazetteer puts in another governorate than the
better-known place beside it is a namesake (`al-Tayba village in the countryside of Salamiyah` is not
Otaybah near Damascus), and a place a shell was fired `from` is not where it fell."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Span

from .. import gazetteer
from ..records import Entity, Mention
from ..resources import load_json
from .entities import place_entity
from .event_words import vocabulary

# smaller first: what a report names to say exactly where; a kind not listed ranks with towns
SPECIFIC = {"district": 0, "camp": 0, "airbase": 0, "crossing": 0, "dam": 0, "village": 1, "town": 2,
            "mountain": 2, "city": 3, "region": 4, "governorate": 5}  # fmt: skip


def event_place(sentence: Span, mentions: list[Mention], entities: dict[str, Entity]) -> str | None:
    """The entity key of where the sentence's event happened, among the places in Syria (below the
    country) it names; None where it names none."""
    text, offset = sentence.text, sentence.start_char  # not the doc's text, which spaCy joins anew each time
    named: list[tuple[int, Entity, bool]] = []  # (offset, place, whether it is where fire came from)
    unmapped: list[tuple[int, Entity, str]] = []  # (offset, a place the gazetteer lacks, the kind its frame says)
    for m in mentions:
        if m.context != "body" or m.type != "place" or not offset <= m.start < sentence.end_char:
            continue
        e = entities.get(m.entity_key)
        came_from = _came_from(text[max(0, m.start - offset - 80) : m.start - offset])
        if e is not None and e.country is None and not came_from and (kind := _framed(text, m, offset)):
            unmapped.append((m.start, e, kind))
        if (
            e is None
            or e.country != "SY"
            or e.kind in ("country", "river")
            or for_a_state(sentence.doc, m, e, text[m.end - offset : m.end - offset + 1])
        ):
            continue
        named.append((m.start, e, came_from))
    found = [(at, e) for at, e, came_from in named if not came_from] or [(at, e) for at, e, _ in named]
    if not found:
        return None
    general = min(found, key=lambda f: (-rank(f[1]), f[0]))[1]
    inside = [f for f in found if not general.governorate or f[1].governorate in (None, general.governorate)]
    at, place = min(inside, key=lambda f: (rank(f[1]), f[0]))
    if unmapped and (chosen := _unmapped_place(unmapped, found, SPECIFIC.get(place.kind or "", 2))) is not None:
        return chosen
    return _around(place, text[max(0, at - offset - 40) : at - offset], entities) or place.key


def _framed(text: str, mention: Mention, offset: int) -> str | None:
    """The kind of place the words around a name make it (`the village of Oweijel`, `al-Sabil neighbourhood`,
    `Harfa village`), from data/events.json framed_kinds; None where they make it none."""
    kinds = load_json("events.json")["framed_kinds"]
    before = text[max(0, mention.start - offset - 24) : mention.start - offset].lower().split()
    after = text[mention.end - offset : mention.end - offset + 16].lower().split()[:1]
    last = mention.text.lower().split()[-1:]
    if len(before) >= 2 and before[-1] == "of" and before[-2] in kinds:
        return kinds[before[-2]]
    return next((kinds[w] for w in after + last if w in kinds), None)


def _unmapped_place(unmapped: list[tuple[int, Entity, str]], found: list[tuple[int, Entity]], best: int) -> str | None:
    """A place the gazetteer lacks, where the sentence frames it as more specific than any it knows, placed
    in Syria in the governorate of the known place nearest after it (`the village of Oweijel just west of
    the city of Aleppo`), else before it: its name kept, without coordinates."""
    for at, e, kind in sorted(unmapped, key=lambda u: (SPECIFIC.get(u[2], 2), u[0])):
        if SPECIFIC.get(kind, 2) >= best:
            return None
        frame = min(found, key=lambda f: (f[0] < at, abs(f[0] - at)))[1]
        if frame.governorate:
            e.country, e.governorate, e.kind = "SY", frame.governorate, kind
            return e.key
    return None


_AROUND = re.compile(
    r"\b(?:outside|near|around|outskirts\s+of|suburbs?\s+of|countryside\s+of|(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of)"
    r"(?:\s+the\s+(?:capital|city))?(?:\s+of)?\s*$",
    re.IGNORECASE,
)


def _around(place: Entity, before: str, entities: dict[str, Entity]) -> str | None:
    """The governorate around a city that is a governorate of its own, where the words before it place the
    event outside the city (`air strikes on an area outside the capital Damascus`: Rif Dimashq), added to
    the article's places; else None."""
    name = load_json("events.json")["countryside"].get(place.name)
    if name is None or not _AROUND.search(before) or (around := gazetteer.lookup(name)) is None:
        return None
    entity = place_entity(around)
    return entities.setdefault(entity.key, entity).key


LOCATIVES = frozenset({"in", "at", "on", "near", "into", "to", "inside", "outside", "targeting", "toward", "towards"})
LOOK_BACK = 8  # words: `evacuated from the two besieged villages of Foua and Kefraya`


_BEARING = re.compile(r"\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s*$|\bkm\s+(?:from|of)\s*$", re.I)


def _came_from(before: str) -> bool:
    """Whether the words before a place make it where people or fire came from (`evacuees from the
    besieged villages of Foua`, `shells fired from Jobar`) or a point a distance is measured from (`in
    Rankus some 30 kilometers north of Damascus`), not where the event happened: `from` is the nearest
    preposition of place before it, or a bearing is."""
    if _BEARING.search(before):
        return True
    for word in reversed(before.lower().split()[-LOOK_BACK:]):
        if word == "from":
            return True
        if word in LOCATIVES:
            return False
    return False


def for_a_state(doc: Doc, mention: Mention, place: Entity, following: str) -> bool:
    """A city standing for its state, not where something happened: `Damascus-led forces` (`following`, the
    character after the mention, a hyphen), `the Damascus regime`, `its Damascus ally`, `Moscow and Damascus
    declared a pause`, `accuse Damascus of`."""
    if following == "-":
        return True
    if place.name not in _seats():
        return False
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    if span.end < len(doc) and doc[span.end].lower_ in _state_nouns():
        return True
    word = span.root
    while word.dep_ == "conj" and word.head is not word:  # `Moscow and Damascus say`
        word = word.head
    return word.dep_ in ("nsubj", "dobj") and word.head.lemma_.lower() in vocabulary().speech


@cache
def _state_nouns() -> frozenset[str]:
    return frozenset(load_json("events.json")["state_nouns"])


@cache
def _seats() -> frozenset[str]:
    return frozenset(load_json("events.json")["state_seats"])


def rank(e: Entity) -> int:
    """How general a place is: 0 a district, 5 a governorate."""
    return SPECIFIC.get(e.kind or "", 2)
