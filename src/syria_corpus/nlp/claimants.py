"""Who gives an event's toll: the source a researcher cites beside the figure ("SANA gave 8 dead, SOHR 23").

A claimant is a person, an organisation or an outlet, never a place or a common noun. It is read, in order,
from the speaker of a quote that holds the toll, from `according to X`, from the subject of a verb of
reporting in the toll's sentence (`… a monitor said`, `… Al Mayadeen TV channel reported`), or from a source
named at the end of a headline (`…: monitor`); failing those, from the first sentence of the lead that
reports something with a named source. A description (`a monitor`, `the Britain-based monitoring group`) is
the organisation of the article whose name holds its noun, else the organisation the article quotes most.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from spacy.tokens import Doc, Span

from ..knowledge import by_alias, by_key
from ..records import Entity, Mention, Quote
from ..resources import load_json
from .quotes.phrases import nouns

REPORTING = frozenset({"say", "report", "tell", "announce", "confirm", "state", "add", "document", "count"})
_ACCORDING = re.compile(r"\baccording to\s+", re.IGNORECASE)
_CREDIT = re.compile(r"(?::|\s)\s*(?P<who>(?:the\s+)?(?:[A-Za-z][\w'-]*\s+){0,3}?(?:monitor|observatory|activists|state media|state tv))\s*\.?$", re.IGNORECASE)  # fmt: skip


def claimant(
    tolls: list[Span],
    body: Doc,
    lead: list[Span],
    quotes: list[Quote],
    mentions: list[Mention],
    entities: dict[str, Entity],
) -> tuple[str | None, str | None]:
    """(the claimant as the user reads it, its entity key) of a toll stated in the sentences `tolls` (of
    the `body` or the headline), the first that names its source."""
    for sentence in tolls:
        if (found := _claimant_in(sentence, body, quotes, mentions, entities)) is not None:
            return found
    first = next((s for s in tolls if s.doc is body), None)
    if first is not None:  # `… killed 21 civilians Sunday. The Observatory said …`
        after = [s for s in lead if s.start_char >= first.end_char][:1]
        if (named := next((p for s in after if (p := _source_of(s, named=True))), None)) is not None:
            return _resolved(named, "body", mentions, entities, quotes)
    return None, None


def _claimant_in(
    toll: Span, body: Doc, quotes: list[Quote], mentions: list[Mention], entities: dict[str, Entity]
) -> tuple[str | None, str | None] | None:
    in_body = toll.doc is body
    for q in quotes:
        if in_body and q.start < toll.end_char and toll.start_char < q.end and q.speaker and not _a_place(q, entities):
            return (q.speaker, q.speaker_key) if q.speaker_key else (_described(q.speaker) or (q.speaker, None))
    if (credit := _wire_credit(toll)) is not None:
        return credit
    found = _source_of(toll) or _named_before_verb(toll, mentions, "body" if in_body else "title")
    if found is None:
        return None
    resolved = _resolved(found, "body" if in_body else "title", mentions, entities, quotes)
    return resolved if resolved[0] else None


def _a_place(quote: Quote, entities: dict[str, Entity]) -> bool:
    """`Moscow said`, `Damascus said`: a government a place stands for is no source a toll can be cited to."""
    entity = entities.get(quote.speaker_key or "")
    return (entity is not None and entity.type == "place") or (quote.speaker_key or "").startswith("place:")


def _named_before_verb(sentence: Span, mentions: list[Mention], context: str) -> Span | None:
    """A named source straight before a verb of reporting that the parse did not make its subject, as in
    scrapes that lost their commas (`… in northern Syria Al Mayadeen TV channel reported on Sunday`)."""
    ends = {m.end: m for m in mentions if m.context == context and m.type != "place"}
    for t in sentence:
        if t.lemma_.lower() not in REPORTING or t.pos_ not in ("VERB", "AUX") or t.i == sentence.start:
            continue
        before = t.i - 1
        while before > sentence.start and (
            t.doc[before].lemma_.lower() in nouns().orgs or t.doc[before].lower_ == "tv"
        ):
            before -= 1  # `… TV channel`, `… news agency`
        if (m := ends.get(t.doc[before].idx + len(t.doc[before].text))) is not None:
            return sentence.doc.char_span(m.start, t.doc[t.i - 1].idx + len(t.doc[t.i - 1].text))
    return None


def _wire_credit(sentence: Span) -> tuple[str, str | None] | None:
    """A news agency's dateline credit opening a story (`Aleppo SANA-Terrorist organizations …`)."""
    m = _credits().search(sentence.text[:80])
    if m is None:
        return None
    name = m.group("credit")
    known = by_alias().get(name)
    return (known.name, known.key) if known is not None else (name, None)


@cache
def _credits() -> re.Pattern[str]:
    names = "|".join(map(re.escape, load_json("events.json")["wire_credits"]))
    return re.compile(rf"(?:^|\s|\()(?P<credit>{names})\s*(?:\)\s*|[-\u2013\u2014]\s*)(?=[A-Z])")


def _source_of(sentence: Span, named: bool = False) -> Span | None:
    """The words naming who reports what the sentence says: `according to X`, the subject of a verb of
    reporting, or a headline's closing credit. With `named`, only a subject with a proper name."""
    text = sentence.text
    if (m := _ACCORDING.search(text)) is not None:
        after = sentence.char_span(sentence.start_char + m.end(), sentence.end_char, alignment_mode="expand")
        if after is not None and (phrase := _noun_phrase(after)) is not None:
            return phrase
    for t in sentence:
        if t.lemma_.lower() not in REPORTING or t.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in t.children if c.dep_ == "nsubj"), None)
        if subject is None or not _names_a_source(subject):
            continue
        phrase = sentence.doc[subject.left_edge.i : subject.i + 1]
        if named and not any(w.pos_ == "PROPN" for w in phrase):
            continue
        return phrase
    if not named and (m := _CREDIT.search(text)) is not None:
        return sentence.char_span(sentence.start_char + m.start("who"), sentence.start_char + m.end("who"))
    return None


def _described(words: str) -> tuple[str, str] | None:
    """The source a description means in this war's reporting when the article names no other
    (`the Britain-based monitor`: the Syrian Observatory for Human Rights), from `data/events.json`."""
    folded = " ".join(re.sub(r"[^a-z ]", " ", words.lower()).split())
    for description, key in load_json("events.json")["source_descriptions"].items():
        if folded == description or folded.endswith(" " + description):
            known = by_key().get(key)
            return (known.name, key) if known is not None else None
    return None


def _names_a_source(head) -> bool:
    """A proper name, or a noun that names a source (`activists`, `the ministry`, `the monitor`), not
    `neighborhoods` or `it`."""
    if head.pos_ == "PROPN":
        return True
    lemma, found = head.lemma_.lower(), nouns()
    return head.pos_ == "NOUN" and (lemma in found.anonymous or lemma in found.orgs or head.lower_ in found.anonymous
                                    or lemma in ("media", "monitor", "television", "tv", "official", "officials"))  # fmt: skip


def _noun_phrase(after: Span) -> Span | None:
    """The noun phrase that opens `after` (`the Syrian Observatory for Human Rights`, `activists`)."""
    first = after[0] if len(after) else None
    if first is None:
        return None
    head = first
    while head.head is not head and head.head.i < after.end and head.head.i >= after.start and head.dep_ != "pobj":
        if head.head.pos_ in ("VERB", "AUX"):
            break
        head = head.head
    end = max(t.i for t in head.subtree if t.i < after.end) + 1 if head.subtree else head.i + 1
    phrase = after.doc[first.i : end]
    return phrase if any(w.pos_ in ("PROPN", "NOUN") for w in phrase) else None


def _resolved(
    phrase: Span, context: str, mentions: list[Mention], entities: dict[str, Entity], quotes: list[Quote]
) -> tuple[str | None, str | None]:
    """A source phrase as the entity it names: a mention inside it; for a description, the organisation
    of the article whose name holds its noun, else the one the article quotes most; else the words."""
    start, end = phrase.start_char, phrase.end_char
    inside = [m for m in mentions if m.context == context and start <= m.start < end and m.type != "place"]
    if any(m.type == "place" and start <= m.start and m.end <= end and m.end - m.start >= end - start - 1
           for m in mentions if m.context == context):  # fmt: skip
        return None, None  # a place is no source
    if inside:
        key = inside[-1].entity_key
        return (entities[key].name if key in entities else inside[-1].text), key
    words = phrase.text.strip()
    places = {n.lower() for e in entities.values() if e.type == "place" for n in (e.name, *e.aliases)}
    if words.lower() in places or re.sub(r"^the\s+", "", words.lower()) in places:
        return None, None  # `Washington said`: a government a place stands for, no source to cite
    head = phrase.root.lemma_.lower()
    if head in nouns().generic_orgs:
        orgs = [e for e in entities.values() if e.type == "org"]
        holding = [
            e for e in orgs if head in e.name.lower().split() or any(head in a.lower().split() for a in e.aliases)
        ]
        quoted = Counter(q.speaker_key for q in quotes if q.speaker_key and q.speaker_key.startswith("org:"))
        chosen = holding[0] if holding else (entities.get(quoted.most_common(1)[0][0]) if quoted else None)
        if chosen is not None:
            return chosen.name, chosen.key
        if (usual := _described(words)) is not None:
            return usual
    if phrase.root.pos_ not in ("PROPN", "NOUN") or head in nouns().documents:
        return None, None
    return re.sub(r"^(?:the|a|an)\s+", "", words, flags=re.IGNORECASE) or None, None
