"""The article's place: where in Syria the reported event happens, not just the most frequent name.

Each Syrian place below country level scores by its mentions: more in the title and the lead, more as
the object of a locative preposition ("in Douma", "near Aleppo"), much less where the name stands for a
government ("Damascus said", "Damascus-led forces").
"""

from __future__ import annotations

from ..records import Entity, Mention

LEAD_CHARS = 300
LOCATIVE = frozenset({"in", "near", "at", "outside", "around", "across", "inside", "into", "from", "on", "of"})


def primary_place(entities: dict[str, Entity], mentions: list[Mention], body: str) -> str | None:
    scores: dict[str, float] = {}
    first: dict[str, int] = {}
    for m in mentions:
        e = entities.get(m.entity_key)
        if e is None or e.type != "place" or e.country != "SY" or e.kind == "country":
            continue
        if m.context not in ("body", "title"):
            continue
        weight = 1.0
        if m.context == "title" or m.start < LEAD_CHARS:
            weight += 2.0
        before = body[max(0, m.start - 12) : m.start].split() if m.context == "body" else []
        locative = bool(before) and before[-1].lower() in LOCATIVE
        if locative:
            weight += 1.5
        elif e.metonym:  # `Damascus said`, `Damascus-led forces`: a government, not where things happen
            weight *= 0.3
        scores[e.key] = scores.get(e.key, 0.0) + weight
        first.setdefault(e.key, m.start if m.context == "body" else -1)
    if not scores:
        return None
    return max(scores, key=lambda k: (scores[k], -first[k]))
