"""The dead of each place, where one sentence counts them apart: `four civilians were killed in Arbin and
one in each of Harasta and Douma`, `11 were killed in the Bab al-Nasr area of Old Aleppo and seven in
Fardous`. Round-ups of monitors and state agencies report many strikes this way, and each is an event of
its own for a researcher who maps them.

A place takes the number that comes before it through `in` or `at` (and a few words naming the kind of
place: `the city of`, `the neighbourhood`), with no other number, wounded word or event word between; the
places listed after `in each of` all take its number. A subgroup's number (`including four children`) is
not the place's.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from ..resources import load_json
from .event_words import as_number, vocabulary

PLACE_WORDS = 6  # `each of the cities of`, `the Bab al-Nasr area of`: between the preposition and the place
BETWEEN = 14  # words between the number and its preposition: `civilians including a baby were killed by air raids`


def breakdown(sentence: Span, places: list[tuple[int, str, int]]) -> list[tuple[str, int]]:
    """(place key, its dead) for each place of `places` (start, key, end; in the sentence, in order) that
    the sentence gives its own number; empty unless two or more places have one."""
    doc, found, each, boundary = sentence.doc, [], None, sentence.start
    for start, key, end in places:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or span.start < boundary:
            continue
        words = list(doc[boundary : span.start])
        n, listed = _count_before(words)
        if n is None and each is not None and _a_list_joint(words):
            n, listed = each, True  # `in each of the cities of Harasta and Douma`
        each = n if listed else None
        if n is not None and key not in {k for k, _ in found}:
            found.append((key, n))
        boundary = span.end
    return found if len(found) >= 2 else []


def _count_before(words: list[Token]) -> tuple[int | None, bool]:
    """The number that `words` (what stands before a place) give it, and whether it is `in each of`."""
    i = len(words)
    prefix = 0
    while i > 0 and words[i - 1].lower_ not in ("in", "at") and prefix <= PLACE_WORDS:
        w = words[i - 1]
        if w.like_num or _counted(w) or (w.is_punct and w.text != "-"):
            return None, False
        i, prefix = i - 1, prefix + (w.text != "-")
    if i == 0 or prefix > PLACE_WORDS:
        return None, False
    each = any(w.lower_ == "each" for w in words[i:])
    j = i - 1
    while j > 0 and i - 1 - j <= BETWEEN:
        w = words[j - 1]
        if w.like_num and w.ent_type_ not in ("DATE", "TIME"):
            if j >= 2 and words[j - 2].lower_ in ("including", "among"):
                j -= 1  # `including four children`: some of them
                continue
            if j >= 2 and words[j - 2].lower_ in _wounded():
                return None, False  # `and wounded 20 in Harasta`: the wounded's
            return as_number(w.text), each
        if w.lower_ in _wounded() or w.lower_ in ("in", "at") or w.is_punct:
            return None, False
        j -= 1
    return None, False


def _counted(word: Token) -> bool:
    """A word of the wounded, or of what happened (`in terrorist attacks in Aleppo`): no place's own dead here."""
    return word.lower_ in _wounded() or word.lower_ in vocabulary().words or word.lemma_.lower() in vocabulary().words


def _a_list_joint(words: list[Token]) -> bool:
    """`and`, `,`, `and the towns of`: what joins the places of a list."""
    return 0 < len(words) <= PLACE_WORDS and all(w.lower_ in _JOINTS or w.is_punct for w in words)


_JOINTS = frozenset({"and", "the", "of", "towns", "cities", "villages", "districts", "neighborhoods", "neighbourhoods"})


@cache
def _wounded() -> frozenset[str]:
    return frozenset(load_json("events.json")["casualty_words"]["wounded"])
