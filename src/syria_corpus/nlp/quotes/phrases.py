"""What a subject phrase names. The speaker is the head of the phrase: `opponents of Assad`, `a source
close to Assad`, `an anti-Assad group` and `Assad's officials` are not Assad."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from ...dates import parse_date
from ...names import NAME_PARTICLES
from ...records import Entity
from ...resources import load_sections, load_words
from ..evidence import is_role_noun
from .cues import Cues
from .kinds import Article, How, Speaker

CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl"})
MODIFIER_DEPS = frozenset({"prep", "poss", "agent"})
NAME_DEPS = frozenset({"compound", "amod", "nmod"})  # words of a role's own phrase: `HRW deputy emergencies`
NAMING_VERBS = frozenset({"name", "call", "know", "identify", "dub"})
PRONOUNS = frozenset({"he", "she", "him", "her", "it", "they"})  # never the number of a partitive
RELAY_VERBS = frozenset({"carry", "publish", "air", "broadcast", "run", "circulate", "post"})
PLATFORM_PREPS = frozenset({"on", "via"})  # `a message on Twitter`: where it was posted, not who issued it


@dataclass(frozen=True)
class Nouns:
    """Head nouns that make a subject a description (`data/anonymous_nouns.txt`, `data/speaker_nouns.txt`)."""

    anonymous: frozenset[str]  # `a source`, `activists`: unnamed, and kept so
    documents: frozenset[str]  # `the statement`: speaks for its issuer
    orgs: frozenset[str]  # `the ministry`: an organisation whose name holds the noun
    generic_orgs: frozenset[str]  # `the monitor`: also the organisation that spoke last


@cache
def nouns() -> Nouns:
    sections = load_sections("speaker_nouns.txt")
    return Nouns(
        load_words("anonymous_nouns.txt"),
        sections["document"],
        sections["org"] | sections["generic"],
        sections["generic"],
    )


class Phrases:
    """Reads subject phrases of one article: their head, the entity they name, the words naming them."""

    def __init__(self, article: Article, cues: Cues):
        self.article, self.cues, self.nouns = article, cues, nouns()
        self.doc, self.ents = article.doc, article.ents

    def is_anonymous(self, t: Token) -> bool:
        return t.lemma_.lower() in self.nouns.anonymous or t.lower_ in self.nouns.anonymous

    def speaks(self, subj: Token) -> bool:
        """The subject of a speech verb, or the source of `according to X`."""
        return self.cues.is_cue(subj.head) or subj.dep_ == "pobj"

    def person_in(self, subj: Token) -> Entity | None:
        return self.entity_in(subj, "person")

    def org_in(self, subj: Token) -> Entity | None:
        """An organisation subject, unless the head names a person affiliated to it (`a member of X`)."""
        if is_role_noun(subj) or subj.lemma_.lower() in self.nouns.anonymous:
            return None
        return self.entity_in(subj, "org")

    def entity_in(self, subj: Token, type_: str) -> Entity | None:
        """The entity of a type named by a phrase: its head's own, else the last one in the phrase outside
        relative clauses (`the coalition which launched an air war against IS`) and outside what modifies
        the head through a preposition or a possessive: `opponents of Assad`, `a source close to Assad`,
        `Assad's officials` are not Assad."""
        own = self.ents.entity_at(subj)
        if own and own.type == type_:
            return own
        if (named := self._name_after(subj, type_)) is not None:
            return named
        modifier = {x.i for t in subj.subtree if t.dep_ in MODIFIER_DEPS and t.i != subj.i for x in t.subtree}
        found = None
        for t in self.core(subj, CLAUSE_DEPS):
            ent = self.ents.entity_at(t)
            if ent is None or ent.type != type_:
                continue
            org_head = type_ == "org" and subj.lemma_.lower() in self.nouns.orgs
            holder = t.i < subj.i and self._named_holder(t, subj)
            if subj.pos_ == "NOUN" and t.i < subj.i and not org_head and not holder:
                continue  # `Assads officials` (the scrape lost the apostrophe): the owner; but `the SANA news agency`
            if t.i < subj.i and not holder and self._untagged_name_between(t, subj):
                continue  # `the ISIS run Amaq news agency` is Amaq's, a name the model did not tag
            if self._hyphenated(t):
                continue  # `an anti-Assad group`, `the Russian-backed forces`
            if t.i not in modifier or self._closes_title(t):
                found = ent
        return found

    def _name_after(self, head: Token, type_: str) -> Entity | None:
        """`Hezbollahs official television station Al-Manar`, `the state news agency SANA`: a name right
        after the noun it names, which the parse hung elsewhere (here inside the quote that follows)."""
        if head.pos_ != "NOUN" or head.i + 1 >= len(self.doc):
            return None
        nouns = self.nouns.orgs if type_ == "org" else ()
        after = self.ents.entity_at(self.doc[head.i + 1])
        if after is None or after.type != type_ or not (head.lemma_.lower() in nouns or is_role_noun(head)):
            return None
        return after if self.entity_bounds(self.doc[head.i + 1])[0] == head.i + 1 else None

    def entity_bounds(self, t: Token) -> tuple[int, int]:
        key, i, j = self.ents.token_entity.get(t.i), t.i, t.i
        while i > 0 and self.ents.token_entity.get(i - 1) == key:
            i -= 1
        while j + 1 < len(self.doc) and self.ents.token_entity.get(j + 1) == key:
            j += 1
        return i, j

    def _named_holder(self, t: Token, head: Token) -> bool:
        """`Rami Abdulrahman director of the Observatory said`, `said Kevin Kennedy Regional Humanitarian
        Coordinator for the Syria Crisis`, `said Ole Solvang HRW deputy emergencies director`, `said Ahmed
        Kanjou an unemployed father of four` (the scrape lost the commas): a full name right before a role,
        with its own words (`deputy`, `Regional`) and an organisation or remit before or after it, or before
        an indefinite description, is the one so described; unlike `Putin spokesman`."""
        i, j = self.entity_bounds(t)
        between = self.doc[j + 1 : head.i]
        orgs = {x.i for x in between if (e := self.ents.entity_at(x)) is not None and e.type == "org"}
        if j == i or not all(
            x.dep_ == "det" or (x.dep_ in NAME_DEPS and (x.i not in self.ents.token_entity or x.i in orgs))
            for x in between
        ):
            return False
        if between and between[0].lower_ in ("a", "an"):
            return True
        remit = any(c.dep_ == "prep" and c.lower_ in ("of", "at", "for") for c in head.children)
        return is_role_noun(head) and (bool(orgs) or remit)

    def _untagged_name_between(self, t: Token, head: Token) -> bool:
        _, j = self.entity_bounds(t)
        return any(
            x.pos_ == "PROPN" and x.dep_ == "compound" and x.i not in self.ents.token_entity
            for x in self.doc[j + 1 : head.i]
        )

    def _hyphenated(self, t: Token) -> bool:
        """A name inside a hyphenated modifier: `anti-Assad`, `pro-Assad`, `Russian-backed`."""
        doc = self.doc
        i, j = self.entity_bounds(t)
        before = doc[i - 1] if i > 0 else None
        after = doc[j + 1] if j + 1 < len(doc) else None
        return (before is not None and before.text == "-" and not doc[i - 2].whitespace_ and i > 1) or (
            after is not None and after.text == "-" and not doc[j].whitespace_ and not after.whitespace_
        )

    def _closes_title(self, t: Token) -> bool:
        """`envoy to the UN Vitaly Churkin`: a name ending a title phrase, not the object of a preposition
        (`opponents of President Assad`)."""
        i, _ = self.entity_bounds(t)
        titles = load_words("titles.txt")
        while i > 0 and self.doc[i - 1].text in titles:
            i -= 1
        prev = self.doc[i - 1] if i > 0 else None
        return prev is not None and prev.pos_ in ("PROPN", "NOUN") and prev.dep_ != "prep"

    def core(self, t: Token, drop_deps: frozenset[str]) -> list[Token]:
        drop: set[int] = set()
        for child in t.children:
            if child.dep_ in drop_deps:
                drop.update(x.i for x in child.subtree)
        return [x for x in t.subtree if x.i not in drop and x.i not in self.article.quoted]

    def may_speak(self, noun: Token) -> bool:
        """A noun that can speak, or a body described by its kind (`the monitoring group which has …`)."""
        return self.can_speak(noun) or noun.lemma_.lower() in self.nouns.orgs

    def can_speak(self, noun: Token) -> bool:
        """A person, an organisation, an unnamed source, an office or a document: not `a platform`."""
        if (ent := self.ents.entity_at(noun)) is not None:
            return ent.type in ("person", "org")
        return noun.pos_ == "NOUN" and (
            self.is_anonymous(noun) or noun.lemma_.lower() in self.nouns.documents or is_role_noun(noun)
        )

    def aged(self, t: Token) -> bool:
        """`the 43-year-old`: a person described by their age."""
        return t.lower_ == "old" and any(c.lower_ in ("year", "years") for c in t.children)

    def mention_of(self, t: Token) -> str:
        """The words naming a speaker: the phrase without relative clauses, appositions or quotes."""
        kept = self.core(t, CLAUSE_DEPS | {"appos", "punct"})
        nested = {x.i for d in t.subtree if d.dep_ == "relcl" and d.i != t.i for x in d.subtree}
        dated = {x.i for p in t.children if _dated(p) for x in p.subtree}  # `the spokesman in February 2016`
        kept = [k for k in kept if k.i not in nested | dated]  # `one Democrat familiar with the talks, who added …`
        while kept and (kept[-1].is_punct or kept[-1].is_space):
            kept.pop()
        while kept and (kept[0].is_punct or kept[0].is_space):
            kept.pop(0)
        if not kept:
            return ""
        text = self.article.text[kept[0].idx : kept[-1].idx + len(kept[-1])]
        if (date := parse_date(text, at_start=True)) is not None and date.span[1] < len(text):
            text = text[date.span[1] :].lstrip(" ,")  # `24.08.2013 Syrian state media`: a dateline glued on
        return text

    def surface(self, subj: Token, ent: Entity) -> str:
        """The words of the phrase that name the entity (`Observatory` for the Syrian Observatory): the one
        run of them holding the head, else the first (`Syrian Network for Human Rights`, not `… (SNHR`)."""
        toks = [t.i for t in subj.subtree if self.ents.token_entity.get(t.i) == ent.key]
        if not toks and subj.i + 1 < len(self.doc) and self.ents.token_entity.get(subj.i + 1) == ent.key:
            i, j = self.entity_bounds(self.doc[subj.i + 1])  # `television station Al-Manar`, hung elsewhere
            return self.doc[i : j + 1].text
        if not toks:
            return subj.text
        runs = [[toks[0]]]
        for i in toks[1:]:
            if i == runs[-1][-1] + 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        run = next((r for r in runs if subj.i in r), runs[0])
        return self.doc[run[0] : run[-1] + 1].text

    def named_as(self, subj: Token) -> Speaker | None:
        """`a witness named Ahmad`, `the organisation known as the White Helmets`: the name given."""
        for child in subj.children:
            if child.dep_ == "acl" and child.lemma_.lower() in NAMING_VERBS:
                names = [t for t in child.subtree if t.i != child.i and t.pos_ == "PROPN"]
                for t in names:
                    if (ent := self.ents.entity_at(t)) is not None:
                        return Speaker(ent, self.surface(child, ent), How.NAMED)
                if names:
                    name = self.article.text[names[0].idx : names[-1].idx + len(names[-1])]
                    return Speaker(None, name, How.ANONYMOUS)
        return None

    def modifier_entity(self, subj: Token) -> Entity | None:
        """An entity named inside a description, other than its head: `the HNC statement`, `SOHR's report`,
        `a statement by the ministry`, `the Civil Defense spokesman` — not the outlet that carried it (`the
        statement carried by SANA`, `a message on Twitter`)."""
        relayed = {
            x.i
            for c in subj.children
            if (c.dep_ == "acl" and c.lemma_.lower() in RELAY_VERBS)
            or (c.dep_ == "prep" and c.lower_ in PLATFORM_PREPS)
            for x in c.subtree
        }
        for t in subj.subtree:
            ent = self.ents.entity_at(t) if t.i != subj.i and t.i not in self.article.quoted else None
            if ent is not None and ent.type != "place" and t.i not in relayed:
                return ent
        return None

    def plain(self, subj: Token) -> bool:
        """A description rather than a name: `the Britain-based monitor`, not `the Army of Conquest` or `the
        defence ministry in Moscow` (a body the text names, kept as written)."""
        if any(c.dep_ == "prep" for c in subj.children):
            return False
        return not any(
            t.pos_ == "PROPN"
            and t.i != subj.i
            and not (t.i + 1 < len(self.doc) and self.doc[t.i + 1].text == "-")  # `Britain-based`
            and ((e := self.ents.entity_at(t)) is None or e.type != "place")
            for t in subj.subtree
        )

    def damaged(self, subj: Token, frame: Entity) -> bool:
        """A person between a quote and its cue speaks for a subject the parse has lost: a name or a title
        (`head of the Observatory Rami Abdel Rahman said`) — never for a pronoun or a description, and
        never when the person is merely named inside the subject."""
        if subj.pos_ not in ("PROPN", "NOUN") or subj.lower_ in self.nouns.anonymous:
            return False
        if subj.pos_ == "NOUN" and not is_role_noun(subj):
            return False
        return not any(self.ents.token_entity.get(t.i) == frame.key for t in subj.subtree)


def _dated(prep: Token) -> bool:
    """A prepositional phrase that says when, not who: `in February 2016`, `on Tuesday`."""
    return prep.dep_ == "prep" and any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children)


def name_core(head: Token) -> str | None:
    """The proper name at the head of a phrase (`Rami Abdulrahman` of `Rami Abdulrahman director of the
    Observatory`): the head with its proper-noun compounds, when that makes two or more capitalised words."""
    words = [c for c in head.lefts if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"] + [head]
    words += [c for c in head.rights if c.dep_ == "flat" and c.pos_ == "PROPN"]
    named = [w for w in words if w.lower_ not in NAME_PARTICLES]  # `Ammar al-Selmo`
    first, last = words[0].i, words[-1].i
    inside = [t for t in head.doc[first : last + 1] if t.text != "-"]
    if len(named) < 2 or not all(w.text[:1].isupper() for w in named) or len(inside) != len(words):
        return None
    return head.doc[first : last + 1].text


def passive(verb: Token) -> bool:
    """A verb in the passive: `was quoted`, `were confirmed dead`."""
    return any(c.dep_ == "auxpass" for c in verb.children)


def agent_of(verb: Token) -> Token | None:
    """Who a passive verb's `by` names: `confirmed by the Observatory`, `quoted by SANA`."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def author_of(document: Token) -> Token | None:
    """Who a document is from, as its own phrase says: `a call from the military`, `a letter by the council`."""
    preps = (c for c in document.children if c.dep_ == "prep" and c.lower_ in ("from", "by"))
    return next((g for c in preps for g in c.children if g.dep_ == "pobj"), None)


def modifier_words(subj: Token) -> set[str]:
    """The content words of a description besides its head: `britain`, `based` of `the Britain-based group`."""
    return {t.lower_ for t in subj.subtree if t.i != subj.i and t.is_alpha and t.dep_ not in ("det", "poss")}


def word_before_verb(verb: Token) -> Token | None:
    """The word before a verb and its auxiliaries (`OCHA` of `OCHA has not stated`, `officer` of `an officer
    was quoted`)."""
    i = verb.i - 1
    while i > 0 and verb.doc[i].dep_ in ("aux", "auxpass", "neg") and verb.doc[i].head.i == verb.i:
        i -= 1
    return verb.doc[i] if i >= 0 else None


def partitive(subj: Token) -> bool:
    """`one of the officials said`, `some of the residents`: a number or quantifier heading `of` and people."""
    if subj.pos_ not in ("NUM", "PRON", "DET") or subj.lower_ in PRONOUNS:
        return False
    of = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return of is not None and any(c.dep_ == "pobj" and c.tag_ in ("NNS", "NNPS") for c in of.children)
