"""Quotes whose marks a scrape damaged: an opening curly mark that became replacement characters with its
closing mark lost (`��The attack has ended said Observatory chief Rami Abdel Rahman.`), and a closing
mark typed after the attribution (`"Six bombers attacked the base said Kirkuki."`). Both are common in
page scrapes that also dropped commas; the attribution at the sentence's end says where the words stop."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..entities import ArticleEntities
from ..sentences import sent_of
from .cues import CONTENT_DEPS, Cues, addressed_deps
from .kinds import Article

QuoteSpan = tuple[int, int, int]  # start, end, paragraph

LOST_OPENER = re.compile(r"(?:(?<=^)|(?<=[\s.!?]))\ufffd{1,2}(?=[A-Z])", re.MULTILINE)
MAX_TAIL = 10  # tokens of an attribution (`said Observatory chief Rami Abdel Rahman`)
MIN_WORDS = 5  # words said, so a name in damaged marks (`��Islamic State group`) is not taken for speech

SUBJECTS = ("nsubj", "nsubjpass")


def repaired(
    doc: Doc, ents: ArticleEntities, spans: list[QuoteSpan], paragraphs: list[tuple[int, int]]
) -> list[QuoteSpan]:
    """The quote spans the marks give, each ended before an attribution its closing mark took in, and the
    quotes of lost opening marks added."""
    cues = Cues(Article.of(doc, ents, []))  # speech verbs anywhere: a damaged quote's cue sits inside marks
    spans = shorten_past_attribution(doc, cues, spans)
    lost = [s for s in lost_opener_spans(doc, cues, paragraphs) if not any(a < s[1] and s[0] < b for a, b, _ in spans)]
    return sorted(spans + lost)


def lost_opener_spans(doc: Doc, cues: Cues, paragraphs: list[tuple[int, int]]) -> list[QuoteSpan]:
    """(start, end, paragraph) of the words after a lost opening mark that starts a sentence, up to the
    attribution that ends it; a lost mark with no such attribution is left alone (a damaged scare quote)."""
    text = doc.text
    spans = []
    for m in LOST_OPENER.finditer(text):
        first = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if first is None or not len(first):
            continue
        sent = sent_of(first[0])
        if sent.start_char < m.start() and text[sent.start_char : m.start()].strip():
            continue  # inside a sentence: a damaged scare quote (`a ��pause`)
        tail = attribution_tail(cues, doc[first[0].i : sent.end], m.end())
        if tail is None:
            continue
        end = tail[0].idx
        para = next((n for n, (s, e) in enumerate(paragraphs) if s <= m.end() < e), None)
        if para is not None and len(text[m.end() : end].split()) >= MIN_WORDS:
            spans.append((m.end(), _trimmed_end(text, end), para))
    return spans


def shorten_past_attribution(doc: Doc, cues: Cues, spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Quote spans whose closing mark came after their own attribution end before it:
    `"Six bombers attacked the base said Kirkuki."` is the words before `said Kirkuki`."""
    out, text = [], cues.article.text
    for start, end, para in spans:
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is not None and len(span) and (tail := _named_tail(cues, span)) is not None:
            cut = _trimmed_end(text, tail.idx)
            if len(text[start:cut].split()) >= MIN_WORDS:
                end = cut
        out.append((start, end, para))
    return out


def attribution_tail(cues: Cues, words: Span, after: int) -> tuple[Token, Token] | None:
    """The first token and the subject of the attribution closing `words` (`he added`, `said the commander`,
    `Kirkuki told Rudaw`): the last speech verb that reports nothing of its own, whose subject stands after
    `after`, with a few words at most."""
    found = None
    for t in words:
        if not cues.is_cue(t):
            continue
        subj = next((c for c in t.children if c.dep_ in SUBJECTS), None)
        if subj is None and t.i + 1 < words.end and t.nbor().pos_ == "PROPN":
            subj = t.nbor()  # `said Kirkuki`, the name parsed as an object
        if subj is None or subj.left_edge.idx < after or _reports(t, subj):
            continue
        first = min(t, subj.left_edge, key=lambda x: x.i)
        if words.end - first.i <= MAX_TAIL and _only_attribution(words.doc[first.i : words.end], t, subj):
            found = first, subj
    return found


def _only_attribution(tail: Span, cue: Token, subj: Token) -> bool:
    """Every word of the tail is the cue, its subject, its auxiliaries, whom it addresses or where and when
    it was said (`told Rudaw`, `said in a statement`), so no words said are cut off."""
    allowed = {cue.i, *(x.i for x in subj.subtree)}
    for c in cue.children:
        if c.dep_ in ("aux", "prep", "npadvmod", *addressed_deps(cue)) and c.i > subj.i:
            allowed.update(x.i for x in c.subtree)
    return all(t.i in allowed or t.is_punct for t in tail)


def _reports(cue: Token, subj: Token) -> bool:
    """The cue reports words after it (`the president said Assad must go`), so it closes nothing."""
    addressed = addressed_deps(cue)
    return any(
        c.dep_ in CONTENT_DEPS and c.dep_ not in addressed and c.i > cue.i and c.i != subj.i for c in cue.children
    )


def _named_tail(cues: Cues, span: Span) -> Token | None:
    """A named speaker's attribution at the very end of a quote's words, with no punctuation before it."""
    doc = span.doc
    found = attribution_tail(cues, doc[max(sent_of(span[-1]).start, span.start) : span.end], span.start_char)
    if found is None or doc[found[0].i - 1].is_punct or found[1].pos_ != "PROPN":
        return None
    return found[0]


def _trimmed_end(text: str, end: int) -> int:
    """`end` moved back over white space, without copying a long text's prefix."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
