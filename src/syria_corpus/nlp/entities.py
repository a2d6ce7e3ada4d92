"""People, places and organisations of one article: spaCy's entities, cleaned, joined and linked.

Within an article a surname joins the full name it belongs to; knowledge-base aliases link to their
canonical entity; a place name tagged as an organisation (``Washington's approach``) stays a place
and is flagged as a metonym; roles come from title phrases and appositions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .. import gazetteer
from ..gender import is_given_name
from ..knowledge import by_alias, by_key, entity_key, org_completions
from ..names import NAME_PARTICLES, is_generation_mark, possessive_forms
from ..records import Entity, Mention
from ..resources import load_sections, load_words
from .abbreviations import defined
from .evidence import (
    after_glued_article,
    clean,
    credit_lines,
    finish_name,
    finish_org,
    framed,
    is_role_noun,
    looks_like_name,
    lookup_place,
    org_evidence,
    person_evidence,
    person_shaped,
    place_shaped,
    split_holder,
    strip_possessor,
    strip_titles,
    toponym_shaped,
    trim_not_names,
)
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
    mentions: list[Mention] = field(default_factory=list)  # in text order (sorted once all are found)
    token_entity: dict[int, str] = field(default_factory=dict)

    def entity_at(self, token: Token) -> Entity | None:
        key = self.token_entity.get(token.i)
        return self.entities.get(key) if key else None


def _surname_forms(name: str) -> set[str]:
    """The family name, and without its particle (`al-Assad`, `Assad`); a generation mark is none (`III`)."""
    last = ([w for w in name.split() if not is_generation_mark(w)] or name.split())[-1]
    forms = {last}
    for prefix in ("al-", "el-", "Al-", "El-", "as-", "ad-", "ash-", "an-"):
        if last.startswith(prefix):
            forms.add(last[len(prefix) :])
    return forms


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
        and not (doc[first - 1].ent_type_ in ("GPE", "LOC", "FAC", "ORG") and doc[first].ent_iob_ == "B")
    ):
        first -= 1  # ends at a lower-case word before capitals (`involvement | Turkish President`) or at a
        # place or body before another name (`Geneva | US Secretary of State`; not `Russian defence ministry`)
    if doc[first].pos_ not in _MODIFIER_POS:
        return None
    return doc[first : span.start].text


def _introduced(span: Span) -> bool:
    """A lone name followed by a description of its own (`Ahmad, a resident,`): someone new, not the
    person named in full before with the same given name."""
    return any(c.dep_ == "appos" and c.i >= span.end for t in span for c in t.children)


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
    given: dict[str, set[str]] = {}  # a given name to the people of this article named in full with it
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

    def new_person(span: Span) -> None:
        """A person first met here, named as usually called: without a generation mark unless it tells
        two people of the article apart."""
        name = span.text if span.text in marked_namesakes else without_generation(span).text
        person(span, entity_key("person", name), name)

    def person(span: Span, key: str, name: str) -> None:
        entity = out.entities.get(key) or Entity(key=key, type="person", name=name)
        add_mention(span, entity)
        role = title_role(span) or apposition_role(span)
        if role and not entity.role:
            entity.role = role
        first = name.split()[0]
        if len(name.split()) > 1 and first.lower() not in NAME_PARTICLES and is_given_name(first):
            given.setdefault(first, set()).add(key)
        if len(name.split()) > 1 or key in by_key():
            surnames = _surname_forms(name) - {name}
            if key not in by_key():
                entity.aliases.update(surnames)
            for form in (name, *entity.aliases, *surnames):
                strong.setdefault(form, key)

    def known_org(text: str) -> Entity | None:
        """A knowledge-base organisation, also behind a lost possessive apostrophe (`Daeshs`)."""
        for form in possessive_forms(text):
            known = by_alias().get(form)
            if known and known.type == "org":
                return Entity(key=known.key, type="org", name=known.name)
        return None

    def known_person(text: str, by_given: bool = False) -> tuple[str, str] | None:
        """A person of this article (by full name, surname, or `by_given` the given name of the one person
        here named in full with it) or of the knowledge base, also behind a possessive whose apostrophe was
        lost in scraping (`Assads government`)."""
        forms = possessive_forms(text)
        if text[:3].lower() in ("al-", "el-"):  # `Al-Zaatari said` after `Ali al-Zaatari`
            forms += [f.swapcase()[:1] + f[1:] for f in forms]
        for form in forms:
            if form in strong:
                return strong[form], out.entities[strong[form]].name
            if by_given and len(people := given.get(form, ())) == 1:  # `Hillary` after `Hillary Clinton`
                (key,) = people
                return key, out.entities[key].name
            known = by_alias().get(form)
            if known and known.type == "person":
                return known.key, known.name
        return None

    # Pass 1: people named in full and knowledge-base entities, so that surnames can join them in pass 2.
    credits = credit_lines(doc)
    long_forms = defined(doc)
    cleaned = _with_long_forms([(ent, clean(ent)) for ent in doc.ents], long_forms.values())
    abbreviated = {doc[i].text: long for i, long in long_forms.items()}
    framed_here = _framed_names(cleaned)
    marked_namesakes = _marked_namesakes(cleaned)
    for ent, span in cleaned:
        if not len(span) or span.start in credits:
            continue
        label = _label(ent, span)
        known = by_key().get(ent.ent_id_) if ent.ent_id_ else None
        if known and known.type == "person" and (other := _namesake(span, known.name)) is not None:
            new_person(other)
        elif known and known.type == "person":
            person(span, known.key, known.name)
        elif known:
            add_mention(span, Entity(key=known.key, type="org", name=known.name))
        elif label in PERSON_LABELS and not len(span := trim_not_names(span)):
            continue
        elif label in PERSON_LABELS and (unit := _unit_named_for(span)) is not None:
            add_mention(unit, Entity(key=entity_key("org", unit.text), type="org", name=unit.text))
        elif (
            label in PERSON_LABELS and len(span) > 1 and span[0].text in load_sections("toponym_words.txt")["org_heads"]
        ):
            pending.append((span, "ORG"))  # `Faylaq al-Rahman`: an armed group, not a person
        elif label in PERSON_LABELS and (toponym_shaped(span) or place_shaped(span) or framed(span)):
            pending.append((span, "GPE"))  # `al-Rushdiyeh`, `Sfeira Tahtani`: an Arabic place name, not a person
        elif label in PERSON_LABELS and (
            framed(titled := _with_title_before(span))
            or titled.text in framed_here
            or toponym_shaped(titled)
            and titled.start < span.start
        ):
            pending.append((titled, "GPE"))  # `the village of Sheikh | Mustafa`, `Hweijet | Saqer`: the place's name
        elif label in PERSON_LABELS:
            name_span = finish_name(strip_possessor(strip_titles(span)))
            if len(name_span) > 1 and (places := _place_tokens(name_span)) and not known_person(name_span.text):
                pending.extend((doc[t.i : t.i + 1], "GPE") for t in places)  # `Syrias Aleppo`, not a name
            elif len(name_span) > 1 and not lookup_place(name_span.text) and not known_person(name_span.text):
                if person_evidence(name_span):
                    new_person(name_span)
            else:
                pending.append((name_span, label))
        else:
            pending.append((span, label))

    # Pass 2: single names, places and organisations.
    for span, label in pending:
        text = span.text
        if kp := known_person(text, by_given=not _introduced(span)):
            person(span, *kp)
        elif label in PERSON_LABELS and (org := known_org(text)) is not None:
            add_mention(span, org)
        elif label in PERSON_LABELS:
            if (place := lookup_place(text)) and (_outweighs_person(place) or framed(span)):
                _place(out, span, add_mention, metonym=False)  # a place misread as a name
            elif place_shaped(span):
                _place(out, span, add_mention, metonym=False)
            elif looks_like_name(span) and person_evidence(span):
                new_person(span)
        elif label in PLACE_LABELS:
            if text in load_words("not_names.txt") or _adjectival_country(span) or text.islower():  # `coma`
                continue
            if len(span) == 1 and text in load_sections("toponym_words.txt")["heads"] and not lookup_place(text):
                continue  # `Khan` of `Khan al-Assad`: a name's first word
            if not lookup_place(text) and (org := known_org(text)) is not None:
                add_mention(span, org)  # `al-Qaidas affiliate`: an organisation's lost possessive
                continue
            if not lookup_place(text) and _named_as_org(span):
                add_mention(span, Entity(key=entity_key("org", text), type="org", name=text))
                continue  # `the rebel group Fastaqim`
            _place(out, span, add_mention, metonym=_is_metonym(span))
        elif label in ORG_LABELS:
            span, holder = split_holder(after_glued_article(strip_possessor(finish_org(span), people=True)))
            if holder is not None:  # `Syrian Coalition Anas al-Abdah`: the body and who spoke for it
                new_person(holder)
            text = span.text
            if not len(span):
                continue
            if text in abbreviated and (key := out.token_entity.get(abbreviated[text].start)):
                add_mention(span, out.entities[key])  # `(SAFMCD)` after the name it abbreviates
            elif (org := known_org(text)) is not None:
                add_mention(span, org)
            elif completions := org_completions(text):  # a known name cut short: its only completion, or nothing
                if len(completions) == 1:
                    known = by_key()[next(iter(completions))]
                    add_mention(span, Entity(key=known.key, type="org", name=known.name))
            elif (place := lookup_place(text)) and place.kind == "country" or _is_capital(text):
                _place(out, span, add_mention, metonym=True)
            elif all(t.lower_ in load_words("generic_org_words.txt") for t in span):
                continue  # `Local Council`, `Military Hospital`: a description
            elif place_shaped(span) or framed(span):
                _place(out, span, add_mention, metonym=False)  # `the village of Rityan`, `Kafr Naya`
            elif person_shaped(span):
                new_person(span)  # `Karam Ammoun`, `Badr Jamous`
            elif looks_like_name(span) and org_evidence(span):
                add_mention(span, Entity(key=entity_key("org", text), type="org", name=text))

    # Pass 2b: places the text frames but the model missed.
    for span in _framed_places(doc, out.token_entity):
        if span.text not in load_words("not_names.txt") and not any(t.i in out.token_entity for t in span):
            _place(out, span, add_mention, metonym=False)

    # Pass 2c: a dateline's place in capitals (`BEIRUT August 21 (AP)`), which the model reads as no name.
    for span in _datelines(doc, out.token_entity):
        _place(out, span, add_mention, metonym=False)

    # Pass 3: a surname of a person of this article that spaCy left untagged.
    for token in doc:
        if token.i not in out.token_entity and token.text[:1].isupper() and token.text in strong:
            key = strong[token.text]
            person(doc[token.i : token.i + 1], key, out.entities[key].name)
    _drop_capitalised_openers(out, doc)
    out.mentions.sort(key=lambda m: m.start)
    return out


def without_generation(span: Span) -> Span:
    """The name without the mark of a generation after its family name (`Joe Manchin III` -> `Joe Manchin`):
    the text calls the person so after the first mention, and so do other articles. A numeral after a
    given name is a ruler's (`John Paul II`); a family name alone keeps its mark (`Gooding Jr.`)."""
    doc, end = span.doc, span.end
    if len(span) < 3 or not is_generation_mark(doc[end - 1].text):
        return span
    mark = doc[end - 1].text.rstrip(".").lower()
    end -= 1 + (doc[end - 2].text == ",")
    if mark not in ("jr", "sr") and is_given_name(doc[end - 1].text):
        return span
    return doc[span.start : end] if end - span.start > 1 else span


def _marked_namesakes(cleaned: list[tuple[Span, Span]]) -> frozenset[str]:
    """Names the article writes with two generation marks (`Charles Elliott III`, his father `Charles Elliott
    Jr.`): there the mark tells father and son apart and stays in the name."""
    marks: dict[str, set[str]] = {}
    for _, span in cleaned:
        if len(span) and (plain := without_generation(span := strip_titles(span))) != span:
            marks.setdefault(plain.text, set()).add(span.text)
    return frozenset(text for texts in marks.values() if len(texts) > 1 for text in texts)


def _label(ent: Span, span: Span) -> str:
    """The model's label, but a name it read as a work's title because a closing quotation mark comes
    right before it (`"…" Jan Egeland the UN envoy said`) is a person when it has a person's shape: a
    title stands inside its quotation marks, not after them."""
    doc = span.doc
    if (
        ent.label_ == "WORK_OF_ART"
        and span.start > 0
        and doc[span.start - 1].is_quote
        and not (span.end < len(doc) and doc[span.end].is_quote)
        and person_shaped(span)
    ):
        return "PERSON"
    return ent.label_


def _unit_named_for(span: Span) -> Span | None:
    """`al-Zubair bin Awam phalanges`, `Omar al-Mukhtar Brigade`: a name before an armed unit's word names
    the unit, not the person it honours nor a place; the unit's whole name, or None."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in load_sections("toponym_words.txt")["units"]:
        return doc[span.start : span.end + 1]
    return None


def _with_long_forms(cleaned: list[tuple[Span, Span]], long_forms: Iterable[Span]) -> list[tuple[Span, Span]]:
    """An organisation's name the model cut (`Syrian Association for Missing` | `Conscience Detainees`) made
    whole by the abbreviation the text defines after it: the long form replaces the pieces."""
    for long in long_forms:
        inside = [(e, c) for e, c in cleaned if len(c) and c.start < long.end and c.end > long.start]
        if not any(e.label_ in ORG_LABELS for e, _ in inside) or any(c == long for _, c in inside):
            continue
        if any(c.start < long.start or c.end > long.end for _, c in inside):
            continue  # a name across the long form's edge: not this one's
        whole = Span(long.doc, long.start, long.end, label="ORG")
        cleaned = [pair for pair in cleaned if pair not in inside] + [(whole, whole)]
    return sorted(cleaned, key=lambda pair: pair[0].start)


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
        if t.text in titles or t.text in not_names or is_role_noun(t) or by_alias().get(t.text) or lookup_place(t.text):
            break
        start -= 1
    return doc[start : span.end] if start < span.start else None


def _framed_names(cleaned: list[tuple[Span, Span]]) -> frozenset[str]:
    """Names the model read as people that the article frames as places somewhere (`the village of Sheikh
    Mustafa`): its other mentions (`died in Sheikh Mustafa`) are the place too. Takes the entities with
    their cleaned spans."""
    out = set()
    for ent, span in cleaned:
        if ent.label_ in PERSON_LABELS and len(span) and framed(titled := _with_title_before(span)):
            out.add(titled.text)
    return frozenset(out)


def _with_title_before(span: Span) -> Span:
    """The span with the titles or place-name heads right before it (`Sheikh` of `the village of Sheikh
    Mustafa`, `Hweijet` of `Hweijet Saqer al-Rashdiyeh`)."""
    doc, start, titles = span.doc, span.start, load_words("titles.txt")
    heads = load_sections("toponym_words.txt")["heads"] - set(NAME_PARTICLES) - {"Al", "El"}
    while start > 0 and (doc[start - 1].text in titles or doc[start - 1].text in heads):
        start -= 1
        if start > 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in NAME_PARTICLES:
            start -= 2  # `Tal al-` + `Sheikh Hussein`
    while start < span.start and (doc[start].text == "-" or doc[start].lower_ in NAME_PARTICLES):
        start += 1
    return doc[start : span.end]


def _place_tokens(span: Span) -> list[Token]:
    """Words of a would-be name that are Syrian places or countries: scraping damage, not a person. A
    given name opening it, or any word after a title or role, is the person's (`Sam Nunberg`, though `Sam` is
    also a name of Damascus; `activist Bara Abdelrahman`)."""
    found = []
    prev = span.doc[span.start - 1] if span.start > 0 else None
    titled = prev is not None and (prev.text in load_words("titles.txt") or is_role_noun(prev))
    for t in span:
        if t.i == span.start and (titled or is_given_name(t.text)):
            continue  # `activist Bara Abdelrahman`
        place = lookup_place(t.text) if t.text[:1].isupper() else None
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


def _adjectival_country(span: Span) -> bool:
    """`US forces`, `Russian`-like uses: a country name modifying a following noun is a nationality, not a
    place (`US-led`, with its hyphen, stays: a government acting, flagged as metonym)."""
    if not span.text.replace(".", "").isupper():  # `US`, `U.S.`, `UK`: abbreviations stand as adjectives
        return False
    place = lookup_place(span.text)
    if place is None or place.kind != "country" or span.end >= len(span.doc):
        return False
    nxt = span.doc[span.end]
    return (
        span.root.dep_ in ("compound", "amod", "nmod")
        and span.root.head.i >= span.end
        and nxt.pos_ in ("NOUN", "PROPN", "ADJ")
        and nxt.text != "-"
    )


def _framed_places(doc: Doc, taken: dict[int, str]) -> list[Span]:
    """Place names the model missed but the text frames: `the village of Baghaydin`, `Bab Saba neighbourhood`."""
    frames = load_sections("place_frames.txt")
    before = frames["before"] | frames["quarter"]
    found = []
    for t in doc:
        if t.lower_ in before and t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "of":
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
            if t.lower_ != t.lemma_.lower():  # `the neighborhoods of A B and C`: a list follows
                found.extend(_listed_names(doc, t.i + 2, taken))
        if t.lower_ in frames["after"] and t.i > 0 and doc[t.i - 1].text[:1].isupper() and (t.i - 1) not in taken:
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


MAX_RUN_WORDS = 2  # `Karam Hamud Mesir`: more capitalised words before a particle are names run together


def names_run_together(span: Span) -> list[Span]:
    """The names in a run of them whose commas were lost (`Bab al-Faraj al-Ismailiya al-Furqan`): where a run
    of capitalised words holds two particles or more (`al-`), each ends a name; a part of more than two
    capitalised words before its particle cannot be cut into names and is dropped. One name, even with a
    particle (`al-Sheikh Yaseen`), or anything but capitalised words and particles (`Hajjar oil field`),
    comes back whole."""
    doc = span.doc
    if any(not (t.text[:1].isupper() or t.lower_ in NAME_PARTICLES or t.text == "-") for t in span):
        return [span]
    adjectives = load_sections("toponym_words.txt")["name_adjectives"]
    particles = [
        t.i
        for t in span
        if t.lower_ in NAME_PARTICLES
        and t.i + 2 < span.end
        and doc[t.i + 1].text == "-"
        and doc[t.i + 2].lower_ not in adjectives  # `al-Sharqiya` describes the name before it
    ]
    if len(particles) < 2:
        return [span]
    parts, start = [], span.start
    for p in particles:
        if p + 3 > start:
            parts.append(doc[start : p + 3])
            start = p + 3
    if start < span.end:
        parts.append(doc[start : span.end])
    return [
        part for part in parts if sum(t.text[:1].isupper() for t in part) - _ends_with_particle(part) <= MAX_RUN_WORDS
    ]


def _listed_names(doc: Doc, i: int, taken: dict[int, str]) -> list[Span]:
    """Untagged names in the list a frame opens (`the neighborhoods of al-Hamidiyeh al-Aradi and
    al-Rushdiyeh`): capitalised words and particles joined by hyphens, cut into names where the commas
    were lost (`names_run_together`); the list runs on through `and`, commas and names the model did tag,
    and stops at any other word. The start of a tagged name (`New` of `New Aleppo`) is none."""
    found = []
    while i < len(doc):
        if doc[i].lower_ in ("and", ",") or i in taken:
            i += 1
            continue
        start = i
        while i < len(doc) and i not in taken:
            if doc[i].lower_ in NAME_PARTICLES and i + 2 < len(doc) and doc[i + 1].text == "-":
                i += 2  # `al-`, then the capitalised word it belongs to
            if doc[i].text[:1].isupper() and doc[i].is_alpha:
                i += 1
            else:
                break
        if i == start:
            break
        run = doc[start:i]
        parts = names_run_together(run)
        if i in taken and parts and parts[-1].end == i and not _ends_with_particle(parts[-1]):
            parts = parts[:-1]  # glued to the tagged name that follows
        found += [p for p in parts if p[-1].text[:1].isupper() and not any(t.ent_type_ for t in p)]
    return found


def _ends_with_particle(span: Span) -> bool:
    return len(span) >= 3 and span[-3].lower_ in NAME_PARTICLES and span[-2].text == "-"


def _named_as_org(span: Span) -> bool:
    """`the rebel group Fastaqim`: a name right after an organisation's noun is that organisation's."""
    doc = span.doc
    return span.start > 0 and doc[span.start - 1].lower_ in load_sections("toponym_words.txt")["org_before"]


def _datelines(doc: Doc, taken: dict[int, str]) -> list[Span]:
    """`BEIRUT August 21 (The Associated Press)`, `MOSCOW (Sputnik)`: a city or country in capitals opening
    a line or sentence, before a date, a bracket, a comma or a dash, is where the story was filed."""
    found = []
    i = 0
    while i < len(doc):
        t = doc[i]
        opens = i == 0 or t.is_sent_start or doc[i - 1].is_space or doc[i - 1].text in (".", ")")
        if not (opens and t.is_alpha and t.is_upper and len(t) > 2 and i not in taken):
            i += 1
            continue
        end = i + 1
        while end < len(doc) and doc[end].is_alpha and doc[end].is_upper and end not in taken:
            end += 1
        nxt = doc[end] if end < len(doc) else None
        span = doc[i:end]
        place = lookup_place(span.text.title())
        if (
            nxt is not None
            and (nxt.text in ("(", ",", "-", "\u2014", "\u2013", ":") or nxt.ent_type_ == "DATE")
            and place is not None
            and (place.kind == "country" or place.country == "SY" or _is_capital(span.text.title()))
        ):
            found.append(span)
        i = end
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
    place = lookup_place(text)
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


def _abbreviated_modifier(span: Span) -> bool:
    """`US-led coalition`, `US-backed fighters`, `US-Russian ceasefire`: a country's abbreviation hyphened to
    a word is an adjective, as `US forces` is."""
    return (
        _hyphen_suffix(span) is not None
        and span.text.replace(".", "").isupper()
        and (place := lookup_place(span.text)) is not None
        and place.kind == "country"
    )


def _no_name(span: Span) -> bool:
    """`The` of `[The road]`, `al-` cut from `al-Bukamal`: function words and particles alone name nothing."""
    return all(t.is_punct or t.lower_ in NAME_PARTICLES or (t.is_stop and not t.is_upper) for t in span)  # not `US`


def _facility_end(span: Span) -> int:
    """The end of a site named after the place (`the Shaar oilfield`, `Hajjar oil field`): the place's
    span end past the site's words, or its own end."""
    doc, facilities = span.doc, load_sections("toponym_words.txt")["facilities"]
    for n in (2, 1):
        words = doc[span.end : span.end + n]
        if len(words) == n and " ".join(t.lower_ for t in words) in facilities:
            return span.end + n
    return span.end


def _names_operation(span: Span) -> bool:
    """`operation "Euphrates Shield"`: a place opening the name of an operation, which runs on in capitals."""
    doc, i = span.doc, span.start - 1
    if i >= 0 and doc[i].is_quote:
        i -= 1
    return (
        i >= 0
        and doc[i].lower_ in load_sections("toponym_words.txt")["operations"]
        and span.end < len(doc)
        and doc[span.end].text[:1].isupper()
        and doc[span.end].is_alpha
    )


def _place(out: ArticleEntities, span: Span, add_mention, metonym: bool, *, split: bool = True) -> None:
    if _hyphen_suffix(span) in load_sections("toponym_words.txt")["based"]:
        return  # `the Britain-based monitor`: where the monitor sits, not a place the article is about
    if _abbreviated_modifier(span) or _names_operation(span) or _no_name(span):
        return
    if (end := _facility_end(span)) > span.end:
        span = span.doc[span.start : end]  # `Haditha dam` is a place of its own, beside `Haditha`
        metonym = False
    place = lookup_place(span.text)
    if place is None and len(span) > 1 and span[-1].lower_ in _GENERIC_PLACE_WORDS:
        span = span[:-1]  # `Baghaydin village` is the village of Baghaydin
        place = lookup_place(span.text)
    if place is None and split and (parts := names_run_together(span)) != [span]:
        for part in parts:  # `Bab al-Nasr al-Aziziyeh`: a list whose commas were lost
            _place(out, part, add_mention, metonym, split=False)
        return
    entity = place_entity(place) if place else Entity(key=entity_key("place", span.text), type="place", name=span.text)
    add_mention(span, entity)
    if metonym:
        out.entities[entity.key].metonym = True
