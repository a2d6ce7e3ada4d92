"""The quotes of one article: each direct quote with its cue and speaker, a quote with no cue continuing
the previous speaker only if nobody else spoke in between, a quote over several paragraphs taking the
speaker its last part names, then reported speech."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from ...records import Quote
from ...resources import load_words
from ..entities import ArticleEntities
from ..sentences import sent_of, token_at
from .cues import Cues, word_before
from .floor import Floor, Role
from .kinds import CONFIDENCE, NEAR_CUE_PENALTY, NOBODY, Article, Cue, How, Speaker, to_quote
from .lost_marks import repaired
from .marks import MARKS, quote_spans
from .phrases import Phrases
from .reported import reported_speech
from .speakers import Resolver
from .speech import is_speech
from .subjects import Subjects
from .uncued import introduced, signed

MIN_UNCUED_WORDS = 5


def extract_quotes(doc: Doc, ents: ArticleEntities, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    text = doc.text
    spans = repaired(doc, ents, quote_spans(text, paragraphs), paragraphs)
    article = Article.of(doc, ents, spans)
    cues = Cues(article)
    phrases = Phrases(article, cues)
    subjects = Subjects(phrases)
    floor = Floor.read(phrases, subjects)
    resolver = Resolver(phrases, floor, subjects)
    quotes: list[Quote] = []
    prev: Quote | None = None
    for start, end, para in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        if not is_speech(cues, span, start, end, paragraphs[para][0]):
            continue
        cue = cues.choose(span)
        cut = 0.0
        if cue is not None:
            who = resolver.speaker(cue, span)
            cut = 0.0 if cue.governs else NEAR_CUE_PENALTY
        elif (by_signature := signed(resolver, end)) is not None:
            who = by_signature
        elif len(text[start:end].split()) < MIN_UNCUED_WORDS:
            continue  # a label or scare quote with no speech verb, not a continuation of anyone's words
        elif (
            prev is not None
            and prev.speaker
            and not _cried(span)
            and _nobody_else_between(resolver, prev, _sentence_end(doc, prev.end), start)
        ):
            entity = ents.entities.get(prev.speaker_key or "")
            who = Speaker(entity, prev.speaker_mention if entity else prev.speaker, How.CONTINUED, prev.via)
        elif (going_on := introduced(resolver, start)) is not None:
            who = going_on
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


def _cried(span: Span) -> bool:
    """Marked words a crowd cried (`against cries of "…"`, `chants of "…"`; `data/cry_nouns.txt`)."""
    of = word_before(span)
    noun = of.doc[of.i - 1] if of is not None and of.lower_ == "of" and of.i > 0 else None
    return noun is not None and noun.lemma_.lower() in load_words("cry_nouns.txt")


def _sentence_end(doc: Doc, offset: int) -> int:
    t = token_at(doc, offset - 1)
    return sent_of(t).end_char if t is not None else offset


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
