"""Quotes and their speakers.

Direct quotes are found from quote marks, paired within a paragraph (single quotes nest inside and
are never top-level). A quote's cue is a speech verb of its sentence outside any quote, preferring
the verb whose clause governs the quote; the speaker is that verb's subject, resolved to an entity:
a name or surname directly, a pronoun or a description ("the analyst") to the person who last held
the floor. A quote sentence with no cue continues the previous quote's speaker if nobody else spoke
in between. Reported speech ("X said that ...") is stored as kind="indirect".
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .entities import ArticleEntities, is_role_noun
from .records import Entity, Quote
from .resources import load_words

OPEN_MARKS = "\u201c\u201e"
CLOSE_MARKS = "\u201d"
STRAIGHT = '"'
PRONOUNS = frozenset({"he", "she", "him", "her"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl"})
MIN_UNCUED_WORDS = 5


@dataclass
class _Speaker:
    entity: Entity | None
    mention: str | None
    how: str  # named | pronoun | description | anonymous | continued | none


_CONFIDENCE = {"named": 0.9, "pronoun": 0.75, "description": 0.7, "anonymous": 0.6, "continued": 0.7, "none": 0.1}


def quote_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of the text between paired double quote marks, paragraph by paragraph.

    An unclosed quote runs to the end of its paragraph when the next paragraph opens with a quote mark
    (the newspaper convention for a quote over several paragraphs); otherwise its mark is ignored.
    """
    spans: list[tuple[int, int, int]] = []
    for n, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        for i in range(p_start, p_end):
            c = text[i]
            if c in OPEN_MARKS or (c == STRAIGHT and open_at is None):
                open_at = i + 1
            elif (c in CLOSE_MARKS or c == STRAIGHT) and open_at is not None:
                spans.append((open_at, i, n))
                open_at = None
        if open_at is not None and n + 1 < len(paragraphs):
            next_start = paragraphs[n + 1][0]
            if text[next_start : next_start + 1] in (STRAIGHT, *OPEN_MARKS):
                spans.append((open_at, p_end, n))
    return [(s, e, n) for s, e, n in (_trim(text, s, e, n) for s, e, n in spans) if e > s]


def _trim(text: str, start: int, end: int, n: int) -> tuple[int, int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end, n


class _Attributor:
    def __init__(self, doc: Doc, ents: ArticleEntities, spans: list[tuple[int, int, int]]):
        self.doc, self.ents, self.spans = doc, ents, spans
        self.cues = load_words("cues.txt")
        self.quoted = set()
        for s, e, _ in spans:
            self.quoted.update(t.i for t in doc.char_span(s, e, alignment_mode="expand") or ())
        # Person mentions in subject position outside quotes: who "holds the floor" at each point.
        self.floor: list[tuple[int, Entity]] = []
        for t in doc:
            if t.dep_ in SUBJECT_DEPS and t.i not in self.quoted and (ent := self._person_in(t)):
                self.floor.append((t.idx, ent))

    def is_cue(self, t: Token) -> bool:
        """A speech verb outside quotes; not the tail of a hyphenated word (`so-called`)."""
        if t.i in self.quoted or t.pos_ not in ("VERB", "AUX") or t.lemma_.lower() not in self.cues:
            return False
        return not (t.i > 0 and t.doc[t.i - 1].text == "-" and not t.doc[t.i - 1].whitespace_)

    def _person_in(self, subj: Token) -> Entity | None:
        """The person named by a subject: its own entity, else the last person in its subtree."""
        own = self.ents.entity_at(subj)
        if own and own.type == "person":
            return own
        found = None
        for t in subj.subtree:
            ent = self.ents.entity_at(t)
            if ent and ent.type == "person" and t.i not in self.quoted:
                found = ent
        return found

    def subject_of(self, cue: Token) -> Token | None:
        verb = cue
        for _ in range(4):
            subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
            if subjects:
                named = [s for s in subjects if self._person_in(s)]
                return (named or subjects)[-1]
            if verb.dep_ not in CLIMB_DEPS or verb.head is verb:
                return None
            verb = verb.head
        return None

    def last_on_floor(self, before: int, role_noun: str | None = None) -> Entity | None:
        candidates = [e for pos, e in self.floor if pos < before]
        if role_noun:
            fitting = [e for e in candidates if e.role and role_noun in e.role.lower()]
            if fitting:
                return fitting[-1]
        return candidates[-1] if candidates else None

    def speaker(self, cue: Token) -> _Speaker:
        subj = self.subject_of(cue)
        if subj is None:
            return _Speaker(None, None, "none")
        mention = " ".join(t.text for t in subj.subtree if t.i not in self.quoted).strip(" ,")
        if person := self._person_in(subj):
            return _Speaker(person, self._surface(subj, person), "named")
        ent = self.ents.entity_at(subj)
        if ent:
            return _Speaker(ent, self._surface(subj, ent), "named")
        if subj.lower_ in PRONOUNS:
            return _Speaker(self.last_on_floor(subj.idx), subj.text, "pronoun")
        if not mention:
            return _Speaker(None, None, "none")
        det = [c for c in subj.children if c.dep_ == "det"]
        anonymous = subj.lemma_.lower() in load_words("anonymous_nouns.txt") or subj.lower_ in load_words(
            "anonymous_nouns.txt"
        )
        if det and det[0].lower_ in ("the", "this", "that") and is_role_noun(subj) and not anonymous:
            return _Speaker(self.last_on_floor(subj.idx, subj.lemma_.lower()), mention, "description")
        if subj.pos_ in ("NOUN", "PROPN"):
            return _Speaker(None, mention, "anonymous")
        return _Speaker(None, mention or subj.text, "none")

    def _surface(self, subj: Token, ent: Entity) -> str:
        toks = [t for t in subj.subtree if self.ents.token_entity.get(t.i) == ent.key]
        return self.doc[toks[0].i : toks[-1].i + 1].text if toks else subj.text

    def choose_cue(self, span: Span) -> Token | None:
        sents = {t.sent.start: t.sent for t in (span[0], span[-1])}
        candidates = [t for s in sents.values() for t in s if self.is_cue(t)]
        if not candidates:
            return None
        inside = set(range(span.start, span.end))

        def governs(c: Token) -> bool:
            covered = sum(1 for t in c.subtree if t.i in inside)
            return covered >= len(inside) / 2

        governing = [c for c in candidates if governs(c)]
        if governing:
            return min(governing, key=lambda c: len(list(c.subtree)))
        return min(candidates, key=lambda c: min(abs(c.i - span.start), abs(c.i - span.end)))


def extract_quotes(doc: Doc, ents: ArticleEntities, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    text = doc.text
    spans = quote_spans(text, paragraphs)
    att = _Attributor(doc, ents, spans)
    quotes: list[Quote] = []
    prev: Quote | None = None
    for start, end, para in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        cue = att.choose_cue(span)
        if cue is not None:
            who = att.speaker(cue)
            cue_text = cue.text
        elif prev is not None and prev.speaker and _nobody_between(att, _sentence_end(doc, prev.end), start):
            who = _Speaker(ents.entities.get(prev.speaker_key or ""), prev.speaker_mention, "continued")
            if who.entity is None:
                who.mention = prev.speaker
            cue_text = None
        else:
            if len(text[start:end].split()) < MIN_UNCUED_WORDS:
                continue  # a label or scare quote, not speech
            who, cue_text = _Speaker(None, None, "none"), None
        q = Quote(
            kind="direct",
            text=text[start:end],
            start=start,
            end=end,
            paragraph=para,
            speaker=who.entity.name if who.entity else (who.mention if who.how == "anonymous" else None),
            speaker_key=who.entity.key if who.entity else None,
            speaker_mention=who.mention,
            speaker_role=who.entity.role if who.entity else None,
            cue=cue_text,
            confidence=_CONFIDENCE[who.how] if (who.entity or who.how == "anonymous") else _CONFIDENCE["none"],
        )
        quotes.append(q)
        prev = q
        if who.entity and who.entity.type == "person":
            att.floor.append((end, who.entity))
            att.floor.sort(key=lambda x: x[0])
        if who.how == "description" and who.entity and who.mention:
            who.entity.aliases.add(who.mention)
    quotes.extend(_indirect(doc, att, paragraphs))
    quotes.sort(key=lambda q: (q.start, q.kind))
    return quotes


def _sentence_end(doc: Doc, offset: int) -> int:
    span = doc.char_span(offset - 1, offset, alignment_mode="expand")
    return span.sent.end_char if span is not None else offset


def _nobody_between(att: _Attributor, start: int, end: int) -> bool:
    """No speech verb and no new subject person between two quotes."""
    between = att.doc.char_span(start, end, alignment_mode="contract")
    if between is None:
        return True
    return not any(att.is_cue(t) for t in between) and not any(start <= pos < end for pos, _ in att.floor)


def _paragraph_of(paragraphs: list[tuple[int, int]], offset: int) -> int:
    for n, (s, e) in enumerate(paragraphs):
        if s <= offset <= e:
            return n
    return 0


def _indirect(doc: Doc, att: _Attributor, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    """Reported speech: a cue verb's that-clause, unless the clause is itself one direct quote."""
    out = []
    for cue in doc:
        if not att.is_cue(cue):
            continue
        clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
        if clause is None or clause.i < cue.i:
            continue
        toks = list(clause.subtree)
        mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"), None)
        if mark is not None:
            toks = [t for t in toks if t.i > mark.i]
        if len(toks) < 3:
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        quoted = sum(1 for t in toks if t.i in att.quoted and not t.is_punct)
        if quoted >= 0.8 * sum(1 for t in toks if not t.is_punct):
            continue
        who = att.speaker(cue)
        if who.entity is None and who.how != "anonymous":
            continue
        out.append(
            Quote(
                kind="indirect",
                text=doc.text[start:end],
                start=start,
                end=end,
                paragraph=_paragraph_of(paragraphs, start),
                speaker=who.entity.name if who.entity else who.mention,
                speaker_key=who.entity.key if who.entity else None,
                speaker_mention=who.mention,
                speaker_role=who.entity.role if who.entity else None,
                cue=cue.text,
                confidence=round(_CONFIDENCE[who.how] * 0.8, 2),
            )
        )
    return out
