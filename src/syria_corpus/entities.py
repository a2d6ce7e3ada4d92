"""People, places and organisations of one article: spaCy's entities, cleaned, joined and linked.

Within an article a surname joins the full name it belongs to; knowledge-base aliases link to their
canonical entity; a place name tagged as an organisation (``Washington's approach``) stays a place
and is flagged as a metonym; roles come from title phrases and appositions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from . import gazetteer
from .gender import is_given_name
from .knowledge import by_alias, by_key, entity_key
from .records import Entity, Mention
from .resources import load_sections, load_words
from .sentences import sent_of

PERSON_LABELS = frozenset({"PERSON"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
ORG_LABELS = frozenset({"ORG"})
_ROLE_SPAN_POS = frozenset({"ADJ", "PROPN", "NOUN", "ADP", "DET", "NUM", "CCONJ"})
_NOT_IN_TITLES = frozenset({"DATE", "TIME", "PERSON"})
_MODIFIER_POS = frozenset({"ADJ", "PROPN", "NOUN"})


@dataclass
class ArticleEntities:
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    token_entity: dict[int, str] = field(default_factory=dict)

    def entity_at(self, token: Token) -> Entity | None:
        key = self.token_entity.get(token.i)
        return self.entities.get(key) if key else None


NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "ad", "as", "ash", "an"})


def _clean(span: Span) -> Span:
    """Drop a leading determiner and a trailing possessive or punctuation: `the Syrian Arab Army's`; finish
    a name cut at its particle (`Bashar al` + `-Assads`)."""
    start, end = span.start, span.end
    doc = span.doc
    if end < len(doc) and doc[end - 1].lower_ in NAME_PARTICLES:
        nxt = end + 1 if doc[end].text == "-" and end + 1 < len(doc) else end
        if doc[nxt].text[:1].isupper():
            end = nxt + 1
    labels = load_sections("furniture_words.txt")["labels"]
    labelled = False
    while start < end and (
        doc[start].pos_ == "DET" or doc[start].is_space or doc[start].is_punct or doc[start].text in labels
    ):
        labelled = labelled or doc[start].text in labels
        start += 1  # `the Syrian Arab Army`, `- Reid`, `Tags Syria`
    while end > start and (doc[end - 1].tag_ in ("POS", "DT", "IN") or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1  # `Omar the`, `University Housing in`
    rest, nothing = doc[start:end], doc[start:start]
    words = [t for t in rest if t.text != "-"]
    if len(words) > 1 and all(t.text in load_words("titles.txt") for t in words):
        return nothing  # `Major-General`: a rank
    if end > start and doc[end - 1].text in labels:
        return nothing  # `(IHA Photo)`, `AA Photo`: a picture's credit
    known = _lookup_place(rest.text) or rest.text in by_alias()
    if labelled and not known:
        return nothing  # `Tags Syria Russia Chemical`, `Photo Smoke is seen`: not a name
    if not known and (
        any("/" in t.text for t in rest) or any(t.lower_ in load_words("headline_words.txt") for t in rest)
    ):
        return nothing  # `R. Milhem / Ghossoun/H. Said`: a credit list; `Mortar Attack Kills`: a glued headline
    return rest


def _credit_lines(doc: Doc) -> frozenset[int]:
    """Tokens of a credit line to the end of its sentence (`Editing by Stephen Powell and Sonya
    Hepinstall`): the page's staff, not people of the story (`data/furniture_words.txt`)."""
    text = doc.text
    out: set[int] = set()
    last = list(doc.sents)[-1] if len(doc) else None
    words = [t for t in last or [] if not t.is_punct and not t.is_space]
    if 0 < len(words) <= 8 and all(t.pos_ == "PROPN" or t.lower_ == "and" for t in words):
        out.update(t.i for t in words)  # reporters' names closing the page: `… in the area. Hazem Sabbagh`
    for m in re.finditer(
        r"\b(?:Posted|Published)\b[^.]{0,30}?(?:19|20)\d\d by ", text[:400]
    ):  # `Posted on April 5 2017 by …`
        span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if span is not None:
            out.update(t.i for t in doc[span.start : min(span.start + 8, sent_of(span[0]).end)])
    for credit in load_sections("furniture_words.txt")["credits"]:
        for m in re.finditer(rf"\b{re.escape(credit)}\b", text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None and len(span):
                out.update(range(span.end, sent_of(span[0]).end))
    return frozenset(out)


def _strip_titles(span: Span) -> Span:
    titles = load_words("titles.txt")
    start = span.start
    while start < span.end - 1 and span.doc[start].text in titles:
        start += 1
    return span.doc[start : span.end]


def _surname_forms(name: str) -> set[str]:
    last = name.split()[-1]
    forms = {last}
    for prefix in ("al-", "el-", "Al-", "El-", "as-", "ad-", "ash-", "an-"):
        if last.startswith(prefix):
            forms.add(last[len(prefix) :])
    return forms


def is_role_noun(token: Token) -> bool:
    nouns = load_words("role_nouns.txt")
    return token.lemma_.lower() in nouns or token.text.lower() in nouns


def title_role(span: Span) -> str | None:
    """A title phrase directly before a name: `Russian envoy to the UN Vitaly Churkin`."""
    doc, sent_start = span.doc, sent_of(span[0]).start
    i = span.start - 1
    while (
        i >= sent_start
        and span.start - i <= 14
        and doc[i].pos_ in _ROLE_SPAN_POS
        and doc[i].tag_ != "POS"
        and doc[i].ent_type_ not in _NOT_IN_TITLES
    ):
        i -= 1  # not past a date or another person: `Sunday US Secretary of State`, `Erdogan and Russian President`
    window = range(i + 1, span.start)
    heads = [j for j in window if is_role_noun(doc[j])]
    if not heads:
        return None
    first = heads[0]
    while (
        first - 1 > i
        and doc[first - 1].pos_ in _MODIFIER_POS
        and not (doc[first - 1].text[:1].islower() and doc[first].text[:1].isupper())
    ):
        first -= 1  # a lower-case word before a capitalised one ends the title: `involvement | Turkish President`
    if doc[first].pos_ not in _MODIFIER_POS:
        return None
    return doc[first : span.start].text


def apposition_role(span: Span) -> str | None:
    """An apposition after a name: `John Kirby, a spokesperson for the US State Department,`."""
    for token in span:
        for child in token.children:
            if child.dep_ == "appos" and child.i >= span.end and is_role_noun(child):
                sub = list(child.subtree)
                start, end = sub[0].i, sub[-1].i + 1
                while start < end and span.doc[start].pos_ in ("DET", "PUNCT"):
                    start += 1
                while end > start and span.doc[end - 1].is_punct:
                    end -= 1
                return span.doc[start:end].text if end > start else None
    return None


def extract_entities(doc: Doc) -> ArticleEntities:
    out = ArticleEntities()
    # Forms (full name, surname) of people named in full or known to the knowledge base: only these may
    # absorb a mention that spaCy labelled otherwise or missed, so one misread word cannot spread.
    strong: dict[str, str] = {}
    pending: list[tuple[Span, str]] = []

    def add_mention(span: Span, entity: Entity) -> None:
        existing = out.entities.get(entity.key)
        if existing is None:
            out.entities[entity.key] = existing = entity
        if span.text != existing.name:
            existing.aliases.add(span.text)
        out.mentions.append(Mention(entity.key, entity.type, span.text, span.start_char, span.end_char))
        for t in span:
            out.token_entity[t.i] = entity.key

    def person(span: Span, key: str, name: str) -> None:
        entity = out.entities.get(key) or Entity(key=key, type="person", name=name)
        add_mention(span, entity)
        role = title_role(span) or apposition_role(span)
        if role and not entity.role:
            entity.role = role
        if len(name.split()) > 1 or key in by_key():
            surnames = _surname_forms(name) - {name}
            if key not in by_key():
                entity.aliases.update(surnames)
            for form in (name, *entity.aliases, *surnames):
                strong.setdefault(form, key)

    def known_org(text: str) -> Entity | None:
        """A knowledge-base organisation, also behind a lost possessive apostrophe (`Daeshs`)."""
        for form in [text, text[:-1]] if text.endswith("s") and len(text) > 3 else [text]:
            known = by_alias().get(form)
            if known and known.type == "org":
                return Entity(key=known.key, type="org", name=known.name)
        return None

    def known_person(text: str) -> tuple[str, str] | None:
        """A person of this article or of the knowledge base, also behind a possessive whose
        apostrophe was lost in scraping (`Assads government`)."""
        forms = [text, text[:-1]] if text.endswith("s") and len(text) > 3 else [text]
        if text[:3].lower() in ("al-", "el-"):  # `Al-Zaatari said` after `Ali al-Zaatari`
            forms += [f.swapcase()[:1] + f[1:] for f in forms]
        for form in forms:
            if form in strong:
                return strong[form], out.entities[strong[form]].name
            known = by_alias().get(form)
            if known and known.type == "person":
                return known.key, known.name
        return None

    # Pass 1: people named in full and knowledge-base entities, so that surnames can join them in pass 2.
    credits = _credit_lines(doc)
    for ent in doc.ents:
        span = _clean(ent)
        if not len(span) or span.start in credits:
            continue
        known = by_key().get(ent.ent_id_) if ent.ent_id_ else None
        if known and known.type == "person" and (other := _namesake(span, known.name)) is not None:
            person(other, entity_key("person", other.text), other.text)
        elif known and known.type == "person":
            person(span, known.key, known.name)
        elif known:
            add_mention(span, Entity(key=known.key, type="org", name=known.name))
        elif ent.label_ in PERSON_LABELS and not len(span := _trim_not_names(span)):
            continue
        elif (
            ent.label_ in PERSON_LABELS
            and len(span) > 1
            and span[0].text in load_sections("toponym_words.txt")["org_heads"]
        ):
            pending.append((span, "ORG"))  # `Faylaq al-Rahman`: an armed group, not a person
        elif ent.label_ in PERSON_LABELS and (_toponym_shaped(span) or _place_shaped(span)):
            pending.append((span, "GPE"))  # `al-Rushdiyeh`, `Sfeira Tahtani`: an Arabic place name, not a person
        elif ent.label_ in PERSON_LABELS:
            name_span = _strip_possessor(_strip_titles(span))
            if len(name_span) > 1 and (places := _place_tokens(name_span)) and not known_person(name_span.text):
                pending.extend((doc[t.i : t.i + 1], "GPE") for t in places)  # `Syrias Aleppo`, not a name
            elif len(name_span) > 1 and not _lookup_place(name_span.text) and not known_person(name_span.text):
                if _person_evidence(name_span):
                    person(name_span, entity_key("person", name_span.text), name_span.text)
            else:
                pending.append((name_span, ent.label_))
        else:
            pending.append((span, ent.label_))

    # Pass 2: single names, places and organisations.
    for span, label in pending:
        text = span.text
        if kp := known_person(text):
            person(span, *kp)
        elif label in PERSON_LABELS and (org := known_org(text)) is not None:
            add_mention(span, org)
        elif label in PERSON_LABELS:
            if (place := _lookup_place(text)) and (_outweighs_person(place) or _framed(span)):
                _place(out, span, add_mention, metonym=False)  # a place misread as a name
            elif _place_shaped(span):
                _place(out, span, add_mention, metonym=False)
            elif _looks_like_name(span) and _person_evidence(span):
                person(span, entity_key("person", text), text)
        elif label in PLACE_LABELS:
            if text in load_words("not_names.txt") or _adjectival_country(span) or text.islower():  # `coma`
                continue
            if len(span) == 1 and text in load_sections("toponym_words.txt")["heads"] and not _lookup_place(text):
                continue  # `Khan` of `Khan al-Assad`: a name's first word
            _place(out, span, add_mention, metonym=_is_metonym(span))
        elif label in ORG_LABELS:
            span, holder = _split_holder(_strip_possessor(span))  # `Syrias National Defence Forces`
            if holder is not None:  # `Syrian Coalition Anas al-Abdah`: the body and who spoke for it
                person(holder, entity_key("person", holder.text), holder.text)
            text = span.text
            if not len(span):
                continue
            if (org := known_org(text)) is not None:
                add_mention(span, org)
            elif (place := _lookup_place(text)) and place.kind == "country" or _is_capital(text):
                _place(out, span, add_mention, metonym=True)
            elif all(t.lower_ in load_words("generic_org_words.txt") for t in span):
                continue  # `Local Council`, `Military Hospital`: a description
            elif _place_shaped(span) or _framed(span):
                _place(out, span, add_mention, metonym=False)  # `the village of Rityan`, `Kafr Naya`
            elif _person_shaped(span):
                person(span, entity_key("person", text), text)  # `Karam Ammoun`, `Badr Jamous`
            elif _looks_like_name(span) and _org_evidence(span):
                add_mention(span, Entity(key=entity_key("org", text), type="org", name=text))

    # Pass 2b: places the text frames but the model missed.
    for span in _framed_places(doc, out.token_entity):
        if span.text not in load_words("not_names.txt") and not any(t.i in out.token_entity for t in span):
            _place(out, span, add_mention, metonym=False)

    # Pass 3: a surname of a person of this article that spaCy left untagged.
    for token in doc:
        if token.i not in out.token_entity and token.text[:1].isupper() and token.text in strong:
            key = strong[token.text]
            person(doc[token.i : token.i + 1], key, out.entities[key].name)
    _drop_capitalised_openers(out, doc)
    out.mentions.sort(key=lambda m: m.start)
    return out


def _drop_capitalised_openers(out: ArticleEntities, doc: Doc) -> None:
    """A lone capitalised word opening a sentence or a quote (`"Samples obtained …`), named once and
    known nowhere, is the sentence's first word, not a person."""
    counts: dict[str, int] = {}
    for m in out.mentions:
        counts[m.entity_key] = counts.get(m.entity_key, 0) + 1
    for key, e in list(out.entities.items()):
        if e.type != "person" or counts.get(key) != 1 or " " in e.name or key in by_key():
            continue
        m = next(m for m in out.mentions if m.entity_key == key)
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        prev = doc[span.start - 1] if span.start > 0 else None
        if span[0].is_sent_start or prev is None or prev.is_quote or prev.text in ('"', "\u201c"):
            out.mentions.remove(m)
            del out.entities[key]
            for t in span:
                out.token_entity.pop(t.i, None)


def _namesake(span: Span, known_name: str) -> Span | None:
    """`Ibrahim al-Assad`, `Ammar al-Assad`: a known person's surname after another first name is someone
    else of the same family (Syrian family names are common), not the known person."""
    given = set(known_name.split()[:-1])
    if any(t.text in given for t in span):
        return None
    doc, start = span.doc, span.start
    titles, not_names = load_words("titles.txt"), load_words("not_names.txt")
    while start > 0:
        t = doc[start - 1]
        if not (t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper() and t.ent_type_ in ("", "PERSON")):
            break
        if (
            t.text in titles
            or t.text in not_names
            or is_role_noun(t)
            or by_alias().get(t.text)
            or _lookup_place(t.text)
        ):
            break
        start -= 1
    return doc[start : span.end] if start < span.start else None


def _person_evidence(span: Span) -> bool:
    """A lone word is a person only with evidence: a known given name (`Ahmad`), a title or role right
    before it (`Colonel Soheil`), or a speech verb it is the subject of; not `Hass`, `Kafyra`, `Monitor`.
    (A surname of someone named in full, or of the knowledge base, joins them before this is asked.)"""
    if len(span) > 1:  # but not `Assads air force carried`: a name's later words are capitalised or particles
        names = [t.text for t in span if t.text != "-" and t.lower_ not in NAME_PARTICLES]
        if len(names) > 4 or (len(names) >= 4 and len(set(names)) < len(names)):
            return False  # `Walid Khaled al-Jalakh Walid al-Hosni …`: a list of names run together
        return all(t.text[:1].isupper() or t.lower_ in NAME_PARTICLES or t.text == "-" for t in span[1:])
    word, prev = span[0], span.doc[span.start - 1] if span.start > 0 else None
    if is_given_name(word.text) or (prev is not None and (prev.text in load_words("titles.txt") or is_role_noun(prev))):
        return True
    return word.dep_ in ("nsubj", "nsubjpass") and word.head.lemma_.lower() in load_words("cues.txt")


def _org_evidence(span: Span) -> bool:
    """An organisation the knowledge base does not know needs a name's shape: more than one word outside a
    headline, or an acronym (`AMN`, `IDF`); not a lone word (`Army`, `Regime`, `Videos`, `Atropine`)."""
    if len(span) == 1:
        acronym = span.text.isupper() and len(span.text) > 1
        return acronym and span.text not in load_words("not_names.txt") and _lookup_place(span.text) is None
    generic = load_words("generic_org_words.txt")
    return not _in_headline(span) and not all(t.lower_ in generic for t in span)


def _split_holder(span: Span) -> tuple[Span, Span | None]:
    """An organisation glued to a person or a country after it (`Syrian Coalition Anas al-Abdah`, `World
    Health Organization Syria`): the organisation, and the person when there is one."""
    doc = span.doc
    if len(span) >= 3 and (place := _lookup_place(span[-1].text)) is not None and place.kind == "country":
        span = doc[span.start : span.end - 1]
    for i in range(span.start + 2, span.end - 1):
        if is_given_name(doc[i].text) and _person_shaped(doc[i : span.end]):
            return doc[span.start : i], doc[i : span.end]
    return span, None


def _person_shaped(span: Span) -> bool:
    """Two or three names opening with a known given name, none an institution's or a role's word: a
    person the model called an organisation (`Badr Jamous`, `Anas al-Abdah`), not `Ahmed 24` or `Omar
    Mukhtar Brigade`."""
    names = [t for t in span if t.text != "-" and t.lower_ not in NAME_PARTICLES]
    institutions = load_words("generic_org_words.txt") | load_words("role_nouns.txt")
    return (
        2 <= len(names) <= 3
        and is_given_name(span[0].text)
        and all(t.text[:1].isupper() and t.text.isalpha() for t in names)
        and not any(
            t.lower_ in institutions or t.text in load_sections("toponym_words.txt")["org_heads"] for t in names
        )
    )


def _in_headline(span: Span) -> bool:
    """A name inside a run of capitalised words with a verb-like word in it, as glued related headlines
    make them (`US Missile Strike on Syria Kills Five`): only the knowledge base and gazetteer name there."""
    doc, small = span.doc, {"a", "an", "the", "of", "on", "in", "to", "for", "and", "at", "by", "with"}
    start, end = span.start, span.end
    while start > 0 and (doc[start - 1].text[:1].isupper() or doc[start - 1].lower_ in small):
        start -= 1
    while end < len(doc) and (doc[end].text[:1].isupper() or doc[end].lower_ in small):
        end += 1
    run = [t for t in doc[start:end] if t.text[:1].isupper()]
    return len(run) >= 5 and any(t.text.lower().rstrip("s") in load_words("cues.txt") or t.tag_ == "VBZ" for t in run)


def _place_shaped(span: Span) -> bool:
    """A name ending in a word for a kind of place (`Saadallah al-Jabiri Square`, `Rajm al Sheikh Region`),
    or shaped as an Arabic place name (`Nazlet al-Rdeisat`, `Kafar Naya`), is a place."""
    return len(span) > 1 and (span[-1].lower_ in load_sections("place_frames.txt")["after"] or _toponym_shaped(span))


def _looks_like_name(span: Span) -> bool:
    """Capitalised and more than one letter: not a lowercase phrase or a stray initial."""
    return len(span.text) > 1 and span.text[:1].isupper() and any(c.islower() for c in span.text) or span.text.isupper()


def _strip_possessor(span: Span) -> Span:
    """`EUs Mogherini` -> `Mogherini`: a leading organisation or country whose possessive apostrophe was lost."""
    start = span.start
    while start < span.end - 1:
        word = span.doc[start].text
        base = word[:-1] if word.endswith("s") else word
        known = by_alias().get(base) or by_alias().get(word)
        place = gazetteer.lookup(base) if base[:1].isupper() else None
        if (known and known.type == "org") or (place and place.kind == "country"):
            start += 1
        else:
            break
    return span.doc[start : span.end]


def _trim_not_names(span: Span) -> Span:
    """`Assads Alawite` -> `Assads`: communities and faiths are not part of a name."""
    words = load_words("not_names.txt")
    start, end = span.start, span.end
    while start < end and span.doc[start].text in words:
        start += 1
    while end > start and span.doc[end - 1].text in words:
        end -= 1
    return span.doc[start:end]


def _toponym_shaped(span: Span) -> bool:
    """`Tal Rifaat`, `Jeb el-Kussa`, `Sfeira Tahtani`; not `Jeb Bush`, a given name before a plain surname."""
    words = load_sections("toponym_words.txt")
    first = span[0].text
    if is_given_name(first) and not any(t.lower_ in NAME_PARTICLES for t in span):
        return False
    return (len(span) > 1 and first in words["heads"]) or any(t.text in words["qualifiers"] for t in span)


def _place_tokens(span: Span) -> list[Token]:
    """Words of a would-be name that are Syrian places or countries: scraping damage, not a person."""
    found = []
    for t in span:
        place = _lookup_place(t.text) if t.text[:1].isupper() else None
        if place and (place.country == "SY" or place.kind == "country"):
            found.append(t)
    return found


def _outweighs_person(place: gazetteer.Place) -> bool:
    """Whether a gazetteer place beats the model's reading of a single word as a person: a place in or
    around Syria, a country or a city of a million does; a town elsewhere that shares a name (`Gore` in
    Chad, `Ali` in India) does not (`data/region_countries.txt`)."""
    return (
        place.country in load_words("region_countries.txt")
        or place.kind == "country"
        or place.curated
        or place.population > 1_000_000
    )


def _lookup_place(text: str) -> gazetteer.Place | None:
    """A gazetteer place, also behind a possessive whose apostrophe was lost (`Syrias`)."""
    place = gazetteer.lookup(text)
    if place is None and text.endswith("s") and len(text) > 4:
        place = gazetteer.lookup(text[:-1])
        if place is not None and place.country != "SY" and place.kind != "country":
            return None  # `Times` is not a possessive of some town called Time
    return place


def _adjectival_country(span: Span) -> bool:
    """`US forces`, `Russian`-like uses: a country name modifying a following noun is a nationality, not a
    place (`US-led`, with its hyphen, stays: a government acting, flagged as metonym)."""
    if not span.text.replace(".", "").isupper():  # `US`, `U.S.`, `UK`: abbreviations stand as adjectives
        return False
    place = _lookup_place(span.text)
    if place is None or place.kind != "country" or span.end >= len(span.doc):
        return False
    nxt = span.doc[span.end]
    return (
        span.root.dep_ in ("compound", "amod", "nmod")
        and span.root.head.i >= span.end
        and nxt.pos_ in ("NOUN", "PROPN", "ADJ")
        and nxt.text != "-"
    )


def _framed(span: Span) -> bool:
    """A name the text frames as a place: `the town of X`, `X village`, `al-Thayabiya and Hajira towns`."""
    frames, doc = load_sections("place_frames.txt"), span.doc
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in frames["before"]:
        return True
    after = frames["after"] | frames["before"]  # `Hajira towns`, `Sheikh Ali and al-Zamrani crossings`
    for t in doc[span.end : span.end + 4]:
        if t.lemma_.lower() in after or t.lower_ in after:
            return True
        if not (t.lower_ == "and" or t.text[:1].isupper() or t.text == "-"):
            return False
    return False


def _framed_places(doc: Doc, taken: dict[int, str]) -> list[Span]:
    """Place names the model missed but the text frames: `the village of Baghaydin`, `Bab Saba neighbourhood`."""
    frames = load_sections("place_frames.txt")
    found = []
    for t in doc:
        if t.lower_ in frames["before"] and t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "of":
            start = end = t.i + 2
            while (
                end < len(doc)
                and end not in taken
                and doc[end].text[:1].isupper()
                and doc[end].is_alpha | (doc[end].text == "-")
            ):
                end += 1
            if end > start and start not in taken:
                found.append(doc[start:end])
        elif t.lower_ in frames["after"] and t.i > 0 and doc[t.i - 1].text[:1].isupper() and (t.i - 1) not in taken:
            start = t.i - 1
            while (
                start > 0
                and doc[start - 1].text[:1].isupper()
                and (start - 1) not in taken
                and not doc[start - 1].is_sent_start
            ):
                start -= 1
            if not doc[start].is_sent_start or start < t.i - 1:
                found.append(
                    doc[start : t.i + 1]
                    if t.lower_ in ("dam", "airbase", "airport", "crossing", "square", "oilfield", "camp")
                    else doc[start : t.i]
                )
    return found


def _is_metonym(span: Span) -> bool:
    """A place standing for its government: `Damascus-led forces`, `Moscow said`."""
    if _hyphen_suffix(span) == "led":
        return True
    return span.root.dep_ in ("nsubj", "nsubjpass") and span.root.head.pos_ == "VERB"


def _hyphen_suffix(span: Span) -> str | None:
    """The word a hyphen joins to a name: `led` of `Damascus-led`, `based` of `Britain-based`."""
    after = span.doc[span.end : span.end + 2]
    return after[1].lower_ if len(after) == 2 and after[0].text == "-" else None


def speaks_for_a_state(place: Entity) -> bool:
    """A place that can be a speaker: a country or a capital-size city (`Moscow said`); a town that is the
    subject of a speech verb is a person's namesake (`Bush said`, and the gazetteer has a Būsh in Egypt)."""
    return place.kind == "country" or _is_capital(place.name)


def _is_capital(text: str) -> bool:
    place = _lookup_place(text)
    return bool(place and place.kind == "city" and place.population > 500_000)


def place_entity(place: gazetteer.Place) -> Entity:
    return Entity(
        key=entity_key("place", f"{place.name} {place.country}"),
        type="place",
        name=place.name,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        governorate=place.governorate,
        kind=place.kind,
        alternatives=list(place.alternatives),
    )


def known_entity(key: str) -> Entity | None:
    """A knowledge-base person or organisation, or a curated place, by the id the ruler gave it."""
    if (known := by_key().get(key)) is not None:
        return Entity(key=known.key, type=known.type, name=known.name)
    if (place := gazetteer.by_id(key)) is not None:
        return place_entity(place)
    return None


_GENERIC_PLACE_WORDS = frozenset(
    {"village", "town", "city", "area", "district", "neighbourhood", "neighborhood", "region"}
)


def _place(out: ArticleEntities, span: Span, add_mention, metonym: bool) -> None:
    if _hyphen_suffix(span) in load_sections("toponym_words.txt")["based"]:
        return  # `the Britain-based monitor`: where the monitor sits, not a place the article is about
    place = _lookup_place(span.text)
    if place is None and len(span) > 1 and span[-1].lower_ in _GENERIC_PLACE_WORDS:
        span = span[:-1]  # `Baghaydin village` is the village of Baghaydin
        place = _lookup_place(span.text)
    entity = place_entity(place) if place else Entity(key=entity_key("place", span.text), type="place", name=span.text)
    add_mention(span, entity)
    if metonym:
        out.entities[entity.key].metonym = True
