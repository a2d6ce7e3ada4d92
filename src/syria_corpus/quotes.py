"""Quotes and their speakers.

Direct quotes are found from quote marks, paired within a paragraph (single quotes nest inside and
are never top-level). A quote's cue is a speech verb of its sentence outside any quote, preferring
the verb whose clause governs the quote; the speaker is that verb's subject, resolved to an entity:
a name or surname directly, a pronoun or a description ("the analyst") to the person who last held
the floor. A quote sentence with no cue continues the previous quote's speaker if nobody else spoke
in between. Reported speech ("X said that ...") is stored as kind="indirect".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from . import gender
from .entities import ArticleEntities, is_role_noun
from .gender import PRONOUNS as PRONOUN_GENDER
from .gender import Gender
from .knowledge import office
from .records import Entity, Quote
from .resources import load_sections, load_words
from .sentences import sent_of

OPEN_MARKS = "\u201c\u201e"
CLOSE_MARKS = "\u201d"
STRAIGHT = '"'
MARKS = frozenset(OPEN_MARKS + CLOSE_MARKS + STRAIGHT)
PRONOUNS = frozenset({"he", "she", "him", "her"})
ORG_PRONOUNS = frozenset({"it", "they"})
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl"})
NAMING_VERBS = frozenset({"name", "call", "know", "identify", "dub"})
DEFINITE = frozenset({"the", "this", "that"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl", "acomp"})
MODIFIER_DEPS = frozenset({"prep", "poss", "agent"})
MIN_UNCUED_WORDS = 5


@dataclass
class _Speaker:
    entity: Entity | None
    mention: str | None
    how: str  # named | pronoun | description | anonymous | continued | none
    via: str | None = None


@dataclass
class _Cue:
    token: Token
    text: str | None
    governs: bool  # the cue's clause contains the quote, rather than merely standing near it


# Confidence by how the speaker was found: the canonical-speaker precision measured on the development
# sets (FA-KES development and held-out inside the whole corpus, PolNeAR train), rounded.
_CONFIDENCE = {"named": 0.95, "pronoun": 0.75, "description": 0.5, "anonymous": 0.65, "continued": 0.65, "none": 0.05}
_NEAR_CUE_PENALTY = 0.15


def mark_role(text: str, i: int, start: int, end: int) -> str:
    """Whether a quote mark can open or close a quote: curly marks say so; a straight mark is read
    from its neighbours (space before and a word after opens, a word before and space after closes)."""
    c = text[i]
    if c in OPEN_MARKS:
        return "open"
    if c in CLOSE_MARKS:
        return "close"
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    spaced_before = before.isspace() or before in "([{\u2014\u2013-:;/"
    spaced_after = after.isspace() or after in ".,;:!?)]}\u2014\u2013-"
    if spaced_before and not spaced_after:
        return "open"
    if spaced_after and not spaced_before:
        return "close"
    return "either"


def quote_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of the text between paired double quote marks, paragraph by paragraph.

    A mark that can only open, met while a quote is open, means the earlier opening mark was stray: the
    quote restarts there, so one lost mark costs one quote, not every quote after it. An unclosed quote
    runs to the end of its paragraph when the next paragraph opens with a quote mark (the newspaper
    convention for a quote over several paragraphs); otherwise its mark is ignored.
    """
    spans: list[tuple[int, int, int]] = []
    for n, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        for i in range(p_start, p_end):
            if text[i] not in MARKS:
                continue
            role = mark_role(text, i, p_start, p_end)
            if role == "open" and open_at is not None and text[open_at:i].rstrip().endswith((".", "!", "?")):
                spans.append((open_at, i, n))  # paragraphs merged by scraping: `"… explosion. "People …`
                open_at = i + 1
            elif role == "open" or (role == "either" and open_at is None):
                open_at = i + 1
            elif open_at is not None:
                spans.append((open_at, i, n))
                open_at = None
        if open_at is not None and n + 1 < len(paragraphs):
            next_start = paragraphs[n + 1][0]
            if text[next_start : next_start + 1] in MARKS:
                spans.append((open_at, p_end, n))
    return [(s, e, n) for s, e, n in (_trim(text, s, e, n) for s, e, n in spans) if e > s]


def _trim(text: str, start: int, end: int, n: int) -> tuple[int, int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end, n


class _Attributor:
    """Finds cues and resolves speakers within one article.

    Who holds the floor is tracked as the text is read: people and organisations in subject position
    (and sources introduced by `according to`), and the speakers of the quotes found so far. Pronouns
    and descriptions ("he", "it", "the analyst", "the ministry", "the statement") resolve to them.
    """

    def __init__(self, doc: Doc, ents: ArticleEntities, spans: list[tuple[int, int, int]]):
        self.doc, self.ents = doc, ents
        self.text = doc.text  # Doc.text joins every token on each access
        cues = load_words("cues.txt")
        self.cues = frozenset(c for c in cues if " " not in c)
        self.phrasal = frozenset(tuple(c.split()) for c in cues if " " in c)
        self.phrasal_verbs = frozenset(verb for verb, _ in self.phrasal)
        self.anonymous = load_words("anonymous_nouns.txt")
        nouns = load_sections("speaker_nouns.txt")
        self.document_nouns, self.generic_org_nouns = nouns["document"], nouns["generic"]
        self.org_nouns = nouns["org"] | nouns["generic"]
        self.quoted: set[int] = set()
        for s, e, _ in spans:
            self.quoted.update(t.i for t in doc.char_span(s, e, alignment_mode="expand") or ())
        self.floor: list[tuple[int, Entity]] = []  # people
        self.salient: set[int] = set()  # floor positions of people who spoke or are a main clause's subject
        self.org_floor: list[tuple[int, Entity]] = []
        self.org_spoke: list[tuple[int, Entity]] = []  # organisations as subjects of a speech verb
        self.anon_floor: list[tuple[int, str, str]] = []  # position, mention, head noun
        self.bodies: list[tuple[int, str, str]] = []  # unnamed bodies that spoke: `the Israeli army said`
        self.groups: list[tuple[int, str]] = []  # unnamed plural sources that spoke: `activists said`
        self.spoke: list[tuple[int, _Speaker]] = []
        for t in doc:
            if t.i in self.quoted:
                continue
            if t.dep_ in SUBJECT_DEPS or (
                t.dep_ == "pobj" and t.head.lower_ == "to" and self.is_according(t.head.head)
            ):
                self._hold_floor(t)
        self.orgs = [(m.start, ents.entities[m.entity_key]) for m in ents.mentions if m.type == "org"]
        self.genders = _genders(ents, self.text)

    def _hold_floor(self, t: Token) -> None:
        if person := self._person_in(t):
            self.floor.append((t.idx, person))
            if self._speaks(t) or t.head.dep_ == "ROOT" or (t.head.dep_ == "conj" and t.head.head.dep_ == "ROOT"):
                self.salient.add(t.idx)
        elif (org := self._org_in(t)) is not None:
            self.org_floor.append((t.idx, org))
            if self._speaks(t):
                self.org_spoke.append((t.idx, org))
        elif t.lemma_.lower() in self.anonymous or t.lower_ in self.anonymous:
            given = self.named_as(t)
            mention = given.mention if given else self.mention_of(t)
            self.anon_floor.append((t.idx, mention, t.lemma_.lower()))
            if t.tag_ == "NNS" and self._speaks(t):
                self.groups.append((t.idx, mention))
        elif t.pos_ in ("NOUN", "PROPN") and not is_role_noun(t) and self._speaks(t):
            self.bodies.append((t.idx, self.mention_of(t), t.lemma_.lower()))

    def _speaks(self, subj: Token) -> bool:
        return self.is_cue(subj.head) or subj.dep_ == "pobj"  # the subject of a speech verb, or `according to X`

    def said(self, pos: int, who: _Speaker) -> None:
        self.spoke.append((pos, who))
        if who.entity is not None:
            targets = [self.floor] if who.entity.type == "person" else [self.org_floor, self.org_spoke]
            self.salient.add(pos)
            for target in targets:
                target.append((pos, who.entity))
                target.sort(key=lambda x: x[0])

    def is_cue(self, t: Token) -> bool:
        """A speech verb outside quotes; not the tail of a hyphenated word (`so-called`)."""
        lemma = t.lemma_.lower()
        if lemma not in self.cues and lemma not in self.phrasal_verbs:
            return False
        if t.i in self.quoted or t.pos_ not in ("VERB", "AUX"):
            return False
        if lemma not in self.cues and self.complement(t) is None:
            return False
        return not (t.i > 0 and t.doc[t.i - 1].text == "-" and not t.doc[t.i - 1].whitespace_)

    def complement(self, t: Token) -> Token | None:
        """The word that makes a phrasal cue of a verb: `clear` in `made it clear`."""
        lemma = t.lemma_.lower()
        return next((c for c in t.children if (lemma, c.lemma_.lower()) in self.phrasal), None)

    def cue_text(self, t: Token) -> str:
        comp = self.complement(t) if t.lemma_.lower() not in self.cues else None
        return self.doc[t.i : comp.i + 1].text if comp is not None and comp.i > t.i else t.text

    def is_according(self, t: Token) -> bool:
        if t.lower_ != "according" or t.i + 1 >= len(t.doc) or t.i in self.quoted:
            return False
        return t.nbor().lower_ == "to"

    def _entity_in(self, subj: Token, type_: str) -> Entity | None:
        """The entity of a type named by a phrase: its head's own, else the last one in the phrase outside
        relative clauses (`the coalition which launched an air war against IS`) and outside what modifies
        the head through a preposition or a possessive: `opponents of Assad`, `a source close to Assad`,
        `Assad's officials` are not Assad."""
        own = self.ents.entity_at(subj)
        if own and own.type == type_:
            return own
        modifier = {x.i for t in subj.subtree if t.dep_ in MODIFIER_DEPS and t.i != subj.i for x in t.subtree}
        found = None
        for t in self._core(subj, CLAUSE_DEPS):
            ent = self.ents.entity_at(t)
            if ent is None or ent.type != type_:
                continue
            if subj.pos_ == "NOUN" and t.i < subj.i and not (type_ == "org" and subj.lemma_.lower() in self.org_nouns):
                continue  # `Assads officials` (the scrape lost the apostrophe): the owner; but `the SANA news agency`
            if self._hyphenated(t):
                continue  # `an anti-Assad group`, `the Russian-backed forces`
            if t.i not in modifier or self._closes_title(t):
                found = ent
        return found

    def _continues(self, first: Token, later: Token) -> bool:
        edge = first.right_edge
        gap = self.doc[edge.i + 1 : later.left_edge.i]
        titled = edge.text in load_words("titles.txt") or is_role_noun(edge)
        return titled and edge.i < later.i and all(t.pos_ == "PROPN" or t.text == "-" for t in gap)

    def _hyphenated(self, t: Token) -> bool:
        """A name inside a hyphenated modifier: `anti-Assad`, `pro-Assad`, `Russian-backed`."""
        key, i, j = self.ents.token_entity.get(t.i), t.i, t.i
        while i > 0 and self.ents.token_entity.get(i - 1) == key:
            i -= 1
        while j + 1 < len(self.doc) and self.ents.token_entity.get(j + 1) == key:
            j += 1
        before = self.doc[i - 1] if i > 0 else None
        after = self.doc[j + 1] if j + 1 < len(self.doc) else None
        return (before is not None and before.text == "-" and not self.doc[i - 2].whitespace_ and i > 1) or (
            after is not None and after.text == "-" and not self.doc[j].whitespace_ and not after.whitespace_
        )

    def _closes_title(self, t: Token) -> bool:
        """`envoy to the UN Vitaly Churkin`: a name ending a title phrase, not the object of a preposition
        (`opponents of President Assad`)."""
        key, i = self.ents.token_entity.get(t.i), t.i
        while i > 0 and self.ents.token_entity.get(i - 1) == key:
            i -= 1
        titles = load_words("titles.txt")
        while i > 0 and self.doc[i - 1].text in titles:
            i -= 1
        prev = self.doc[i - 1] if i > 0 else None
        return prev is not None and prev.pos_ in ("PROPN", "NOUN") and prev.dep_ != "prep"

    def _core(self, t: Token, drop_deps: frozenset[str]) -> list[Token]:
        drop: set[int] = set()
        for child in t.children:
            if child.dep_ in drop_deps:
                drop.update(x.i for x in child.subtree)
        return [x for x in t.subtree if x.i not in drop and x.i not in self.quoted]

    def named_as(self, subj: Token) -> _Speaker | None:
        """`a witness named Ahmad`, `the organisation known as the White Helmets`: the name given."""
        for child in subj.children:
            if child.dep_ == "acl" and child.lemma_.lower() in NAMING_VERBS:
                names = [t for t in child.subtree if t.i != child.i and t.pos_ == "PROPN"]
                for t in names:
                    if (ent := self.ents.entity_at(t)) is not None:
                        return _Speaker(ent, self._surface(child, ent), "named")
                if names:
                    name = self.text[names[0].idx : names[-1].idx + len(names[-1])]
                    return _Speaker(None, name, "anonymous")
        return None

    def _person_in(self, subj: Token) -> Entity | None:
        return self._entity_in(subj, "person")

    def _org_in(self, subj: Token) -> Entity | None:
        """An organisation subject, unless the head names a person affiliated to it (`a member of X`)."""
        if is_role_noun(subj) or subj.lemma_.lower() in self.anonymous:
            return None
        return self._entity_in(subj, "org")

    def subject_of(self, cue: Token) -> Token | None:
        verb = cue
        if cue.tag_ == "VBG":  # `Peskov said Putin considers it …, adding that …`: the adder is who said
            up = cue.head
            for _ in range(3):
                if up is verb or up.head is up and not self.is_cue(up):
                    break
                if self.is_cue(up) and up.i < cue.i:
                    verb = up
                    break
                up = up.head
        for _ in range(4):
            subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
            # A parse that splits one subject in two (`opponents of President | Assad said`): the later part
            # continues the earlier one's phrase, and is not a speaker of its own.
            subjects = [s for k, s in enumerate(subjects) if not (k and self._continues(subjects[k - 1], s))]
            if subjects:
                named = [s for s in subjects if self._person_in(s)]
                return (named or subjects)[-1]
            if verb.dep_ not in CLIMB_DEPS or verb.head is verb:
                return None
            verb = verb.head
        return None

    @staticmethod
    def _latest(entries: list, before: int):
        found = [e for e in entries if e[0] < before]
        return found[-1] if found else None

    def mention_of(self, t: Token) -> str:
        """The words naming a speaker: the phrase without relative clauses, appositions or quotes."""
        kept = self._core(t, CLAUSE_DEPS | {"appos", "punct"})
        while kept and (kept[-1].is_punct or kept[-1].is_space):
            kept.pop()
        while kept and (kept[0].is_punct or kept[0].is_space):
            kept.pop(0)
        if not kept:
            return ""
        return self.text[kept[0].idx : kept[-1].idx + len(kept[-1])]

    def speaker(self, cue: _Cue, span: Span | None = None) -> _Speaker:
        t = cue.token
        frame = self.frame_person(span, t) if span is not None else None
        if self.is_according(t):
            obj = next((c for c in t.nbor().children if c.dep_ == "pobj"), None)
            return self.resolve(obj) if obj is not None else _Speaker(None, None, "none")
        relay = _quote_verb(t)
        if relay is not None and (who := self._relayed(relay)) is not None:
            return who
        subj = self.subject_of(t)
        if subj is None:
            if (after := self._person_after(t)) is not None:
                return _Speaker(after, after.name, "named")  # `"…," said retired neurosurgeon Ben Carson`
            return (
                _frame_speaker(self.frame_person(span, t, before_quote=True))
                if span is not None
                else _frame_speaker(None)
            )
        who = self.resolve(subj, frame)
        # `the agency said, quoting an unnamed official`: the official spoke, the agency relayed.
        quoting = next((c for c in t.children if c.lemma_.lower() in ("quote", "cite") and c.i > t.i), None)
        if quoting is not None:
            source = next((c for c in quoting.children if c.dep_ == "dobj"), None)
            if source is not None:
                relayed = self.resolve(source)
                relayed.via = who.entity.name if who.entity else who.mention
                return relayed
        return who

    def _relayed(self, relay: Token) -> _Speaker | None:
        """`SANA quoted a military source as saying`, `an officer was quoted as saying`."""
        source = next((c for c in relay.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if source is None:
            return None
        via_tok = next((c for c in relay.children if c.dep_ == "nsubj"), None)
        agent = next((c for c in relay.children if c.dep_ == "agent"), None)
        if via_tok is None and agent is not None:
            via_tok = next((c for c in agent.children if c.dep_ == "pobj"), None)
        who = self.resolve(source)
        if via_tok is not None:
            via = self.resolve(via_tok)
            who.via = via.entity.name if via.entity else via.mention
        return who

    def resolve(self, subj: Token, frame: Entity | None = None) -> _Speaker:
        """A subject to a speaker: a name, a pronoun, a description of someone named before, or anonymous."""
        mention = self.mention_of(subj)
        head = subj.lemma_.lower()
        if person := self._person_in(subj):
            return _Speaker(person, self._surface(subj, person), "named")
        if (given := self.named_as(subj)) is not None:
            return given
        if frame is not None and self._damaged(subj, frame):
            return _Speaker(frame, frame.name, "named")
        if (ent := self.ents.entity_at(subj)) is not None:
            return _Speaker(ent, self._surface(subj, ent), "named")
        pos = subj.idx
        if subj.lower_ in PRONOUNS:
            return self._last_person(pos, subj.text)
        if subj.lower_ in ORG_PRONOUNS:
            return self._last_nonperson(pos, subj.text)
        if not mention:
            return _Speaker(None, None, "none")
        det = next((c.lower_ for c in subj.children if c.dep_ == "det"), None)
        definite = det in DEFINITE
        if head in self.anonymous or subj.lower_ in self.anonymous:
            if definite and (earlier := self._latest([a for a in self.anon_floor if a[2] == head], pos)):
                return _Speaker(None, earlier[1], "anonymous")
            return _Speaker(None, mention, "anonymous")
        if (org := self._org_in(subj)) is not None:
            return _Speaker(org, self._surface(subj, org), "named")
        if definite and head in self.document_nouns:
            return self._issuer(subj, mention)
        if definite and is_role_noun(subj):
            return self._described_person(subj, mention)
        if definite and head in self.org_nouns and self._plain(subj):
            return self._described_org(subj, mention)
        if subj.pos_ == "PROPN" and (name := _name_core(subj)):
            return _Speaker(None, name, "anonymous")  # a name the model did not tag: `Rami Abdulrahman director of …`
        if subj.pos_ in ("NOUN", "PROPN"):
            return _Speaker(None, mention, "anonymous")
        return _Speaker(None, mention, "none")

    def _modifier_entity(self, subj: Token) -> Entity | None:
        """An entity named inside a description, other than its head: `the HNC statement`, `SOHR's report`,
        `a statement by the ministry`, `the Civil Defense spokesman`."""
        found = None
        for t in subj.subtree:
            if t.i != subj.i and t.i not in self.quoted and (ent := self.ents.entity_at(t)) and ent.type != "place":
                found = found or ent
        return found

    def _issuer(self, subj: Token, mention: str) -> _Speaker:
        """`the statement said`: the issuer the text states — in the description itself, where the same
        document was introduced (`X issued a statement`, `X said in a statement`, `a letter from X`), or,
        for a document not introduced, an organisation that spoke in the sentence before — else the
        document stays an unnamed source. Never simply whoever spoke last."""
        if (ent := self._modifier_entity(subj)) is not None:
            return _Speaker(ent, mention, "description")
        noun = subj.lemma_.lower()
        earlier = [t for t in self.doc[: subj.i] if t.lemma_.lower() == noun and t.i not in self.quoted]
        for t in reversed(earlier[-3:]):
            if (ent := self._modifier_entity(t)) is not None:
                return _Speaker(ent, mention, "description")
            verb = t.head.head if t.dep_ == "pobj" and t.head.lower_ == "in" else t.head if t.dep_ == "dobj" else None
            issuer = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
            if issuer is not None and issuer.lemma_.lower() not in self.document_nouns:
                who = self.resolve(issuer)
                if who.entity is not None:
                    return _Speaker(who.entity, mention, "description")
        if (
            not earlier
            and (latest := self._latest(self.org_spoke, subj.idx))
            and latest[0] >= self._previous_sentence(subj)
        ):
            return _Speaker(latest[1], mention, "description")  # `The YPG said … . "…," the statement said.`
        return _Speaker(None, mention, "anonymous")

    def _previous_sentence(self, t: Token) -> int:
        start = sent_of(t).start
        return sent_of(self.doc[start - 1]).start_char if start > 0 else 0

    def _described_person(self, subj: Token, mention: str) -> _Speaker:
        """`the spokesman said`: the latest person before whose stated role holds the noun (and the entity
        the description names, as in `the Civil Defense spokesman`); a bare description (`the analyst`) may
        also take the latest person, unless a known office (a head of state) says otherwise. Otherwise the
        description stays an unnamed source."""
        noun, pos = subj.lemma_.lower(), subj.idx
        named = self._modifier_entity(subj)
        candidates = [e for p, e in self.floor if p < pos]
        for e in reversed(candidates):
            role = (e.role or office(e.key) or "").lower()
            if noun in role and (named is None or named.name.lower() in role or named.key == e.key):
                return _Speaker(e, mention, "description")
        bare = all(c.dep_ == "det" for c in subj.children)
        if bare and candidates and not office(candidates[-1].key):
            return _Speaker(candidates[-1], mention, "description")
        return _Speaker(None, mention, "anonymous")

    def _damaged(self, subj: Token, frame: Entity) -> bool:
        """A person between a quote and its cue speaks for a subject the parse has lost: a name or a title
        (`head of the Observatory Rami Abdel Rahman said`) — never for a pronoun or a description, and
        never when the person is merely named inside the subject."""
        if subj.pos_ not in ("PROPN", "NOUN") or subj.lower_ in self.anonymous:
            return False
        if subj.pos_ == "NOUN" and not is_role_noun(subj):
            return False
        return not any(self.ents.token_entity.get(t.i) == frame.key for t in subj.subtree)

    def _plain(self, subj: Token) -> bool:
        """A description rather than a name: `the Britain-based monitor`, not `the Army of Conquest` or `the
        defence ministry in Moscow` (a body the text names, kept as written)."""
        return not any(
            c.dep_ == "prep" for c in subj.children
        ) and not any(
            t.pos_ == "PROPN" and t.i != subj.i and ((e := self.ents.entity_at(t)) is None or e.type != "place")
            for t in subj.subtree
        )  # fmt: skip

    def _described_org(self, subj: Token, mention: str) -> _Speaker:
        """`the ministry said`: the latest organisation whose name holds the noun, else the latest unnamed
        body that spoke under that noun; a generic noun (`the monitor`, `the group`) may also take the
        organisation that spoke last. Otherwise the description stays unnamed."""
        head, pos = subj.lemma_.lower(), subj.idx
        fitting = [e for p, e in self.orgs if p < pos and head in e.name.lower()]
        if fitting:
            return _Speaker(fitting[-1], mention, "description")
        if body := self._latest([(p, m) for p, m, h in self.bodies if h == head], pos):
            return _Speaker(None, body[1], "anonymous")
        if head in self.generic_org_nouns and (latest := self._latest(self.org_spoke, pos)):
            return _Speaker(latest[1], mention, "description")
        return _Speaker(None, mention, "anonymous")

    def _salient_person(self, before: int, gender: Gender | None) -> tuple[int, Entity] | None:
        """The person a pronoun most likely means: in the nearest sentence that names one (of the pronoun's
        gender, where known), the one who spoke or is the main clause's subject, else the last named
        (`Pence said Trump will wait. "…," he said` is Pence)."""
        fits = [(p, e) for p, e in self.floor if p < before and self.genders.get(e.key, gender) == gender]
        if not fits:
            return None
        sentence = self._sentence_start(fits[-1][0])
        nearest = [(p, e) for p, e in fits if self._sentence_start(p) == sentence]
        return next((x for x in reversed(nearest) if x[0] in self.salient), nearest[-1])

    def _sentence_start(self, offset: int) -> int:
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        return sent_of(span[0]).start if span is not None and len(span) else offset

    def _last_person(self, before: int, pronoun: str) -> _Speaker:
        """`he said`: the person who last held the floor, named or not (`a witness named Ahmad`)."""
        named = self._salient_person(before, PRONOUN_GENDER.get(pronoun.lower()))
        unnamed = self._latest(self.anon_floor, before)
        if unnamed and (named is None or unnamed[0] > named[0]):
            return _Speaker(None, unnamed[1], "anonymous")
        if named:
            return _Speaker(named[1], pronoun, "pronoun")
        return self._last_speaker(before, pronoun)

    def _last_nonperson(self, before: int, pronoun: str) -> _Speaker:
        """`it said`, `they added`: the organisation or unnamed body that last spoke (a plural pronoun may
        also take unnamed sources: `activists said … they added`); failing that, the last organisation
        that was a subject."""
        spoke: list[tuple[int, _Speaker]] = [(p, _Speaker(e, pronoun, "pronoun")) for p, e in self.org_spoke]
        spoke += [(p, _Speaker(None, m, "anonymous")) for p, m, _ in self.bodies]
        spoke += [
            (p, _Speaker(w.entity, pronoun, "pronoun") if w.entity else _Speaker(None, w.mention, "anonymous"))
            for p, w in self.spoke
            if (w.entity and w.entity.type != "person") or (not w.entity and w.mention)
        ]
        if pronoun.lower() == "they":
            spoke += [(p, _Speaker(None, m, "anonymous")) for p, m in self.groups]
        if latest := self._latest(sorted(spoke, key=lambda x: x[0]), before):
            return latest[1]
        if org := self._latest(self.org_floor, before):
            return _Speaker(org[1], pronoun, "pronoun")
        return _Speaker(None, pronoun, "none")

    def _last_speaker(self, before: int, mention: str, how: str = "pronoun") -> _Speaker:
        """Whoever last spoke or was last named as a subject: the issuer of `the statement`."""
        spoke = self._latest([(p, w) for p, w in self.spoke if w.entity or w.how == "anonymous"], before)
        subject = max(
            (e for e in (self._latest(self.floor, before), self._latest(self.org_floor, before)) if e),
            key=lambda e: e[0],
            default=None,
        )
        if subject and (spoke is None or subject[0] > spoke[0]):
            return _Speaker(subject[1], mention, how)
        if spoke:
            prior = spoke[1]
            return _Speaker(
                prior.entity, mention if prior.entity else prior.mention, how if prior.entity else "anonymous"
            )
        return _Speaker(None, mention, "none")

    def _surface(self, subj: Token, ent: Entity) -> str:
        toks = [t for t in subj.subtree if self.ents.token_entity.get(t.i) == ent.key]
        return self.doc[toks[0].i : toks[-1].i + 1].text if toks else subj.text

    def _person_after(self, cue: Token) -> Entity | None:
        """The subject after an inverted cue, up to the first comma: `said former secretary Hillary Clinton`."""
        for t in self.doc[cue.i + 1 : cue.i + 12]:
            if t.is_punct or t.i in self.quoted:
                return None
            if (ent := self.ents.entity_at(t)) is not None and ent.type == "person":
                return ent
        return None

    def frame_person(self, span: Span, cue: Token, *, before_quote: bool = False) -> Entity | None:
        """A person named between a quote and its cue (`"…" head of the Observatory Rami Abdel Rahman
        said`), where a damaged parse loses the subject: the one nearest the cue. With `before_quote`,
        for a cue before its quote whose verb has no subject at all (`Assad cast doubt …, saying "…"`)."""
        if cue.i >= span.end:
            stretch = range(span.end, cue.i)
        elif before_quote:
            stretch = range(sent_of(cue).start, cue.i)
        else:
            return None
        found = None
        for i in stretch:
            ent = self.ents.entity_at(self.doc[i])
            if ent and ent.type == "person" and i not in self.quoted:
                found = ent
        return found

    def _colon_before(self, span: Span) -> Token | None:
        """The colon that introduces a quote (`He said: "…"`, also across a paragraph break)."""
        i = span.start - 1
        while i >= 0 and (self.doc[i].is_space or self.doc[i].text in MARKS or self.doc[i].is_quote):
            i -= 1
        return self.doc[i] if i >= 0 and self.doc[i].text == ":" and i not in self.quoted else None

    def choose_cue(self, span: Span) -> _Cue | None:
        """The cue of a quote: a speech verb (or `according to`) of the quote's sentences, outside
        quotes, preferring the verb whose clause holds the quote; failing that, a sentence ending
        in a colon just before the quote (`He said: "…"`)."""
        sents = {sent_of(t).start: sent_of(t) for t in (span[0], span[-1])}
        candidates = [t for s in sents.values() for t in s if self.is_cue(t) or self.is_according(t)]
        if not candidates:
            # The parser may end a sentence at the closing mark: `"…" | the statement said.`; a sentence
            # that starts in lower case there is the rest of the quote's own sentence.
            # So is a short `Trump said.` there: a cue near its start with nothing said after it.
            after = sent_of(self.doc[span.end + 1]) if span.end + 1 < len(self.doc) else None
            if after is not None and after.start in (span.end, span.end + 1):
                near = [t for t in after[:12] if self.is_cue(t) and t.i not in self.quoted]
                candidates = near if after.text[:1].islower() else [t for t in near if _says_nothing_more(t, after)]
        colon = self._colon_before(span)
        if not candidates and colon is not None:
            candidates = [t for t in sent_of(colon) if self.is_cue(t) and t.i < colon.i]
            if not candidates:  # `Clinton's response was: "…"`: the person the framing sentence names
                return _Cue(colon, None, False)
        if not candidates:
            return None
        inside = set(range(span.start, span.end))

        def governs(c: Token) -> bool:
            return sum(1 for t in c.subtree if t.i in inside) >= len(inside) / 2

        governing = [c for c in candidates if governs(c)]
        if governing:
            best = min(governing, key=lambda c: len(list(c.subtree)))
        else:
            best = min(candidates, key=lambda c: min(abs(c.i - span.start), abs(c.i - span.end)))
        text = "according to" if self.is_according(best) else self.cue_text(best)
        return _Cue(best, text, bool(governing))


def _genders(ents: ArticleEntities, text: str) -> dict[str, Gender]:
    """Each person's gender where the article (`Mr.`, `Mrs.` before a mention) or the given name says it."""
    genders = {k: g for k, e in ents.entities.items() if e.type == "person" and (g := gender.of_name(e.name))}
    for m in ents.mentions:
        before = text[max(0, m.start - 6) : m.start].split()
        if m.type == "person" and before and (g := gender.of_honorific(before[-1])):
            genders[m.entity_key] = g
    return genders


def _says_nothing_more(cue: Token, sent: Span) -> bool:
    """`Trump said.`, `Hewitt said, according to a transcript`: the cue has a subject and no content of
    its own, so it attributes the quote before it."""
    own = {"ccomp", "dobj", "xcomp", "advcl", "dative"}
    return cue.i - sent.start <= 6 and not any(c.dep_ in own for c in cue.children)


def _frame_speaker(frame: Entity | None) -> _Speaker:
    return _Speaker(frame, frame.name, "named") if frame else _Speaker(None, None, "none")


def _quote_verb(t: Token) -> Token | None:
    """The verb `quote` governing a cue: the cue itself, or `saying` in `quoted ... as saying`."""
    for _ in range(3):
        if t.lemma_.lower() == "quote":
            return t
        if t.head is t:
            return None
        t = t.head
    return None


def is_label(text: str, before: str) -> bool:
    """A name in quote marks rather than speech: `Operation "Euphrates Shield"`, `so-called "rebels"`,
    or a short run of capitalised words (`"Army of Conquest"`)."""
    prev = before.rstrip().rsplit(None, 1)[-1].lower() if before.strip() else ""
    if prev in load_words("label_cues.txt"):
        return True
    words = [w for w in text.strip(" ,.").split() if w.isalpha()]
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    return (
        2 <= len(words) <= 5
        and len(content) >= 2
        and all(w[0].isupper() for w in content)
        and not text.rstrip().endswith(("!", "?"))
    )


def _name_core(head: Token) -> str | None:
    """The proper name at the head of a phrase (`Rami Abdulrahman` of `Rami Abdulrahman director of the
    Observatory`): the head with its proper-noun compounds, when that makes two or more capitalised words."""
    words = [c for c in head.lefts if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"] + [head]
    words += [c for c in head.rights if c.dep_ == "flat" and c.pos_ == "PROPN"]
    if len(words) < 2 or not all(w.text[:1].isupper() for w in words) or words[-1].i - words[0].i + 1 != len(words):
        return None
    return head.doc[words[0].i : words[-1].i + 1].text


def _is_markup(text: str, start: int, end: int) -> bool:
    """An attribute value or a bare identifier in marks, not speech: `tweet-id="7731…"`, `"@handle"`,
    `"2016-07-23"`."""
    if start >= 2 and text[start - 2] == "=":
        return True
    return re.fullmatch(r"[@#]\S+|[\d\s:/.,T+-]+", text[start:end].strip()) is not None


_SMALL_WORDS = frozenset(["a", "an", "the", "of", "for", "and", "in", "on", "to", "at", "by"])


def extract_quotes(doc: Doc, ents: ArticleEntities, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    text = doc.text
    spans = quote_spans(text, paragraphs)
    att = _Attributor(doc, ents, spans)
    quotes: list[Quote] = []
    prev: Quote | None = None
    for start, end, para in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span) or is_label(text[start:end], text[max(0, start - 30) : start - 1]):
            continue
        if _is_markup(text, start, end):
            continue
        cue = att.choose_cue(span)
        confidence_cut = 0.0
        if cue is not None:
            who = att.speaker(cue, span)
            if not cue.governs:
                confidence_cut = _NEAR_CUE_PENALTY
        elif prev is not None and prev.speaker and _nobody_else_between(att, prev, _sentence_end(doc, prev.end), start):
            who = _Speaker(ents.entities.get(prev.speaker_key or ""), prev.speaker_mention, "continued", prev.via)
            if who.entity is None:
                who.mention = prev.speaker
        elif len(text[start:end].split()) < MIN_UNCUED_WORDS:
            continue  # a label or scare quote, not speech
        else:
            who = _Speaker(None, None, "none")
        q = _quote("direct", text, start, end, para, who, cue.text if cue else None, confidence_cut)
        quotes.append(q)
        prev = q
        att.said(end, who)
    _speaker_from_later_paragraph(quotes, paragraphs, text)
    quotes.extend(_indirect(doc, att, paragraphs))
    quotes.sort(key=lambda q: (q.start, q.kind))
    return quotes


def _speaker_from_later_paragraph(quotes: list[Quote], paragraphs: list[tuple[int, int]], text: str) -> None:
    """A quote over several paragraphs names its speaker in a later one: `"First part.` / `"Second
    part," he said.` Unattributed parts that run to the end of their paragraph take the next part's."""
    for q, nxt in reversed(list(zip(quotes, quotes[1:], strict=False))):
        runs_on = not text[q.end : paragraphs[q.paragraph][1]].strip(' .,"\u201c\u201d')
        opens_next = text[paragraphs[nxt.paragraph][0] : nxt.start].strip() in MARKS
        if q.speaker is None and nxt.speaker and runs_on and nxt.paragraph == q.paragraph + 1 and opens_next:
            q.speaker, q.speaker_key, q.speaker_mention = nxt.speaker, nxt.speaker_key, nxt.speaker_mention
            q.speaker_role, q.via = nxt.speaker_role, nxt.via
            q.confidence = _CONFIDENCE["continued"]


def _quote(kind: str, text: str, start: int, end: int, para: int, who: _Speaker, cue: str | None, cut: float) -> Quote:
    named = who.entity is not None
    speaker = who.entity.name if named else (who.mention if who.how in ("anonymous", "continued") else None)
    base = _CONFIDENCE[who.how] if (named or who.how in ("anonymous", "continued") and speaker) else _CONFIDENCE["none"]
    if kind == "indirect":
        base *= 0.8
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


def _sentence_end(doc: Doc, offset: int) -> int:
    span = doc.char_span(offset - 1, offset, alignment_mode="expand")
    return sent_of(span[0]).end_char if span is not None and len(span) else offset


def _nobody_else_between(att: _Attributor, prev: Quote, start: int, end: int) -> bool:
    """Nobody but the previous quote's speaker spoke or became a subject between two quotes."""
    between = att.doc.char_span(start, end, alignment_mode="contract")
    if between is None:
        return True

    def same(who: _Speaker) -> bool:
        if who.entity is not None:
            return who.entity.key == prev.speaker_key
        return bool(who.mention) and who.mention == prev.speaker

    for t in between:
        if att.is_cue(t) and not same(att.speaker(_Cue(t, t.text, True))):
            return False
    subjects = [e for pos, e in (*att.floor, *att.org_floor) if start <= pos < end]
    return all(e.key == prev.speaker_key for e in subjects)


def _paragraph_of(paragraphs: list[tuple[int, int]], offset: int) -> int:
    for n, (s, e) in enumerate(paragraphs):
        if s <= offset <= e:
            return n
    return 0


def _indirect(doc: Doc, att: _Attributor, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    """Reported speech: a cue verb's that-clause (unless it is itself one direct quote), and the rest
    of a sentence attributed with `according to X`."""
    out = []
    for cue in doc:
        if att.is_according(cue):
            found = _according_clause(att, cue)
        elif att.is_cue(cue):
            found = _reported_clause(att, cue)
        else:
            continue
        if found is None:
            continue
        start, end = found
        who = att.speaker(_Cue(cue, cue.text, True))
        if who.entity is None and who.how != "anonymous":
            continue
        cue_text = "according to" if att.is_according(cue) else att.cue_text(cue)
        out.append(_quote("indirect", att.text, start, end, _paragraph_of(paragraphs, start), who, cue_text, 0.0))
    return out


def _reported_clause(att: _Attributor, cue: Token) -> tuple[int, int] | None:
    comp = att.complement(cue)
    holders = [comp] if comp is not None else []
    holders.append(cue)
    clause = next(
        (c for h in holders for c in h.children if c.dep_ in ("ccomp", "advcl") and c.i > cue.i and (comp is None or c.i != comp.i) and
         (c.dep_ == "ccomp" or any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children))),
        None,
    )  # fmt: skip
    if clause is None:
        return None
    toks = list(clause.subtree)
    mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    if mark is not None:
        toks = [t for t in toks if t.i > mark.i]
    return _unquoted_stretch(att, toks)


def _according_clause(att: _Attributor, according: Token) -> tuple[int, int] | None:
    """`Five people were killed, according to the Observatory`: the sentence without the attribution."""
    sent = sent_of(according)
    attribution = {t.i for t in according.subtree}
    toks = [t for t in sent if t.i not in attribution]
    while toks and toks[-1].is_punct:
        toks.pop()
    while toks and toks[0].is_punct:
        toks.pop(0)
    if any(t.i in att.quoted for t in toks):
        return None  # the sentence holds a direct quote, which carries the attribution already
    return _unquoted_stretch(att, toks)


def _unquoted_stretch(att: _Attributor, toks: list[Token]) -> tuple[int, int] | None:
    if len(toks) < 3:
        return None
    words = [t for t in toks if not t.is_punct]
    if sum(1 for t in words if t.i in att.quoted) >= 0.8 * len(words):
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])
