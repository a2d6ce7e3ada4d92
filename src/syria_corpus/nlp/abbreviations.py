"""Abbreviations the text defines in brackets: `the Syrian Association for Missing and Conscience Detainees
(SAFMCD)`. The long form is the whole name even where the model cut it (`… for Missing` | `Conscience
Detainees`), and the abbreviation names the same body in the rest of the article. Long forms are found as
Schwartz & Hearst (2003) find them: the letters of the abbreviation, right to left, in the words before
the bracket, the first at a word's start."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..names import NAME_PARTICLES

_SMALL = frozenset({"of", "for", "and", "the", "on", "in", "to", "de", "du", "la", "le"}) | NAME_PARTICLES


def defined(doc: Doc) -> dict[int, Span]:
    """The index of each bracketed abbreviation's token to the name it abbreviates, when that name is
    written in capitals as a name is (`Independent Doctors Association (IDA)`), not a phrase."""
    found = {}
    for t in doc[2:-1]:
        if t.nbor(-1).text != "(" or t.nbor(1).text != ")" or not _is_abbreviation(t.text):
            continue
        if (long := _long_form(doc, t.i - 1, t.text)) is not None:
            found[t.i] = long
    return found


def _is_abbreviation(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 10 and text[:1].isupper() and sum(c.isupper() for c in letters) >= 2


def _long_form(doc: Doc, bracket: int, short: str) -> Span | None:
    """The shortest run of words before the bracket that holds the abbreviation's letters in order."""
    letters = [c.lower() for c in short if c.isalnum()]
    start, content = bracket, 0
    while start > doc[bracket].sent.start and content < min(len(letters) + 5, 2 * len(letters)):
        start -= 1
        content += doc[start].lower_ not in _SMALL
    words = [t for t in doc[start:bracket] if not t.is_punct or t.text == "-"]
    if not words or words[-1].i != bracket - 1:
        return None  # `…, (AFP)`: not right after a name
    text = " ".join(t.text for t in words)
    s, i = len(letters) - 1, len(text) - 1
    while s >= 0:
        while i >= 0 and (text[i].lower() != letters[s] or (s == 0 and i > 0 and text[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    begin = text.rfind(" ", 0, i + 1) + 1
    first = len(text[:begin].split())
    span = doc[words[first].i : bracket]
    names = [t for t in span if t.is_alpha and t.lower_ not in _SMALL]
    if len(span) < 2 or not names or not all(t.text[:1].isupper() for t in names) or span[0].lower_ in _SMALL:
        return None
    return span
