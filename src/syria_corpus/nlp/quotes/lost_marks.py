"""Quotes whose marks a scrape damaged: an opening mark whose closing mark was lost, whether the opening
mark survived (`"At least 40 people were killed the Observatory said.`) or became replacement characters
(`��The attack has ended said Observatory chief Rami Abdel Rahman.`), and a closing mark typed after the
attribution (`"Six bombers attacked the base said Kirkuki."`). All are common in page scrapes that also
dropped commas; the attribution at the end of the sentence, or of one of the next few, says where the words
stop."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span, Token

from ..entities import ArticleEntities
from ..sentences import REACH, sent_of, token_at
from .cues import Cues, addressed_deps, content_of
from .kinds import Article
from .marks import MARKS, OPEN_MARKS, STRAIGHT, mark_role, opens_sentence

QuoteSpan = tuple[int, int, int]  # start, end, paragraph

LOST_OPENER = re.compile(r"(?:(?<=^)|(?<=[\s.!?]))\ufffd{1,2}(?=[A-Z])", re.MULTILINE)
MAX_TAIL = 16  # tokens of an attribution (`the UK-based opposition Syrian Observatory for Human Rights claimed`)
MAX_SENTENCES = 4  # sentences of an unclosed quote before its attribution
MIN_WORDS = 5  # words said, so a name in damaged marks (`��Islamic State group`) is not taken for speech

SUBJECTS = ("nsubj", "nsubjpass")


def repaired(
    doc: Doc, ents: ArticleEntities, spans: list[QuoteSpan], paragraphs: list[tuple[int, int]]
) -> list[QuoteSpan]:
    """The quote spans the marks give, each ended before an attribution its closing mark took in, and the
    quotes of lost opening marks added."""
    cues = Cues(Article.of(doc, ents, []))  # speech verbs anywhere: a damaged quote's cue sits inside marks
    spans = shorten_past_attribution(doc, cues, spans)
    text = cues.article.text
    openers = sorted([m.end() for m in LOST_OPENER.finditer(text)] + unclosed_openers(text, spans, paragraphs))
    lost = [s for s in unclosed_spans(doc, cues, openers, paragraphs) if not _overlaps(spans, s[0], s[1])]
    return sorted(spans + lost)


def _overlaps(spans: list[QuoteSpan], start: int, end: int) -> bool:
    """Whether [start, end) meets one of `spans` (sorted, not overlapping each other)."""
    n = bisect.bisect_left(spans, (end,)) - 1  # the last span starting before `end`
    return n >= 0 and spans[n][1] > start


def unclosed_openers(text: str, spans: list[QuoteSpan], paragraphs: list[tuple[int, int]]) -> list[int]:
    """Offsets right after opening marks that enclose nothing: their closing mark was lost."""
    used: set[int] = set()
    for start, end, _ in spans:
        before, after = start - 1, end
        while before > 0 and text[before].isspace():
            before -= 1
        while after < len(text) - 1 and text[after].isspace():
            after += 1
        used.update((before, after))
    found = []
    for p_start, p_end in paragraphs:
        for m in _OPENING.finditer(text, p_start, p_end):
            i = m.start()
            if i not in used and not _overlaps(spans, i, i + 1) and mark_role(text, i, p_start, p_end) == "open":
                found.append(i + 1)
    return found


def unclosed_spans(doc: Doc, cues: Cues, openers: list[int], paragraphs: list[tuple[int, int]]) -> list[QuoteSpan]:
    """(start, end, paragraph) of the words after an unclosed opening mark that starts a sentence, up to the
    attribution that ends it or one of the next few sentences of its paragraph; a mark with no such
    attribution is left alone (a damaged scare quote, or words whose end nothing tells)."""
    text = cues.article.text
    para_starts = [s for s, _ in paragraphs]
    spans = []
    for at in openers:
        first = token_at(doc, at)
        para = bisect.bisect_right(para_starts, at) - 1
        if first is None or para < 0 or at >= paragraphs[para][1]:
            continue
        sent = sent_of(first)
        if not opens_sentence(text, max(sent.start_char, paragraphs[para][0]), at):
            continue  # inside a sentence: a damaged scare quote (`a ��pause`)
        for _ in range(MAX_SENTENCES):
            begin = max(first.i, sent.start)
            tail = attribution_tail(cues, doc[begin : min(sent.end, begin + REACH)], at)  # a run-on scrape: bounded
            if tail is not None or sent.end >= len(doc):
                break
            sent = sent_of(doc[sent.end])
            if sent.start_char >= paragraphs[para][1] or any(c in MARKS or c == "\ufffd" for c in sent.text):
                break
        if tail is None:
            continue
        end = tail[0].idx
        if len(text[at:end].split()) >= MIN_WORDS:
            spans.append((at, _trimmed_end(text, end), para))
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
    return any(c.i > cue.i and c.i != subj.i for c in content_of(cue))


def _named_tail(cues: Cues, span: Span) -> Token | None:
    """A named speaker's attribution at the very end of a quote's words, with no punctuation before it."""
    doc = span.doc
    found = attribution_tail(cues, doc[max(sent_of(span[-1]).start, span.start) : span.end], span.start_char)
    if found is None or doc[found[0].i - 1].is_punct or found[1].pos_ != "PROPN":
        return None
    return found[0]


_OPENING = re.compile(f"[{STRAIGHT}{OPEN_MARKS}]")


def _trimmed_end(text: str, end: int) -> int:
    """`end` moved back over white space, without copying a long text's prefix."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
