"""The quotes of one article: each direct quote with its cue and speaker, a quote with no cue continuing
the previous speaker only if nobody else spoke in between, a quote over several paragraphs taking the
speaker its last part names, then reported speech."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from ..entities import ArticleEntities
from ..records import Quote
from ..resources import load_words
from ..sentences import sent_of
from .cues import Cues, word_before
from .floor import Floor, Role
from .kinds import CONFIDENCE, NEAR_CUE_PENALTY, NOBODY, Article, Cue, How, Speaker, to_quote
from .lost_marks import repaired
from .marks import MARKS, is_label, is_listed_title, is_markup, quote_spans
from .phrases import Phrases
from .reported import reported_speech
from .speakers import Resolver

MIN_UNCUED_WORDS = 5


def extract_quotes(doc: Doc, ents: ArticleEntities, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    text = doc.text
    spans = repaired(doc, ents, quote_spans(text, paragraphs), paragraphs)
    article = Article.of(doc, ents, spans)
    cues = Cues(article)
    phrases = Phrases(article, cues)
    floor = Floor.read(phrases)
    resolver = Resolver(phrases, floor)
    quotes: list[Quote] = []
    prev: Quote | None = None
    for start, end, para in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        before = text[max(0, start - 30) : start - 1]
        if (
            is_label(text[start:end], before, _spoken_right_before(cues, span))
            and not _said_as(cues, span)
            and not _named_by_subject(span)
        ):
            continue
        if is_listed_title(text, start, end, paragraphs[para][0]):
            continue
        if is_markup(text, start, end) or _is_term(span) or _names_what_follows(span):
            continue
        cue = cues.choose(span)
        cut = 0.0
        if cue is not None:
            who = resolver.speaker(cue, span)
            cut = 0.0 if cue.governs else NEAR_CUE_PENALTY
        elif (signed := resolver.signed(end)) is not None:
            who = signed
        elif len(text[start:end].split()) < MIN_UNCUED_WORDS:
            continue  # a label or scare quote with no speech verb, not a continuation of anyone's words
        elif (
            prev is not None
            and prev.speaker
            and _nobody_else_between(resolver, prev, _sentence_end(doc, prev.end), start)
        ):
            entity = ents.entities.get(prev.speaker_key or "")
            who = Speaker(entity, prev.speaker_mention if entity else prev.speaker, How.CONTINUED, prev.via)
        else:
            who = NOBODY
        q = to_quote("direct", text, start, end, para, who, cue.text if cue else None, cut)
        quotes.append(q)
        prev = q
        floor.said(end, who)
    quotes = _speaker_from_later_paragraph(quotes, paragraphs, text)
    quotes.extend(reported_speech(resolver, paragraphs))
    quotes.sort(key=lambda q: (q.start, q.kind))
    return quotes


def _said_as(cues: Cues, span: Span) -> bool:
    """`describing the measure as "unacceptable"`, `denounced the talks as "meaningless"`: after `as`, the
    words a speech verb quotes, not a name (`known as "the Army of Conquest"`)."""
    before = word_before(span)
    if before is None or before.lower_ != "as":
        return False
    verb = next((t for t in before.ancestors if t.pos_ in ("VERB", "AUX")), None)
    return verb is not None and cues.is_cue(verb)  # `denounced the talks for peace as "…"`


def _spoken_right_before(cues: Cues, span: Span) -> bool:
    """The marks come right after a speech verb (`he said "The Hispanics"`, `chanting: "Dump Trump"`), so
    capitalised words in them are words said; not after a verb of addressing (`told "Morning Joe"`), nor
    right after a verb of making a work (`who wrote "Peter Pan"`; `wrote: "We Won"` is said)."""
    before = word_before(span)
    glued = True
    while before is not None and before.text in (":", ",") and before.i > 0:
        before, glued = before.doc[before.i - 1], False
    if before is not None and glued and before.lemma_.lower() in load_words("authoring_verbs.txt"):
        return False  # `who wrote "Peter Pan"`: a title
    return (
        before is not None
        and cues.is_cue(before)
        and before.lemma_.lower() not in load_words("addressee_verbs.txt")
        and before.lower_ not in load_words("label_cues.txt")
    )


def _named_by_subject(span: Span) -> bool:
    """`what Gilbert called "a perception problem"`: a naming verb right before the marks with someone as
    its subject reports that someone's words; a thing so named (`a blog called "the Feed"`) or naming
    itself (`the group calls itself "..."`) gives a name."""
    before = word_before(span)
    if before is not None and before.lower_ in ("the", "a", "an") and before.i > 0:
        before = before.doc[before.i - 1]  # `he called the "..."`
    if before is None or before.pos_ != "VERB" or before.lower_ not in load_words("label_cues.txt"):
        return False
    kids = list(before.children)
    return any(c.dep_ == "nsubj" for c in kids) and not any(c.lower_.endswith(("self", "selves")) for c in kids)


def _is_term(span: Span) -> bool:
    """A word or two in quote marks inside a phrase of the narration, a term held at arm's length rather
    than speech: `an Islamic "caliphate"`, `Daesh's "virtual caliphate"`: what the marks hold is modified from
    outside them. (A quoted modifier, `carried out "significant" strikes`, is usually the speaker's word.)"""
    if len(span) > 3:
        return False
    inside = range(span.start, span.end)
    before = word_before(span)
    return before is not None and before.head.i in inside and before.dep_ in ("amod", "poss", "nmod", "compound")


def _names_what_follows(span: Span) -> bool:
    """Marked words that modify the noun right after the closing mark name a thing, they are not speech:
    `the "Avatar" star`, `her "clawback" plan`, `his "Second Amendment people" remark`, `"Dixiecrat" Strom
    Thurmond`. Only a noun in marks: a quoted adjective (`"significant" strikes`) is the speaker's word."""
    doc = span.doc
    after = span.end
    if after + 1 >= len(doc) or doc[after].text not in MARKS:
        return False
    words = [t for t in span if not t.is_punct]
    outside = [t for t in words if not span.start <= t.head.i < span.end]
    if len(outside) != 1 or outside[0].pos_ not in ("NOUN", "PROPN"):
        return False
    head = outside[0].head
    return (
        outside[0].dep_ in ("nmod", "compound", "amod")
        and after < head.i <= after + 3
        and all(t.pos_ in ("NOUN", "PROPN") for t in doc[after + 1 : head.i + 1])
    )


def _speaker_from_later_paragraph(quotes: list[Quote], paragraphs: list[tuple[int, int]], text: str) -> list[Quote]:
    """A quote over several paragraphs names its speaker in a later one: `"First part.` / `"Second
    part," he said.` Unattributed parts that run to the end of their paragraph take the next part's."""
    out = list(quotes)
    for n in range(len(out) - 2, -1, -1):
        q, nxt = out[n], out[n + 1]
        runs_on = not text[q.end : paragraphs[q.paragraph][1]].strip(' .,"\u201c\u201d')
        opens_next = text[paragraphs[nxt.paragraph][0] : nxt.start].strip() in MARKS
        if q.speaker is None and nxt.speaker and runs_on and nxt.paragraph == q.paragraph + 1 and opens_next:
            out[n] = replace(
                q, speaker=nxt.speaker, speaker_key=nxt.speaker_key, speaker_mention=nxt.speaker_mention,
                speaker_role=nxt.speaker_role, via=nxt.via, confidence=CONFIDENCE[How.CONTINUED],
            )  # fmt: skip
    return out


def _sentence_end(doc: Doc, offset: int) -> int:
    span = doc.char_span(offset - 1, offset, alignment_mode="expand")
    return sent_of(span[0]).end_char if span is not None and len(span) else offset


def _nobody_else_between(resolver: Resolver, prev: Quote, start: int, end: int) -> bool:
    """Nobody but the previous quote's speaker spoke or became a subject between two quotes."""
    between = resolver.doc.char_span(start, end, alignment_mode="contract")
    if between is None:
        return True

    def same(who: Speaker) -> bool:
        if who.entity is not None:
            return who.entity.key == prev.speaker_key
        return bool(who.mention) and who.mention == prev.speaker

    for t in between:
        if resolver.cues.is_cue(t) and not same(resolver.speaker(Cue(t, t.text, True))):
            return False
    floor = resolver.floor
    subjects = [e.entity for role in (Role.PERSON, Role.ORG) for e in floor.all(role, before=end, after=start)]
    return all(e.key == prev.speaker_key for e in subjects)
