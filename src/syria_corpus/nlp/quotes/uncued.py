"""Who speaks a quote that has no speech verb: a signature after it (`"…" ― Pamela Padilla`), or the source
that reported words in the sentence before it (`Trump said he would build a wall. "It will be beautiful."`)."""

from __future__ import annotations

import re
from dataclasses import replace

from ..sentences import around, sent_of
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
    """A quote with no cue that opens its sentence right after a sentence in which one source spoke:
    `Trump said he would build a wall. "It will be beautiful."`, `… according to RT. "Twenty-three
    people have been killed …"`: that source goes on."""
    first = resolver.doc.char_span(start, start + 1, alignment_mode="expand")
    if first is None or not len(first):
        return None
    sent = sent_of(first[0])
    if sent.start == 0 or not opens_sentence(resolver.phrases.article.text, sent.start_char, start):
        return None
    quoted = resolver.phrases.article.quoted
    before = around(sent_of(resolver.doc[sent.start - 1]), sent.start - 1, sent.start)  # a run-on scrape: its end
    cues = [t for t in before if t.i not in quoted and (resolver.cues.is_cue(t) or resolver.cues.is_according(t))]
    if len(cues) != 1 or any(t.i in quoted for t in before):
        return None
    cue = cues[0]
    if not (resolver.cues.is_according(cue) or any(c.dep_ == "ccomp" for c in cue.children)):
        return None  # `critics noted the campaign's posters`: no words reported, none to go on
    who = resolver.speaker(Cue(cue, cue.text, True))
    named = who.entity is not None or who.untagged_name
    return replace(who, how=How.CONTINUED) if named else None  # not `Palin's posts about ISIS`
