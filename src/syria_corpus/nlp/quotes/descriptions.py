"""Descriptions resolved inside their own article: a document (`the statement`) to its stated issuer, a
role (`the spokesman`) to the person who holds it, an organisation noun (`the ministry`, `the Britain-based
group`) to the organisation it fits — or each stays an unnamed source. Never written as an alias."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from itertools import islice

from spacy.tokens import Token

from ...knowledge import description_words, office
from ...records import Entity
from ...resources import load_words
from ..sentences import sent_of
from .floor import Floor, Role, restates
from .kinds import How, Speaker
from .phrases import Phrases, author_of, modifier_words
from .subjects import Subjects

LOOK_BACK = 60  # people named as subjects before a description that it may describe, the latest first


class Descriptions:
    def __init__(self, phrases: Phrases, floor: Floor, subjects: Subjects, resolve: Callable[[Token], Speaker]):
        self.phrases, self.floor, self.subjects, self.resolve = phrases, floor, subjects, resolve
        self.doc, self.ents = phrases.doc, phrases.ents
        self.orgs = [(m.start, self.ents.entities[m.entity_key]) for m in self.ents.mentions if m.type == "org"]
        self._documents: dict[str, list[int]] = {}  # a document noun's lemma -> its tokens outside quotes
        for t in self.doc:
            lemma = t.lemma_.lower()
            if lemma in phrases.nouns.documents and t.i not in phrases.article.quoted:
                self._documents.setdefault(lemma, []).append(t.i)

    def issuer(self, subj: Token, mention: str) -> Speaker:
        """`the statement said`: the issuer the text states — in the description itself (`a letter from X`,
        `a call from the military`), where the same document was introduced (`X issued a statement`, `X said
        in a statement`), or, for a document not introduced, an organisation that spoke in the sentence
        before — else the document stays an unnamed source. Never simply whoever spoke last."""
        p = self.phrases
        same = self._documents.get(subj.lemma_.lower(), [])
        earlier = [self.doc[i] for i in same[max(0, bisect_left(same, subj.i) - 3) : bisect_left(same, subj.i)]]
        for t in [subj, *reversed(earlier)]:
            if (ent := p.modifier_entity(t)) is not None:
                return Speaker(ent, mention, How.DESCRIPTION)
            if (author := author_of(t)) is not None and p.may_speak(author):
                return self.resolve(author)  # `broadcast a call from the military urging …`: not the broadcaster
            verb = t.head.head if t.dep_ == "pobj" and t.head.lower_ == "in" else issuing_verb(t)
            issuer = self.subjects.subject_of(verb) if verb is not None else None
            if issuer is not None and issuer.lemma_.lower() not in p.nouns.documents:
                who = self.resolve(issuer)
                if who.entity is not None:
                    return Speaker(who.entity, mention, How.DESCRIPTION)
                if who.how is How.ANONYMOUS and who.mention and (issuer.pos_ == "PROPN" or p.plain(issuer)):
                    # a name the model did not tag: `the United Nations Childrens Fund said in a statement`; a
                    # body it does not know: `the Russian army said in a statement. "…," said the statement`
                    return who
        latest = self.floor.latest(Role.ORG, subj.idx, lambda e: e.spoke)
        if not earlier and latest and latest.pos >= self._previous_sentence(subj):
            return Speaker(latest.entity, mention, How.DESCRIPTION)  # `The YPG said … . "…," the statement said.`
        return Speaker(None, mention, How.ANONYMOUS)

    def _previous_sentence(self, t: Token) -> int:
        start = sent_of(t).start
        return sent_of(self.doc[start - 1]).start_char if start > 0 else 0

    def person(self, subj: Token, mention: str) -> Speaker:
        """`the spokesman said`: the latest person before whose stated role holds the noun (and the entity
        the description names, as in `the Civil Defense spokesman`); a bare description (`the analyst`) may
        also take the latest person, unless they hold an office that speaks through others (`Prime Minister
        David Cameron` is not `the spokesman`; `data/high_offices.txt`). Otherwise the description stays an
        unnamed source."""
        noun, pos = subj.lemma_.lower(), subj.idx
        named = self.phrases.modifier_entity(subj)
        latest = [e.entity for e in islice(self.floor.backwards(pos, (Role.PERSON,)), LOOK_BACK)]
        for e in latest:
            role = (e.role or office(e.key) or "").lower()
            if noun in role and (named is None or named.name.lower() in role or named.key == e.key):
                return Speaker(e, mention, How.DESCRIPTION)
        bare = all(c.dep_ == "det" for c in subj.children) or self.phrases.aged(subj)
        last = latest[0] if latest else None
        if last is None or office(last.key):
            return Speaker(None, mention, How.ANONYMOUS)
        if (bare and not _high_office(last.role)) or self._just_introduced(last, named, subj):
            return Speaker(last, mention, How.DESCRIPTION)
        return Speaker(None, mention, How.ANONYMOUS)

    def _just_introduced(self, last: Entity, named: Entity | None, subj: Token) -> bool:
        """`Andrew Mitchell, a former minister, said … . "…," the member of parliament from the governing
        party said`: a description of the person who spoke in the sentence before, with nobody named
        between, describes that person again; not one of someone who speaks for or about another (`the
        spokesman`, `the analyst`; `data/mouthpiece_nouns.txt`), nor one naming that person as another's
        (`the envoy of X` after X spoke)."""
        spoke = self.floor.latest(Role.PERSON, subj.idx, lambda e: e.spoke)
        return (
            spoke is not None
            and spoke.entity == last
            and spoke.pos >= self._previous_sentence(subj)
            and subj.lemma_.lower() not in load_words("mouthpiece_nouns.txt")
            and (named is None or named.key != last.key)
        )

    def org(self, subj: Token, mention: str) -> Speaker:
        """`the ministry said`: the latest organisation whose name holds the noun, else the latest unnamed
        body that spoke under that noun; a generic noun (`the monitor`, `the group`) may also take the
        organisation that spoke last, never a state that spoke (`the group` is not `Turkey`). Otherwise the
        description stays unnamed."""
        head, pos = subj.lemma_.lower(), subj.idx
        fitting = [e for p, e in self.orgs if p < pos and head in e.name.lower()]
        if fitting:
            return Speaker(fitting[-1], mention, How.DESCRIPTION)
        words = modifier_words(subj)
        if body := self.floor.latest(Role.BODY, pos, lambda e: restates(e, head, words)):
            return Speaker(None, body.mention, How.ANONYMOUS)  # not `a monitoring group` for `the terrorist group`
        spoke = self.floor.latest(Role.ORG, pos, lambda e: e.spoke and self._described_so(e.entity, words, pos))
        if head in self.phrases.nouns.generic_orgs and spoke and spoke.entity.type == "org":  # not `Turkey`
            return Speaker(spoke.entity, mention, How.DESCRIPTION)
        return Speaker(None, mention, How.ANONYMOUS)

    def _described_so(self, entity: Entity | None, words: set[str], before: int) -> bool:
        """An organisation that a modified description (`the Britain-based group`) can mean: one the knowledge
        base describes so, or the article did next to its name before (`the Britain-based Syrian Observatory`,
        `SOHR, a Britain-based monitor`). A bare description (`the group`) needs no such evidence."""
        if not words:
            return True
        if entity is None:
            return False
        if words <= description_words(entity.key):
            return True
        text = self.phrases.article.text
        for m in self.ents.mentions:
            if m.entity_key == entity.key and m.context == "body" and m.start < before:
                near = text[max(0, m.start - 40) : m.end + 40].lower()
                if all(w in near for w in words):
                    return True
        return False


def _high_office(role: str | None) -> bool:
    words = (role or "").lower()
    return any(o in words for o in load_words("high_offices.txt"))


def issuing_verb(document: Token) -> Token | None:
    """The verb whose subject issued a document it takes as object (`issued a statement`), not one that
    acted on someone else's (`vetoed a resolution`)."""
    verb = document.head
    issues = document.dep_ == "dobj" and verb.lemma_.lower() in load_words("issuing_verbs.txt")
    return verb if issues else None
