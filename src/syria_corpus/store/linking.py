"""Corpus-level entity linking: one stored entity per real person, place or organisation.

An article's analysis names entities by slug of their in-article canonical name. When it is stored,
each is linked to an entity already in the corpus if the user said so (curation: aliases, merges,
renames, kept in the database and applied again on every ingest), or if its name is the same once
spelling is folded ("Peoples Protection Units" ~ "People's Protection Units"), or, for people, if it
is a close spelling of a person with the same surname ("Rami Abdul-Rahman" ~ "Rami Abdel Rahman").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from ..gender import is_given_name
from ..knowledge import by_key, known_entities
from ..names import GENERATION_MARKS, KUNYA_WORDS, NAME_PARTICLES, fold, possessive_forms, skeleton
from ..records import Entity
from .lookup import corrections, entity_names, spelling_counts

if TYPE_CHECKING:
    from .connect import Corpus

PERSON_SIMILARITY = 88.0
GIVEN_SIMILARITY = 75.0
SIMILARITY = 92.0
LOCAL = "@"  # joins an entity's key and its article's id: the id of someone that article alone names so


def surname(folded: str) -> str:
    words = folded.split()
    last = words[-1] if words else ""
    return last


def is_part_of_name(alias: str, name: str) -> bool:
    """`Assad`, `al-Assad`, `Abdel Rahman` of `Rami Abdel Rahman`: words the name already holds. Such a
    part joins the full name inside its article, never across the corpus: other people share it."""
    a, n = fold(alias).split(), fold(name).split()
    while a and a[0] in NAME_PARTICLES:
        a = a[1:]
    if not a or a == n:
        return False
    return any(n[i : i + len(a)] == a for i in range(len(n) - len(a) + 1))


def given_name(folded: str) -> str:
    """The given name of a folded full name, past a kunya's `abu`/`umm` (`abu omar al golani` -> `omar`)."""
    words = [w for w in folded.split()[:-1] if w not in NAME_PARTICLES and w != "umm"]
    return words[0] if words else ""


def _bare(folded: str) -> str:
    return " ".join(w for w in folded.split() if w not in NAME_PARTICLES)


def _surname_buckets(folded: str) -> tuple[str, ...]:
    """Where a person is looked up: the surname's first letters, its consonants (`zoubi`, `zoabi` -> `zb`),
    and the given name, for surnames written in one word or two (`Abdurrahman`, `Abdel Rahman`)."""
    last = surname(folded)
    return (last[:4], "~" + skeleton(last), "@" + given_name(folded)[:4])


def fuller(new: str, old: str) -> bool:
    """`Christopher Garver` for `Chris Garver`: the same surname with the given name written out (a known
    one: `Human Abedin` is a typo for `Huma Abedin`, not her full name)."""
    a, b = fold(new).split(), fold(old).split()
    same_surname = len(a) == len(b) >= 2 and a[1:] == b[1:]
    return same_surname and a[0] != b[0] and a[0].startswith(b[0]) and is_given_name(a[0])


def shared_name(entity: Entity) -> bool:
    """A person's name that many people share: a kunya alone (`Abu Omar`, `Umm Ahmad`) or a given name
    alone (`Mustafa`), unless the knowledge base knows the person."""
    words = entity.name.split()
    if entity.type != "person" or entity.key in by_key():
        return False
    kunya = len(words) == 2 and words[0].lower() in KUNYA_WORDS
    return kunya or (len(words) == 1 and is_given_name(words[0]))


def links_across(type_: str, alias: str, name: str) -> bool:
    """Whether an alias may link entities of different articles: a name, not a description (`the
    monitor`), and for a person not a mere part of the full name (a surname is shared by a family)."""
    if alias.lower().startswith(("the ", "a ", "an ")) or not fold(alias):
        return False
    return type_ != "person" or not is_part_of_name(alias, name)


def marked_spelling(spelling: str, name: str) -> bool:
    """`Ronald Johnson III` of `Ronald Johnson`: the name written with a generation mark."""
    words = fold(spelling).split()
    return len(words) > 2 and words[-1] in GENERATION_MARKS and words[:-1] == fold(name).split()


def marked(entity: Entity) -> bool:
    """A person the text writes with a generation mark: the mark says the family has namesakes, so such a
    person links across articles by the same name only, never by a close spelling (`Ronald Johnson III` is
    not the senator `Ron Johnson`)."""
    return entity.type == "person" and any(marked_spelling(a, entity.name) for a in entity.aliases)


@dataclass
class Curation:
    aliases: dict[str, str] = field(default_factory=dict)  # folded alias -> entity id
    merges: dict[str, str] = field(default_factory=dict)  # entity id -> entity id
    renames: dict[str, str] = field(default_factory=dict)  # entity id -> name
    types: dict[str, str] = field(default_factory=dict)  # entity id -> type the user gave it
    deleted: set[str] = field(default_factory=set)  # entity ids
    unaliases: set[tuple[str, str]] = field(default_factory=set)  # (folded alias, entity id) taken back

    def target(self, key: str) -> str:
        seen = set()
        while key in self.merges and key not in seen:
            seen.add(key)
            key = self.merges[key]
        return key


def load_curation(db: Corpus) -> Curation:
    cur = Curation()
    for row in corrections(db, in_effect=True):
        action, subject, target = row["action"], row["subject"], row["target"]
        if action == "alias":
            cur.aliases[fold(subject)] = target
            cur.unaliases.discard((fold(subject), target))
        elif action == "unalias":
            if cur.aliases.get(fold(subject)) == target:
                del cur.aliases[fold(subject)]
            cur.unaliases.add((fold(subject), target))
        elif action == "merge":
            cur.merges[subject] = target
        elif action == "unmerge" and cur.merges.get(subject) == target:
            del cur.merges[subject]
        elif action == "rename":
            cur.renames[subject] = target
        elif action == "retype":
            cur.types[subject] = target
        elif action == "delete":
            cur.deleted.add(subject)
    return cur


class Linker:
    """Maps an article's entities to corpus entity ids. Holds an in-memory index of stored names,
    built once per ingest run and kept up to date as articles are written."""

    def __init__(self, db: Corpus):
        self.db = db
        self._journal: list[Callable[[], object]] = []  # undoes what `link` indexed for the article being stored
        self.curation = load_curation(db)
        self.names: dict[str, str] = {}
        self.renamed: dict[str, str] = {}  # ids whose canonical name a more usual spelling replaced, not yet stored
        self.by_fold: dict[tuple[str, str], str] = {}
        self.people: dict[str, list[tuple[str, str]]] = {}  # surname stem or skeleton -> (folded name, id)
        self.others: dict[str, dict[str, str]] = {"org": {}, "place": {}}  # folded name -> id, for fuzzy
        self.skeletons: dict[str, dict[tuple[str, str], str]] = {"org": {}, "place": {}}  # (initial, skeleton) -> id
        for known in known_entities():  # misspellings find the knowledge base's people before they appear
            self.names.setdefault(known.key, known.name)
            for spelling in known.aliases:
                if links_across(known.type, spelling, known.name):
                    self._index(known.key, known.type, spelling)
        self._journal.clear()
        self.marked: set[str] = set()
        self.stored(entity_names(db))

    def stored(self, rows: Iterable[tuple[str, str, str, str | None]]) -> None:
        """Index what was stored, (id, type, name, alias) rows: the index is a function of the database, so
        a corpus stored in one run or in many links each new article alike. Every stored spelling is a full
        name of a person (`Sergei Rudskoy` finds `Sergey Rudskoy`), a mere alias of a place or an organisation
        (close spellings of those chain too easily); someone of one article alone (`Abu Omar` there) is never found from another."""
        while self._journal:
            self._journal.pop()()
        rows = [r for r in rows if LOCAL not in r[0]]
        newly = {i for i, t, n, a in rows if t == "person" and a and marked_spelling(a, n)} - self.marked
        if newly:
            self._unindex_full(newly)
            self.marked |= newly
        for id_, type_, name, alias in rows:
            self.names[id_] = name
            self._index(id_, type_, name, full_name=id_ not in self.marked)
            if alias and links_across(type_, alias, name):
                self._index(id_, type_, alias, full_name=type_ == "person" and id_ not in self.marked)
        self._journal.clear()

    def _unindex_full(self, ids: set[str]) -> None:
        """A person newly known to be written with a generation mark links by the same name only."""
        for bucket, entries in self.people.items():
            self.people[bucket] = [e for e in entries if e[1] not in ids]

    def _index(self, id_: str, type_: str, name: str, full_name: bool = True) -> None:
        key = fold(name)
        if not key:
            return
        if (type_, key) not in self.by_fold:
            self.by_fold[(type_, key)] = id_
            self._journal.append(lambda: self.by_fold.pop((type_, key)))
        if type_ == "person" and full_name and " " in key:
            for bucket in _surname_buckets(key):
                entries = self.people.setdefault(bucket, [])
                entries.append((key, id_))
                self._journal.append(entries.pop)
        elif type_ in self.others and full_name:
            if key not in self.others[type_]:
                self.others[type_][key] = id_
                self._journal.append(lambda: self.others[type_].pop(key))
            if len(shape := skeleton(key)) >= 5 and (key[0], shape) not in self.skeletons[type_]:
                self.skeletons[type_][(key[0], shape)] = id_
                self._journal.append(lambda: self.skeletons[type_].pop((key[0], shape)))

    def _index_linked(self, entity: Entity, found: str, has_mark: bool) -> None:
        """The spellings of an entity just linked, for the rest of its article (two spellings of one person
        the article did not join); `stored` takes them back and indexes what was stored instead."""
        for spelling in (entity.name, *sorted(entity.aliases)):
            if spelling == entity.name or links_across(entity.type, spelling, entity.name):
                self._index(found, entity.type, spelling, full_name=not has_mark)

    def link(self, entity: Entity, article_id: str | None = None) -> str:
        """The corpus id for an entity of an article (its own key when it is new). A person named only by
        a kunya or a given name (`Abu Omar`, `Mustafa`) is someone of that article alone: many share it."""
        if (target := self.curation.aliases.get(fold(entity.name))) is not None:
            return self.curation.target(target)
        key = self.curation.target(entity.key)
        if key != entity.key:
            return key
        if article_id is not None and shared_name(entity):
            local = self.curation.target(f"{entity.key}{LOCAL}{article_id}")
            self.names.setdefault(local, self.curation.renames.get(local, entity.name))
            return local
        has_mark = marked(entity)
        found = self.by_fold.get((entity.type, fold(entity.name))) if has_mark else self._find(entity)
        found = found or entity.key
        if (merged := self.curation.target(found)) != found:
            # another spelling of an entity the user merged away (`Rami Abdurrahman` for a merged `Rami Abdel
            # Rahman`, found by the knowledge base's spellings or the fuzzy match): the entity it went into
            return merged
        if entity.type == "person" and found not in self.curation.renames and found not in by_key():
            self._spelled(found, entity.name, article_id)
        self._index_linked(entity, found, has_mark)
        self.names.setdefault(found, self.curation.renames.get(found, entity.name))
        return found

    def _spelled(self, id_: str, name: str, article_id: str | None) -> None:
        """Names a person as most articles write the name, counted in the database (this article too): a
        given name written out on a tie (`Christopher Garver` for `Chris Garver`), the short one where
        more articles use it (`Ben Jealous`, not `Benjamin Jealous` of one article). A stored name no
        article's spelling was kept for (an older corpus) counts as one article."""
        counts = spelling_counts(self.db, id_, article_id)
        if not counts and id_ in self.names:
            counts = {self.names[id_]: 1}
        counts[name] = counts.get(name, 0) + 1
        current = self.names.get(id_)
        if current is None or current == name:
            return
        new, old = counts[name], counts.get(current, 0)
        if (fuller(name, current) and new >= old) or (fuller(current, name) and new > old):
            self.names[id_] = self.renamed[id_] = name

    def _find(self, entity: Entity) -> str | None:
        if entity.type == "place" and entity.country is not None:
            return None  # a gazetteer place (or a namesake of one) is its key: Aleppo's Midan is not Damascus's
        key = fold(entity.name)
        for form in possessive_forms(key, longer_than=4):
            if (found := self.by_fold.get((entity.type, form))) is not None:
                return found
        if entity.type == "person":
            return self._similar_person(key)
        if entity.type == "org" or (entity.type == "place" and entity.country is None):
            return self._similar_name(entity.type, key)
        return None

    def _similar_person(self, key: str) -> str | None:
        """A close spelling of the same name (`Rudskoi` ~ `Rudskoy`, `Omran al-Zoubi` ~ `Omran Zoabi`, `Rami
        Abdurrahman` ~ `Rami Abdulrahman`, compared without spaces), or the same surname with a given name
        that shortens the other (`Chris` ~ `Christopher`). Given names must agree: `Abu Omar al-Golani` is
        not `Abu Mohammad al-Golani`."""
        if " " not in key:
            return None
        best, best_score = None, PERSON_SIMILARITY
        given = given_name(key)
        seen = set()
        for bucket in _surname_buckets(key):
            for other, id_ in self.people.get(bucket, ()):
                if (other, id_) in seen:
                    continue
                seen.add((other, id_))
                other_given = given_name(other)
                prefix = len(given) > 2 < len(other_given) and (
                    other_given.startswith(given) or given.startswith(other_given)
                )
                if not prefix and fuzz.ratio(given, other_given) < GIVEN_SIMILARITY:
                    continue
                a, b = _bare(key), _bare(other)
                score = max(fuzz.token_sort_ratio(a, b), fuzz.ratio(a.replace(" ", ""), b.replace(" ", "")))
                if prefix and surname(key) == surname(other):
                    score = max(score, 95.0)
                if score >= best_score:
                    best, best_score = id_, score
        return best

    def _similar_name(self, type_: str, key: str) -> str | None:
        """A close spelling of an organisation or unplaced place (`Civil Defense` ~ `Civil Defence`,
        `Alwaer` ~ `al-Waer`), compared without spaces."""
        pool = self.others[type_]
        if not pool or len(key) < 6:
            return None
        if (found := self.skeletons[type_].get((key[0], skeleton(key)))) is not None:
            return found
        match = process.extractOne(
            key.replace(" ", ""), {k: k.replace(" ", "") for k in pool}, scorer=fuzz.ratio, score_cutoff=SIMILARITY
        )
        return pool[match[2]] if match else None

    def name_of(self, id_: str, default: str) -> str:
        """The stored (or user-given) canonical name of an entity."""
        return self.curation.renames.get(id_) or self.names.get(id_, default)
