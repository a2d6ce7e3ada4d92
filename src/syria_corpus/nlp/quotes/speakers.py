"""A cue's subject resolved to a speaker inside its own article: a name, a pronoun (`he`: a person of that
gender who held the floor; `it`: the organisation or body that last spoke), a description (`the analyst`,
`the ministry`, `the Britain-based monitor`), a document (`the statement`: its stated issuer), a relay
(`SANA quoted a source as saying`), or an unnamed source kept as written."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from ...records import Entity
from ..entities import speaks_for_a_state
from ..evidence import is_role_noun
from ..sentences import sent_of
from .cues import Cues, quote_verb
from .descriptions import Descriptions
from .floor import Floor, Role, restates
from .frames import Frames
from .kinds import NOBODY, Cue, How, Speaker
from .phrases import Phrases, agent_of, modifier_words, name_core, partitive, passive, word_before_verb
from .pronouns import Pronouns
from .subjects import Subjects

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
ORG_PRONOUNS = frozenset({"it", "they"})
DEFINITE = frozenset({"the", "this", "that"})


class Resolver:
    def __init__(self, phrases: Phrases, floor: Floor, subjects: Subjects):
        self.phrases, self.floor, self.subjects = phrases, floor, subjects
        self.cues: Cues = phrases.cues
        self.doc, self.ents = phrases.doc, phrases.ents
        self.descriptions = Descriptions(phrases, floor, subjects, self.resolve)
        self.pronouns = Pronouns(phrases, floor)
        self.frames = Frames(phrases)

    def speaker(self, cue: Cue, span: Span | None = None) -> Speaker:
        """Who said what a cue introduces (`span`: the direct quote, when there is one)."""
        t = cue.token
        frame = self.frames.person_between(span, t) if span is not None else None
        if self.cues.is_according(t):
            obj = next((c for c in t.nbor().children if c.dep_ == "pobj"), None)
            if obj is None:
                return NOBODY
            # `according to Reuters citing the interior ministry`: the ministry spoke, Reuters relayed.
            citing = next((c for c in self.doc[obj.i + 1 : obj.i + 3] if c.lemma_.lower() in ("cite", "quote")), None)
            source = next((c for c in citing.children if c.dep_ == "dobj"), None) if citing is not None else None
            if source is not None:
                return replace(self.resolve(source), via=self.resolve(obj).label)
            return self.resolve(obj)
        relay = quote_verb(t)
        if relay is not None and (who := self._relayed(relay)) is not None:
            return who
        if cue.text is None and (who := self._framing_subject(t)) is not None:
            return who
        subj = self.subjects.stranded_subject(t) or self.subjects.subject_of(t) or self._subject_before(t)
        if subj is None:
            if (inverted := self.frames.inverted_subject(t, span)) is not None:
                return self.resolve(inverted)
            if (after := self.frames.person_after(t, span)) is not None:
                return Speaker(after, after.name, How.NAMED)  # `"…," said retired neurosurgeon Ben Carson`
            found = self.frames.person_between(span, t, before_quote=True) if span is not None else None
            if found is not None:
                return Speaker(found, found.name, How.NAMED)
            name = self.frames.untagged_name(span, t) if span is not None else None
            return Speaker(None, name, How.ANONYMOUS) if name else NOBODY
        if (named := self.frames.named_after_quote(subj, t)) is not None:
            return named
        who = self.resolve(subj, frame)
        # `the agency said, quoting an unnamed official`: the official spoke, the agency relayed.
        after = [x for x in self.doc[t.i + 1 : t.i + 3] if not x.is_punct][:1]
        quoting = next((c for c in [*t.children, *after] if c.lemma_.lower() in ("quote", "cite") and c.i > t.i), None)
        source = next((c for c in quoting.children if c.dep_ == "dobj"), None) if quoting is not None else None
        if source is not None and self.phrases.can_speak(source):  # not `citing low economic growth`
            return replace(self.resolve(source), via=who.label)
        return who

    def _relayed(self, relay: Token) -> Speaker | None:
        """`SANA quoted a military source as saying`, `an officer was quoted as saying`."""
        source = next((c for c in relay.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if source is None and passive(relay):
            source = word_before_verb(relay)  # `… Latakia a senior army officer was quoted as saying`, glued
            source = source if source is not None and self.phrases.can_speak(source) else None
        if source is None:
            return None
        via_tok = next((c for c in relay.children if c.dep_ == "nsubj"), None)
        if via_tok is None:
            via_tok = agent_of(relay)
        who = self.resolve(source)
        return replace(who, via=self.resolve(via_tok).label) if via_tok is not None else who

    def resolve(self, subj: Token, frame: Entity | None = None) -> Speaker:
        """A subject to a speaker: a name, a pronoun, a description of someone named before, or anonymous."""
        p = self.phrases
        mention = p.mention_of(subj)
        head = subj.lemma_.lower()
        if subj.tag_ in ("WP", "WDT") and subj.text.islower() and subj.head.dep_ == "relcl":  # not `WHO said`
            return self.resolve(self._about(subj.head.head), frame)  # `Clinton, who said …`
        if person := p.person_in(subj):
            return Speaker(person, p.surface(subj, person), How.NAMED)
        if (given := p.named_as(subj)) is not None:
            return given
        if frame is not None and p.damaged(subj, frame):
            return Speaker(frame, frame.name, How.NAMED)
        if (ent := self.ents.entity_at(subj)) is not None:
            if ent.type == "place" and not speaks_for_a_state(ent):
                return Speaker(None, p.surface(subj, ent), How.ANONYMOUS)
            return Speaker(ent, p.surface(subj, ent), How.NAMED)
        pos = subj.idx
        if subj.lower_ in PERSON_PRONOUNS:
            return self.pronouns.person(pos, subj.text)
        if subj.lower_ == "it" and (subj.dep_ == "nsubjpass" or passive(subj.head)):
            return NOBODY  # `it was reported that …`: nobody in particular
        if subj.lower_ in ORG_PRONOUNS:
            return self.pronouns.nonperson(subj)
        if not mention:
            return NOBODY
        if partitive(subj):
            return Speaker(None, mention, How.ANONYMOUS)  # `one of the officials`, not the officials' office
        definite = next((c.lower_ for c in subj.children if c.dep_ == "det"), None) in DEFINITE
        if p.is_anonymous(subj):
            words = modifier_words(subj)
            earlier = self.floor.latest(Role.UNNAMED, pos, lambda e: restates(e, head, words)) if definite else None
            return Speaker(None, earlier.mention if earlier else mention, How.ANONYMOUS)
        if subj.pos_ == "PROPN" and (name := name_core(subj)):
            # a name the model did not tag heads the phrase: `Jan Egeland the UN special envoy said` is
            # Egeland, not the UN named in his title; `Rami Abdulrahman director of …`
            return Speaker(None, name, How.ANONYMOUS)
        if (org := p.org_in(subj)) is not None:
            return Speaker(org, p.surface(subj, org), How.NAMED)
        owned = any(
            c.dep_ == "poss" or c.dep_ == "compound" and (c.pos_ == "PROPN" or p.ents.entity_at(c) is not None)
            for c in subj.children
        )  # `SOHR's report`, `SOHRs report` (the scrape lost the apostrophe), `the UN report`
        if head in p.nouns.documents and (definite or owned or subj.dep_ == "dobj"):
            return self.descriptions.issuer(subj, mention)  # `issued a statement saying`, `SOHR's report said`
        if definite and (is_role_noun(subj) or p.aged(subj)):
            return self.descriptions.person(subj, mention)
        if definite and head in p.nouns.orgs and p.plain(subj):
            return self.descriptions.org(subj, mention)
        if subj.pos_ in ("NOUN", "PROPN"):
            return Speaker(None, mention, How.ANONYMOUS)
        return Speaker(None, mention, How.NONE)

    def _about(self, noun: Token) -> Token:
        """The noun a relative clause is about: the parse may hang `who` on the last noun of a phrase
        (`a Republican familiar with the talks, who added …`), which cannot speak; then the phrase's head."""
        while noun.dep_ == "pobj" and not self.phrases.can_speak(noun):
            up = next((a for a in noun.ancestors if a.pos_ in ("NOUN", "PROPN", "PRON", "NUM")), None)
            if up is None:
                break
            noun = up
        return noun

    def _subject_before(self, cue: Token) -> Token | None:
        """A noun naming someone right before a cue the parse left without a subject, hung on something
        else: `… intolerable Trump said` (Trump an object), `"…" the state-run SANA news agency said` (an
        apposition to the quote's last word), `"… including an American" the Britain-based Observatory said`
        (the object of a preposition inside the quote)."""
        prev = word_before_verb(cue)
        if prev is None or prev.i in self.phrases.article.quoted:
            return None
        if cue.dep_ == "acl" and cue.tag_ == "VBD" and cue.head.i == prev.i and prev.pos_ == "NOUN":
            return prev  # `"…" regime TV reported`: a past tense the parse read as a participle after a noun
        clause = next((a for a in [prev, *prev.ancestors] if a.dep_ == "relcl" and a.i < cue.i), None)
        if clause is not None and clause.right_edge.i == prev.i and self.phrases.may_speak(clause.head):
            return clause.head  # `a White House official who spoke anonymously … said`, the official an apposition
        if prev.pos_ not in ("NOUN", "PROPN"):
            return None
        if prev.dep_ == "pobj" and prev.head.i not in self.phrases.article.quoted:
            return None  # `Charles Lister of the Brookings Doha Centre said`, `the United States in Syria saying`
        who = self.resolve(prev).entity
        return prev if who is not None and who.type in ("person", "org") else None

    def _framing_subject(self, colon: Token) -> Speaker | None:
        """`McConnell, R-Ky., delivered a blunt message to Trump: "…"`: with no speech verb before the
        colon, the framing verb's subject where it names someone (not the last name in the frame)."""
        verb = next((a for a in colon.ancestors if a.pos_ in ("VERB", "AUX") and a.i < colon.i), None)
        if verb is None:
            return self._transcript_label(colon)
        subj = self.subjects.subject_of(verb)
        who = self.resolve(subj) if subj is not None else None
        return who if who is not None and who.entity is not None else None

    def _transcript_label(self, colon: Token) -> Speaker | None:
        """`Former secretary of state Hillary Rodham Clinton:"We learned …"`: a paragraph that opens with
        a name and a colon, no verb before it, as a transcript is written: the person or body it names."""
        sent = sent_of(colon)
        label = [t for t in sent if t.i < colon.i]
        starts_paragraph = sent.start == 0 or "\n" in self.doc[sent.start - 1].text_with_ws
        if not label or not starts_paragraph or any(t.pos_ in ("VERB", "AUX") for t in label):
            return None
        heads = [t for t in label if t.head.i >= colon.i or t.head == t or t.head.i not in {x.i for x in label}]
        for head in heads:
            who = self.resolve(head)
            if who.entity is not None and who.entity.type in ("person", "org"):
                return who
        return None
