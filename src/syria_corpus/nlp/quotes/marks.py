"""Direct quotes from quote marks: which marks open and close, the spans they enclose, and the marked
text that is not speech (labels, markup values)."""

from __future__ import annotations

import re
import unicodedata

from ...names import NAME_PARTICLES
from ...resources import load_words

OPEN_MARKS = "\u201c\u201e"
CLOSE_MARKS = "\u201d"
STRAIGHT = '"'
MARKS = frozenset(OPEN_MARKS + CLOSE_MARKS + STRAIGHT)


def mark_role(text: str, i: int, start: int, end: int) -> str:
    """Whether a quote mark can open or close a quote: curly marks say so; a straight mark is read
    from its neighbours (space before and a word after opens, a word before and space after closes). An
    opening curly mark glued to the word or comma before it and followed by a space closes: typed the wrong
    way round (`"It's unusual,\u201c said ...`)."""
    c = text[i]
    if c in OPEN_MARKS:
        return "close" if _closes(text, i, start, end) else "open"
    if c in CLOSE_MARKS:
        return "close"
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    spaced_before = before.isspace() or before in "([{\u2014\u2013-:;/"
    spaced_after = after.isspace() or after in ".,;:!?)]}\u2014\u2013-"
    if spaced_before and not spaced_after:
        return "open"
    if spaced_after and not spaced_before:
        return "close"
    return "either"


def quote_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of the text between paired double quote marks, paragraph by paragraph.

    A mark that can only open, met while a quote is open, opens a quote nested in it when the next two
    marks close, the inner and the outer one (the outer is the quote); otherwise the earlier opening mark
    was stray: the quote restarts there, so one lost mark costs one quote, not every quote after it. An unclosed quote
    runs to the end of its paragraph when the next paragraph opens with a quote mark (the newspaper
    convention for a quote over several paragraphs); otherwise its mark is ignored.
    """
    spans: list[tuple[int, int, int]] = []
    for n, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        skip_to = p_start
        for i in range(p_start, p_end):
            if i < skip_to or text[i] not in MARKS:
                continue
            role = mark_role(text, i, p_start, p_end)
            if role == "open" and open_at is not None and text[open_at:i].rstrip().endswith((".", "!", "?")):
                spans.append((open_at, i, n))  # paragraphs merged by scraping: `"… explosion. "People …`
                open_at = i + 1
            elif role == "open" and open_at is not None and (outer := _nested(text, open_at - 1, i, p_end)):
                spans.append((open_at, outer, n))  # `"… confirmed "on the ground" commanders were killed"`
                open_at, skip_to = None, outer + 1
            elif (
                role == "open"
                or (role == "either" and open_at is None)
                or (open_at is None and _opens(text, i, p_start, p_end))
            ):
                open_at = i + 1
            elif open_at is not None:
                spans.append((open_at, i, n))
                open_at = None
        if open_at is not None and n + 1 < len(paragraphs):
            next_start = paragraphs[n + 1][0]
            if text[next_start : next_start + 1] in MARKS:
                spans.append((open_at, p_end, n))
    return [(s, e, n) for s, e, n in (_trim(text, s, e, n) for s, e, n in spans) if e > s]


def _nested(text: str, outer: int, i: int, end: int) -> int | None:
    """The mark closing the quote opened at `outer` that the opening mark at `i` nests in: the second of
    the next two marks, when neither of them can only open. Straight marks only: typeset text nests
    single curly marks in double ones."""
    found: list[int] = []
    for j in range(i + 1, end):
        if text[j] in MARKS:
            if any(text[k] != STRAIGHT for k in (outer, i, j)) or mark_role(text, j, outer, end) == "open":
                return None
            found.append(j)
            if len(found) == 2:
                return j
    return None


def opens_sentence(text: str, sentence_start: int, at: int) -> bool:
    """Nothing but white space and marks between a sentence's start and `at` (walked back from `at`, so a
    run-on sentence of a whole scrape costs nothing)."""
    i = at - 1
    while i >= sentence_start and (text[i].isspace() or text[i] in MARKS or text[i] == "\ufffd"):
        i -= 1
    return i < sentence_start


def _closes(text: str, i: int, start: int, end: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return (before.isalnum() or before in ",.!?'\u2019") and (after.isspace() or after in ".,;:!?)")


def _opens(text: str, i: int, start: int, end: int) -> bool:
    """A closing curly mark where nothing is open, at a paragraph's or a word's start and before a word
    (`‪”Isis declares …” wrote Pete Hidalgo`): typed the wrong way round, it opens."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1 : min(i + 3, end)].lstrip()[:1] or " "
    return (before.isspace() or unicodedata.category(before) == "Cf") and (after.isalnum() or after == "\u2026")


def _trim(text: str, start: int, end: int, n: int) -> tuple[int, int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end, n


def is_label(text: str, before: str, spoken: bool = False) -> bool:
    """A name in quote marks rather than speech: `Operation "Euphrates Shield"`, `so-called "rebels"`,
    or a short run of capitalised words, a name or a title (`"Army of Conquest"`, `"The View"`, `"Crippled
    America: How to Make America Great Again"`), short words of a title left in lower case (`"Orange is the
    New Black"`). A question or exclamation mark makes it words said, not a name."""
    tail = before.lower().split()[-2:]
    last = before.rstrip().rsplit(None, 1)[-1] if before.strip() else ""
    prev = last.lower()
    if prev in load_words("label_cues.txt"):
        return True
    named_the = tail[-1:] in (["the"], ["a"], ["an"]) and tail[0] != "as" and tail[0] in load_words("label_cues.txt")
    if named_the and text.lstrip()[:1].isupper():
        return True  # `a blog called the "Feed"`: the name after its article
    if last in load_words("title_nouns.txt") and text.lstrip()[:1].isupper():
        return True  # `the movie "Dust Storm: Part Two!"`: a work's title
    if spoken:
        return False  # `he said "The Hispanics"`, `chanting "Dump Trump"`: capitals said, not a name
    body = text.strip(" ,.")
    words = re.findall(r"[^\W\d_][\w'\u2019.-]*", body)  # `isn't` is a word, `3` is not
    content = [_past_particle(w) for w in words if w.lower() not in load_words("title_small_words.txt")]
    if len(words) == 1 and words[0][0].isupper() and _OWNER.search(before):
        return True  # a name's own `NBC's "Today"`, `Fox News' "Hannity"`, `television's "Scandal"`: a title
    return (
        2 <= len(words) <= 12
        and len(content) >= 1
        and all(w[0].isupper() for w in content)
        and not re.search(r"[!?]", body)  # `"Now, is Syria safe? It is not"`: said
    )


def _past_particle(word: str) -> str:
    """`al-Sahel` of `"Wilayat al-Sahel"`: an Arabic name's capital comes after its particle."""
    head, dash, rest = word.partition("-")
    return rest if dash and rest and head.lower() in NAME_PARTICLES else word


def is_listed_title(text: str, start: int, end: int, para_start: int) -> bool:
    """A headline or title credited to its author in a list, not speech: `SHOWS—"Theatre to close in
    May," by the Times' Jane Doe: ...`: marks that open the paragraph, after nothing but a heading in capitals
    or a dash, and close before `by` and a name."""
    lead = text[para_start : max(para_start, start - 1)]
    return re.search(r"[a-z]", lead) is None and _BYLINE.match(text, end + 1) is not None


_BYLINE = re.compile(r"\s*,?\s*by\s+(?:the\s+)?[A-Z]")
_OWNER = re.compile(r"[\w.&-]+(?:['\u2019]s|s['\u2019])\s*$")


def is_markup(text: str, start: int, end: int) -> bool:
    """An attribute value or a bare identifier in marks, not speech: `tweet-id="7731…"`, `"@handle"`,
    `"2016-07-23"`, a single letter (`voted "R," or "D"`)."""
    if start >= 2 and text[start - 2] == "=":
        return True
    return re.fullmatch(r"[@#]\S+|[\d\s:/.,T+-]+|[A-Za-z][.,;:]?", text[start:end].strip()) is not None
