"""Who carried an event out and what it hit, as a sentence says it: the force that did it (a canonical entity
or an actor phrase), never a headline's words, the dead, nor who tells of it."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Span, Token

from ..resources import load_json, load_words
from .event_words import vocabulary

_POSSESSIVE = re.compile(r"['\u2019]s$")


def actor_and_target(sentence: Span | Doc, outlet: str | None = None) -> tuple[str | None, str, str | None]:
    """(actor as written, its category, target as written). A force named after `on`, `against` or
    `targeting` is the target; the first other one is the actor. The `outlet`'s own words for a side
    count too (`terrorists`, in Syrian state media, are the armed opposition)."""
    actor = target = None
    category = "unknown"
    v = vocabulary()
    for type_, pattern in v.categories + v.outlet_categories.get((outlet or "").strip().lower(), []):
        for m in pattern.finditer(sentence.text):
            span = sentence.char_span(m.start(), m.end(), alignment_mode="expand")
            if (
                span is None
                or (m.group("possessive") and not m.group(0)[:1].isupper())
                or _describes_place(sentence.text[m.end() :])
                or _HELD_BY.search(sentence.text[: m.start()])
            ):
                continue
            role = _role(span)
            if role == "target":
                target = target or _phrase(span)
            if role != "agent":
                continue
            if actor is None or span.start < actor[1].start:
                actor, category = (_phrase(span), span), type_
    for span, type_ in _state_forces(sentence):
        if actor is None or span.start < actor[1].start:
            actor, category = (span.text, span), type_
    return (actor[0] if actor else None), category, target


def _state_forces(sentence: Span | Doc) -> list[tuple[Span, str]]:
    """`Syrian air strikes`, `Syrian forces`: a state's adjective straight before its arms or its strike (only
    lower-case words between) is that state's forces; `Syria air strikes` are strikes in Syria, by anyone."""
    v = vocabulary()
    found = []
    for t in sentence:
        category, head = v.states.get(t.lower_), t.head
        if category is None or not t.i < head.i <= t.i + 3 or t.dep_ not in ("amod", "compound", "nmod"):
            continue
        if any(not w.is_lower for w in t.doc[t.i + 1 : head.i]) or (
            t.ent_iob_ == "I" and t.i and t.doc[t.i - 1].is_title
        ):
            continue  # `Syrian Democratic Forces`, `Free Syrian Army`: a name of its own
        armed = head.lower_ in v.state_arms or head.lemma_.lower() in v.state_arms
        if armed or v.words.get(head.lemma_.lower()) in ("airstrike", "shelling"):
            found.append((t.doc[t.i : head.i + 1], category))
    return found


_HELD_BY = re.compile(r"\b(?:held|controlled|besieged|run)\s+by\s+(?:the\s+)?(?:[\w'-]+\s+){0,4}$", re.IGNORECASE)
_DONE_TO = frozenset({"dobj", "nsubjpass", "attr", "oprd"})  # what a verb does to: its object, a passive's subject


def _describes_place(after: str) -> bool:
    """`rebel-held`, `opposition areas`, `Daesh bastion`, `opposition:` (who speaks): no actor here."""
    return bool(vocabulary().places.match(after))


def _role(span: Span) -> str:
    """`target` for a force hit (`on`, `against`, `targeting` it), `other` inside another prepositional
    phrase (`in`, `of`, `near` it: a place or a possessor) or as the subject of a verb of saying (a source),
    else `agent`; `by` it is the agent."""
    words, speech = vocabulary().words, vocabulary().speech
    child = span.root
    for token in span.root.ancestors:
        if child.dep_.startswith("nsubj") and token.lemma_.lower() in speech and not _says_it_did(token):
            if _claims_responsibility(token):
                return "agent"  # `IS claimed responsibility for a suicide bombing`: who says it did it
            return "other"  # `rebels said`, `the opposition accused`: who tells, not who did it
        done_to, subject, child = child.dep_ in _DONE_TO, child.dep_ == "nsubj", token
        if _force(token) and token.dep_ in _DONE_TO and token.head.pos_ == "VERB" and not _blames(token.head):
            return "target"  # `kill 20 Islamic State militants`: the force the verb is done to
        if token.lower_ in words or token.lemma_.lower() in words or _force(token):
            return "agent"  # `US airstrike`, `Syrian army helicopters`, `regime forces`
        if token.lower_ in ("on", "against", "targeting", "targeted", "at", "hit", "hitting"):
            return "agent" if subject else "target"  # `Nusra terrorists targeted al-Neel Street`
        if done_to and _blames(token):
            return "agent"  # `accused government forces of gassing`: whom the text says did it
        if token.pos_ == "ADP" and token.lower_ in _OF_A_FORCE and (doers := _of_the_doers(token.head)):
            if doers == "deed":
                return "agent"  # `a sniper fire of Nusra terrorists`, `the shelling of the regime`
            continue  # `terrorists from Jaish al-Islam fired`: who the force that did it is
        if token.pos_ == "ADP" and token.lower_ != "by":
            return "other"
        if token.pos_ == "VERB" and done_to:
            return "target"  # `killed 70 ISIL terrorists`, `70 terrorists were killed`: the dead, not the doer
        if token.pos_ == "VERB" or token.lower_ == "by":
            return "agent"
    return "agent"


_OF_A_FORCE = frozenset({"from", "of", "to"})  # `terrorists from`, `fire of`, `organizations affiliated to`
_DOERS = frozenset({"organizations", "organisations", "groups", "group", "units", "unit", "elements", "cells"})


def _of_the_doers(head: Token) -> str | None:
    """`body` where `head` is a body of fighters whose `of`, `from` or `affiliated to` names who they are
    (`terrorists from Jaish al-Islam`, `organizations affiliated to Jabhat al-Nusra`); `deed` where it is
    what they did (`the sniper fire of …`); else None."""
    if head.lower_ == "affiliated" or head.lemma_.lower() == "affiliate":
        head = head.doc[head.i - 1] if head.i > 0 else head  # the parse often hangs it on the verb
    v = vocabulary()
    words = (head.lower_, head.lemma_.lower())
    if any(w in v.words or w == "fire" for w in words):
        return "deed"
    return "body" if any(w in v.forces or w in _DOERS or w in _fighters() for w in words) else None


@cache
def _fighters() -> frozenset[str]:
    return frozenset(load_json("events.json")["casualty_groups"]["combatants"])


def _claims_responsibility(verb: Token) -> bool:
    return any(c.dep_ == "dobj" and c.lemma_.lower() == "responsibility" for c in verb.children)


def _blames(verb: Token) -> bool:
    """`accused government forces of gassing`, `blamed the regime`: its object is whom the text says did it."""
    return verb.lemma_.lower() in ("accuse", "blame")


def _says_it_did(verb: Token) -> bool:
    """`Russia says kills 7`, `the army said it killed 20`: what the speaker reports has no other doer."""
    return any(
        c.dep_ in ("ccomp", "xcomp") and not any(g.dep_.startswith("nsubj") and g.pos_ != "PRON" for g in c.children)
        for c in verb.children
    )


def _phrase(span: Span) -> str:
    """The name a category word stands in, whole: hyphened words joined (`US-led`), the rest of the named
    entity it is part of (`Syrian Arab Army`), a following head noun of a force (`coalition`, `forces`);
    never the headline's verb or event word after it (`Syrian Army Kills Dozens`), nor past a sentence's end."""
    doc, start, end = span.doc, span.start, span.end

    def hyphened(i: int) -> bool:  # `US` `-` `led`: one word
        return not doc[i - 1].whitespace_ and "-" in (doc[i].text, doc[i - 1].text)

    while end < len(doc) and (
        hyphened(end)
        or (not doc[end].is_punct and not doc[end - 1].is_punct and (doc[end].ent_iob_ == "I" or _force(doc[end])))
    ):
        end += 1
    while start > 0 and doc[start].ent_iob_ == "I" and not doc[start - 1].is_punct and _of_a_name(doc[start - 1]):
        start -= 1
    # an entity the tagger ran on into a headline's words (`US Airstrikes Kill`, `Kills Five Kurdish Police`)
    while end - start > 1 and not hyphened(end - 1) and not _of_a_name(doc[end - 1]):
        end -= 1
    while end - start > 1 and not hyphened(start + 1) and not _of_a_name(doc[start]):
        start += 1
    return _POSSESSIVE.sub("", doc[start:end].text)


def _of_a_name(token: Token) -> bool:
    """Whether a word may be part of a force's name: not a verb, a preposition, a number, or a word of
    headlines and events (`kills`, `airstrikes`, `against`)."""
    words = vocabulary().words
    return not (
        token.pos_ in ("VERB", "AUX", "ADP", "NUM", "ADV", "SCONJ", "PART")
        or token.lower_ in words
        or token.lemma_.lower() in words
        or token.lower_ in load_words("headline_words.txt")
    )


def _force(token: Token) -> bool:
    return token.lower_ in vocabulary().forces
