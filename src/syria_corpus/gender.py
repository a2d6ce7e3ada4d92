"""Grammatical gender of a person, where the text or a given name tells it: so that `he` and `she` skip
a person of the other gender when a pronoun is resolved."""

from __future__ import annotations

from enum import Enum

from .resources import load_sections, load_words

_HONORIFICS = {"mr": "male", "mr.": "male", "mrs": "female", "mrs.": "female", "ms": "female", "ms.": "female",
               "miss": "female", "madam": "female", "sir": "male"}  # fmt: skip


class Gender(Enum):
    MALE = "male"
    FEMALE = "female"


PRONOUNS = {"he": Gender.MALE, "him": Gender.MALE, "his": Gender.MALE, "she": Gender.FEMALE, "her": Gender.FEMALE}


def of_name(name: str) -> Gender | None:
    """By the given name (`Hillary Clinton`, `Bashar al-Assad`, `Gen. Qassem Soleimani`); None when the
    name does not say. The last word is a surname, whatever given name it looks like (`Mattie Thomas`)."""
    names = load_sections("first_names.txt")
    for w in _given_words(name):
        for gender in Gender:
            if w in names[gender.value]:
                return gender
    return None


def _given_words(name: str) -> list[str]:
    """The words of a name that may be its given name: up to two before the surname, titles and initials
    left out (`Sheikh Hassan Nasrallah`, `J. Edgar Hoover`); a lone name is itself."""
    titles = {t.lower().strip(".") for t in load_words("titles.txt")}
    words = [w.strip(".,").lower() for w in name.split()]
    words = [w for w in words if len(w) > 1 and w not in titles] or words
    return words[:1] if len(words) == 1 else words[:-1][:2]


def is_given_name(word: str) -> bool:
    """A known given name of either gender (`benjamin`), not a misspelt one (`human` for `huma`)."""
    names = load_sections("first_names.txt")
    return any(word.lower() in names[g.value] for g in Gender)


def of_honorific(word: str) -> Gender | None:
    """`Mr.`, `Mrs.`, `Ms.` before a name."""
    value = _HONORIFICS.get(word.lower())
    return Gender(value) if value else None
