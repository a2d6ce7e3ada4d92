"""Conflict events, after the ACLED and UCDP codebooks: what happened (type), when, where, by whom, to whom,
how many killed and wounded and who says so. The main event is the one the title and the lead report."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..dates import EventDate, day_of, event_date, lead_date, stamp_end
from ..records import Entity, Event, Mention, Page, Quote
from .actors import actor_and_target
from .claimants import claimant as claimant_of
from .event_places import event_place
from .event_words import event_type, from_the_air, killed_among, toll, vague, vocabulary

LEAD_SENTENCES = 6


def extract_events(doc: Doc, title_doc: Doc | None, page: Page, entities: dict[str, Entity],
                   mentions: list[Mention], quotes: list[Quote], primary_place: str | None) -> list[Event]:  # fmt: skip
    """The article's main event: its type from the title or the first lead sentence with an event word,
    its facts from the lead sentences that state them."""
    stamp = lead_date(page.body, page.title)
    skip = stamp_end(page.body, stamp) if stamp is not None else 0  # the page's own stamp, what precedes it
    skip = _after_title(page.body, page.title, skip)
    sentences = list(doc.sents)[: LEAD_SENTENCES + 3]
    lead = [
        s if s.start_char >= skip else doc.char_span(skip, s.end_char, alignment_mode="expand")
        for s, after in zip(sentences, [*sentences[1:], None], strict=True)
        if s.end_char > skip and s.text.strip() and not is_caption(s, after)
    ][:LEAD_SENTENCES]
    title = [title_doc[:]] if title_doc is not None else []
    typed = [(s, t) for s in title + lead if (t := event_type(s))]
    if not typed:
        return []
    kinds = [(s, t, event_type(s, generic=False)) for s, t in typed]  # no kind: only `attack`
    type_ = typed[0][1]  # the title's, when it states one
    if kinds[0][2] is None:  # `U.S. attack`: the kind comes from the lead, if it says
        type_ = next((k for _, _, k in kinds if k), type_)
    in_body = [(s, t) for s, t in typed if s.doc is doc]
    evidence = next((s for s, t in in_body if t == type_), in_body[0][0] if in_body else typed[0][0])
    article_day = day_of(page.published)
    stated = next((d for s in ([evidence] + lead) if (d := event_date(s.text, article_day))), None)
    when = stated or (EventDate(article_day, "day", None) if article_day else None)  # else the article's day
    # the evidence sentence's figure first, then the lead's, the title's failing them
    told = ([evidence] if evidence.doc is doc else []) + lead + title
    killed, toll_sentence = _lead_toll(told, title)
    wounded = next((w for s in told if (w := toll(s.text, "wounded")) != (None, None)), (None, None))
    if _only_talk(title, typed[0][0], toll_sentence is None and wounded == (None, None), page.outlet):
        return []
    actor, category, target, actor_key = None, "unknown", None, None
    # the title and the lead sentences of this event; a first one that says only `attack` states it too
    stating = [s for i, (s, t, k) in enumerate(kinds) if t == type_ or (i == 0 and k is None)][:3]
    stating += [s for s in title if s not in stating]  # `Syrian Army Kills 70 …`: a title with no event word
    for s in stating:
        actor, category, target = actor_and_target(s, page.outlet)
        if actor:
            actor_key = named_in(actor, s, doc, mentions)
            break
    stating_toll = [s for s in told if s is toll_sentence or (killed[0] is not None and toll(s.text)[0] == killed[0])]
    claimant, claimant_key = claimant_of(stating_toll, doc, lead, quotes, mentions, entities, page.outlet)
    return [
        Event(
            type=from_the_air(type_, category, " ".join(s.text for s in (evidence, *title))),
            sentence=evidence.text.strip(),
            start=evidence.start_char if evidence.doc is doc else None,
            end=evidence.end_char if evidence.doc is doc else None,
            place_key=_place(evidence, mentions, entities, primary_place),
            actor=actor,
            actor_key=actor_key,
            actor_category=category,
            target=target,
            **when_and_toll(when, killed, wounded),
            killed_among=killed_among(toll_sentence.text) if toll_sentence is not None else {},
            claimant=claimant,
            claimant_key=claimant_key,
            confidence=0.5 if stated is None else 0.7,
            main=True,
        )
    ]


def _lead_toll(told: list[Span], title: list[Span]) -> tuple[tuple[int | None, int | None], Span | None]:
    """The main event's dead and the sentence that counts them: the first figure the evidence, the lead and
    the title give, unless it is a vague word (`Dozens of people have been killed`) and the headline gives
    the number (`58 Killed in …`). A later exact figure of the body does not replace the lead's word: it
    is often another count (a new toll, another side's)."""
    counted = [(k, s) for s in told if (k := toll(s.text)) != (None, None)]
    if not counted:
        return (None, None), None
    headline = [(k, s) for k, s in counted if s in title and k[0] is not None and not vague(s.text)]
    return headline[0] if headline and vague(counted[0][1].text) else counted[0]


def when_and_toll(when: EventDate | None, killed: tuple, wounded: tuple) -> dict:
    """An Event's date and toll fields."""
    return {
        "date": when.iso if when else None,
        "date_precision": when.precision if when else None,
        "date_as_written": when.as_written if when else None,
        "date_basis": ("text" if when.as_written else "published") if when else None,
        "killed_min": killed[0],
        "killed_max": killed[1],
        "wounded_min": wounded[0],
        "wounded_max": wounded[1],
    }


TITLE_REPEAT = 200  # how far after the page's stamp its title may be repeated, behind a byline at most


def _after_title(body: str, title: str | None, start: int) -> int:
    """Where the lead begins when the page repeats its title near its top (`August 21 2013 <title>. …`,
    `by <author> <title> …`): the repeat is the title, not a lead sentence."""
    title = (title or "").strip().rstrip(".")
    if len(title) < 12:
        return start
    at = body.lower().find(title.lower(), start, start + TITLE_REPEAT + len(title))
    if at < 0:
        return start
    end = at + len(title)
    while end < len(body) and (body[end].isspace() or body[end] in ".:|-"):
        end += 1
    return end


def is_caption(sentence: Span, after: Span | None) -> bool:
    """A photo caption: caption words or a credit at its end; or the credit opening the next sentence,
    where the sentence splitter put it (`… August 6 2016. (Reuters) Syrian …`)."""
    v = vocabulary()
    return bool(v.captions.search(sentence.text) or (after is not None and v.credit_first.match(after.text)))


def _only_talk(title: list[Span], first: Span, uncounted: bool, outlet: str | None) -> bool:
    """A statement, talks, a meeting: the title names no event and no force doing anything (`Kerry discusses
    …`, `X declares …`), and the lead counts no dead or wounded. An offensive with no toll (`Kurd-led forces
    press …`) names its doer."""
    if not title or title[0] is first or not uncounted:
        return False
    actor, _, target = actor_and_target(title[0], outlet)
    return actor is None and target is None  # `… press Islamic State`: a force it is done to is an event too


def _place(sentence: Span, mentions: list[Mention], entities: dict[str, Entity], primary: str | None) -> str | None:
    """Where the evidence sentence places the event in Syria; else the article's primary place; else the
    first place the sentence names."""
    if (found := event_place(sentence, mentions, entities)) is not None:
        return found
    inside = [
        m
        for m in mentions
        if m.context == "body" and m.type == "place" and sentence.start_char <= m.start < sentence.end_char
    ]
    return primary or (inside[0].entity_key if inside else None)


def named_in(words: str, sentence: Span, doc: Doc, mentions: list[Mention]) -> str | None:
    """The entity a phrase of the sentence names (`Syrian Arab Army`, `the Syrian Observatory`), if the
    sentence mentions it."""
    if sentence.doc is doc:
        inside = [m for m in mentions if m.context == "body" and sentence.start_char <= m.start < sentence.end_char]
    else:
        inside = [m for m in mentions if m.context == "title"]
    # the phrase's head must be the name: `US-led` (a coalition the US leads) is not the United States
    return next((m.entity_key for m in inside if words.endswith(m.text) or words in m.text), None)
