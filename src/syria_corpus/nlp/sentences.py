"""The sentence of a token, found once per document: spaCy's `token.sent` scans the document on
every call, which made attribution quadratic in article length."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token


def _index(doc: Doc) -> tuple[list[tuple[int, int]], list[int]]:
    """Sentence bounds as plain numbers: a Span kept in `doc.user_data` would tie the Doc in a reference
    cycle, and its native memory would wait for Python's rare full collections."""
    cached = doc.user_data.get("syria_corpus_sents")
    if cached is None:
        bounds = [(s.start, s.end) for s in doc.sents]
        index = [0] * len(doc)
        for n, (start, end) in enumerate(bounds):
            index[start:end] = [n] * (end - start)
        cached = doc.user_data["syria_corpus_sents"] = (bounds, index)
    return cached


def token_at(doc: Doc, offset: int) -> Token | None:
    """The token holding a character offset of the text, if any (none on white space between tokens)."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def sent_of(token: Token) -> Span:
    bounds, index = _index(token.doc)
    start, end = bounds[index[token.i]]
    return token.doc[start:end]


#: Tokens of a sentence looked at on each side of a quote when the sentence is longer than any real one: a
#: scrape with no sentence punctuation parses as one sentence of the whole text, and looking through all of
#: it for every quote in it was quadratic (4,000 such paragraphs: minutes).
REACH = 200


def around(sent: Span, start: int, end: int, reach: int = REACH) -> Span:
    """The sentence, or when it runs on past `reach` tokens either side of tokens [start, end), the part of
    it that does not."""
    if sent.start >= start - reach and sent.end <= end + reach:
        return sent
    return sent.doc[max(sent.start, start - reach) : min(sent.end, end + reach)]
