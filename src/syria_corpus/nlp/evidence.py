"""What a name's shape and surroundings say about it: whether it is a name at all (not page furniture, a
credit, a glued headline, a rank or a description), and the evidence for its type (a given name or title
for a person, an acronym or a name's shape for an organisation, a place word or an Arabic place shape for
a place). `entities` asks; the words live in data files."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Span, Token

from .. import gazetteer
from ..gender import is_given_name
from ..knowledge import by_alias
from ..names import KUNYA_WORDS, NAME_PARTICLES, possessive_forms
from ..resources import load_sections, load_words
from .sentences import sent_of


def clean(span: Span) -> Span:
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
    if bracket := next((t.i for t in doc[start + 1 : end] if t.text == "("), None):
        end = bracket  # `International Law (IL`, `Abboud Qanbar(Arabic`: a gloss, not the name
    while end > start and (
        doc[end - 1].tag_ in ("POS", "DT", "IN", "CC") or doc[end - 1].is_punct or doc[end - 1].is_space
    ):
        end -= 1  # `Omar the`, `University Housing in`, `Faylaq al-Sham and`
    rest, nothing = doc[start:end], doc[start:start]
    if len(rest) > 1 and rest[0].text in load_words("craft_prefixes.txt"):
        return nothing  # `USS Hopper`: a ship
    words = [t for t in rest if t.text != "-"]
    if len(words) > 1 and all(t.text in load_words("titles.txt") for t in words):
        return nothing  # `Major-General`: a rank
    if end > start and doc[end - 1].text in labels:
        return nothing  # `(IHA Photo)`, `AA Photo`: a picture's credit
    known = lookup_place(rest.text) or rest.text in by_alias()
    if labelled and not known:
        return nothing  # `Tags Syria Russia Chemical`, `Photo Smoke is seen`: not a name
    if not known and (
        any("/" in t.text for t in rest) or any(t.lower_ in load_words("headline_words.txt") for t in rest)
    ):
        return nothing  # `R. Milhem / Ghossoun/H. Said`: a credit list; `Mortar Attack Kills`: a glued headline
    return rest


def credit_lines(doc: Doc) -> frozenset[int]:
    """Tokens of a credit line to the end of its sentence (`Editing by Stephen Powell and Sonya
    Hepinstall`): the page's staff, not people of the story (`data/furniture_words.txt`)."""
    text = doc.text
    out: set[int] = set()
    sents = list(doc.sents)
    for sent in sents[:3] + sents[-1:]:
        words = [t for t in sent if not t.is_punct and not t.is_space]
        if (
            0 < len(words) <= 8
            and all(t.pos_ == "PROPN" or t.lower_ == "and" for t in words)
            and not any(lookup_place(t.text) or t.text in by_alias() for t in words)
        ):
            out.update(t.i for t in words)  # reporters' names: `… in the area. Hazem Sabbagh`
    for m in re.finditer(
        r"(?:\b(?:Posted|Published)\b[^.]{0,30}?|^\W*[\w ]{0,20})(?:19|20)\d\d by ", text[:400]
    ):  # `Posted on April 5 2017 by …`, a body opening `April 5 2017 by …`
        span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if span is not None:
            out.update(t.i for t in doc[span.start : min(span.start + 8, sent_of(span[0]).end)])
    for credit in load_sections("furniture_words.txt")["credits"]:
        for m in re.finditer(rf"\b{re.escape(credit)}\b", text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None and len(span):
                out.update(range(span.end, sent_of(span[0]).end))
    return frozenset(out)


def finish_name(span: Span) -> Span:
    """`Ahmed Salama Mabrouk`, `Sheikh Mohammed Reda Hatem`: the model stopped a name of two words or more
    before its last, a capitalised word of no entity that no name, place, title or role claims; or any
    name before its particle (`Talal al-Barazi`), or started it after its kunya (`Abu Islam al-Kazaki`)."""
    doc, j = span.doc, span.end
    if span.start > 0 and doc[span.start - 1].lower_ in KUNYA_WORDS and doc[span.start - 1].text[:1].isupper():
        span = doc[span.start - 1 : j]  # `Abu` + `Islam al-Kazaki`: a kunya is the name's first word
    if (
        j + 2 < len(doc)
        and doc[j].lower_ in NAME_PARTICLES
        and doc[j + 1].text == "-"
        and doc[j + 2].text[:1].isupper()
    ):
        return doc[span.start : j + 3]  # `Governor Talal` + `al-Barazi`
    if len(span) < 2 or j >= len(doc):
        return span
    t = doc[j]
    if not (t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper() and not t.text.isupper() and not t.ent_type_):
        return span
    if j + 1 < len(doc) and (doc[j + 1].pos_ == "PROPN" or doc[j + 1].text == "-"):
        return span
    claimed = load_words("titles.txt") | load_words("not_names.txt") | load_sections("furniture_words.txt")["labels"]
    if t.text in claimed or t.lower_ in load_words("headline_words.txt") or is_role_noun(t):
        return span  # `Matthew Bruch Airstrikes Against IS …`: a credit glued to a related headline
    if lookup_place(t.text) or any(form in by_alias() for form in possessive_forms(t.text)):
        return span  # `Silvia Dallatomasina MSFs medical manager`
    return doc[span.start : j + 1]


def finish_org(span: Span) -> Span:
    """`Kurdish News` + `Media`: the model stopped an organisation's name before its capitalised head noun,
    a word of no entity."""
    doc, j = span.doc, span.end
    while j < len(doc) and doc[j].text.istitle() and not doc[j].ent_type_ and not doc[j].is_sent_start:
        if doc[j].lower_ not in _org_vocabulary() or doc[j].text in load_words("titles.txt"):
            break  # not `General Staff` + `General` (Sergey Rudskoy)
        j += 1
    return doc[span.start : j]


def strip_titles(span: Span) -> Span:
    titles = load_words("titles.txt")
    start = span.start
    while start < span.end - 1 and span.doc[start].text in titles:
        start += 1
    return span.doc[start : span.end]


def is_role_noun(token: Token) -> bool:
    nouns = load_words("role_nouns.txt")
    return token.lemma_.lower() in nouns or token.text.lower() in nouns


def person_evidence(span: Span) -> bool:
    """A lone word is a person only with evidence: a known given name (`Ahmad`), a title or role right
    before it (`Colonel Soheil`), or a speech verb it is the subject of; not `Hass`, `Kafyra`, `Monitor`.
    (A surname of someone named in full, or of the knowledge base, joins them before this is asked.)"""
    if len(span) > 1:  # but not `Assads air force carried`: a name's later words are capitalised or particles
        names = [t.text for t in span if t.text != "-" and t.lower_ not in NAME_PARTICLES]
        if len(names) > 4 or (len(names) >= 4 and len(set(names)) < len(names)):
            return False  # `Walid Khaled al-Jalakh Walid al-Hosni …`: a list of names run together
        if all(n.lower() in load_words("generic_org_words.txt") for n in names):
            return False  # `Humanitarian Aid` of a glued headline
        return all(t.text[:1].isupper() or t.lower_ in NAME_PARTICLES or t.text == "-" for t in span[1:])
    word, prev = span[0], span.doc[span.start - 1] if span.start > 0 else None
    if is_given_name(word.text) or (prev is not None and (prev.text in load_words("titles.txt") or is_role_noun(prev))):
        return True
    return word.dep_ in ("nsubj", "nsubjpass") and word.head.lemma_.lower() in load_words("cues.txt")


_NUMBERED_UNITS = frozenset({"division", "brigade", "regiment", "battalion", "corps", "channel", "resolution"})
_MODIFIER_PARTICIPLES = frozenset({"based", "backed", "led", "run", "funded", "affiliated", "linked"})  # `London Based`


def org_evidence(span: Span) -> bool:
    """An organisation the knowledge base does not know needs a name's shape: more than one word outside a
    headline, one of them an organisation's word (data/org_words.txt), or an acronym of three letters or
    more (`AMN`, `IDF`); not a lone word (`Army`, `Regime`,
    `Videos`, `Atropine`), a legal instrument (`Chemical Weapons Convention`) or a modifier whose hyphen
    was lost (`London Based`). (A name of generic words alone, `Local Council`, was set aside before.)"""
    if len(span) == 1:
        acronym = span.text.isupper() and len(span.text) > 2  # not `CT` (scans), `SA`, `BC`
        return acronym and span.text not in load_words("not_names.txt") and lookup_place(span.text) is None
    words = [t.lower_ for t in span if t.is_alpha]
    if any(t.text == ":" for t in span) or (words and words[0] in load_words("headline_words.txt")):
        return False  # `Steifo: Regime & Allies Onslaught`, `Warplanes of Syrian Air Force`: a glued headline
    instruments = load_words("instrument_words.txt")
    if words and (words[0] in instruments or words[-1] in instruments or words[-1] in _MODIFIER_PARTICIPLES):
        return False
    if span[0].pos_ in ("ADV", "SCONJ") or span[1].lower_ in ("on", "in", "at", "near"):
        return False  # `Once Syrias economic powerhouse`, `terror group on Peshmerga lines`: a phrase
    if span[-1].like_num and span[-2].lower_ not in _NUMBERED_UNITS:
        return False  # `Almiyassar 3`, `Ahmed 24`: a count or an age glued on, unlike `Division 17`
    return _has_org_word(words) and not _in_headline(span)


def _has_org_word(words: list[str]) -> bool:
    """`Teachers Syndicate`, `Sham FM`, `Jaish al-Islam`; not `Laurent Fabius` or `Northern Caucasus`."""
    return any(w in _org_vocabulary() for w in words)


@cache
def _org_vocabulary() -> frozenset[str]:
    heads = {w.lower() for w in load_sections("toponym_words.txt")["org_heads"]}
    return load_words("org_words.txt") | load_words("generic_org_words.txt") | heads


def after_glued_article(span: Span) -> Span:
    """`Dabiq the Turkish army`, `3000 Housing Project the Syrian Armed Forces`: a `the` inside a name,
    not after a preposition or a conjunction (`Army of the Conquest`), starts another name glued on."""
    for t in span[1:]:
        if t.lower_ == "the" and t.i + 1 < span.end and t.nbor(-1).pos_ not in ("ADP", "CCONJ"):
            return span.doc[t.i + 1 : span.end]
    return span


def split_holder(span: Span) -> tuple[Span, Span | None]:
    """An organisation glued to a person or a country after it (`Syrian Coalition Anas al-Abdah`, `World
    Health Organization Syria`): the organisation, and the person when there is one."""
    doc = span.doc
    if len(span) >= 3 and (place := lookup_place(span[-1].text)) is not None and place.kind == "country":
        span = doc[span.start : span.end - 1]
    for i in range(span.start + 2, span.end - 1):
        if is_given_name(doc[i].text) and person_shaped(doc[i : span.end]):
            return doc[span.start : i], doc[i : span.end]
    return span, None


def person_shaped(span: Span) -> bool:
    """Two or three names, none an institution's or a role's word, opening with a known given name or
    next to a role (`UN envoy Yacoub El Hillo`, `Bebars Mishal a civil defence worker`): a person the model
    called an organisation (`Anas al-Abdah`, `Brett O'Donnell`), not `Ahmed 24` or `Omar Mukhtar Brigade`."""
    names = [t for t in span if t.text != "-" and t.lower_ not in NAME_PARTICLES]
    institutions = load_words("generic_org_words.txt") | load_words("role_nouns.txt")
    role_before = span.start > 0 and span.doc[span.start - 1].pos_ == "NOUN" and is_role_noun(span.doc[span.start - 1])
    return (
        2 <= len(names) <= 3
        and (is_given_name(span[0].text) or role_before or _apposed_role(span))
        and all(t.text[:1].isupper() and re.sub("['’]", "", t.text).isalpha() for t in names)
        and not any(
            t.lower_ in institutions or t.text in load_sections("toponym_words.txt")["org_heads"] for t in names
        )
    )


def _apposed_role(span: Span) -> bool:
    """`Ercan Topaca the Governor of Hatay`, `Karam Ammoun another terrorist leader`, `Brett O'Donnell, chief
    strategist for …`: a role right after."""
    doc, i = span.doc, span.end
    comma = i < len(doc) and doc[i].text == ","
    i += comma
    if i < len(doc) and doc[i].lower_ in ("a", "an", "the", "another"):
        i += 1
    elif not comma:
        return False
    for t in doc[i : i + 4]:
        if t.is_punct:
            return False
        if is_role_noun(t):
            return True
    return False


def _in_headline(span: Span) -> bool:
    """A name inside a run of capitalised words with a verb-like word in it, as glued related headlines
    make them (`US Missile Strike on Syria Kills Five`): only the knowledge base and gazetteer name there."""
    doc, small = span.doc, {"a", "an", "the", "of", "on", "in", "to", "for", "and", "at", "by", "with"}
    start, end = span.start, span.end

    def titled(t: Token) -> bool:
        return t.text[:1].isupper() or t.lower_ in small or (t.like_num and not t.is_sent_start)  # `Kill 32`

    while start > 0 and titled(doc[start - 1]):
        start -= 1
    while end < len(doc) and titled(doc[end]):
        end += 1
    run = [t for t in doc[start:end] if t.text[:1].isupper()]
    verbs = load_words("cues.txt") | load_words("headline_words.txt")
    return len(run) >= 5 and any(t.text.lower().rstrip("s") in verbs or t.tag_ == "VBZ" for t in run)


def place_shaped(span: Span) -> bool:
    """A name ending in a word for a kind of place (`Saadallah al-Jabiri Square`, `Rajm al Sheikh Region`),
    or shaped as an Arabic place name (`Nazlet al-Rdeisat`, `Kafar Naya`), is a place."""
    return len(span) > 1 and (span[-1].lower_ in load_sections("place_frames.txt")["after"] or toponym_shaped(span))


def looks_like_name(span: Span) -> bool:
    """Capitalised and more than one letter: not a lowercase phrase or a stray initial."""
    return len(span.text) > 1 and span.text[:1].isupper() and any(c.islower() for c in span.text) or span.text.isupper()


def strip_possessor(span: Span, *, people: bool = False) -> Span:
    """`EUs Mogherini` -> `Mogherini`: a leading organisation or country whose possessive apostrophe was lost;
    with `people`, also a known person or any place (`Trumps National Security Council`, `Aleppos …`)."""
    start = span.start
    while start < span.end - 1:
        word = span.doc[start].text
        base = possessive_forms(word, longer_than=1)[-1]
        known = by_alias().get(base) or by_alias().get(word)
        place = gazetteer.lookup(base) if base[:1].isupper() else None
        owner = people and base != word  # `Trumps National Security Council`, `Aleppos Military Academy`
        if (known and (known.type == "org" or owner)) or (place and (place.kind == "country" or owner)):
            start += 1
        else:
            break
    return span.doc[start : span.end]


def trim_not_names(span: Span) -> Span:
    """`Assads Alawite` -> `Assads`: communities and faiths are not part of a name."""
    words = load_words("not_names.txt")
    start, end = span.start, span.end
    while start < end and span.doc[start].text in words:
        start += 1
    while end > start and span.doc[end - 1].text in words:
        end -= 1
    return span.doc[start:end]


def toponym_shaped(span: Span) -> bool:
    """`Tal Rifaat`, `Jeb el-Kussa`, `Sfeira Tahtani`; not `Jeb Bush`, a given name before a plain surname."""
    words = load_sections("toponym_words.txt")
    first = span[0].text
    if is_given_name(first) and not any(t.lower_ in NAME_PARTICLES for t in span):
        return False
    return (len(span) > 1 and first in words["heads"]) or any(t.text in words["qualifiers"] for t in span)


def lookup_place(text: str) -> gazetteer.Place | None:
    """A gazetteer place, also behind a possessive whose apostrophe was lost (`Syrias`)."""
    place = gazetteer.lookup(text)
    if place is None and len(forms := possessive_forms(text, longer_than=4)) > 1:
        place = gazetteer.lookup(forms[1])
        if place is not None and place.country != "SY" and place.kind != "country":
            return None  # `Times` is not a possessive of some town called Time
    return place


def framed(span: Span) -> bool:
    """A name the text frames as a place: `the town of X`, `X village`, `al-Thayabiya and Hajira towns`,
    `the neighbourhoods of Sakhur and Sheikh Khodr`."""
    frames, doc = load_sections("place_frames.txt"), span.doc
    i = span.start - 1
    if i > 0 and doc[i].lower_ in ("and", ","):  # a list of names after the frame
        while i > 0 and (
            doc[i].lower_ in ("and", ",", "-") or doc[i].text[:1].isupper() or doc[i].lower_ in NAME_PARTICLES
        ):
            i -= 1
    if (
        i >= 1
        and doc[i].lower_ == "of"
        and (doc[i - 1].lower_ in frames["before"] or doc[i - 1].lemma_.lower() in frames["before"])
    ):
        return True
    after = frames["after"] | frames["before"]  # `Hajira towns`, `Sheikh Ali and al-Zamrani crossings`
    for t in doc[span.end : span.end + 4]:
        if t.lemma_.lower() in after or t.lower_ in after:
            return True
        if not (t.lower_ == "and" or t.text[:1].isupper() or t.text == "-"):
            return False
    return False
