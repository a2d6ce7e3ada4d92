"""What a pronoun means inside its article: `he`/`she` a person of that gender who held the floor (a chain of
pronouns followed back), or one named in passing just before; `it`/`they` the organisation or body that last
spoke. The floor says who spoke or was a subject, and where."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from itertools import takewhile

from spacy.tokens import Span, Token

from ... import gender
from ...gender import PRONOUNS as PRONOUN_GENDER
from ...gender import Gender
from ...records import Entity, Mention
from ..entities import ArticleEntities
from ..sentences import sent_of, token_at
from .floor import Entry, Floor, Role
from .kinds import How, Speaker
from .phrases import Phrases

OWNING_PREPOSITIONS = frozenset({"of", "from"})
MAX_LINKS = 20  # pronouns followed back in one chain


class Pronouns:
    def __init__(self, phrases: Phrases, floor: Floor):
        self.phrases, self.floor = phrases, floor
        self.doc, self.ents = phrases.doc, phrases.ents
        self.genders = genders(self.ents, phrases.article.text)
        self.chains: dict[tuple[int, str], Speaker] = {}
        self._starts = [m.start for m in self.ents.mentions]  # in text order: extract_entities sorts them

    def _salient_person(self, before: int, wanted: Gender | None) -> Entry | None:
        """The person a pronoun most likely means: in the nearest sentence that names one (of the pronoun's
        gender, where known) or has a pronoun of that gender as its main subject, the one who spoke or is the
        main clause's subject, else the last named (`Pence said Trump will wait. "…," he said` is Pence). A
        pronoun chosen so is a link in a chain: `Dunwoody said … . He noted that Sanders had conceded. "…," he
        said` is Dunwoody, which the caller follows back."""
        fits = (
            e
            for e in self.floor.backwards(before, (Role.PERSON, Role.PRONOUN))
            if (e.role is Role.PERSON and self._may_be(e.entity.key, wanted))
            or (e.role is Role.PRONOUN and wanted is not None and PRONOUN_GENDER.get(e.mention.lower()) == wanted)
        )
        last = next(fits, None)
        since = self._named_since(last.pos if last is not None else -1, before, wanted)
        if since is not None or last is None:
            return since
        nearest = self._nearest_sentence(last, fits)
        main = {e.pos for e in nearest if e.main}
        salient = {e.pos for e in nearest if e.salient}
        return next((e for e in reversed(nearest) if e.pos in main), None) or next(
            (e for e in reversed(nearest) if e.pos in salient), nearest[-1]
        )

    def _named_since(self, last: int, before: int, wanted: Gender | None) -> Entry | None:
        """A person of the pronoun's gender named in passing (`of X`, `from X`, `X's`) in the sentence before
        the pronoun's (past the sentences of the quote it closes; from its last paragraph break, where the
        parse ran one on over it), when nobody on the floor was in that sentence or after it and nobody else
        of that gender is named in it: `Footage of Al-Awlaki appears again. "…," he says`, `according to a
        post from Arianna Huffington. "…," she wrote`. Never one made to do something (`forcing Sanders to
        reverse`)."""
        sent = self._sentence_at(before)
        if sent is None or sent.start == 0:
            return None
        previous = sent_of(self.doc[sent.start - 1])
        while previous.start > 0 and self._all_quoted(previous):
            previous = sent_of(self.doc[previous.start - 1])  # `"This is a tragedy. It is an outrage" he said`
        end = previous.start_char + len(previous.text.rstrip())
        start = max(previous.start_char, self.phrases.article.text.rfind("\n", previous.start_char, end) + 1)
        if last >= start:
            return None
        named = [m for m in self._mentions(start, end) if m.type == "person" and self._may_be(m.entity_key, wanted)]
        if len({m.entity_key for m in named}) != 1 or not self._in_passing(named[-1].start, named[-1].end):
            return None  # `The rise of Bannon gave Beck new impetus`: the one named in passing may not be the one meant
        entity = self.ents.entities.get(named[-1].entity_key)
        return Entry(named[-1].start, Role.PERSON, entity) if entity is not None else None

    def _all_quoted(self, sent: Span) -> bool:
        """A sentence of the quote the pronoun's cue closes, not of the narration before it."""
        quoted = self.phrases.article.quoted
        return all(t.i in quoted or t.is_punct or t.is_space for t in sent)

    def _in_passing(self, start: int, end: int) -> bool:
        """A name outside quotes that owns something or is the object of `of`, `from`: whose words or footage
        it is (not `than X`, `like X`, `by X`)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span) or span.root.i in self.phrases.article.quoted:
            return False
        root = span.root
        return root.dep_ == "poss" or (root.dep_ == "pobj" and root.head.lower_ in OWNING_PREPOSITIONS)

    def _sentence_at(self, pos: int) -> Span | None:
        t = token_at(self.doc, pos)
        return sent_of(t) if t is not None else None

    def _nearest_sentence(self, latest: Entry, earlier: Iterator[Entry]) -> list[Entry]:
        """Of floor entries, the last one and those before it (last first) in its sentence, in text order;
        a sentence the parse ran on over a paragraph break starts at the break."""
        last = latest.pos
        sent = self._sentence_at(last)
        start = sent.start_char if sent is not None else last
        start = max(start, self.phrases.article.text.rfind("\n", start, last) + 1)
        return [*reversed(list(takewhile(lambda e: e.pos >= start, earlier))), latest]

    def _mentions(self, start: int, end: int) -> list[Mention]:
        """The article's mentions that start in [start, end), in text order."""
        return self.ents.mentions[bisect_left(self._starts, start) : bisect_left(self._starts, end)]

    def person(self, before: int, pronoun: str, links: int = 0) -> Speaker:
        """`he said`: the person who last held the floor, named or not (`a witness named Ahmad`). A chain of
        pronouns is followed back (each link once: `self.chains`), a bounded number of links."""
        if (before, pronoun) in self.chains:
            return self.chains[before, pronoun]
        found = self._person_before(before, pronoun, links)
        self.chains[before, pronoun] = found
        return found

    def _person_before(self, before: int, pronoun: str, links: int) -> Speaker:
        wanted = PRONOUN_GENDER.get(pronoun.lower())
        named = self._salient_person(before, wanted)
        unnamed = self.floor.latest(Role.UNNAMED, before, lambda e: not e.plural)
        if unnamed and (named is None or unnamed.pos > named.pos):
            return Speaker(None, unnamed.mention, How.ANONYMOUS)
        if named and named.role is Role.PRONOUN and links < MAX_LINKS:
            earlier = self.person(named.pos, named.mention or pronoun, links + 1)
            if earlier.entity is not None:
                return Speaker(earlier.entity, pronoun, How.PRONOUN)
            if earlier.how is not How.NONE:
                return earlier
            named = None  # a chain that leads to nobody: whoever else held the floor or was named
        if named and named.role is not Role.PRONOUN:
            return Speaker(named.entity, pronoun, How.PRONOUN)
        last = self._last_speaker(before, pronoun)
        if last.entity is None and last.how is How.NONE and (ent := self._last_named(before, wanted)) is not None:
            return Speaker(ent, pronoun, How.PRONOUN)
        if last.entity is None or (last.entity.type == "person" and self._may_be(last.entity.key, wanted)):
            return last
        return Speaker(None, pronoun, How.NONE)

    def _last_named(self, before: int, wanted: Gender | None, sentences: int = 3) -> Entity | None:
        """With nobody on the floor, the person last named in the few sentences before, in any role: `And
        Carly Fiorina: what are her qualifications? She had a great line when she said …`."""
        sent = self._sentence_at(before)
        if sent is None:
            return None
        for _ in range(sentences):
            if sent.start == 0:
                break
            sent = sent_of(self.doc[sent.start - 1])
        mentioned = [
            m
            for m in self._mentions(sent.start_char, before)
            if m.type == "person" and self._may_be(m.entity_key, wanted)
        ]
        return self.ents.entities.get(mentioned[-1].entity_key) if mentioned else None

    def _may_be(self, key: str, wanted: Gender | None) -> bool:
        """No known gender of the person contradicts the pronoun's (`she` is not John Kasich)."""
        return wanted is None or self.genders.get(key, wanted) == wanted

    def nonperson(self, it: Token) -> Speaker:
        """`it said`, `they added`: in the nearest sentence with an organisation or unnamed body that spoke
        or is its main clause's subject (a plural pronoun may also take unnamed sources: `activists said …
        they added`), the one that spoke, else the last; failing that, the last organisation that was a
        subject. `The Palmyra Coordination Committee has published the names. It says …`"""
        before, pronoun, plural = it.idx, it.text, it.lower_ == "they"

        def fits(e: Entry) -> bool:
            if e.pos + len(e.head or "") + 1 >= before and not e.spoke and e.role is not Role.QUOTED:
                return False  # `The group it added has …`: a parenthetical cue, not a reference back
            if e.role is Role.QUOTED:
                return (e.entity is not None and e.entity.type != "person") or (e.entity is None and bool(e.mention))
            if e.role is Role.ORG or (e.role is Role.BODY and (plural or not e.plural)):
                return e.spoke or e.salient
            return e.role is Role.UNNAMED and plural and e.plural and (e.spoke or e.salient)

        found = (e for e in self.floor.backwards(before, (Role.QUOTED, Role.ORG, Role.BODY, Role.UNNAMED)) if fits(e))
        latest = next(found, None)
        if latest is not None:
            nearest = self._nearest_sentence(latest, found)
            latest = next((e for e in reversed(nearest) if e.spoke), nearest[-1])
        if latest is not None:
            if latest.entity is not None:
                return Speaker(latest.entity, pronoun, How.PRONOUN)
            return Speaker(None, latest.mention, How.ANONYMOUS)
        if org := self.floor.latest(Role.ORG, before):
            return Speaker(org.entity, pronoun, How.PRONOUN)
        return Speaker(None, pronoun, How.NONE)

    def _last_speaker(self, before: int, mention: str) -> Speaker:
        """Whoever last spoke or was last named as a subject, for a pronoun no person on the floor fits."""
        spoke = self.floor.latest_sourced(before)
        subjects = [e for e in (self.floor.latest(Role.PERSON, before), self.floor.latest(Role.ORG, before)) if e]
        subject = max(subjects, key=lambda e: e.pos, default=None)
        if subject and (spoke is None or subject.pos > spoke.pos):
            return Speaker(subject.entity, mention, How.PRONOUN)
        if spoke:
            if spoke.entity is not None:
                return Speaker(spoke.entity, mention, How.PRONOUN)
            return Speaker(None, spoke.mention, How.ANONYMOUS)
        return Speaker(None, mention, How.NONE)


def genders(ents: ArticleEntities, text: str) -> dict[str, Gender]:
    """Each person's gender where the article (`Mr.`, `Mrs.` before a mention) or the given name says it."""
    found = {k: g for k, e in ents.entities.items() if e.type == "person" and (g := gender.of_name(e.name))}
    for m in ents.mentions:
        before = text[max(0, m.start - 6) : m.start].split()
        if m.type == "person" and before and (g := gender.of_honorific(before[-1])):
            found[m.entity_key] = g
    return found
