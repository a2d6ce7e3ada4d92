"""Records that cross the quote modules: how a speaker was found, the speaker, the cue."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from spacy.tokens import Doc, Token

from ...records import Entity, Quote
from ..entities import ArticleEntities


class How(Enum):
    """How a quote's speaker was found; each way has its measured precision (CONFIDENCE)."""

    NAMED = "named"
    PRONOUN = "pronoun"
    DESCRIPTION = "description"
    ANONYMOUS = "anonymous"
    CONTINUED = "continued"
    NONE = "none"


# The canonical-speaker precision measured for each way on the development sets (FA-KES development inside
# the whole corpus and PolNeAR train, leaving out gold speakers given only as a pronoun or description with
# no name, which no canonical speaker can match), rounded: named 744/769, pronoun 246/295, unnamed or
# continued 110/151, description 33/51 (2026-11-27).
CONFIDENCE = {
    How.NAMED: 0.95, How.PRONOUN: 0.85, How.DESCRIPTION: 0.65, How.ANONYMOUS: 0.7, How.CONTINUED: 0.7,
    How.NONE: 0.05,
}  # fmt: skip
NEAR_CUE_PENALTY = 0.05  # a cue near the quote without governing it: named 251/269, pronoun 49/61 so found
REPORTED_FACTOR = 0.8  # reported speech is attributed less surely than a direct quote


@dataclass(frozen=True)
class Speaker:
    entity: Entity | None
    mention: str | None
    how: How
    via: str | None = None

    @property
    def label(self) -> str | None:
        """The name a relay or a comparison uses: the entity's, else the words of an unnamed source."""
        return self.entity.name if self.entity else self.mention

    @property
    def untagged_name(self) -> bool:
        """An unnamed source written in capitals, which the model tagged as no entity (`RT`, `Zakaria
        Malahifji`): a name all the same. Not a pronoun nobody was found for (`I`, `He`): its `how` is NONE."""
        words = (self.mention or "").split()
        return self.how is How.ANONYMOUS and self.entity is None and bool(words) and all(w[:1].isupper() for w in words)


NOBODY = Speaker(None, None, How.NONE)


@dataclass(frozen=True)
class Cue:
    token: Token
    text: str | None
    governs: bool  # the cue's clause contains the quote, rather than merely standing near it


def to_quote(kind: str, text: str, start: int, end: int, para: int, who: Speaker, cue: str | None, cut: float) -> Quote:
    """The stored record of a quote found in `text[start:end]` and attributed to `who`."""
    named = who.entity is not None
    unnamed = who.how in (How.ANONYMOUS, How.CONTINUED)
    speaker = who.entity.name if named else (who.mention if unnamed else None)
    base = CONFIDENCE[who.how] if (named or unnamed and speaker) else CONFIDENCE[How.NONE]
    if kind == "indirect":
        base *= REPORTED_FACTOR
    return Quote(
        kind=kind,
        text=text[start:end],
        start=start,
        end=end,
        paragraph=para,
        speaker=speaker,
        speaker_key=who.entity.key if named else None,
        speaker_mention=who.mention,
        speaker_role=who.entity.role if named else None,
        cue=cue,
        via=who.via,
        confidence=round(max(base - cut, 0.05), 2),
    )


@dataclass(frozen=True)
class Article:
    """One article as the quote modules see it: the parse, its entities, and the tokens inside quotes."""

    doc: Doc
    ents: ArticleEntities
    text: str  # Doc.text joins every token on each access
    quoted: frozenset[int]

    @classmethod
    def of(cls, doc: Doc, ents: ArticleEntities, spans: list[tuple[int, int, int]]) -> Article:
        quoted = {t.i for s, e, _ in spans for t in doc.char_span(s, e, alignment_mode="expand") or ()}
        return cls(doc, ents, doc.text, frozenset(quoted))
