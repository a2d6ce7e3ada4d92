"""What an event's words say: its kind (`barrel bomb` is an airstrike) and its toll (`at least 62 killed`),
as ACLED and UCDP code them. The vocabulary (types and their words, numbers in words, actor categories) is
data: `data/events.json`, read once here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from ..resources import load_json, load_words


@cache
def same_kind() -> dict[str, str]:
    """Kinds outlets use for one happening (`data/events.json` same_kind): an airstrike, or shelling."""
    return {k: v for k, v in load_json("events.json")["same_kind"].items() if not k.startswith("_")}


@dataclass(frozen=True)
class Vocabulary:
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
    euphemism: re.Pattern[str]  # `eliminated 12 Daesh militants`: a word for killing fighters, with them
    counting: re.Pattern[str]  # any word of the dead or wounded: a cheap test before reading a toll
    air_forces: frozenset[str]  # categories whose bombs fall from the air
    ground: re.Pattern[str]  # `car bomb`, `suicide`: a bomb that went off on the ground
    one: dict[str, re.Pattern[str]]  # kind -> `a woman was killed`: one victim, counted by the article


@cache
def vocabulary() -> Vocabulary:
    data = load_json("events.json")
    words, phrases = {}, []
    for type_, triggers in data["types"].items():
        many = sorted((t for t in triggers if " " in t), key=len, reverse=True)  # the longest at a place wins
        if many:  # one pattern a type: a sentence is searched once for each, not once for each phrase
            phrases.append((re.compile(rf"\b(?:{'|'.join(map(re.escape, many))})(?:s|es)?\b", re.IGNORECASE), type_))
        for t in triggers:
            if " " not in t:
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
        rf"(?:,?\s+(?:including|among\s+them|(?:one|most|some)\s+of\s+them|most)\s+[\w-]+(?:\s+[a-z][\w'-]*){{0,4}})?"
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
                |(?:{total}(?<!\ba\s)number\s+of\s+(?:[\w'-]+\s+){{0,3}}?(?:{verbs}))
                 (?:(?:\s+(?!\d)[\w'-]+){{0,24}}?(?:\s+(?:to|at|of|reached|reaches|hit|hits|was|is)|(?=\s+(?:{qualifiers})\s)))?
                 \s+(?:(?P<q4>{qualifiers})\s+)?(?P<n4>{number})\b""",
            re.IGNORECASE | re.VERBOSE,
        )

    categories = [(c, words_pattern(data["actor_categories"][c])) for c in data["category_order"]]
    by_outlet: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for category, spec in data["outlet_categories"].items():
        if not category.startswith("_"):
            for outlet in spec["outlets"]:
                by_outlet.setdefault(outlet, []).append((category, words_pattern(spec["words"])))
    captions = re.compile(
        r"\b(?:"
        + "|".join(map(re.escape, data["caption_words"]))
        + r")\b|\((?:"
        + "|".join(map(re.escape, data["caption_credits"]))
        + r")\)\s*$",
        re.IGNORECASE,
    )
    return Vocabulary(
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
        re.compile(
            rf"\b(?:{'|'.join(map(re.escape, data['kill_euphemisms']))})\s+(?:(?P<q>{qualifiers})\s+)?(?P<n>{number})"
            rf"(?:\s+[a-z][\w'-]*){{0,3}}?\s+(?:{'|'.join(map(re.escape, data['casualty_groups']['combatants']))})\b",
            re.IGNORECASE,
        ),
        re.compile(rf"\b(?:{all_verbs})\b", re.IGNORECASE),
        frozenset(data["air_forces"]),
        re.compile(r"\b(?:" + "|".join(map(re.escape, data["ground_blasts"])) + ")", re.IGNORECASE),
        {k: re.compile(rf"\b(?:an?|one)\s+(?:[a-z][\w'-]*\s+)?(?:{'|'.join(data['one_victim'])})\s+{passive}(?:{'|'.join(map(re.escape, ws))})\b", re.IGNORECASE)
         for k, ws in data["casualty_words"].items()},
    )  # fmt: skip


def words_pattern(words: list[str]) -> re.Pattern[str]:
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
    v, text = vocabulary(), sentence.text  # a Span's text is built anew each time it is read
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
        if "chemical" in typed and _held(t):
            typed.discard("chemical")
        if "explosion" in typed and any(w in v.blast for w in forms):
            blast = True
            typed.discard("explosion")
        found |= typed
    if dropped and blast:
        found.add("airstrike")
    elif blast and not found & {"airstrike", "shelling"}:
        found.add("explosion")
    return next((t for t in v.priority if t in found), None)


def _held(word: Token) -> bool:
    """`chemical` of weapons held, not used: `a plan to eliminate Syria's chemical weapons`, `a U.N. resolution
    on Syria chemical arms`; a sentence that says they were used (`attack`, `using`, `killed`) is an event."""
    arsenal = load_json("events.json")["arsenal"]
    following = word.doc[word.i + 1 : word.i + 2]
    if not len(following) or following[0].lower_ not in arsenal["held"]:
        return False
    sentence = word.sent if word.doc.has_annotation("SENT_START") else word.doc[:]
    return not any(t.lower_ in arsenal["used"] for t in sentence)


def counts_in(sentence: Span) -> set[int]:
    """The numbers a sentence states that are not dates: what it counts."""
    return {n for t in sentence if t.like_num and t.ent_type_ not in ("DATE", "TIME") and (n := as_number(t.text))}


def as_number(text: str) -> int | None:
    """A count as written: `12`, `1,400`, `twelve`, `seventy-six`, `dozens` (12)."""
    text = " ".join(text.lower().split())
    if text[:1].isdigit():
        return int(text.replace(",", "")) if re.fullmatch(r"\d[\d,]*", text) else None  # not `3.5`, `1/2`
    numbers = vocabulary().numbers
    if "-" in text:  # seventy-six
        tens, _, units = text.partition("-")
        return numbers[tens] + numbers[units] if tens in numbers and units in numbers else None
    return numbers.get(text)


def toll(text: str, kind: str = "killed") -> tuple[int | None, int | None]:
    """(min, max) of the dead (or wounded) a sentence states: `at least 62` -> (62, None), `15 killed` ->
    (15, 15), `between 20 and 30` -> (20, 30), `dozens` -> (12, None), as ACLED codes them; `50 fighters and
    two civilians killed` -> 52, the dead of one event counted in parts."""
    v = vocabulary()
    m = _count_of(text, kind) or (v.euphemism.search(text) if kind == "killed" else None)
    if m is None:
        return (1, 1) if v.one[kind].search(text) else (None, None)
    written = m.group("n") or _group(m, "n3") or _group(m, "n4")
    n = as_number(written)
    if n is None:
        return None, None
    if _group(m, "n2") and (n2 := as_number(m.group("n2"))) is not None:
        return n, n2
    if _group(m, "plus") and (plus := as_number(m.group("plus"))) is not None:
        n += plus
    qualifier = " ".join((m.group("q") or _group(m, "q3") or _group(m, "q4") or "").lower().split())
    if qualifier in ("at least", "more than", "over") or " ".join(written.lower().split()) in v.vague:
        return n, None
    if qualifier == "up to":
        return None, n
    return n, n


def vague(text: str, kind: str = "killed") -> bool:
    """Whether the sentence's count of the dead (or wounded) is a word of no exact number (`dozens`,
    `hundreds`), which a later figure of the same article may make exact."""
    m = _count_of(text, kind)
    written = m and (m.group("n") or _group(m, "n3") or _group(m, "n4"))
    return bool(written) and " ".join(written.lower().split()) in vocabulary().vague


def _group(m: re.Match[str], name: str) -> str | None:
    """A group of the toll patterns, None where the pattern (a euphemism's) has none of that name."""
    return m.group(name) if name in m.re.groupindex else None


def _count_of(text: str, kind: str) -> re.Match[str] | None:
    """The first count of the dead (or wounded) in `text`. A number straight after the other kind's verb is
    that verb's (`killed 20 people and wounded 30`, `killed two patients injured eight`: 20 and two are
    dead, not wounded), unless this kind's verb follows it straight (`Killed 4 Wounded`) or `others` do
    (`killed 8 58 others injured`); nor is a number that the other kind's verb follows before this kind's
    (`40 were killed and dozens wounded`)."""
    v = vocabulary()
    pattern = v.killed if kind == "killed" else v.wounded
    other = v.verb_before["wounded" if kind == "killed" else "killed"]
    theirs = v.verb_next["wounded" if kind == "killed" else "killed"]
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        if (year := _a_year(text, m)) is not None:
            pos = year
            continue
        if m.group("n") and _not_of_the_dead(text, m):
            pos = m.end("n")
            continue
        if m.group("n"):
            own = v.verb_next[kind].match(text, m.end("n")) or _OTHERS.match(text, m.end("n"))
            crossed = theirs.search(text, m.end("n"), m.end())  # `40 … killed and dozens wounded`: 40 are dead
            if own or (not other.search(text, 0, m.start()) and not crossed):
                return m
        elif not m.group("n3") or not theirs.match(
            text, (o.end() if (o := _OTHERS.match(text, m.end("n3"))) else m.end("n3"))
        ):
            return m  # `killed two others injured`, `A woman killed 30 injured`: the number is the wounded's
        pos = m.end("n" if m.group("n") else "n3")
    return None


_OTHERS = re.compile(r"\s+others?\b", re.IGNORECASE)
_OWN_COUNT = re.compile(r"\s+(?:(?:at\s+least|more\s+than|over|some|about|nearly|around)\s+)?\d", re.IGNORECASE)


def _not_of_the_dead(text: str, m: re.Match[str]) -> bool:
    """A number before the verb that counts something else, where the verb has a figure of its own: `several
    opposition-held parts of eastern Aleppo killing 26 people`, `two towns killing 8`. A victim between
    them makes it the dead's (`two people one of them a child killed`)."""
    between = text[m.end("n") : m.end()].lower().split()[:-1]
    return len(between) >= 2 and not victims() & set(between) and bool(_OWN_COUNT.match(text, m.end()))


@cache
def victims() -> frozenset[str]:
    """Words for the people a toll counts: `civilians`, `fighters`, `people`, `others`."""
    groups = load_json("events.json")["casualty_groups"]
    generic = {"people", "persons", "others", "dead", "casualties", "wounded", "injured"}
    return frozenset(w for words in groups.values() for w in words) | generic


_YEAR_BEFORE = re.compile(
    r"(?:\b(?:in|since|of|year|early|late|mid|summer|winter|spring|autumn)|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2})?)\s*$",
    re.IGNORECASE,
)


def _a_year(text: str, m: re.Match[str]) -> int | None:
    """Where to search on, when the match's number is a year (`17 June 2016 Civilians Killed`, `in 2013
    killed`), not a count; else None."""
    group = next((g for g in ("n", "n3", "n4") if m.group(g)), None)
    written = m.group(group) if group else ""
    if not (len(written) == 4 and written.isdigit() and 1900 <= int(written) <= 2099):
        return None
    return m.end(group) if _YEAR_BEFORE.search(text, 0, m.start(group)) else None


def killed_among(text: str) -> dict[str, int]:
    """How many of the dead a sentence puts in each group: `25 civilians six of them children` ->
    civilians 25, children 6; `62 Syrian servicemen` -> combatants 62 (`people` are in no group)."""
    found = {}
    for group, pattern in vocabulary().groups:
        if (m := pattern.search(text)) is not None and (n := as_number(m.group("n"))) is not None:
            found[group] = n
    return found


def from_the_air(type_: str, category: str, text: str) -> str:
    """`regime bombs Kurdish fighters`, `Russian bombing of Idlib`: in this war the bombs of a force with an
    air force (`data/events.json` air_forces) fall from the air, unless the text says they went off on the
    ground (a car bomb, a suicide attack, a mine)."""
    v = vocabulary()
    if type_ != "explosion" or category not in v.air_forces:
        return type_
    return type_ if v.ground.search(text) else "airstrike"
