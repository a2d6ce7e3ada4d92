"""One home for how names are compared: a spelling-insensitive key and a transliteration skeleton, used by
the gazetteer, the linker, curation and queries alike (`U.S.` and `US` fold the same everywhere)."""

from __future__ import annotations

import re

from unidecode import unidecode

#: Particles inside names, not names themselves: `al-Assad`, `bin Laden`, `Abu Omar`, `de Mistura`, `van Aken`.
NAME_PARTICLES = frozenset({"al", "el", "as", "ad", "ash", "an", "bin", "ibn", "abu", "de", "van", "von"})
KUNYA_WORDS = frozenset({"abu", "abou", "umm", "um", "om"})  # `Abu Omar`: father of, mother of
#: Marks of a generation after a family name (`Bob Casey Jr.`, `Joe Manchin III`); a numeral after a given name
#: is a ruler's (`John Paul II`).
GENERATION_MARKS = frozenset({"jr", "sr", "ii", "iii", "iv"})


def fold(name: str) -> str:
    """Spelling-insensitive key: ASCII, lower case, no punctuation, no leading `the`."""
    s = unidecode(name).lower().replace("-", " ")
    s = re.sub(r"[^a-z0-9 ]", "", s)
    s = " ".join(s.split())
    return s[4:] if s.startswith("the ") else s


def is_generation_mark(word: str) -> bool:
    """`Jr.`, `Sr`, `III`: capitalised, as written after a name (not the initial `V`)."""
    return word[:1].isupper() and word.rstrip(".").lower() in GENERATION_MARKS


def skeleton(folded: str) -> str:
    """Consonants only, doubled letters single: transliterations of one Arabic name share it
    (`Jaish al-Fateh`, `Jaysh al-Fatah` -> `jslft`)."""
    s = re.sub(r"[aeiouyhw ]", "", folded)
    return re.sub(r"(.)\1+", r"\1", s)


def possessive_forms(name: str, longer_than: int = 3) -> list[str]:
    """The name, and the name without a final `s` where a scrape may have lost a possessive's apostrophe
    (`Assads government`, `Hezbollahs`, `Syrias`); short words are left alone (`Isis`, `Bus`)."""
    return [name, name[:-1]] if name.endswith("s") and len(name) > longer_than else [name]
