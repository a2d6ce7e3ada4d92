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
        if t.dep_ == "dobj" and t.head.lemma_.lower() in HITTING_VERBS and t.pos_ in ("NOUN", "PROPN"):
            return _phrase(t)
    return "civilians" if among.get("civilians") else None


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
    return _phrase(head) if head is not None else None


def _phrase(head: Token) -> str | None:
    """The noun phrase of `head`: its determiners, modifiers and an `of` phrase, at most MAX_WORDS words."""
    words = [t for t in head.subtree if t.i <= head.i or (t.head is head and t.dep_ == "prep" and t.lower_ == "of")]
    if any(t.lower_ == "of" for t in words):
        of = next(t for t in words if t.lower_ == "of")
        words += [t for t in of.subtree if t is not of]
    words = sorted(set(words), key=lambda t: t.i)
    if not words or len(words) > MAX_WORDS:
        words = [t for t in head.subtree if t.i <= head.i][-MAX_WORDS:]
    text = head.doc[words[0].i : words[-1].i + 1].text.strip(" ,.")
    return text or None
