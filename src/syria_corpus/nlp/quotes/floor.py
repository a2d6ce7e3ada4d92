"""Who has held the floor in an article so far: people, organisations, unnamed sources and bodies in
subject position, and the speakers of the quotes already found, as one list of typed entries in text order.
Pronouns and descriptions are resolved against it."""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from enum import Enum

from spacy.tokens import Token

from ...records import Entity
from ...resources import load_words
from ..evidence import is_role_noun, lookup_place
from .kinds import How, Speaker
from .phrases import Phrases, name_core, partitive
from .subjects import SUBJECT_DEPS, Subjects

CHAIN_PRONOUNS = frozenset({"he", "she"})


class Role(Enum):
    PERSON = "person"  # a named person as a subject, or a person who was quoted
    ORG = "org"  # a named organisation as a subject, or one that was quoted
    UNNAMED = "unnamed"  # an unnamed source as a subject: `a source said`, `activists say`
    BODY = "body"  # a body the model does not know, as the subject of a speech verb: `the Israeli army said`
    QUOTED = "quoted"  # the speaker of a direct quote, whoever it is
    PRONOUN = "pronoun"  # `he` or `she` as a main clause's subject or a speech verb's: a link back in a chain


@dataclass(frozen=True)
class Entry:
    pos: int  # character offset in the body
    role: Role
    entity: Entity | None = None
    mention: str | None = None
    head: str | None = None  # the head noun's lemma of an unnamed subject
    spoke: bool = False  # the subject of a speech verb, or a quote's speaker
    salient: bool = False  # a person who spoke or is the subject of a main clause
    main: bool = False  # the subject of a main clause, or a quote's speaker
    plural: bool = False
    speaker: Speaker | None = None  # for QUOTED


class Floor:
    def __init__(self, entries: Iterable[Entry] = ()):
        self.entries = sorted(entries, key=lambda e: e.pos)
        # Each role's entries in text order, with their offsets and their rank in `entries` (ties keep the
        # order of `entries`), so a look-back walks only that role's entries before an offset: an article of
        # thousands of `"…," he said` scanned the whole floor once per quote (quadratic).
        self._seq = 0
        self._roles: dict[Role, tuple[list[int], list[int], list[Entry]]] = {r: ([], [], []) for r in Role}
        self._sourced: tuple[list[int], list[int], list[Entry]] = ([], [], [])
        for e in self.entries:
            self._index(e)

    @classmethod
    def read(cls, phrases: Phrases, subjects: Subjects) -> Floor:
        """The subjects of an article outside quotes, and the sources introduced by `according to X`."""
        doc, quoted = phrases.doc, phrases.article.quoted
        question_verbs = load_words("question_verbs.txt")
        entries = []
        for t in doc:
            if t.i in quoted:
                continue
            according = t.dep_ == "pobj" and t.head.lower_ == "to" and phrases.cues.is_according(t.head.head)
            if t.dep_ in SUBJECT_DEPS or according:
                entries += _entries(phrases, t)
            elif phrases.cues.is_cue(t) and (s := subjects.stranded_subject(t)) is not None:
                # `… on the hospital a source in the local militia said. "…," he told …`: the parse hung the
                # source on the clause before; it holds the floor all the same
                entries += [replace(e, spoke=True) for e in _entries(phrases, s)]
            elif t.dep_ == "dobj" and t.head.lemma_.lower() in question_verbs and (person := phrases.person_in(t)):
                # `Scott Conroy asked Sanders whether … . "Sure it is," he said`: the one asked answers
                entries.append(Entry(t.idx, Role.PERSON, person, salient=True, main=True))
        return cls(entries)

    def said(self, pos: int, who: Speaker) -> None:
        """A direct quote ending at `pos` was attributed to `who`."""
        self._add(Entry(pos, Role.QUOTED, who.entity, who.mention, speaker=who, spoke=True))
        if who.entity is not None:
            role = Role.PERSON if who.entity.type == "person" else Role.ORG
            self._add(Entry(pos, role, who.entity, spoke=True, salient=True, main=True))
        elif who.untagged_name:
            self._add(Entry(pos, Role.UNNAMED, None, who.mention, spoke=True, salient=True))

    def _add(self, entry: Entry) -> None:
        bisect.insort(self.entries, entry, key=lambda e: e.pos)
        self._index(entry)

    def _index(self, entry: Entry) -> None:
        """An entry goes after those at its offset already there, in its role's list as in `entries`."""
        lists = [self._roles[entry.role]]
        if entry.role is Role.QUOTED and _sourced(entry):
            lists.append(self._sourced)
        for positions, ranks, entries in lists:
            i = bisect.bisect_right(positions, entry.pos)
            positions.insert(i, entry.pos)
            ranks.insert(i, self._seq)
            entries.insert(i, entry)
        self._seq += 1

    def latest(self, role: Role, before: int, where: Callable[[Entry], bool] | None = None) -> Entry | None:
        """The last entry of a role before an offset (that meets a condition)."""
        positions, _, entries = self._roles[role]
        for i in range(bisect.bisect_left(positions, before) - 1, -1, -1):
            if where is None or where(entries[i]):
                return entries[i]
        return None

    def latest_sourced(self, before: int) -> Entry | None:
        """The last direct quote before an offset whose speaker is an entity or an unnamed source."""
        positions, _, entries = self._sourced
        i = bisect.bisect_left(positions, before)
        return entries[i - 1] if i else None

    def all(self, role: Role, before: int | None = None, after: int = -1) -> list[Entry]:
        positions, _, entries = self._roles[role]
        lo = bisect.bisect_left(positions, after)
        hi = len(positions) if before is None else bisect.bisect_left(positions, before)
        return entries[lo:hi]

    def backwards(self, before: int, roles: Iterable[Role] | None = None) -> Iterator[Entry]:
        """The entries (of some roles) before an offset, last first: the order of `reversed(entries)`."""
        walks = [self._walk(role, before) for role in (self._roles if roles is None else roles)]
        return (e for _, _, e in heapq.merge(*walks, key=lambda w: (w[0], w[1])))

    def _walk(self, role: Role, before: int) -> Iterator[tuple[int, int, Entry]]:
        positions, ranks, entries = self._roles[role]
        for j in range(bisect.bisect_left(positions, before) - 1, -1, -1):
            yield -positions[j], -ranks[j], entries[j]


def _sourced(e: Entry) -> bool:
    return e.entity is not None or (e.speaker is not None and e.speaker.how is How.ANONYMOUS)


def _entries(phrases: Phrases, t: Token) -> list[Entry]:
    main = t.head.dep_ == "ROOT" or (t.head.dep_ == "conj" and t.head.head.dep_ == "ROOT")
    speaks, plural = phrases.speaks(t), t.tag_ in ("NNS", "NNPS")

    def unnamed(role: Role, mention: str | None, head: str, many: bool = plural) -> list[Entry]:
        return [Entry(t.idx, role, None, mention, head, spoke=speaks, salient=main, main=main, plural=many)]

    if t.lower_ in CHAIN_PRONOUNS:
        return (
            [Entry(t.idx, Role.PRONOUN, mention=t.text, spoke=speaks, salient=True, main=main)]
            if speaks or main
            else []
        )
    if person := phrases.person_in(t):
        return [Entry(t.idx, Role.PERSON, person, spoke=speaks, salient=speaks or main, main=main)]
    if (org := phrases.org_in(t)) is not None:
        return [Entry(t.idx, Role.ORG, org, spoke=speaks, salient=main)]
    lemma = t.lemma_.lower()
    if partitive(t) and speaks:  # `one of the guards told AFP … . "…," he said`: one unnamed source (not
        # `one of its fighters fired`, `six of the raids hit`: nobody who spoke)
        of = next(c for c in t.children if c.dep_ == "prep" and c.lower_ == "of")
        head = next(c for c in of.children if c.dep_ == "pobj").lemma_.lower()
        return unnamed(Role.UNNAMED, phrases.mention_of(t), head, t.lower_ != "one")
    if phrases.is_anonymous(t) and t.pos_ in ("NOUN", "PROPN"):  # not `someone`, `another`: nobody to refer back to
        given = phrases.named_as(t)
        return unnamed(Role.UNNAMED, given.mention if given else phrases.mention_of(t), lemma)
    if is_role_noun(t) and t.pos_ == "NOUN" and speaks and not plural and _by_office(t):
        # `France's foreign minister called for …`, `Russian Foreign Ministry official stated`: someone
        # unnamed, described by office, whom a later `he` can mean (`the minister` refers back to someone
        # named; `a reporter asked Sanders. He replied` means Sanders)
        return unnamed(Role.UNNAMED, phrases.mention_of(t), lemma)
    if t.pos_ == "PROPN" and speaks and (name := name_core(t)) is not None:
        # `Zakaria Malahifji of the Fastaqim group told Reuters. He said …`: a name the model did not tag
        return unnamed(Role.UNNAMED, name, lemma, False)
    if speaks and _lone_name(phrases, t):
        # `Cruz openly admitted that … . "…," he said`: a surname alone, which the model did not tag
        return unnamed(Role.UNNAMED, t.text, lemma, False)
    if lemma in phrases.nouns.documents:
        return []  # `the statement said`: it speaks for its issuer, who holds the floor
    if t.pos_ in ("NOUN", "PROPN") and not is_role_noun(t) and (speaks or main):
        return unnamed(Role.BODY, phrases.mention_of(t), lemma)
    return []


def _lone_name(phrases: Phrases, t: Token) -> bool:
    """One capitalised proper noun, with nothing before it, that names no place, role (`Head of …`) or
    known thing."""
    return (
        t.pos_ == "PROPN"
        and t.text.isalpha()
        and t.text[:1].isupper()
        and not t.text.isupper()
        and not list(t.lefts)
        and not is_role_noun(t)
        and phrases.ents.entity_at(t) is None
        and t.text not in load_words("not_names.txt")
        and lookup_place(t.text) is None
    )


def _by_office(t: Token) -> bool:
    """A role noun with no article, modified by whose office it is: `France's foreign minister`."""
    kids = list(t.children)
    return not any(c.dep_ == "det" for c in kids) and any(c.dep_ in ("poss", "compound", "amod") for c in kids)


def restates(entry: Entry, head: str, words: set[str]) -> bool:
    """A definite description that is an unnamed source or body named before: `the source` after `a
    military source`; not `the regime military source` after `Turkish presidential sources`, nor `the
    terrorist group` after `a monitoring group`, whose words it does not share."""
    return entry.head == head and words <= set(re.findall(r"[^\W\d_]+", (entry.mention or "").lower()))
