"""Reported speech: a speech verb's that-clause (unless it is itself one direct quote), and the rest of a
sentence attributed with `according to X`; stored as kind="indirect"."""

from __future__ import annotations

from spacy.tokens import Token

from ...records import Quote
from ...resources import load_sections, load_words
from ..sentences import sent_of
from .kinds import Cue, How, to_quote
from .speakers import Resolver


def reported_speech(resolver: Resolver, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    cues, quoted, text = resolver.cues, resolver.phrases.article.quoted, resolver.phrases.article.text
    out = []
    for cue in resolver.doc:
        if cues.is_according(cue):
            found = _according_clause(cue, quoted)
        elif cues.is_cue(cue) and not _unsaid(cue):
            found = _reported_clause(cue, resolver, quoted)
        else:
            continue
        if found is None:
            continue
        start, end = found
        who = resolver.speaker(Cue(cue, cue.text, True))
        if who.entity is None and who.how is not How.ANONYMOUS:
            continue
        out.append(
            to_quote("indirect", text, start, end, _paragraph_of(paragraphs, start), who, cues.cue_text(cue), 0.0)
        )
    return out


def _unsaid(cue: Token) -> bool:
    """`could not say whether …`, `without saying which party it thought had used it`: nothing was said."""
    return any(c.dep_ == "neg" for c in cue.children) or (cue.dep_ == "pcomp" and cue.head.lower_ == "without")


def _paragraph_of(paragraphs: list[tuple[int, int]], offset: int) -> int:
    for n, (s, e) in enumerate(paragraphs):
        if s <= offset <= e:
            return n
    return 0


def _reported_clause(cue: Token, resolver: Resolver, quoted: frozenset[int]) -> tuple[int, int] | None:
    comp = resolver.cues.complement(cue)
    holders = [comp] if comp is not None else []
    holders.append(cue)
    clause = next(
        (c for h in holders for c in h.children if c.dep_ in ("ccomp", "advcl") and c.i > cue.i and (comp is None or c.i != comp.i) and
         (c.dep_ == "ccomp" or any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children))),
        None,
    )  # fmt: skip
    if clause is None:
        return None
    mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    if (
        mark is None
        and cue.lemma_.lower() not in load_words("addressee_verbs.txt")
        and any(c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i < clause.i for c in cue.children)
    ):
        return None  # `IS has declared a caliphate in territory it controls`: a clause about the object
    toks = list(clause.subtree)
    if mark is not None:
        toks = [t for t in toks if t.i > mark.i]
    return _unquoted_stretch(toks, quoted)


def _according_clause(according: Token, quoted: frozenset[int]) -> tuple[int, int] | None:
    """`Five people were killed, according to the Observatory`: the sentence without the attribution."""
    sent = sent_of(according)
    attribution = {t.i for t in according.subtree}
    toks = [t for t in sent if t.i not in attribution]
    while toks and toks[-1].is_punct:
        toks.pop()
    while toks and toks[0].is_punct:
        toks.pop(0)
    if any(t.i in quoted for t in toks):
        return None  # the sentence holds a direct quote, which carries the attribution already
    return _unquoted_stretch(toks, quoted)


def _unquoted_stretch(toks: list[Token], quoted: frozenset[int]) -> tuple[int, int] | None:
    toks = _past_labels(toks)
    if len(toks) < 3:
        return None
    words = [t for t in toks if not t.is_punct]
    if sum(1 for t in words if t.i in quoted) >= 0.8 * len(words):
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _past_labels(toks: list[Token]) -> list[Token]:
    """`Tags Waer incendiary weapons Two children were killed …`: a table row's tag line glued to the first
    sentence (the parse takes the tags into the subject); what was said starts with the noun phrase just
    before its verb."""
    if not toks or toks[0].text not in load_sections("furniture_words.txt")["labels"]:
        return toks
    verb = next((t for t in toks if t.pos_ == "VERB"), None)
    if verb is None:
        return toks
    first = verb.i
    while first - 1 > toks[0].i and verb.doc[first - 1].dep_ in ("aux", "auxpass", "neg", "advmod"):
        first -= 1
    chunk = next((c for c in verb.doc.noun_chunks if c.end == first and c.start > toks[0].i), None)
    return [t for t in toks if t.i >= chunk.start] if chunk is not None else toks
