"""The other events an article reports beside its main one: a strike in Hama and a recapture of Qaryatain
are two rows, each with its own place, date, toll, actor and claimant.

A sentence of the body starts another event when it names a kind of event (not only `attack`) and a place
in Syria, unless that kind of event at that place on that day (or with that toll) is already one of the
article's events. A toll over several
happenings (`strikes killed 40 across the province`) is marked a summary, so that a table of events does not
count the same dead twice."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import cache

from spacy.tokens import Doc, Span

from ..dates import EventDate, day_of, event_date
from ..records import Entity, Event, Mention, Page, Quote
from ..resources import load_json, load_sections
from .actors import actor_and_target
from .breakdowns import breakdown
from .claimants import claimant
from .event_places import event_place, for_a_state, rank
from .event_words import event_type, from_the_air, killed_among, same_kind, toll, vocabulary
from .events import is_caption, named_in, when_and_toll
from .targets import hit_by

MAX_EVENTS = 12  # other events of one article: a long round-up is not a list of every village
_SUMMARY = re.compile(
    r"\b(?:across|throughout|in\s+total|altogether|combined|since|so\s+far|this\s+year|this\s+month|last\s+week|over\s+the\s+past|(?:past|last|in)\s+24\s+hours|during\s+the\s+past)\b",
    re.IGNORECASE,
)


def every_event(
    doc: Doc,
    page: Page,
    main: list[Event],
    entities: dict[str, Entity],
    mentions: list[Mention],
    quotes: list[Quote],
) -> list[Event]:
    """The main event, placed where a retelling of it says more exactly, then the article's other events
    in the order the body reports them."""
    if not main:
        return []
    seen: dict[tuple[str, str | None], set[str | None]] = {}  # (kind, place) -> the days its events are on
    for e in main:
        seen.setdefault(_key(e, entities), set()).add(e.date)
    tolls = {(same_kind().get(e.type, e.type), e.killed_min) for e in main if e.killed_min is not None}
    article_day = day_of(page.published)
    found: list[Event] = []
    places = _syrian_places(doc, mentions, entities)
    sentences = list(doc.sents)
    context = (doc, page, quotes, mentions, entities)
    for sentence, after in zip(sentences, [*sentences[1:], None], strict=True):
        at = bisect_left(places, (sentence.start_char, ""))
        named = at < len(places) and places[at][0] < sentence.end_char
        if len(found) >= MAX_EVENTS or not (named or (at and vocabulary().counting.search(sentence.text))):
            continue  # the cheap test first: most sentences name no place and count no dead
        # the main event's sentence, whole or from after the page's date stamp (`12 Jul 2016 Opposition …`)
        told = any(e.start is not None and e.start < sentence.end_char and sentence.start_char < e.end for e in main)
        if told or is_caption(sentence, after) or _not_told(sentence, page.title):
            continue
        parts = breakdown(sentence, [p for p in places[at:] if p[0] < sentence.end_char])
        type_ = event_type(sentence, generic=False) or ((found or main)[-1].type if parts else None)
        if type_ is None:
            continue
        # a toll with no place of its own is where the text last was: `rebel shelling killed two civilians`
        place = (event_place(sentence, mentions, entities) or places[at][1]) if named else places[at - 1][1]
        killed, wounded = toll(sentence.text), toll(sentence.text, "wounded")
        if not named and killed == (None, None) and wounded == (None, None):
            continue
        when = event_date(sentence.text, article_day)
        kind = same_kind().get(type_, type_)
        for key, n in parts:  # `four were killed in Arbin and one in each of Harasta and Douma`: one event each
            if (kind, key) not in seen:
                seen[(kind, key)] = {when.iso if when else None}
                tolls.add((kind, n))
                found.append(_event(sentence, type_, key, when, (n, n), (None, None), after, context))
        if parts and killed[0] in {n for _, n in parts} | {None}:
            continue  # the sentence's toll is one of its places'; a total over them is an event of its own
        days = seen.get((kind, place))
        if (days is not None and (when is None or when.iso in days)) or (kind, killed[0]) in tolls:
            continue  # the same happening told again: `The attack took place on September 17 when …`
        if _retells(main[0], kind, place, when, killed[0], entities):
            main[0] = _placed(main[0], place, entities)  # `… had targeted the market in Maaret al-Numan`
            continue
        seen.setdefault((kind, place), set()).add(when.iso if when else None)
        if killed[0] is not None:
            tolls.add((kind, killed[0]))
        found.append(_event(sentence, type_, place, when, killed, wounded, after, context))
    return main + found


def _not_told(sentence: Span, title: str | None) -> bool:
    """A sentence the article does not tell an event in: the war as a whole, the headline again, the
    headlines of other stories that a scrape runs into the text."""
    return _of_the_war(sentence) or _the_title(sentence, title) or _headlines(sentence)


def _headlines(sentence: Span) -> bool:
    """`Source AA Related News Death Toll Rises to 70 …`, `REUTERS Rodi Said US Tanks to Storm Raqqa …`: a
    page's label among words mostly in headline capitals."""
    text = sentence.text
    if not any(label in text for label in _labels()) or not any(t.text in _labels() for t in sentence):
        return False  # the string test first: most sentences hold no label
    words = [t for t in sentence if t.is_alpha and len(t) > 3]
    return bool(words) and sum(t.text[0].isupper() for t in words) >= HEADLINE_SHARE * len(words)


HEADLINE_SHARE = 0.6  # of the longer words capitalised: headline case, not prose with a few names


@cache
def _labels() -> frozenset[str]:
    return frozenset(load_sections("furniture_words.txt")["labels"])


def _of_the_war(sentence: Span) -> bool:
    """`More than 330000 people have been killed since the conflict began in March 2011`: the war as a whole,
    not one of its events."""
    text = " ".join(sentence.text.lower().replace("\u2019", "'").split())
    return any(phrase in text for phrase in load_json("events.json")["war_as_a_whole"])


def _the_title(sentence: Span, title: str | None) -> bool:
    """The headline again, where the page repeats it in the body (`Thu Oct 6 2016 <title>.`)."""
    title = " ".join((title or "").lower().split()).rstrip(".")
    return len(title) >= 12 and title in " ".join(sentence.text.lower().split())


def _event(sentence: Span, type_: str, place: str | None, when, killed: tuple, wounded: tuple, after, context) -> Event:
    """The event a sentence reports, at `place` with the toll given."""
    doc, page, quotes, mentions, entities = context
    if when is None and (day := day_of(page.published)):  # as for the main event: the article's day, so said
        when = EventDate(day, "day", None)
    actor, category, target = actor_and_target(sentence, page.outlet)
    target = target or hit_by(sentence, killed_among(sentence.text))
    counted = killed != (None, None) or wounded != (None, None)  # the claimant is the source of a figure
    following = [after] if after is not None else []
    source, source_key = (
        claimant([sentence], doc, following, quotes, mentions, entities, page.outlet) if counted else (None, None)
    )
    return Event(
        type=from_the_air(type_, category, sentence.text),
        sentence=sentence.text.strip(),
        start=sentence.start_char,
        end=sentence.end_char,
        place_key=place,
        actor=actor,
        actor_key=named_in(actor, sentence, doc, mentions) if actor else None,
        actor_category=category,
        target=target,
        **when_and_toll(when, killed, wounded),
        killed_among=killed_among(sentence.text) if killed != (None, None) else {},
        claimant=source,
        claimant_key=source_key,
        confidence=0.4 if when is None else 0.5,
        main=False,
        toll_scope=_scope(sentence, killed, wounded),
    )


def _retells(main: Event, kind: str, place: str | None, when, killed: int | None, entities: dict[str, Entity]) -> bool:
    """Whether a sentence tells the main event again: its kind, in its place or a place inside it, on no
    other day, with no other toll."""
    if same_kind().get(main.type, main.type) != kind or place is None:
        return False
    here, there = entities.get(place), entities.get(main.place_key or "")
    within = here is not None and here.governorate == there.governorate if there is not None else False
    # the same place, or one inside it: a town of the governorate it names, a district of the city
    inside = (
        there is None
        or place == there.key
        or (within and (rank(there) >= 4 or (there.kind, here.kind) == ("city", "district")))
    )
    other_day = when is not None and main.date is not None and when.iso != main.date
    other_toll = killed is not None and main.killed_min is not None and killed != main.killed_min
    return inside and not other_day and not other_toll


def _placed(main: Event, place: str, entities: dict[str, Entity]) -> Event:
    """The main event at the more specific of its place and `place`."""
    here, there = entities.get(place), entities.get(main.place_key or "")
    if here is None or (there is not None and rank(there) <= rank(here)):
        return main
    return replace(main, place_key=place)


def with_scope(event: Event, doc: Doc) -> Event:
    """The main event with the scope of its toll, read from its evidence sentence."""
    if event.start is None or (event.killed_min is None and event.wounded_min is None):
        return event
    sentence = doc.char_span(event.start, event.end, alignment_mode="expand")
    return replace(event, toll_scope=_scope(sentence, (event.killed_min, event.killed_max), (None, None)))


def _scope(sentence: Span | None, killed: tuple, wounded: tuple) -> str | None:
    if killed == (None, None) and wounded == (None, None):
        return None
    return "summary" if sentence is not None and _SUMMARY.search(sentence.text) else "event"


def _key(event: Event, entities: dict[str, Entity]) -> tuple[str, str | None]:
    return same_kind().get(event.type, event.type), event.place_key


def _syrian_places(doc: Doc, mentions: list[Mention], entities: dict[str, Entity]) -> list[tuple[int, str, int]]:
    """(offset, entity key, end) of every mention of a place in Syria (below the country) where something may
    happen, in the order of the body."""
    found, text = [], doc.text
    for m in mentions:
        if m.context != "body" or m.type != "place":
            continue
        e = entities.get(m.entity_key)
        if e is None or e.country != "SY" or e.kind in ("country", "river"):
            continue
        if not for_a_state(doc, m, e, text[m.end : m.end + 1]):
            found.append((m.start, m.entity_key, m.end))
    return sorted(found)
