"""The subject of a speech verb: the parse's own, or, where it went wrong, the main clause's (`Moscow vetoed
the draft after describing it as "…"`), the reporter of a clause climbed to, or a source the parse glued to
the clause before because the scrape lost the comma (`… on the hospital a source in the local militia
said`)."""

from __future__ import annotations

from spacy.tokens import Token

from ...resources import load_words
from ..entities import speaks_for_a_state
from ..evidence import is_role_noun
from ..sentences import sent_of
from .phrases import Phrases, agent_of, author_of, passive, word_before_verb

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl", "acomp", "parataxis"})
PEOPLE = frozenset({"i", "we", "you", "he", "she", "they"})  # pronouns for someone who can speak, unlike `it`
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})  # `said`, `says`, `say`: a verb with a subject of its own


class Subjects:
    def __init__(self, phrases: Phrases):
        self.phrases, self.cues = phrases, phrases.cues
        self.doc, self.ents = phrases.doc, phrases.ents

    def subject_of(self, cue: Token) -> Token | None:
        verb = cue
        # `Peskov said Putin considers it …, adding that …`: the adder is who said; not the subject of a
        # passive on the way (`de Mistura said the attack was believed to be chemical adding that …`)
        if cue.tag_ == "VBG" and not self._speaks_through(cue):
            up = cue.head
            for _ in range(3):
                if up.i == verb.i or up.head.i == up.i and not self.cues.is_cue(up):
                    break
                if self.cues.is_cue(up) and up.i < cue.i and not passive(up):
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
        of its sentence's main verb, as an adverbial participle does, and one that opens a sentence of its
        own (`Adding, "…"`) that of the sentence before; one hung on a noun that can speak takes that noun."""
        head = participle.head
        if self.phrases.can_speak(head) and head.lemma_.lower() not in self.phrases.nouns.documents:
            return head  # `… with a Syrian army source telling Sputnik that …`; not `horrified by the reports adding`
        if (author := author_of(head)) is not None and self.phrases.may_speak(author):
            return author  # `SANA broadcast a call from the military urging …`: not the broadcaster
        sent = sent_of(participle)
        root = sent.root
        opens = root.i == participle.i and all(t.is_punct for t in self.doc[sent.start : participle.i])
        if opens and sent.start > 0:
            root = sent_of(self.doc[sent.start - 1]).root  # `Maher stated … . Adding, "…"`: a fragment goes on
        if root.i > participle.i or root.i in self.phrases.article.quoted:
            return None
        subj = next(
            (c for c in root.children if c.dep_ in SUBJECT_DEPS and c.i not in self.phrases.article.quoted), None
        )
        if subj is None:
            subj = self._name_before(root)
        if subj is None or subj.lower_ in ("it", "this", "that"):
            return None
        ent = self.ents.entity_at(subj)
        speaks = self.phrases.may_speak(subj) or subj.lower_ in PEOPLE
        return subj if speaks or (ent is not None and speaks_for_a_state(ent)) else None

    def _name_before(self, verb: Token) -> Token | None:
        """A person or organisation named right before a verb with no subject, past its auxiliaries: the
        parse hung it on the clause before (`Despite suspending operations in Syria OCHA has reaffirmed …`)."""
        prev = word_before_verb(verb)
        ent = self.ents.entity_at(prev) if prev is not None and prev.i not in self.phrases.article.quoted else None
        return prev if ent is not None and ent.type in ("person", "org") else None

    def _climb(self, verb: Token) -> Token | None:
        """The subject of a speech verb, or of the verb its clause hangs on."""
        for _ in range(4):
            subjects = [
                c
                for c in verb.children
                if c.dep_ in SUBJECT_DEPS
                and c.i not in self.phrases.article.quoted
                and c.pos_ != "PUNCT"  # `[OPCW] said`
            ]
            subjects = [s for k, s in enumerate(subjects) if not (k and self.continues(subjects[k - 1], s))]
            if self._passive_cue(verb):
                if (agent := agent_of(verb)) is not None:
                    return agent  # `the deaths were confirmed by the Observatory`
                subjects = [s for s in subjects if s.dep_ != "nsubjpass" or s.lower_ == "it"]
                if not subjects:
                    return None  # `Priebus was said to be "furious"`: by nobody named
            if len(subjects) > 1 and self._apposed(subjects[-2], subjects[-1]):
                return subjects[-2]  # `Hamza al-Khatib the director of a hospital told`: the commas lost
            if subjects:
                return subjects[-1]  # the nearest: `Assad accused of … militia Hizballah says` is Hizballah
            if (lent := self._lent_subject(verb)) is not None:
                return lent
            if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.i != verb.head.i:
                verb = verb.head.head  # `Russia backed up the denials by saying …`
                continue
            if self._speaks_through(verb):
                return verb.head  # `the victims describing …`, `issued a statement saying …`
            if verb.dep_ not in CLIMB_DEPS or verb.head.i == verb.i:
                return None
            if (controller := _object_control(verb)) is not None:
                return controller
            verb = self._reporter(verb) or verb.head
        return None

    def _passive_cue(self, verb: Token) -> bool:
        """A speech verb in the passive, whose subject is what was said or who was spoken of (`five of
        his group were confirmed dead`, `Priebus was said to be`), not its speaker; but `X was quoted as
        saying` spoke, and `X was asked` answers."""
        lemma = verb.lemma_.lower()
        return (
            passive(verb)
            and lemma != "quote"
            and lemma not in load_words("question_verbs.txt")
            and self.cues.is_cue(verb)
        )

    def continues(self, first: Token, later: Token) -> bool:
        """A parse that splits one subject in two (`opponents of President | Assad said`): the later part
        continues the earlier one's title phrase, and is not a speaker of its own."""
        edge = first.right_edge
        gap = self.doc[edge.i + 1 : later.left_edge.i]
        titled = edge.text in load_words("titles.txt") or is_role_noun(edge)
        return titled and edge.i < later.i and all(t.pos_ == "PROPN" or t.text == "-" for t in gap)

    def _apposed(self, name: Token, role: Token) -> bool:
        """A person's name followed straight by a role noun phrase or an indefinite description (`Ahmed
        Kanjou an unemployed father of four`), both parsed as subjects."""
        return (
            (is_role_noun(role) or role.left_edge.lower_ in ("a", "an"))
            and role.left_edge.i == name.right_edge.i + 1
            and self.phrases.person_in(name) is not None
        )

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
            self.phrases.can_speak(s) or s.pos_ == "PROPN" or s.lower_ in PEOPLE for s in inner
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
        return self.phrases.can_speak(noun)

    def stranded_subject(self, cue: Token) -> Token | None:
        """An unnamed source or office right before a finite speech verb that has no subject, which the
        parse hung on what came before because the scrape lost the comma: on the quote (`"…" Rami an Aleppo
        resident said`, `resident` an apposition to the quote's last word), or as the object of the
        clause before (`… launched a rocket on the hospital a source in the local militia said`, `source`
        the object of `launched` and `militia` the word before the verb); or a person or organisation so
        glued to the clause before."""
        quoted = self.phrases.article.quoted
        if cue.tag_ not in FINITE_TAGS or any(c.dep_ in SUBJECT_DEPS and c.i not in quoted for c in cue.children):
            return None  # a subject inside the quote is the parse reading the quote as the subject
        prev = word_before_verb(cue)
        if prev is None or prev.i in quoted or prev.pos_ not in ("NOUN", "PROPN"):
            return None
        if prev.head.i in quoted:
            return prev if prev.pos_ == "NOUN" and self.phrases.can_speak(prev) else None
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
        speaks = self.phrases.is_anonymous(noun) or is_role_noun(noun)
        return noun if noun.pos_ == "NOUN" and described and speaks else None

    def _split_name_head(self, last: Token) -> Token | None:
        """The head of a name ending at `last` that the parse split (`… killing 13 civilians the Syrian
        Observatory | for Human Rights said`, `for Human Rights` hung on `killing`): its first word whose
        head lies outside the name."""
        ent = self.ents.entity_at(last)
        if ent is None or ent.type not in ("person", "org"):
            return None
        i, j = self.phrases.entity_bounds(last)
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


def _object_control(verb: Token) -> Token | None:
    """`The record prompted Dave Leip's Atlas to state, "…"`, `forced the minister to admit`: the object of
    the verb an infinitive hangs on is the infinitive's subject."""
    if verb.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    return next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
