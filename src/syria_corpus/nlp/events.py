"""Conflict events, after the ACLED and UCDP codebooks: what happened (type), when, where, by whom, to whom,
how many killed and wounded and who says so. The main event is the one the title and the lead report.

Vocabulary (types and their words, numbers in words, actor categories) is data: `data/events.json`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from ..dates import EventDate, day_of, event_date, lead_date, stamp_end
from ..records import Entity, Event, Mention, Page, Quote
from ..resources import load_json, load_words
from .claimants import claimant as claimant_of
from .event_places import event_place

LEAD_SENTENCES = 6


@cache
def same_kind() -> dict[str, str]:
    """Kinds outlets use for one happening (`data/events.json` same_kind): an airstrike, or shelling."""
    return {k: v for k, v in load_json("events.json")["same_kind"].items() if not k.startswith("_")}


_POSSESSIVE = re.compile(r"['\u2019]s$")


@dataclass(frozen=True)
class _Vocabulary:
    words: dict[str, str]  # single word or lemma -> type
    phrases: list[tuple[re.Pattern[str], str]]
    blast: frozenset[str]  # `bomb`, `blast`: what went off, not how it came
    dropped: frozenset[str]  # `dropped`, `aerially`: it came from the air
    generic: frozenset[str]  # `attack`: an event of no stated kind
    priority: list[str]
    killed: re.Pattern[str]
    wounded: re.Pattern[str]
    verb_before: dict[str, re.Pattern[str]]  # kind -> a casualty verb of that kind ending a text: `… killed `
    verb_next: dict[str, re.Pattern[str]]  # kind -> a casualty verb of that kind straight on: ` wounded`
    numbers: dict[str, int]
    vague: frozenset[str]  # `dozens`: at least that many
    categories: list[tuple[str, re.Pattern[str]]]
    outlet_categories: dict[str, list[tuple[str, re.Pattern[str]]]]  # outlet name -> its own words for a side
    captions: re.Pattern[str]
    states: dict[str, str]  # `syrian` -> government: a state's name, whose forces are in the category
    state_arms: frozenset[str]  # `forces`, `jets`: what a state's name before it makes its forces
    speech: frozenset[str]  # lemmas of verbs of saying or talking: their subject is a source, not an actor
    credit_first: re.Pattern[str]  # `(Reuters) …`: the credit closing the caption before it
    forces: frozenset[str]  # head nouns of a force: `coalition`, `forces`, `warplanes`
    groups: list[tuple[str, re.Pattern[str]]]  # `68 children`, `six of them children`: how many of a group
    places: re.Pattern[str]  # what follows a force's name when it names a place: `-held`, ` areas`


@cache
def _vocabulary() -> _Vocabulary:
    data = load_json("events.json")
    words, phrases = {}, []
    for type_, triggers in data["types"].items():
        for t in triggers:
            if " " in t:
                phrases.append((re.compile(rf"\b{re.escape(t)}(?:s|es)?\b", re.IGNORECASE), type_))
            else:
                words.setdefault(t, type_)
    numbers = {**data["number_words"], **data["vague_numbers"]}
    spelled = "|".join(sorted(map(re.escape, numbers), key=len, reverse=True))
    number = rf"(?:\d[\d,]*|(?:{spelled})(?:-(?:{spelled}))?)"
    qualifiers = r"at\s+least|more\s+than|over|some|about|nearly|almost|up\s+to|around|approximately"

    all_verbs = "|".join(map(re.escape, [w for ws in data["casualty_words"].values() for w in ws]))
    # a number before a weapon counts weapons, not the dead: `4 rocket shells killing 8 persons`
    arms = "|".join(re.escape(w) for t in data["toll_arms"] for w in data["types"][t] if " " not in w)
    # up to six words between a number and its verb (`62 Syrian servicemen killed`), none a number (`14 people
    # and left dozens wounded`: dozens are), `or`, a weapon or another casualty word (`regime and rebel fighters` may come between); a second count joined by
    # `and` adds to the first (`50 fighters and two civilians`); `including a woman and two children` may follow
    word = rf"\s+(?!(?:or|{all_verbs}|{spelled}|(?:{arms})s?)\b)[a-z][\w'-]*"
    between = (
        rf"(?:{word}){{0,6}}?(?:\s+and\s+(?P<plus>{number})(?:{word}){{1,3}}?)?"
        rf"(?:,?\s+(?:including|among\s+them)\s+[\w-]+(?:\s+[a-z][\w'-]*){{0,4}})?"
    )
    passive = r"(?:(?:were|was|have\s+been|had\s+been|are|being)\s+)?"

    def toll(kind: str) -> re.Pattern[str]:
        verbs = "|".join(map(re.escape, data["casualty_words"][kind]))
        # what takes the dead as its object: `claiming eight`, `the lives of 8`, `the martyrdom of 3`
        takes = "|".join(map(re.escape, data["casualty_words"][kind] + data["toll_objects"][kind]))
        total = r"death\s+toll|" if kind == "killed" else ""  # a death toll counts no wounded
        return re.compile(
            rf"""(?P<q>{qualifiers})?\s*(?P<n>{number})(?:\s+(?:and|to)\s+(?P<n2>{number}))?{between}\s+{passive}(?:{verbs})\b
                |\b(?:{takes})\s+(?:of\s+)?(?P<q3>{qualifiers})?\s*(?P<n3>{number})\b
                |(?:{total}number\s+of\s+(?:[\w'-]+\s+){{0,3}}?(?:{verbs}))(?:\s+(?!\d)[\w'-]+){{0,16}}?
                 (?:\s+(?:to|at|of|reached|hit))?\s+(?:(?P<q4>{qualifiers})\s+)?(?P<n4>{number})\b""",
            re.IGNORECASE | re.VERBOSE,
        )

    categories = [(c, _words_pattern(data["actor_categories"][c])) for c in data["category_order"]]
    by_outlet: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for category, spec in data["outlet_categories"].items():
        if not category.startswith("_"):
            for outlet in spec["outlets"]:
                by_outlet.setdefault(outlet, []).append((category, _words_pattern(spec["words"])))
    captions = re.compile(
        r"\b(?:"
        + "|".join(map(re.escape, data["caption_words"]))
        + r")\b|\((?:"
        + "|".join(map(re.escape, data["caption_credits"]))
        + r")\)\s*$",
        re.IGNORECASE,
    )
    return _Vocabulary(
        words, phrases, frozenset(data["blast_words"]), frozenset(data["air_delivery_words"]),
        frozenset(data["generic_words"]), data["priority"], toll("killed"), toll("wounded"),
        {k: re.compile(rf"\b(?:{'|'.join(map(re.escape, ws + data['toll_objects'][k]))})(?:\s+of)?(?:\s+(?:{qualifiers}))?\s*$", re.IGNORECASE)
         for k, ws in data["casualty_words"].items()},
        {k: re.compile(rf"\s+{passive}(?:{'|'.join(map(re.escape, ws))})\b", re.IGNORECASE)
         for k, ws in data["casualty_words"].items()},
        numbers, frozenset(data["vague_numbers"]),
        categories, by_outlet, captions, data["state_names"], frozenset(data["state_arms"]), frozenset(w for w in load_words("cues.txt") if " " not in w) | frozenset(data["talk_verbs"]),
        re.compile(r"^\s*\((?:" + "|".join(map(re.escape, data["caption_credits"])) + r")\)", re.IGNORECASE),
        frozenset(data["force_nouns"]),
        [
            (group, re.compile(
                rf"\b(?P<n>{number})\s+(?:of\s+them\s+|(?:[a-z][\w'-]*\s+)?)(?:{'|'.join(map(re.escape, nouns))})\b",
                re.IGNORECASE,
            ))
            for group, nouns in data["casualty_groups"].items()
        ],
        re.compile(
            r"^(?:['\u2019]?s)?(?:-?(?:" + "|".join(data["place_participles"]) + r")\b|:|\s+(?:"
            + "|".join(data["place_participles"] + data["place_nouns"]) + r")\b)",
            re.IGNORECASE,
        ),
    )  # fmt: skip


def _words_pattern(words: list[str]) -> re.Pattern[str]:
    """Any of the words, whole; one written with a capital (`IS`, `US`) only as written. A title-cased name
    may carry a possessive whose apostrophe the text lost (`Assads forces`, `Russias jets`)."""
    exact = [re.escape(w) for w in words if w != w.lower()]
    folded = [re.escape(w) for w in words if w == w.lower()]
    parts = ([f"(?-i:{'|'.join(exact)})"] if exact else []) + ([f"(?:{'|'.join(folded)})"] if folded else [])
    return re.compile(r"\b(?:" + "|".join(parts) + r")(?P<possessive>(?-i:s))?(?![\w])", re.IGNORECASE)


def event_type(sentence: Span | Doc, *, generic: bool = True) -> str | None:
    """The type the sentence's event words give, the strongest first (a chemical attack by air is
    `chemical`; a barrel bomb dropped from the air is an `airstrike`). Where phrases overlap the first and
    longest wins (`barrel bomb attack` is a barrel bomb). A bare `bomb` or `blast` says what went off, not
    how it came: rockets or warplanes in the same sentence, or a bomb `dropped`, type it. Without `generic`,
    words that name no kind of event (`attack`) count for nothing."""
    v, text = _vocabulary(), sentence.text  # a Span's text is built anew each time it is read
    matches = sorted(((m.start(), -m.end(), type_) for pattern, type_ in v.phrases for m in pattern.finditer(text)))
    found, covered, end = set(), set(), -1
    for start, neg_end, type_ in matches:  # a phrase wins over the words inside it: `barrel bomb`, not `bomb`
        if start >= end:
            found.add(type_)
            covered.update(range(start, -neg_end))
            end = -neg_end
    offset = sentence.start_char if isinstance(sentence, Span) else 0
    blast = dropped = False
    for t in sentence:
        if t.idx - offset in covered:
            continue
        forms = (t.lower_, t.lemma_.lower())
        dropped = dropped or any(w in v.dropped for w in forms)
        if not generic and any(w in v.generic for w in forms):
            continue
        typed = {v.words[w] for w in forms if w in v.words}
        if "explosion" in typed and any(w in v.blast for w in forms):
            blast = True
            typed.discard("explosion")
        found |= typed
    if dropped and blast:
        found.add("airstrike")
    elif blast and not found & {"airstrike", "shelling"}:
        found.add("explosion")
    return next((t for t in v.priority if t in found), None)


def _number(text: str) -> int | None:
    text = " ".join(text.lower().split())
    if text[:1].isdigit():
        return int(text.replace(",", ""))
    numbers = _vocabulary().numbers
    if "-" in text:  # seventy-six
        tens, _, units = text.partition("-")
        return numbers[tens] + numbers[units] if tens in numbers and units in numbers else None
    return numbers.get(text)


def toll(text: str, kind: str = "killed") -> tuple[int | None, int | None]:
    """(min, max) of the dead (or wounded) a sentence states: `at least 62` -> (62, None), `15 killed` ->
    (15, 15), `between 20 and 30` -> (20, 30), `dozens` -> (12, None), as ACLED codes them; `50 fighters and
    two civilians killed` -> 52, the dead of one event counted in parts."""
    v = _vocabulary()
    m = _count_of(text, kind)
    if m is None:
        return None, None
    written = m.group("n") or m.group("n3") or m.group("n4")
    n = _number(written)
    if n is None:
        return None, None
    if m.group("n2") and (n2 := _number(m.group("n2"))) is not None:
        return n, n2
    if m.group("plus") and (plus := _number(m.group("plus"))) is not None:
        n += plus
    qualifier = " ".join((m.group("q") or m.group("q3") or m.group("q4") or "").lower().split())
    if qualifier in ("at least", "more than", "over") or " ".join(written.lower().split()) in v.vague:
        return n, None
    if qualifier == "up to":
        return None, n
    return n, n


def _count_of(text: str, kind: str) -> re.Match[str] | None:
    """The first count of the dead (or wounded) in `text`. A number straight after the other kind's verb is
    that verb's (`killed 20 people and wounded 30`, `killed two patients injured eight`: 20 and two are
    dead, not wounded), unless this kind's verb follows it straight (`Killed 4 Wounded`) or `others` do
    (`killed 8 58 others injured`)."""
    v = _vocabulary()
    pattern = v.killed if kind == "killed" else v.wounded
    other = v.verb_before["wounded" if kind == "killed" else "killed"]
    theirs = v.verb_next["wounded" if kind == "killed" else "killed"]
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        if m.group("n"):
            own = v.verb_next[kind].match(text, m.end("n")) or _OTHERS.match(text, m.end("n"))
            if not other.search(text, 0, m.start()) or own:
                return m
        elif not m.group("n3") or not theirs.match(
            text, (o.end() if (o := _OTHERS.match(text, m.end("n3"))) else m.end("n3"))
        ):
            return m  # `killed two others injured`, `A woman killed 30 injured`: the number is the wounded's
        pos = m.end("n" if m.group("n") else "n3")
    return None


_OTHERS = re.compile(r"\s+others?\b", re.IGNORECASE)


def killed_among(text: str) -> dict[str, int]:
    """How many of the dead a sentence puts in each group: `25 civilians six of them children` ->
    civilians 25, children 6; `62 Syrian servicemen` -> combatants 62 (`people` are in no group)."""
    found = {}
    for group, pattern in _vocabulary().groups:
        if (m := pattern.search(text)) is not None and (n := _number(m.group("n"))) is not None:
            found[group] = n
    return found


def actor_and_target(sentence: Span | Doc, outlet: str | None = None) -> tuple[str | None, str, str | None]:
    """(actor as written, its category, target as written). A force named after `on`, `against` or
    `targeting` is the target; the first other one is the actor. The `outlet`'s own words for a side
    count too (`terrorists`, in Syrian state media, are the armed opposition)."""
    actor = target = None
    category = "unknown"
    v = _vocabulary()
    for type_, pattern in v.categories + v.outlet_categories.get((outlet or "").strip().lower(), []):
        for m in pattern.finditer(sentence.text):
            span = sentence.char_span(m.start(), m.end(), alignment_mode="expand")
            if (
                span is None
                or (m.group("possessive") and not m.group(0)[:1].isupper())
                or _describes_place(sentence.text[m.end() :])
                or _HELD_BY.search(sentence.text[: m.start()])
            ):
                continue
            role = _role(span)
            if role == "target":
                target = target or _phrase(span)
            if role != "agent":
                continue
            if actor is None or span.start < actor[1].start:
                actor, category = (_phrase(span), span), type_
    for span, type_ in _state_forces(sentence):
        if actor is None or span.start < actor[1].start:
            actor, category = (span.text, span), type_
    return (actor[0] if actor else None), category, target


def _state_forces(sentence: Span | Doc) -> list[tuple[Span, str]]:
    """`Syrian air strikes`, `Syrian forces`: a state's adjective straight before its arms or its strike (only
    lower-case words between) is that state's forces; `Syria air strikes` are strikes in Syria, by anyone."""
    v = _vocabulary()
    found = []
    for t in sentence:
        category, head = v.states.get(t.lower_), t.head
        if category is None or not t.i < head.i <= t.i + 3 or t.dep_ not in ("amod", "compound", "nmod"):
            continue
        if any(not w.is_lower for w in t.doc[t.i + 1 : head.i]):
            continue  # `Syrian Democratic Forces`: a name of its own
        armed = head.lower_ in v.state_arms or head.lemma_.lower() in v.state_arms
        if armed or v.words.get(head.lemma_.lower()) in ("airstrike", "shelling"):
            found.append((t.doc[t.i : head.i + 1], category))
    return found


_HELD_BY = re.compile(r"\b(?:held|controlled|besieged|run)\s+by\s+(?:the\s+)?(?:[\w'-]+\s+){0,4}$", re.IGNORECASE)
_DONE_TO = frozenset({"dobj", "nsubjpass", "attr", "oprd"})  # what a verb does to: its object, a passive's subject


def _describes_place(after: str) -> bool:
    """`rebel-held`, `opposition areas`, `Daesh bastion`, `opposition:` (who speaks): no actor here."""
    return bool(_vocabulary().places.match(after))


def _role(span: Span) -> str:
    """`target` for a force hit (`on`, `against`, `targeting` it), `other` inside another prepositional
    phrase (`in`, `of`, `near` it: a place or a possessor) or as the subject of a verb of saying (a source),
    else `agent`; `by` it is the agent."""
    vocabulary, speech = _vocabulary().words, _vocabulary().speech
    child = span.root
    for token in span.root.ancestors:
        if child.dep_.startswith("nsubj") and token.lemma_.lower() in speech and not _says_it_did(token):
            return "other"  # `rebels said`, `the opposition accused`: who tells, not who did it
        done_to, subject, child = child.dep_ in _DONE_TO, child.dep_ == "nsubj", token
        if _force(token) and token.dep_ in _DONE_TO and token.head.pos_ == "VERB" and not _blames(token.head):
            return "target"  # `kill 20 Islamic State militants`: the force the verb is done to
        if token.lower_ in vocabulary or token.lemma_.lower() in vocabulary or _force(token):
            return "agent"  # `US airstrike`, `Syrian army helicopters`, `regime forces`
        if token.lower_ in ("on", "against", "targeting", "targeted", "at", "hit", "hitting"):
            return "agent" if subject else "target"  # `Nusra terrorists targeted al-Neel Street`
        if done_to and _blames(token):
            return "agent"  # `accused government forces of gassing`: whom the text says did it
        if token.pos_ == "ADP" and token.lower_ != "by":
            return "other"
        if token.pos_ == "VERB" and done_to:
            return "target"  # `killed 70 ISIL terrorists`, `70 terrorists were killed`: the dead, not the doer
        if token.pos_ == "VERB" or token.lower_ == "by":
            return "agent"
    return "agent"


def _blames(verb: Token) -> bool:
    """`accused government forces of gassing`, `blamed the regime`: its object is whom the text says did it."""
    return verb.lemma_.lower() in ("accuse", "blame")


def _says_it_did(verb: Token) -> bool:
    """`Russia says kills 7`, `the army said it killed 20`: what the speaker reports has no other doer."""
    return any(
        c.dep_ in ("ccomp", "xcomp") and not any(g.dep_.startswith("nsubj") and g.pos_ != "PRON" for g in c.children)
        for c in verb.children
    )


def _phrase(span: Span) -> str:
    """The name a category word stands in, whole: hyphened words joined (`US-led`), the rest of the named
    entity it is part of (`Syrian Arab Army`), a following head noun of a force (`coalition`, `forces`);
    never the headline's verb or event word after it (`Syrian Army Kills Dozens`), nor past a sentence's end."""
    doc, start, end = span.doc, span.start, span.end

    def hyphened(i: int) -> bool:  # `US` `-` `led`: one word
        return not doc[i - 1].whitespace_ and "-" in (doc[i].text, doc[i - 1].text)

    while end < len(doc) and (
        hyphened(end)
        or (not doc[end].is_punct and not doc[end - 1].is_punct and (doc[end].ent_iob_ == "I" or _force(doc[end])))
    ):
        end += 1
    while start > 0 and doc[start].ent_iob_ == "I" and not doc[start - 1].is_punct and _of_a_name(doc[start - 1]):
        start -= 1
    # an entity the tagger ran on into a headline's words (`US Airstrikes Kill`, `Kills Five Kurdish Police`)
    while end - start > 1 and not hyphened(end - 1) and not _of_a_name(doc[end - 1]):
        end -= 1
    while end - start > 1 and not hyphened(start + 1) and not _of_a_name(doc[start]):
        start += 1
    return _POSSESSIVE.sub("", doc[start:end].text)


def _of_a_name(token: Token) -> bool:
    """Whether a word may be part of a force's name: not a verb, a preposition, a number, or a word of
    headlines and events (`kills`, `airstrikes`, `against`)."""
    words = _vocabulary().words
    return not (
        token.pos_ in ("VERB", "AUX", "ADP", "NUM", "ADV", "SCONJ", "PART")
        or token.lower_ in words
        or token.lemma_.lower() in words
        or token.lower_ in load_words("headline_words.txt")
    )


def _force(token: Token) -> bool:
    return token.lower_ in _vocabulary().forces


def extract_events(doc: Doc, title_doc: Doc | None, page: Page, entities: dict[str, Entity],
                   mentions: list[Mention], quotes: list[Quote], primary_place: str | None) -> list[Event]:  # fmt: skip
    """The article's main event: its type from the title or the first lead sentence with an event word,
    its facts from the lead sentences that state them."""
    stamp = lead_date(page.body, page.title)
    skip = stamp_end(page.body, stamp) if stamp is not None else 0  # the page's own stamp, what precedes it
    skip = _after_title(page.body, page.title, skip)
    sentences = list(doc.sents)[: LEAD_SENTENCES + 3]
    lead = [
        s if s.start_char >= skip else doc.char_span(skip, s.end_char, alignment_mode="expand")
        for s, after in zip(sentences, [*sentences[1:], None], strict=True)
        if s.end_char > skip and s.text.strip() and not is_caption(s, after)
    ][:LEAD_SENTENCES]
    title = [title_doc[:]] if title_doc is not None else []
    typed = [(s, t) for s in title + lead if (t := event_type(s))]
    if not typed:
        return []
    kinds = [(s, t, event_type(s, generic=False)) for s, t in typed]  # no kind: only `attack`
    type_ = typed[0][1]  # the title's, when it states one
    if kinds[0][2] is None:  # `U.S. attack`: the kind comes from the lead, if it says
        type_ = next((k for _, _, k in kinds if k), type_)
    in_body = [(s, t) for s, t in typed if s.doc is doc]
    evidence = next((s for s, t in in_body if t == type_), in_body[0][0] if in_body else typed[0][0])
    article_day = day_of(page.published)
    stated = next((d for s in ([evidence] + lead) if (d := event_date(s.text, article_day))), None)
    when = stated or (EventDate(article_day, "day", None) if article_day else None)  # else the article's day
    # the evidence sentence's figure first, then the lead's, the title's failing them
    told = ([evidence] if evidence.doc is doc else []) + lead + title
    killed, toll_sentence = next(((k, s) for s in told if (k := toll(s.text)) != (None, None)), ((None, None), None))
    wounded = next((w for s in told if (w := toll(s.text, "wounded")) != (None, None)), (None, None))
    if _only_talk(title, typed[0][0], toll_sentence is None and wounded == (None, None), page.outlet):
        return []
    actor, category, target, actor_key = None, "unknown", None, None
    # the title and the lead sentences of this event; a first one that says only `attack` states it too
    stating = [s for i, (s, t, k) in enumerate(kinds) if t == type_ or (i == 0 and k is None)][:3]
    stating += [s for s in title if s not in stating]  # `Syrian Army Kills 70 …`: a title with no event word
    for s in stating:
        actor, category, target = actor_and_target(s, page.outlet)
        if actor:
            actor_key = named_in(actor, s, doc, mentions)
            break
    stating_toll = [s for s in told if s is toll_sentence or (killed != (None, None) and toll(s.text) == killed)]
    # an event with no toll is cited to whoever reports it: `… began an offensive, a monitor said`
    reported = stating_toll or [s for s in (evidence, *stating) if s.doc is doc] or stating
    claimant, claimant_key = claimant_of(reported, doc, lead, quotes, mentions, entities, page.outlet)
    return [
        Event(
            type=type_,
            sentence=evidence.text.strip(),
            start=evidence.start_char if evidence.doc is doc else None,
            end=evidence.end_char if evidence.doc is doc else None,
            place_key=_place(evidence, mentions, entities, primary_place),
            actor=actor,
            actor_key=actor_key,
            actor_category=category,
            target=target,
            **when_and_toll(when, killed, wounded),
            killed_among=killed_among(toll_sentence.text) if toll_sentence is not None else {},
            claimant=claimant,
            claimant_key=claimant_key,
            confidence=0.5 if stated is None else 0.7,
            main=True,
        )
    ]


def when_and_toll(when: EventDate | None, killed: tuple, wounded: tuple) -> dict:
    """An Event's date and toll fields."""
    return {
        "date": when.iso if when else None,
        "date_precision": when.precision if when else None,
        "date_as_written": when.as_written if when else None,
        "date_basis": ("text" if when.as_written else "published") if when else None,
        "killed_min": killed[0],
        "killed_max": killed[1],
        "wounded_min": wounded[0],
        "wounded_max": wounded[1],
    }


TITLE_REPEAT = 200  # how far after the page's stamp its title may be repeated, behind a byline at most


def _after_title(body: str, title: str | None, start: int) -> int:
    """Where the lead begins when the page repeats its title near its top (`August 21 2013 <title>. …`,
    `by <author> <title> …`): the repeat is the title, not a lead sentence."""
    title = (title or "").strip().rstrip(".")
    if len(title) < 12:
        return start
    at = body.lower().find(title.lower(), start, start + TITLE_REPEAT + len(title))
    if at < 0:
        return start
    end = at + len(title)
    while end < len(body) and (body[end].isspace() or body[end] in ".:|-"):
        end += 1
    return end


def is_caption(sentence: Span, after: Span | None) -> bool:
    """A photo caption: caption words or a credit at its end; or the credit opening the next sentence,
    where the sentence splitter put it (`… August 6 2016. (Reuters) Syrian …`)."""
    v = _vocabulary()
    return bool(v.captions.search(sentence.text) or (after is not None and v.credit_first.match(after.text)))


def _only_talk(title: list[Span], first: Span, uncounted: bool, outlet: str | None) -> bool:
    """A statement, talks, a meeting: the title names no event and no force doing anything (`Kerry discusses
    …`, `X declares …`), and the lead counts no dead or wounded. An offensive with no toll (`Kurd-led forces
    press …`) names its doer."""
    if not title or title[0] is first or not uncounted:
        return False
    actor, _, target = actor_and_target(title[0], outlet)
    return actor is None and target is None  # `… press Islamic State`: a force it is done to is an event too


def _place(sentence: Span, mentions: list[Mention], entities: dict[str, Entity], primary: str | None) -> str | None:
    """Where the evidence sentence places the event in Syria; else the article's primary place; else the
    first place the sentence names."""
    if (found := event_place(sentence, mentions, entities)) is not None:
        return found
    inside = [
        m
        for m in mentions
        if m.context == "body" and m.type == "place" and sentence.start_char <= m.start < sentence.end_char
    ]
    return primary or (inside[0].entity_key if inside else None)


def named_in(words: str, sentence: Span, doc: Doc, mentions: list[Mention]) -> str | None:
    """The entity a phrase of the sentence names (`Syrian Arab Army`, `the Syrian Observatory`), if the
    sentence mentions it."""
    if sentence.doc is doc:
        inside = [m for m in mentions if m.context == "body" and sentence.start_char <= m.start < sentence.end_char]
    else:
        inside = [m for m in mentions if m.context == "title"]
    # the phrase's head must be the name: `US-led` (a coalition the US leads) is not the United States
    return next((m.entity_key for m in inside if words.endswith(m.text) or words in m.text), None)
