"""Who speaks a quote that has no speech verb: a signature after it (`"…" ― Pamela Padilla`), or the source
that reported words or issued a document in the sentence before it (`Trump said he would build a wall. "It
will be beautiful."`, `The DNC issued a statement. "On behalf of …"`)."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from ..sentences import around, sent_of, token_at
from .descriptions import issuing_verb
from .kinds import Cue, How, Speaker
from .marks import opens_sentence
from .speakers import Resolver

# `"…" ― Pamela Padilla`, `"…"` / `- Clinton.`, `- Michelle Marks, Philadelphia.`: a dash and a short name
# (and where they are from) closing the line after a quote
SIGNATURE = re.compile(
    r"[\"\u201d]?[.,]?[ \t]*(?:\n\s*)?(?:--?|[\u2013\u2014\u2015])[ \t]*"
    r"([A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*){0,4}?)[ \t]*(?:,[ \t]*[A-Z][\w.' \u2019-]{0,30}?)?[.,]?[ \t]*(?=\n|$)"
)


def signed(resolver: Resolver, end: int) -> Speaker | None:
    """A quote with no cue signed with a dash and a name after its closing mark."""
    m = SIGNATURE.match(resolver.phrases.article.text, end)
    if m is None:
        return None
    written = m.group(1).rstrip(".")
    name = resolver.doc.char_span(m.start(1), m.start(1) + len(written), alignment_mode="expand")
    if name is None or not len(name):
        return None
    ent = next((e for t in name if (e := resolver.ents.entity_at(t)) is not None and e.type != "place"), None)
    if ent is not None:
        return Speaker(ent, written, How.NAMED)
    return Speaker(None, written, How.ANONYMOUS)


def introduced(resolver: Resolver, start: int) -> Speaker | None:
    """A quote with no cue that opens its sentence right after a sentence in which one source spoke or
    issued a document: `Trump said he would build a wall. "It will be beautiful."`, `… according to RT.
    "Twenty-three people have been killed …"`, `The DNC issued a statement apologizing. "On behalf of …"`:
    that source goes on."""
    first = token_at(resolver.doc, start)
    if first is None:
        return None
    sent = sent_of(first)
    if sent.start == 0 or not opens_sentence(resolver.phrases.article.text, sent.start_char, start):
        return None
    before = around(sent_of(resolver.doc[sent.start - 1]), sent.start - 1, sent.start)  # a run-on scrape: its end
    if any(t.i in resolver.phrases.article.quoted for t in before):
        return None
    cues = [t for t in before if resolver.cues.is_cue(t) or resolver.cues.is_according(t)]
    issuers = [s for t in before if (s := _issuer(resolver, t)) is not None]
    if len(cues) == 1 and (resolver.cues.is_according(cues[0]) or any(c.dep_ == "ccomp" for c in cues[0].children)):
        who = resolver.speaker(Cue(cues[0], cues[0].text, True))
    elif len(cues) + len(issuers) == 1 and issuers:
        who = resolver.resolve(issuers[0])
    else:
        return None  # nobody, or several; or `critics noted the campaign's posters`: no words reported
    named = who.entity is not None or who.untagged_name
    return replace(who, how=How.CONTINUED) if named else None  # not `Palin's posts about ISIS`


def _issuer(resolver: Resolver, document: Token) -> Token | None:
    """The subject of the verb that issued a document (`the DNC issued a statement`, `published a letter`)."""
    if document.lemma_.lower() not in resolver.phrases.nouns.documents:
        return None
    verb = issuing_verb(document)
    return resolver.subjects.subject_of(verb) if verb is not None else None
