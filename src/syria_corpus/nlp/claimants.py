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

from spacy.tokens import Doc, Span, Token

from ..knowledge import KnownEntity, by_alias, by_key, known_entities
from ..names import fold
from ..records import Entity, Mention, Quote
from ..resources import load_json
from . import event_words
from .quotes.phrases import nouns

REPORTING = frozenset(
    {"say", "report", "tell", "announce", "confirm", "state", "add", "document", "count", "accuse", "give"}
)  # `gave a toll of`
_ACCORDING = re.compile(r"\b(?:according to|quoting|citing)\s+", re.IGNORECASE)  # who the reporter cites
_CREDIT = re.compile(r"(?::|\s)\s*(?P<who>(?:the\s+)?(?:[A-Za-z][\w'-]*\s+){0,3}?(?:monitor|observatory|activists|state media|state tv))\s*\.?$", re.IGNORECASE)  # fmt: skip


def claimant(
    tolls: list[Span],
    body: Doc,
    lead: list[Span],
    quotes: list[Quote],
    mentions: list[Mention],
    entities: dict[str, Entity],
    outlet: str | None = None,
) -> tuple[str | None, str | None]:
    """(the claimant as the user reads it, its entity key) of a toll stated in the sentences `tolls` (of
    the `body` or the headline), the first that names its source; failing that, the source the next lead
    sentences name, then the `outlet` itself where it speaks for a party (SANA, the Syrian Coalition)."""
    first = next((s for s in tolls if s.doc is body), None)
    for sentence in tolls:
        if (found := _claimant_in(sentence, body, quotes, mentions, entities)) is not None:
            if _the_press(found) and first is not None:  # `… local media reported. According to SANA news agency …`
                return _outlet_named_after(first, lead, mentions, entities, quotes) or found
            return found
    if first is not None:  # `… killed 21 civilians Sunday. The Observatory said …`
        after = [s for s in lead if s.start_char >= first.end_char][:FOLLOWING]
        if named := next((p for s in after if (p := _source_of(s, named=True) or _named(_before_verb(s)))), None):
            return _resolved(named, "body", mentions, entities, quotes)
    return _outlet_itself(outlet) if tolls else (None, None)


def _the_press(found: tuple[str | None, str | None]) -> bool:
    """`local media`, `media`: the press as a whole, named by no one."""
    words, key = found
    last = (words or "").split()[-1:] if not key else []
    return bool(last) and last[0].lower() in load_json("events.json")["press_words"]["collective"]


PRESS_AFTER = 3  # lead sentences after the toll's that may name the outlet `local media` stands for


def _outlet_named_after(
    first: Span, lead: list[Span], mentions: list[Mention], entities: dict[str, Entity], quotes: list[Quote]
) -> tuple[str, str | None] | None:
    """The first outlet a following lead sentence names as its source (`According to the Al Masdar media
    outlet …`, `SANA reported …`): a known one, or a name whose head is an outlet's noun, that gives no other
    figure."""
    outlet_words = set(load_json("events.json")["press_words"]["outlet"])
    figure = event_words.toll(first.text)[0]
    for s in [s for s in lead if s.start_char >= first.end_char][:PRESS_AFTER]:
        phrase = _source_of(s, named=True)
        if phrase is None or ((counted := event_words.counts_in(s)) and figure not in counted):
            continue  # `Earlier SANA reported about ten casualties`: the source of another figure
        name, key = _resolved(phrase, "body", mentions, entities, quotes)
        known = by_key().get(key or "")
        if name and ((known is not None and known.note in MEDIA_KINDS) or phrase.root.lower_ in outlet_words):
            return name, key
    return None


MEDIA_KINDS = frozenset({"media", "news agency", "state news agency"})  # kb.json kinds


def _named(words: Span | None) -> Span | None:
    return words if words is not None and any(_a_name(w) for w in words) else None


def _a_name(word: Token) -> bool:
    """A proper name, as the tagger says or as it is written: an acronym (`MSF said`) the tagger took for a
    common noun."""
    return word.pos_ == "PROPN" or (len(word.text) >= 2 and word.text.isalpha() and word.text.isupper())


NOT_SOURCES = nouns().documents | {"reports", "information", "footage", "video", "images", "photos"}  # what, not who
FOLLOWING = 1  # lead sentences after the toll's that may name its source
PARTY_KINDS = frozenset({"state news agency", "opposition", "government", "armed forces"})  # kb.json kinds


def _outlet_itself(outlet: str | None) -> tuple[str | None, str | None]:
    """A state's news agency or a party's own site is the source of a figure it prints citing no one
    (`SANA gave 8 dead`); another outlet's unattributed figure has no claimant."""
    known = _outlets().get(fold(outlet or ""))
    return (known.name, known.key) if known is not None else (None, None)


@cache
def _outlets() -> dict[str, KnownEntity]:
    return {fold(a): e for e in known_entities() if e.note in PARTY_KINDS for a in e.aliases}


def _claimant_in(
    toll: Span, body: Doc, quotes: list[Quote], mentions: list[Mention], entities: dict[str, Entity]
) -> tuple[str | None, str | None] | None:
    in_body = toll.doc is body
    for q in quotes:
        if (
            in_body
            and q.start < toll.end_char
            and toll.start_char < q.end
            and q.speaker
            and not _a_place(q, entities)
            and not _what_not_who(q.speaker)
        ):
            if q.speaker_key:
                return q.speaker, q.speaker_key
            return _described(q.speaker) or _holding(q.speaker.split()[-1].lower(), entities) or (q.speaker, None)
    found = _source_of(toll) or _before_verb(toll)
    resolved = _resolved(found, "body" if in_body else "title", mentions, entities, quotes) if found else (None,)
    return resolved if resolved[0] else _wire_credit(toll)


def _holding(noun: str, entities: dict[str, Entity]) -> tuple[str, str] | None:
    """`the center`, `the monitor`: the article's organisation whose name holds the noun."""
    if noun not in nouns().generic_orgs:
        return None
    found = next((e for e in entities.values() if e.type == "org" and noun in e.name.lower().split()), None)
    return (found.name, found.key) if found is not None else None


def _what_not_who(words: str) -> bool:
    """`the bulletin`, `footage`: a document, whose issuer is the source; `Air strikes`, `the shelling`:
    what happened, taken for who spoke by a parse of headlines run on."""
    last = words.split()[-1].lower() if words.split() else ""
    vocabulary = event_words.vocabulary()
    return last in NOT_SOURCES or last in vocabulary.words or last in vocabulary.generic


def _a_place(quote: Quote, entities: dict[str, Entity]) -> bool:
    """`Moscow said`, `Damascus said`: a government a place stands for is no source a toll can be cited to,
    whether or not the speaker was linked to the place."""
    entity = entities.get(quote.speaker_key or "")
    if (entity is not None and entity.type == "place") or (quote.speaker_key or "").startswith("place:"):
        return True
    return quote.speaker_key is None and _place_name(quote.speaker or "", entities)


def _place_name(words: str, entities: dict[str, Entity]) -> bool:
    folded = re.sub(r"^the\s+", "", words.strip().lower())
    return any(folded in (n.lower() for n in (e.name, *e.aliases)) for e in entities.values() if e.type == "place")


def _before_verb(sentence: Span) -> Span | None:
    """The words straight before a verb of reporting, where the parse found no subject naming a source, as in
    scrapes that lost their commas (`… in northern Syria Al Mayadeen TV channel reported on Sunday`, `… at
    least 112 people the Syrian Observatory for Human Rights monitoring group said`): a run of names and
    nouns back to a determiner, a number, a victim (`three civilians`), a place or a date."""
    doc = sentence.doc
    for t in sentence:
        if t.lemma_.lower() not in REPORTING or t.pos_ not in ("VERB", "AUX") or t.i == sentence.start:
            continue
        start = _past_a_place(doc, t.i, sentence.start)  # `an informed source in Homs told Sputnik`
        while start > sentence.start and _of_a_source_name(doc[start - 1], doc[start]):
            start -= 1
            if doc[start].pos_ == "DET":
                break
        words = doc[start : t.i]
        while len(words) and words[0].lower_ in ("and", "of", "for"):
            words = words[1:]
        if any(_names_a_source(w) for w in words):
            return words
    return None


def _past_a_place(doc: Doc, end: int, floor: int) -> int:
    """Where `in <place>` closing the words before `end` begins, else `end`."""
    start = end
    while start > floor and doc[start - 1].ent_type_ in ("GPE", "LOC") and doc[start - 1].pos_ == "PROPN":
        start -= 1
    if start < end and start > floor and doc[start - 1].lower_ in ("in", "from", "at"):
        return start - 1
    return end


def _of_a_source_name(word: Token, after: Token) -> bool:
    """Whether `word` may open the name of a source that `after` goes on: not a victim, a number, a verb, a
    place or date ending where a name begins (`Syria` before `Al Mayadeen`)."""
    if word.is_punct or word.like_num or word.pos_ in ("VERB", "AUX", "NUM", "PRON", "ADV", "SCONJ", "PART"):
        return False
    if word.lower_ in event_words.victims() and word.i > 0 and word.doc[word.i - 1].like_num:
        return False  # `killed three civilians local media reported`; but `a monitor and rebels said`
    if word.ent_type_ in ("GPE", "LOC", "DATE", "TIME", "CARDINAL") and (
        after.ent_iob_ != "I" or after.ent_type_ != word.ent_type_
    ):
        return False
    if word.pos_ in ("ADP", "CCONJ"):  # `Syrian Observatory for Human Rights`, `a monitor and rebels`
        return word.lower_ in ("for", "of", "and")
    return word.pos_ in ("PROPN", "NOUN", "ADJ", "DET", "X")


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
    """The words naming who reports what the sentence says: `according to X` (`citing X`, `quoting X`: the
    source the reporter names, not the reporter), the subject of a verb of reporting, or a headline's closing
    credit. With `named`, only a subject with a proper name."""
    text = sentence.text
    if (m := _ACCORDING.search(text)) is not None:
        after = sentence.char_span(m.end(), len(text), alignment_mode="expand")
        if after is not None and (phrase := _noun_phrase(after)) is not None:
            return phrase
    for t in sentence:
        if t.lemma_.lower() not in REPORTING or t.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in t.children if c.dep_ == "nsubj"), None)
        if subject is None or not _names_a_source(subject):
            continue
        phrase = sentence.doc[subject.left_edge.i : subject.i + 1]
        if named and not any(_a_name(w) for w in phrase):
            continue
        return phrase
    if not named and (m := _CREDIT.search(text)) is not None:
        return sentence.char_span(m.start("who"), m.end("who"))
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
    if _a_name(head):
        return True
    found = nouns()
    sources = found.anonymous | found.orgs | _SOURCE_NOUNS
    return head.pos_ == "NOUN" and (head.lemma_.lower() in sources or head.lower_ in sources)


_SOURCE_NOUNS = frozenset({"media", "monitor", "television", "tv", "official", "officials"})


def _noun_phrase(after: Span) -> Span | None:
    """The name or description that opens `after` (`the Syrian Observatory for Human Rights`, `local
    sources`), read word by word rather than from the parse, which runs it on into the clause that follows
    when the commas are lost (`According to the Syrian Observatory for Human Rights the casualties …`)."""
    doc, end = after.doc, after.start
    if end < after.end and doc[end].pos_ == "DET":
        end += 1
    while end < after.end and doc[end].pos_ != "DET" and _of_a_source_name(doc[end], doc[end]):
        end += 1
        if doc[end - 1].pos_ == "NOUN" and doc[end - 1].lemma_.lower() in NOT_SOURCES:
            break  # `according to the bulletin Jabhat al-Nusra terrorists executed …`: the document ends it
    while end > after.start and doc[end - 1].lower_ in ("and", "of", "for"):
        end -= 1
    phrase = doc[after.start : end]
    return phrase if any(w.pos_ in ("PROPN", "NOUN") for w in phrase) else None


def _not_of_the_source(word: Token) -> bool:
    """A word before a source's name that is the toll's or the time's: `50`, `civilians`, `overnight`."""
    counted = word.lower_ in event_words.victims() and word.i > 0 and word.doc[word.i - 1].like_num  # not `rebels said`
    return (
        word.like_num
        or word.is_punct
        or counted
        or word.ent_type_ in ("DATE", "TIME")
        or word.lower_ in ("overnight", "today", "yesterday", "tonight")
    )


def _resolved(
    phrase: Span, context: str, mentions: list[Mention], entities: dict[str, Entity], quotes: list[Quote]
) -> tuple[str | None, str | None]:
    """A source phrase as the entity it names: a mention inside it; for a description, the organisation
    of the article whose name holds its noun, else the one the article quotes most; else the words."""
    while len(phrase) > 1 and _not_of_the_source(phrase[0]):
        phrase = phrase[1:]  # `… wounded 50 state media reported`, `killed 20 civilians media reported`: the toll's
    if all(len(w.text.rstrip(".")) <= 1 for w in phrase if not w.is_punct):
        return None, None  # `H.`: a byline's initial, no source
    start, end = phrase.start_char, phrase.end_char
    inside = [m for m in mentions if m.context == context and start <= m.start < end and m.type != "place"]
    last = phrase.root.idx  # the head: `an informed source in Homs` is a source, `Rebel-backer Washington` a place
    if any(m.context == context and m.type == "place" and m.start <= last < m.end for m in mentions):
        return None, None  # `Rebel-backer Washington accuses`: a government a place stands for
    placed = sum(
        m.end - m.start
        for m in mentions
        if m.context == context and m.type == "place" and start <= m.start and m.end <= end
    )
    if placed and placed >= len(re.sub(r"\s|^the\s+", "", phrase.text)) - 1:
        return None, None  # a place is no source, nor are places run together (`Aleppo Hama`)
    if inside:  # `according to the Syrian Coalition and the Observatory`: the first named
        key = inside[0].entity_key
        return (entities[key].name if key in entities else inside[0].text), key
    words = phrase.text.strip()
    if _place_name(words, entities):
        return None, None  # `Washington said`: a government a place stands for, no source to cite
    head = phrase.root.lemma_.lower()
    if head in nouns().generic_orgs:
        # `the monitor`: the article's organisation whose name holds the noun, else the one the war's
        # reporting means by it (`a monitoring group`), else the one the article quotes most
        if holding := _holding(head, entities):
            return holding
        if (usual := _described(phrase[: phrase.root.i - phrase.start + 1].text)) is not None:
            return usual
        quoted = Counter(q.speaker_key for q in quotes if q.speaker_key and q.speaker_key.startswith("org:"))
        if quoted and (chosen := entities.get(quoted.most_common(1)[0][0])) is not None:
            return chosen.name, chosen.key
    if phrase.root.pos_ not in ("PROPN", "NOUN") or {head, phrase.root.lower_} & NOT_SOURCES or _what_not_who(words):
        return None, None
    return re.sub(r"^(?:the|a|an)\s+", "", words, flags=re.IGNORECASE) or None, None
