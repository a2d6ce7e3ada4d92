"""What a subject phrase names. The speaker is the head of the phrase: `opponents of Assad`, `a source
close to Assad`, `an anti-Assad group` and `Assad's officials` are not Assad."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from ...names import NAME_PARTICLES
from ...records import Entity
from ...resources import load_sections, load_words
from ..entities import speaks_for_a_state
from ..evidence import is_role_noun
from ..sentences import sent_of
from .cues import Cues
from .kinds import Article, How, Speaker

CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl"})
MODIFIER_DEPS = frozenset({"prep", "poss", "agent"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl", "acomp", "parataxis"})
NAMING_VERBS = frozenset({"name", "call", "know", "identify", "dub"})
PEOPLE = frozenset({"i", "we", "you", "he", "she", "they"})  # pronouns for someone who can speak, unlike `it`
PRONOUNS = frozenset({"he", "she", "him", "her", "it", "they"})  # never the number of a partitive
RELAY_VERBS = frozenset({"carry", "publish", "air", "broadcast", "run", "circulate", "post"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})  # `said`, `says`, `say`: a verb with a subject of its own
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
        modifier = {x.i for t in subj.subtree if t.dep_ in MODIFIER_DEPS and t.i != subj.i for x in t.subtree}
        found = None
        for t in self.core(subj, CLAUSE_DEPS):
            ent = self.ents.entity_at(t)
            if ent is None or ent.type != type_:
                continue
            org_head = type_ == "org" and subj.lemma_.lower() in self.nouns.orgs
            if subj.pos_ == "NOUN" and t.i < subj.i and not org_head and not self._named_holder(t, subj):
                continue  # `Assads officials` (the scrape lost the apostrophe): the owner; but `the SANA news agency`
            if t.i < subj.i and self._untagged_name_between(t, subj):
                continue  # `the ISIS run Amaq news agency` is Amaq's, a name the model did not tag
            if self._hyphenated(t):
                continue  # `an anti-Assad group`, `the Russian-backed forces`
            if t.i not in modifier or self._closes_title(t):
                found = ent
        return found

    def _entity_bounds(self, t: Token) -> tuple[int, int]:
        key, i, j = self.ents.token_entity.get(t.i), t.i, t.i
        while i > 0 and self.ents.token_entity.get(i - 1) == key:
            i -= 1
        while j + 1 < len(self.doc) and self.ents.token_entity.get(j + 1) == key:
            j += 1
        return i, j

    def _named_holder(self, t: Token, head: Token) -> bool:
        """`Rami Abdulrahman director of the Observatory said` (the scrape lost the commas): a full name
        right before a role whose organisation follows is the role's holder, unlike `Putin spokesman`."""
        i, j = self._entity_bounds(t)
        return (
            all(x.dep_ == "det" for x in self.doc[j + 1 : head.i])
            and j > i
            and is_role_noun(head)
            and any(c.dep_ == "prep" and c.lower_ in ("of", "at", "for") for c in head.children)
        )

    def _untagged_name_between(self, t: Token, head: Token) -> bool:
        _, j = self._entity_bounds(t)
        return any(
            x.pos_ == "PROPN" and x.dep_ == "compound" and x.i not in self.ents.token_entity
            for x in self.doc[j + 1 : head.i]
        )

    def _hyphenated(self, t: Token) -> bool:
        """A name inside a hyphenated modifier: `anti-Assad`, `pro-Assad`, `Russian-backed`."""
        doc = self.doc
        i, j = self._entity_bounds(t)
        before = doc[i - 1] if i > 0 else None
        after = doc[j + 1] if j + 1 < len(doc) else None
        return (before is not None and before.text == "-" and not doc[i - 2].whitespace_ and i > 1) or (
            after is not None and after.text == "-" and not doc[j].whitespace_ and not after.whitespace_
        )

    def _closes_title(self, t: Token) -> bool:
        """`envoy to the UN Vitaly Churkin`: a name ending a title phrase, not the object of a preposition
        (`opponents of President Assad`)."""
        i, _ = self._entity_bounds(t)
        titles = load_words("titles.txt")
        while i > 0 and self.doc[i - 1].text in titles:
            i -= 1
        prev = self.doc[i - 1] if i > 0 else None
        return prev is not None and prev.pos_ in ("PROPN", "NOUN") and prev.dep_ != "prep"

    def continues(self, first: Token, later: Token) -> bool:
        """A parse that splits one subject in two (`opponents of President | Assad said`): the later part
        continues the earlier one's title phrase, and is not a speaker of its own."""
        edge = first.right_edge
        gap = self.doc[edge.i + 1 : later.left_edge.i]
        titled = edge.text in load_words("titles.txt") or is_role_noun(edge)
        return titled and edge.i < later.i and all(t.pos_ == "PROPN" or t.text == "-" for t in gap)

    def core(self, t: Token, drop_deps: frozenset[str]) -> list[Token]:
        drop: set[int] = set()
        for child in t.children:
            if child.dep_ in drop_deps:
                drop.update(x.i for x in child.subtree)
        return [x for x in t.subtree if x.i not in drop and x.i not in self.article.quoted]

    def subject_of(self, cue: Token) -> Token | None:
        verb = cue
        # `Peskov said Putin considers it …, adding that …`: the adder is who said
        if cue.tag_ == "VBG" and not self._speaks_through(cue):
            up = cue.head
            for _ in range(3):
                if up is verb or up.head is up and not self.cues.is_cue(up):
                    break
                if self.cues.is_cue(up) and up.i < cue.i:
                    verb = up
                    break
                up = up.head
        if (glued := self._glued_subject(cue)) is not None:
            return glued
        found = self._climb(verb)
        if found is None and cue.tag_ == "VBG":
            return self._main_subject(cue)
        return found

    def _main_subject(self, participle: Token) -> Token | None:
        """`Moscow vetoed the draft after describing it as "…"`, `The factions rejected the talks calling them
        "…"` with the commas lost: a participle the parse hung on a noun that cannot speak takes the subject
        of its sentence's main verb, as an adverbial participle does; one hung on a noun that can speak
        takes that noun."""
        head = participle.head
        if self.can_speak(head) and head.lemma_.lower() not in self.nouns.documents:
            return head  # `… with a Syrian army source telling Sputnik that …`; not `horrified by the reports adding`
        root = sent_of(participle).root
        if root.i > participle.i or root.i in self.article.quoted:
            return None
        subj = next((c for c in root.children if c.dep_ in SUBJECT_DEPS and c.i not in self.article.quoted), None)
        if subj is None:
            subj = self._name_before(root)
        if subj is None or subj.lower_ in ("it", "this", "that"):
            return None
        ent = self.ents.entity_at(subj)
        speaks = self.may_speak(subj) or subj.lower_ in PEOPLE
        return subj if speaks or (ent is not None and speaks_for_a_state(ent)) else None

    def _name_before(self, verb: Token) -> Token | None:
        """A person or organisation named right before a verb with no subject, past its auxiliaries: the
        parse hung it on the clause before (`Despite suspending operations in Syria OCHA has reaffirmed …`)."""
        prev = word_before_verb(verb)
        ent = self.ents.entity_at(prev) if prev is not None and prev.i not in self.article.quoted else None
        return prev if ent is not None and ent.type in ("person", "org") else None

    def _climb(self, verb: Token) -> Token | None:
        """The subject of a speech verb, or of the verb its clause hangs on."""
        for _ in range(4):
            subjects = [
                c
                for c in verb.children
                if c.dep_ in SUBJECT_DEPS and c.i not in self.article.quoted and c.pos_ != "PUNCT"  # `[OPCW] said`
            ]
            subjects = [s for k, s in enumerate(subjects) if not (k and self.continues(subjects[k - 1], s))]
            if len(subjects) > 1 and self._apposed(subjects[-2], subjects[-1]):
                return subjects[-2]  # `Hamza al-Khatib the director of a hospital told`: the commas lost
            if subjects:
                return subjects[-1]  # the nearest: `Assad accused of … militia Hizballah says` is Hizballah
            if (lent := self._lent_subject(verb)) is not None:
                return lent
            if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head is not verb.head:
                verb = verb.head.head  # `Russia backed up the denials by saying …`
                continue
            if self._speaks_through(verb):
                return verb.head  # `the victims describing …`, `issued a statement saying …`
            if verb.dep_ not in CLIMB_DEPS or verb.head is verb:
                return None
            verb = self._reporter(verb) or verb.head
        return None

    def _lent_subject(self, verb: Token) -> Token | None:
        """`Durbin, noting the size of Sanders's following, said`: the parse hung the subject on the
        participle clause before the verb."""
        for c in verb.lefts:
            if c.dep_ == "advcl" and c.tag_ == "VBG":
                found = [s for s in c.lefts if s.dep_ in SUBJECT_DEPS and s.pos_ != "PUNCT"]
                if found:
                    return found[-1]
        return None

    def _reporter(self, verb: Token) -> Token | None:
        """`De Blasio said the move was made by Bratton and said, "…"`: a speech verb the parse conjoined to
        the clause another speech verb reports continues that verb, whose subject it shares, when the
        reported clause's subject cannot speak (`the move`) or the verb repeats the outer one (`Podesta
        said Gates was not working for them and said …`); not in `She noted that Sanders has criticized
        the president and called him "weak"`."""
        head = verb.head
        if verb.dep_ != "conj" or not self.cues.is_cue(verb) or self.cues.is_cue(head):
            return None
        outer = head.head
        if head.dep_ != "ccomp" or not self.cues.is_cue(outer) or outer.i > head.i:
            return None
        inner = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
        if verb.lemma_ == outer.lemma_ or not any(
            self.can_speak(s) or s.pos_ == "PROPN" or s.lower_ in PEOPLE for s in inner
        ):
            return outer
        return None

    def _speaks_through(self, verb: Token) -> bool:
        """A participle hung on a noun that can speak (`the victims describing …`, `issued a statement
        saying …`), which is its speaker; not a noun the parse hung it on by mistake (`cast doubt on the
        intentions of the US saying …`)."""
        noun = verb.head
        if verb.dep_ != "acl" or verb.tag_ != "VBG" or noun.dep_ == "pobj":  # `horrified by the reports adding`
            return False
        return self.can_speak(noun)

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

    def stranded_subject(self, cue: Token) -> Token | None:
        """An unnamed source or office right before a finite speech verb that has no subject, which the
        parse hung on what came before because the scrape lost the comma: on the quote (`"…" Rami an Aleppo
        resident said`, `resident` an apposition to the quote's last word), or as the object of the
        clause before (`… launched a rocket on the hospital a source in the local militia said`, `source`
        the object of `launched` and `militia` the word before the verb); or a person or organisation so
        glued to the clause before."""
        if cue.tag_ not in FINITE_TAGS or any(c.dep_ in SUBJECT_DEPS for c in cue.children):
            return None
        prev = word_before_verb(cue)
        quoted = self.article.quoted
        if prev is None or prev.i in quoted or prev.pos_ not in ("NOUN", "PROPN"):
            return None
        if prev.head.i in quoted:
            return prev if prev.pos_ == "NOUN" and self.can_speak(prev) else None
        noun, end = self._split_name_head(prev), prev.i
        if noun is None:
            noun = prev
            while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.i < noun.i:
                noun = noun.head.head  # `a source in the local militia`: the phrase's head
            end = noun.right_edge.i
        glued = noun.dep_ in ("dobj", "pobj", "appos", "attr", "npadvmod") and noun.head.i < noun.i
        if not glued or end != prev.i or noun.i in quoted or self.cues.is_cue(noun.head):
            return None
        if noun.pos_ == "PROPN":
            # `… south of Tabqa the Pentagon said on Thursday`, the cue read as an adverbial clause of the
            # sentence it reports, whose subject is not the speaker
            ent = self.ents.entity_at(noun)
            named = ent is not None and ent.type in ("person", "org") and cue.dep_ in ("ROOT", "advcl")
            return noun if named and cue.head.i <= cue.i else None
        described = any(c.dep_ == "det" for c in noun.children)  # `a source`, `the official`: a new phrase
        speaks = self.is_anonymous(noun) or is_role_noun(noun)
        return noun if noun.pos_ == "NOUN" and described and speaks else None

    def _split_name_head(self, last: Token) -> Token | None:
        """The head of a name ending at `last` that the parse split (`… killing 13 civilians the Syrian
        Observatory | for Human Rights said`, `for Human Rights` hung on `killing`): its first word whose
        head lies outside the name."""
        ent = self.ents.entity_at(last)
        if ent is None or ent.type not in ("person", "org"):
            return None
        i, j = self._entity_bounds(last)
        if j != last.i:
            return None
        outside = [t for t in self.doc[i : j + 1] if not i <= t.head.i <= j]
        return outside[0] if len(outside) > 1 else None

    def _glued_subject(self, cue: Token) -> Token | None:
        """Bare plural nouns right before a cue that the parse hung on a headline glued in front of the
        sentence (`Daesh becomes virtual caliphate Experts and officials say …`, `… 30 Terrorist Killed
        Reports said …`): they are the subject, not the headline's."""
        prev = self.doc[cue.i - 1] if cue.i > 0 else None
        if prev is None or prev.tag_ not in ("NNS", "NNPS") or prev.dep_ not in ("appos", "attr", "conj", "dobj"):
            return None
        if prev.head.i > cue.i or any(c.dep_ in ("det", "poss") for c in prev.children):
            return None
        while prev.dep_ == "conj" and prev.head.pos_ in ("NOUN", "PROPN"):
            prev = prev.head
        return None if is_role_noun(prev) or prev in cue.subtree else prev

    def _apposed(self, name: Token, role: Token) -> bool:
        """A person's name followed straight by a role noun phrase, both parsed as subjects."""
        return is_role_noun(role) and role.left_edge.i == name.right_edge.i + 1 and self.person_in(name) is not None

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
        return self.article.text[kept[0].idx : kept[-1].idx + len(kept[-1])]

    def surface(self, subj: Token, ent: Entity) -> str:
        """The words of the phrase that name the entity (`Observatory` for the Syrian Observatory): the one
        run of them holding the head, else the first (`Syrian Network for Human Rights`, not `… (SNHR`)."""
        toks = [t.i for t in subj.subtree if self.ents.token_entity.get(t.i) == ent.key]
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
