"""The cue of a quote: the speech verb whose clause holds it, `according to`, or a framing colon."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from ...resources import load_sections, load_words
from ..sentences import around, sent_of
from .kinds import Article, Cue

CONTENT_DEPS = frozenset({"ccomp", "dobj", "xcomp", "advcl", "dative"})  # what a cue reports, when it reports
WHEN_MARKS = frozenset({"as", "when", "while", "after", "before", "since", "until"})


@cache
def _vocabulary() -> tuple[frozenset[str], frozenset[tuple[str, ...]], frozenset[str]]:
    """Speech verbs (`data/cues.txt`): single words, phrasal cues (`make clear`) and their verbs."""
    words = load_words("cues.txt")
    phrasal = frozenset(tuple(c.split()) for c in words if " " in c)
    return frozenset(c for c in words if " " not in c), phrasal, frozenset(verb for verb, _ in phrasal)


_ASPECTUAL = frozenset({"continue", "go"})  # speech verbs (`he continued`, `went on`) that also say "kept doing"


class Cues:
    """Which tokens of one article are speech verbs, and which one introduces a quote."""

    def __init__(self, article: Article):
        self.article = article
        self.single, self.phrasal, self.phrasal_verbs = _vocabulary()
        self.after_furniture = _after_furniture(article)

    def is_cue(self, t: Token) -> bool:
        """A speech verb outside quotes; not the tail of a hyphenated word (`so-called`)."""
        lemma = t.lemma_.lower()
        if lemma not in self.single and lemma not in self.phrasal_verbs:
            return False
        if t.i in self.article.quoted or t.pos_ not in ("VERB", "AUX") or t.i in self.after_furniture:
            return False
        if lemma not in self.single and self.complement(t) is None:
            return False
        if t.tag_ == "VB" and t.i == sent_of(t).start:
            return False  # an imperative: `Read more on The Syria Campaign here`
        if lemma in _ASPECTUAL and (any(c.dep_ == "xcomp" for c in t.children) or not self._goes_on_speaking(t)):
            return False  # `Trump continued to hurt his cause`, `air strikes continue in some areas`: no speech
        return not (t.i > 0 and t.doc[t.i - 1].text == "-" and not t.doc[t.i - 1].whitespace_)

    def _goes_on_speaking(self, t: Token) -> bool:
        """`continue`, `go on` as speech: beside a quote (`"…," he continued`, `He went on: "…"`) or with
        something said or done (`continues that …`, `continued his attacks`, `continued on, mocking …`)."""
        near = t.doc[max(0, t.i - 4) : t.i + 4]
        said = any(c.dep_ in ("ccomp", "dobj", "advcl", "parataxis") for c in t.children)
        return said or any(x.is_quote or x.i in self.article.quoted for x in near)

    def complement(self, t: Token) -> Token | None:
        """The word that makes a phrasal cue of a verb: `clear` in `made it clear`."""
        lemma = t.lemma_.lower()
        return next((c for c in t.children if (lemma, c.lemma_.lower()) in self.phrasal), None)

    def cue_text(self, t: Token) -> str:
        if self.is_according(t):
            return "according to"
        comp = self.complement(t) if t.lemma_.lower() not in self.single else None
        return t.doc[t.i : comp.i + 1].text if comp is not None and comp.i > t.i else t.text

    def is_according(self, t: Token) -> bool:
        if t.lower_ != "according" or t.i + 1 >= len(t.doc) or t.i in self.article.quoted:
            return False
        return t.nbor().lower_ == "to"

    def colon_before(self, span: Span) -> Token | None:
        """The colon that introduces a quote (`He said: "…"`, also across a paragraph break)."""
        before = word_before(span)
        return before if before is not None and before.text == ":" and before.i not in self.article.quoted else None

    def choose(self, span: Span) -> Cue | None:
        """The cue of a quote: a speech verb (or `according to`) of the quote's sentences, outside
        quotes, preferring the verb whose clause holds the quote; failing that, a sentence ending
        in a colon just before the quote (`He said: "…"`)."""
        doc = span.doc
        sents = {sent_of(t).start: around(sent_of(t), span.start, span.end) for t in (span[0], span[-1])}
        candidates = [t for s in sents.values() for t in s if self.is_cue(t) or self.is_according(t)]
        if not candidates:
            # The parser may end a sentence at the closing mark: `"…" | the statement said.`; a sentence
            # that starts in lower case there is the rest of the quote's own sentence.
            # So is a short `Trump said.` there: a cue near its start with nothing said after it.
            after = sent_of(doc[span.end + 1]) if span.end + 1 < len(doc) else None
            if after is not None and after.start in (span.end, span.end + 1):
                near = [t for t in after[:12] if self.is_cue(t) and t.i not in self.article.quoted]
                candidates = near if after.text[:1].islower() else [t for t in near if says_nothing_more(t, after)]
        colon = self.colon_before(span)
        if not candidates and colon is not None:
            candidates = [t for t in around(sent_of(colon), colon.i, colon.i + 1) if self.is_cue(t) and t.i < colon.i]
            if not candidates:  # `Clinton's response was: "…"`: the person the framing sentence names
                return Cue(colon, None, False)
        if not candidates:
            candidates = self._framing_sentence(span)
        if not candidates:
            return None
        inside = set(range(span.start, span.end))

        def governs(c: Token) -> bool:
            return sum(1 for t in c.subtree if t.i in inside) >= len(inside) / 2

        governing = [c for c in candidates if governs(c)]
        if governing:
            best = min(governing, key=lambda c: len(list(c.subtree)))
        else:
            best = min(candidates, key=lambda c: min(abs(c.i - span.start), abs(c.i - span.end)))
        return Cue(best, self.cue_text(best), bool(governing))

    def _framing_sentence(self, span: Span) -> list[Token]:
        """`Sam Lau, the party's spokesman, said in a statement. "There are no ballots …"`: a sentence
        right before the quote, with no quote of its own, whose cue has a subject and reports nothing;
        a colon lost to a full stop."""
        before = word_before(span)
        if before is None or before.text != "." or before.i in self.article.quoted:
            return []
        sent = around(sent_of(before), before.i, before.i + 1)
        if any(t.i in self.article.quoted for t in sent):
            return []
        return [t for t in sent if self.is_cue(t) and any(c.dep_ == "nsubj" for c in t.children) and not content_of(t)]


def word_before(span: Span) -> Token | None:
    """The token before a quote's opening mark, past the marks and any line break."""
    doc, i = span.doc, span.start - 1
    while i >= 0 and (doc[i].is_space or doc[i].is_quote):  # spaCy marks every quote mark (marks.MARKS) is_quote
        i -= 1
    return doc[i] if i >= 0 else None


def says_nothing_more(cue: Token, sent: Span) -> bool:
    """`Trump said.`, `Hewitt said, according to a transcript`, `Ortiz told reporters.`, `Sessions said as
    he opened the vote`: the cue has a subject and no content of its own, so it attributes the quote
    before it."""
    return cue.i - sent.start <= 6 and not content_of(cue)


def content_of(cue: Token) -> list[Token]:
    """What a cue reports: its clause or object; not the one it addresses (`told reporters`, `asked the
    mogul`), nor a clause saying when (`said as he launched the vote`)."""
    addressed = addressed_deps(cue)
    if cue.lemma_.lower() in load_words("question_verbs.txt"):
        addressed = (*addressed, "dobj")
    return [
        c
        for c in cue.children
        if c.dep_ in CONTENT_DEPS
        and c.dep_ not in addressed
        and not (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in WHEN_MARKS for m in c.children))
    ]


def addressed_deps(cue: Token) -> tuple[str, ...]:
    """The dependencies of the one a cue addresses (`told reporters`), which are not what it reports."""
    return ("dobj", "dative") if cue.lemma_.lower() in load_words("addressee_verbs.txt") else ()


def quote_verb(t: Token) -> Token | None:
    """The verb that relays a cue: `quote` itself, or the verb of `quoted / reported / cited X as saying`."""
    for _ in range(3):
        if t.lemma_.lower() == "quote":
            return t
        if t.head.i == t.i:
            return None
        if t.head.lower_ == "as" and t.head.head.lemma_.lower() in ("report", "cite", "quote"):
            return t.head.head
        t = t.head
    return None


def _after_furniture(article: Article) -> frozenset[int]:
    """Tokens after a page-furniture word in their sentence (`… Print Tweet Views 1430 Related Syrias Assad
    says Turkeys Erdogan exploiting coup …`): a table row's scrape glued related headlines into the
    sentence, and a verb there is a headline's, not a cue (`data/furniture_words.txt`)."""
    words = load_sections("furniture_words.txt")["headlines"]
    out: set[int] = set()
    for sent in article.doc.sents:
        for t in sent:
            nxt = t.nbor() if t.i + 1 < len(t.doc) else None
            if t.text in words and t.i not in article.quoted and (nxt is None or nxt.lower_ != "to"):
                out.update(range(t.i + 1, sent.end))
                break
    return frozenset(out)
