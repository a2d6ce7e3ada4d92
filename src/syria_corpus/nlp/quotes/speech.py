"""Which text in quote marks is speech: not a label or title (`Operation "Euphrates Shield"`, `"Midday with
X"`), a headline listed with its byline, a markup value, a term held at arm's length (`an Islamic
"caliphate"`) or a noun naming the thing after it (`the "Avatar" star`)."""

from __future__ import annotations

from spacy.tokens import Span

from ...resources import load_words
from .cues import Cues, word_before
from .marks import MARKS, is_label, is_listed_title, is_markup


def is_speech(cues: Cues, span: Span, start: int, end: int, paragraph_start: int) -> bool:
    """Whether the marked text `span` (`text[start:end]`, in a paragraph starting at `paragraph_start`) is
    words someone said."""
    text = cues.article.text  # not `span.doc.text`, which joins every token of the document again
    before = text[max(0, start - 30) : start - 1]
    if (
        is_label(text[start:end], before, _spoken_right_before(cues, span))
        and not _said_as(cues, span)
        and not _named_by_subject(span)
    ):
        return False
    if is_listed_title(text, start, end, paragraph_start):
        return False
    return not (
        is_markup(text, start, end) or _is_term(span) or _names_what_follows(span) or _term_as_subject(cues, span)
    )


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
    if len(outside) != 1 or outside[0].pos_ not in ("NOUN", "PROPN") or any(t.head.i == t.i for t in words):
        return False  # a sentence's root inside: `"… combing the city for terrorists" militia spokesman X told`
    head = outside[0].head
    return (
        outside[0].dep_ in ("nmod", "compound", "amod")
        and after < head.i <= after + 3
        and all(t.pos_ in ("NOUN", "PROPN") for t in doc[after + 1 : head.i + 1])
    )


def _term_as_subject(cues: Cues, span: Span) -> bool:
    """A noun or two in marks that are the subject of the verb after them: a term held at arm's length
    (`"Toxic gas attack" kills at least 58`, a video's title), not words someone said; unless a speech
    verb before them reports that verb (`McCain says "loose talk" about torture is dangerous`, `he said
    "The Russians" would pay`). A quoted clause has a verb of its own."""
    words = [t for t in span if not t.is_punct]
    if not words or len(words) > 4 or any(t.pos_ in ("VERB", "AUX") for t in words):
        return False
    roots = [t for t in words if not span.start <= t.head.i < span.end]
    if len(roots) != 1 or roots[0].dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = roots[0].head
    reported = any(cues.is_cue(v) and v.i < span.start for v in (verb, *verb.ancestors))
    return verb.i >= span.end and verb.pos_ in ("VERB", "AUX") and not reported
