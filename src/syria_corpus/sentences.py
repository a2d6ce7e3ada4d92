"""The sentence of a token, found once per document: spaCy's `token.sent` scans the document on
every call, which made attribution quadratic in article length."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token


def _index(doc: Doc) -> tuple[list[Span], list[int]]:
    cached = doc.user_data.get("syria_corpus_sents")
    if cached is None:
        sents = list(doc.sents)
        index = [0] * len(doc)
        for n, s in enumerate(sents):
            for i in range(s.start, s.end):
                index[i] = n
        cached = doc.user_data["syria_corpus_sents"] = (sents, index)
    return cached


def sent_of(token: Token) -> Span:
    sents, index = _index(token.doc)
    return sents[index[token.i]]
