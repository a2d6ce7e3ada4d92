"""What an event hit, as the text says it (`a market`, `the Al Sakhour neighborhood`, `a hospital`), when no
armed force is its target: the object of the strike (`strikes on a market`, `shelled the town`), else the
group its toll names (`killed five civilians`: civilians)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..records import Event
from .event_words import event_type

HITTING_VERBS = frozenset({"hit", "strike", "target", "bomb", "shell", "pound", "raid", "attack", "struck"})
ON = frozenset({"on", "against", "at"})
MAX_WORDS = 8  # a target is a noun phrase, not the rest of the sentence


def hit_by(sentence: Span, among: dict[str, int]) -> str | None:
    """The target of the event the sentence states, or None."""
    for t in sentence:
        struck = t.dep_ == "prep" and t.lower_ in ON and (_is_strike(t.head) or t.head.lemma_.lower() in HITTING_VERBS)
        if struck and (found := _object(t, "pobj")) is not None:
            return found
        if (
            t.dep_ == "dobj"
            and t.head.lemma_.lower() in HITTING_VERBS
            and t.pos_ in ("NOUN", "PROPN")
            and not _a_time(t)
        ):
            return _phrase(t)
    return _after_the_strike(sentence) or ("civilians" if among.get("civilians") else None)


def _after_the_strike(sentence: Span) -> str | None:
    """The words after `on`, `against` or `near` a few words after a strike, read word by word where the
    parse lost the thread (scrapes without commas): `fired tens of shells on the residential neighborhoods`,
    `a Daesh attack near a refugee camp`, `a car bomb killed 26 people at a site where …`."""
    for t in sentence:
        if t.lower_ not in AFTER or t.i + 1 >= sentence.end:
            continue
        before = t.doc[max(sentence.start, t.i - REACH) : t.i]
        if not any(_is_strike(w) or w.lemma_.lower() in HITTING_VERBS for w in before):
            continue
        words = _noun_phrase_from(t.i + 1, sentence.end, t.doc)
        if words:
            return words
    return None


AFTER = frozenset({"on", "against", "near", "at", "targeting"})
REACH = 12  # how many words after the strike its `on` may come: `a car bomb killed 26 people and injured 30 others at`


def _noun_phrase_from(i: int, end: int, doc: Doc) -> str | None:
    """A determiner, modifiers and nouns from `i`, with one `of` phrase: `the northern city of Aleppo`."""
    start, seen_of = i, False
    if i < end and doc[i].pos_ == "DET":
        i += 1
    while i < end and i - start < MAX_WORDS:
        t = doc[i]
        if t.ent_type_ in ("DATE", "TIME", "CARDINAL") or t.lower_ in ("least", "dawn", "night", "morning"):
            break
        if t.pos_ in ("ADJ", "NOUN", "PROPN") or (t.text == "-" and not t.whitespace_):
            i += 1
        elif t.lower_ == "of" and not seen_of and i + 1 < end and doc[i + 1].pos_ in ("DET", "ADJ", "NOUN", "PROPN"):
            seen_of, i = True, i + 1 + (doc[i + 1].pos_ == "DET")
        else:
            break
    while i > start and doc[i - 1].pos_ not in ("NOUN", "PROPN"):
        i -= 1
    return doc[start:i].text if i > start and doc[i - 1].pos_ in ("NOUN", "PROPN") else None


def with_target(event: Event, doc: Doc) -> Event:
    """The main event with what it hit, where no force was its target."""
    if event.target is not None or event.start is None:
        return event
    sentence = doc.char_span(event.start, event.end, alignment_mode="expand")
    return replace(event, target=hit_by(sentence, event.killed_among)) if sentence is not None else event


def _is_strike(token: Token) -> bool:
    return token.pos_ == "NOUN" and event_type(token.doc[token.i : token.i + 1], generic=True) is not None


def _object(prep: Token, dep: str) -> str | None:
    head = next((c for c in prep.children if c.dep_ == dep and c.pos_ in ("NOUN", "PROPN")), None)
    return _phrase(head) if head is not None and not _a_time(head) else None


def _a_time(token: Token) -> bool:
    """`bombed on Wednesday`: when, not what was hit."""
    return token.ent_type_ in ("DATE", "TIME") or token.lower_ in _WEEKDAYS


_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "dawn", "night"})


def _phrase(head: Token) -> str | None:
    """The noun phrase of `head`: its determiners, modifiers and an `of` phrase, at most MAX_WORDS words."""
    words = [t for t in head.subtree if t.i <= head.i or (t.head is head and t.dep_ == "prep" and t.lower_ == "of")]
    if any(t.lower_ == "of" for t in words):
        of = next(t for t in words if t.lower_ == "of")
        words += [t for t in of.subtree if t is not of]
    words = sorted(set(words), key=lambda t: t.i)
    if not words or len(words) > MAX_WORDS:
        words = [t for t in head.subtree if t.i <= head.i][-MAX_WORDS:]
    end = words[-1].i + 1
    doc = head.doc
    if end == head.i + 1 < len(doc) and _lost_possessive(head) and doc[end].pos_ in ("ADJ", "NOUN", "PROPN"):
        while end < len(doc) and end - words[0].i < MAX_WORDS and _goes_on(doc, end):
            end += 1
    text = doc[words[0].i : end].text.strip(" ,.")
    return text or None


def _goes_on(doc: Doc, i: int) -> bool:
    """Whether word `i` is still of the noun phrase: a modifier or noun, a hyphen, a word after a hyphen
    (`opposition-controlled`, `rebel-held`)."""
    t = doc[i]
    return (
        t.pos_ in ("ADJ", "NOUN", "PROPN")
        or (t.text == "-" and not t.whitespace_)
        or (doc[i - 1].text == "-" and t.is_alpha)
    )


def _lost_possessive(token: Token) -> bool:
    """`the citys opposition-controlled areas`: a possessive whose apostrophe the scrape lost, which the parse
    takes for the head of its own phrase."""
    return token.lower_.endswith("s") and not token.lower_.endswith("ss") and token.pos_ in ("NOUN", "PROPN")
