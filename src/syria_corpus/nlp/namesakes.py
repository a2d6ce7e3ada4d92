"""Places that share a name: the gazetteer knows one `Midan` (a district of Damascus) and one `Zahraa` (a
town near Aleppo), but Aleppo has a Midan too and Homs a Zahraa district. A mention of a district — or of a
town or village the text calls a neighbourhood or places near another (`al-Safsafah near Tabqa`) — whose
governorate differs from the one governorate of the places around it (in its sentence, else in the whole
article) is that governorate's namesake: its own entity, without the gazetteer's coordinates. Towns and
villages are otherwise left alone: articles name them across governorates (`the Khan Sheikhoun attack`,
in a story from Damascus).
"""

from __future__ import annotations

from dataclasses import replace

from ..knowledge import entity_key
from ..records import Entity, Mention
from ..resources import load_sections
from .primary_place import LOCATIVE

ANCHOR_KINDS = frozenset({"city", "governorate", "region"})  # what places the quarters and villages in it
ONE_AREA = {"Rif Dimashq": "Damascus"}  # the capital and its countryside: news uses one for the other


def localise(
    entities: dict[str, Entity], mentions: list[Mention], body: str
) -> tuple[dict[str, Entity], list[Mention]]:
    """The article's entities and mentions, each mention of a small place that stands apart from the
    governorate of the cities and regions around it (in its sentence, else in the article) moved to that
    governorate's namesake. A round-up can name Damascus's Midan and Aleppo's."""
    syrian = {
        k: e for k, e in entities.items() if e.type == "place" and e.country == "SY" and e.governorate is not None
    }
    anchors = [
        m
        for m in mentions
        if m.entity_key in syrian
        and m.context == "body"
        and syrian[m.entity_key].kind in ANCHOR_KINDS
        and _locative(body, m.start)
    ]
    article = {syrian[m.entity_key].governorate for m in anchors}
    out, twins = [], {}
    for m in mentions:
        e = syrian.get(m.entity_key)
        if e is None or m.context != "body" or not _local(e, m, body):
            out.append(m)
            continue
        if (near := _near(m, mentions, syrian, body)) is not None:
            governorates = {near}  # `al-Safsafah near Tabqa`: where the place it is near lies
        else:
            start, end = _sentence(body, m.start)
            governorates = {syrian[a.entity_key].governorate for a in anchors if start <= a.start < end} or article
        areas = {_area(g) for g in governorates}
        if len(areas) != 1 or _area(e.governorate) in areas:
            out.append(m)
            continue
        governorate = next(iter(governorates)) if len(governorates) == 1 else next(iter(areas))
        twin = twins.get((m.entity_key, governorate)) or replace(
            e,
            key=entity_key("place", f"{e.name} {governorate} SY"),
            governorate=governorate,
            lat=None,
            lon=None,
            aliases=set(e.aliases),
            alternatives=[f"{e.name} ({e.governorate})", *e.alternatives],
        )
        twins[m.entity_key, governorate] = twin
        out.append(replace(m, entity_key=twin.key))
    if not twins:
        return entities, mentions
    used = {m.entity_key for m in out}
    kept = {k: e for k, e in entities.items() if k in used or e.type != "place"}
    return {**kept, **{t.key: t for t in twins.values()}}, out


def _area(governorate: str) -> str:
    return ONE_AREA.get(governorate, governorate)


def _near(m: Mention, mentions: list[Mention], syrian: dict[str, Entity], body: str) -> str | None:
    """The governorate of the place a town or village is said to be near (`Zabadani near the capital
    Damascus`), if the text says so right after it."""
    after = body[m.end : m.end + 8].split()
    if after[:1] != ["near"] or syrian[m.entity_key].kind == "district":
        return None
    for other in mentions:
        if other.entity_key in syrian and other is not m and m.end < other.start <= m.end + 30:
            return syrian[other.entity_key].governorate
    return None


def _locative(body: str, at: int) -> bool:
    """`in Aleppo`, `of the city of Homs`, `near Damascus`: where things are, not `the capital Damascus` or
    `Damascus tactic` (the government) nor `north of the capital Damascus` (a reference point)."""
    words = [w for w in body[max(0, at - 20) : at].lower().split() if w != "the"]
    return bool(words) and words[-1] in LOCATIVE


def _sentence(body: str, at: int) -> tuple[int, int]:
    """The span of the sentence around an offset, by full stops (the analysis has no parse here)."""
    start = body.rfind(". ", 0, at)
    end = body.find(". ", at)
    return (start + 2 if start >= 0 else 0), (end if end >= 0 else len(body))


def _local(place: Entity, m: Mention, body: str) -> bool:
    """A district; or a town or village this mention places as a city quarter or next to another place
    (`the neighbourhood of al-Zahraa`, `Zahraa district`, `al-Safsafah near Tabqa`)."""
    if place.kind == "district":
        return True
    if place.kind not in ("town", "village"):
        return False
    before = body[max(0, m.start - 30) : m.start].lower().replace(",", " ").split()
    after = body[m.end : m.end + 20].lower().replace(",", " ").split()
    return bool(load_sections("place_frames.txt")["quarter"] & {*before, *after}) or after[:1] == ["near"]
