"""Speakers named around a quote where the parse gave its cue no subject, or the wrong one: a name
between the quote and its cue, an inverted subject after the cue (`said former secretary Hillary Clinton`),
a name opening the words after a quote that ends a clause. Scrapes that lost their commas make these common."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ...records import Entity
from ...resources import load_words
from ..sentences import around, sent_of
from .kinds import How, Speaker
from .phrases import Phrases, name_core


class Frames:
    def __init__(self, phrases: Phrases):
        self.phrases, self.cues = phrases, phrases.cues
        self.doc, self.ents = phrases.doc, phrases.ents

    def named_after_quote(self, subj: Token, cue: Token) -> Speaker | None:
        """`The assault was "…" Zakaria Malahifji of the Fastaqim group told Reuters`, `Dozens were hurt
        when "…" activist Mansoor Hussain told The New Arab noting that …`, `Twin blasts kill 30 "…" the
        Observatory's head Rami Abdel Rahman told AFP`: with a quote between the subject found and the cue,
        a name opening the words after that quote (a title before it, no verb) is the cue's subject; the
        subject found is that of the clause the quote ends, or of a headline glued on."""
        quoted = self.phrases.article.quoted
        inside = [i for i in range(subj.i + 1, cue.i) if i in quoted]
        if subj.i >= cue.i or not inside:
            return None
        for t in self.doc[max(inside) + 1 : min(cue.i, max(inside) + 10)]:
            if t.i in quoted or t.pos_ in ("VERB", "AUX"):
                return None
            if t.is_punct:
                continue
            ent = self.ents.entity_at(t)
            if ent is not None and ent.type == "person":
                last = t
                while last.i + 1 < cue.i and self.ents.entity_at(self.doc[last.i + 1]) is ent:
                    last = self.doc[last.i + 1]
                addressed = last.dep_ == "pobj" and t.i - 3 <= last.head.i < t.i  # `"…" to envoy X`
                if addressed or last.dep_ in ("dobj", "dative", "poss"):
                    return None  # `… "…" after meeting Lavrov adding`: someone met or owning, not the speaker
                return Speaker(ent, ent.name, How.NAMED)
        return None

    def inverted_subject(self, cue: Token, span: Span | None) -> Token | None:
        """`"…," exhorted Clinton's introducer, actress Jamie Lee Curtis`: after its quote, an inverted
        cue's subject that the parse took for its object, or for the subject of a clause after it (`said
        David Brock, a confidant who heads the PAC Correct the Record`, `Correct` a verb); never the one
        addressed (`told reporters`)."""
        if span is None or span.end > cue.i or cue.lemma_.lower() in load_words("addressee_verbs.txt"):
            return None
        obj = next((c for c in cue.children if c.dep_ == "dobj" and c.left_edge.i == cue.i + 1), None)
        if obj is None:
            obj = self.phrase_after(cue)
        if obj is None or obj.i in self.phrases.article.quoted or obj.pos_ not in ("NOUN", "PROPN"):
            return None
        return obj

    def phrase_after(self, cue: Token) -> Token | None:
        """The head of the words right after a cue, up to the first punctuation or the next cue (`said the
        statement adding that …`, the comma lost), when they form one phrase that is the subject of some
        later verb."""
        run = []
        for t in self.doc[cue.i + 1 : cue.i + 10]:
            if t.is_punct or t.is_space or (run and self.cues.is_cue(t)):
                break
            run.append(t)
        inside = {t.i for t in run}
        heads = [t for t in run if t.head.i not in inside]
        if len(heads) != 1 or heads[0].dep_ not in ("nsubj", "nsubjpass") or heads[0].head.i < cue.i:
            return None
        return heads[0]

    def person_after(self, cue: Token, span: Span | None) -> Entity | None:
        """The subject after an inverted cue, up to the first comma: `said former secretary Hillary Clinton`;
        never a name in what the cue reports (`saying it looked like a provocation to discredit Assad`). A
        cue right after its quote reports the quote, whatever the parse hangs on it (`"…" said the
        Observatorys head Rami Abdulrahman`, `head` read as a verb)."""
        reports_quote = span is not None and span.end <= cue.i <= span.end + 2
        deps = () if reports_quote else ("ccomp", "xcomp", "advcl", "dobj")
        kinds = ("person", "org") if reports_quote else ("person",)  # `"…" said the Observatory adding that …`
        content = {x.i for c in cue.children if c.dep_ in deps for x in c.subtree}
        found: list[Entity] = []
        for t in self.doc[cue.i + 1 : cue.i + 12]:
            if (
                t.is_punct
                or t.i in self.phrases.article.quoted
                or t.i in content
                or reports_quote
                and self.cues.is_cue(t)
            ):
                break
            if (ent := self.ents.entity_at(t)) is not None and ent.type in kinds:
                found.append(ent)
        # the person before the body they speak for: `the Observatorys head Rami Abdulrahman`
        return next((e for e in found if e.type == "person"), found[0] if found else None)

    def untagged_name(self, span: Span, cue: Token) -> str | None:
        """A proper name the model did not tag right after a quote whose cue the parse left without a
        subject: `"…" Zakaria Malahifji of the Fastaqim group told Reuters`."""
        for t in self.doc[span.end : cue.i]:
            if t.pos_ == "PROPN" and t.i not in self.phrases.article.quoted and (name := name_core(t)):
                return name
        return None

    def person_between(self, span: Span, cue: Token, *, before_quote: bool = False) -> Entity | None:
        """A person named between a quote and its cue (`"…" head of the Observatory Rami Abdel Rahman
        said`), where a damaged parse loses the subject: the one nearest the cue. With `before_quote`,
        for a cue before its quote whose verb has no subject at all (`Assad cast doubt …, saying "…"`)."""
        if cue.i >= span.end:
            stretch = range(span.end, cue.i)
        elif before_quote:
            stretch = range(around(sent_of(cue), cue.i, cue.i + 1).start, cue.i)
        else:
            return None
        found = None
        for i in stretch:
            ent = self.ents.entity_at(self.doc[i])
            if ent and ent.type == "person" and i not in self.phrases.article.quoted:
                found = ent
        return found
