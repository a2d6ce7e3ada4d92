"""The NLP step: a pure function from a segmented page to its entities, mentions and quotes."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import gazetteer
from ..read.segment import normalise
from ..records import Analysis, Entity, Mention, Page
from .entities import extract_entities, known_entity, place_entity
from .events import extract_events
from .incidents import every_event, with_scope
from .namesakes import localise
from .primary_place import primary_place
from .quotes import extract_quotes
from .targets import with_target


def analyse(nlp: Language, page: Page) -> Analysis:
    (result,) = analyse_many(nlp, [page])
    return result


def analyse_many(nlp: Language, pages: list[Page], batch_size: int = 32) -> list[Analysis]:
    """Many pages, with spaCy batching the bodies and the titles."""
    bodies = [normalise(p.body) for p in pages]
    short = [b for b in bodies if len(b) < nlp.max_length]
    parsed = iter(nlp.pipe(short, batch_size=batch_size))
    docs = [next(parsed) if len(b) < nlp.max_length else _parse_long(nlp, b) for b in bodies]
    titled = [p for p in pages if p.title]
    titles = dict(
        zip(map(id, titled), nlp.pipe((normalise(p.title) for p in titled), batch_size=batch_size), strict=True)
    )
    return [analyse_doc(nlp, page, doc, titles.get(id(page))) for page, doc in zip(pages, docs, strict=True)]


def _parse_long(nlp: Language, text: str) -> Doc:
    """A text over the model's length limit, parsed in pieces cut at line breaks (else spaces) and joined
    back into one Doc with the same text, so offsets still index the body."""
    pieces, start = [], 0
    limit = nlp.max_length - 1
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind("\n"), window.rfind(" ") if "\n" not in window else -1)
        end = start + (cut + 1 if cut > 0 else limit)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return Doc.from_docs(list(nlp.pipe(pieces)), ensure_whitespace=False)


def analyse_doc(nlp: Language, page: Page, doc: Doc, title_doc: Doc | None = None) -> Analysis:
    """Entities and quotes of a page whose normalised body spaCy has parsed into `doc` (same length as the
    stored body, so offsets carry over). The title is parsed too. Related headlines and tags yield only
    knowledge-base and gazetteer matches, kept apart from the article's own mentions."""
    ents = extract_entities(doc)
    quotes = [q for q in extract_quotes(doc, ents, page.paragraphs) if not _excluded(page, q.start, q.end)]
    mentions = [m for m in ents.mentions if not _excluded(page, m.start, m.end)]
    for item in (*quotes, *mentions):
        item.text = page.body[item.start : item.end]
    kept = {m.entity_key for m in mentions} | {q.speaker_key for q in quotes if q.speaker_key}
    entities = {k: e for k, e in ents.entities.items() if k in kept}
    if page.title:
        # Headline case misleads the statistical NER (`Bombardment Kills`): a title keeps only the names the
        # body confirms, the knowledge base knows, or the gazetteer places.
        title_doc = title_doc if title_doc is not None else nlp(normalise(page.title))
        title = extract_entities(title_doc)
        confirmed = {k: e for k, e in title.entities.items() if k in entities or _is_known(e)}
        _merge(entities, confirmed)
        mentions += [_in_context(m, "title", page.title) for m in title.mentions if m.entity_key in confirmed]
    for context, items in (("headline", page.related_headlines), ("tag", page.tags)):
        for n, text in enumerate(items):
            for entity, mention in _known_in(nlp, text, f"{context}:{n}"):
                _merge(entities, {entity.key: entity})
                mentions.append(mention)
    entities, mentions = localise(entities, mentions, page.body)
    primary = primary_place(entities, mentions, page.body)
    # before the entities are listed: an event may add the place around a city it happened outside
    events = _events(doc, title_doc if page.title else None, page, entities, mentions, quotes, primary)
    return Analysis(
        entities=list(entities.values()), mentions=mentions, quotes=quotes, primary_place=primary, events=events
    )


def _events(doc, title_doc, page: Page, entities: dict, mentions: list, quotes: list, primary: str | None) -> list:
    """The main event (with its toll's scope), then every other event the article reports."""
    found = extract_events(doc, title_doc, page, entities, mentions, quotes, primary)
    main = [with_scope(with_target(e, doc), doc) for e in found]
    return every_event(doc, page, main, entities, mentions, quotes)


def _is_known(e: Entity) -> bool:
    return known_entity(e.key) is not None or (e.type == "place" and e.country is not None)


def _excluded(page: Page, start: int, end: int) -> bool:
    return any(start < e and s < end for s, e in page.excluded)


def _in_context(m: Mention, context: str, text: str) -> Mention:
    return Mention(m.entity_key, m.type, text[m.start : m.end], m.start, m.end, context)


def _merge(into: dict[str, Entity], new: dict[str, Entity]) -> None:
    for key, e in new.items():
        if key in into:
            into[key].aliases |= e.aliases
            into[key].role = into[key].role or e.role
        else:
            into[key] = e


def _known_in(nlp: Language, text: str, context: str) -> list[tuple[Entity, Mention]]:
    """Knowledge-base entities and curated places in a headline or tag; a tag that is itself a place
    name resolves through the gazetteer. No statistical NER here: these lines are not the article."""
    doc = nlp.get_pipe("entity_ruler")(nlp.make_doc(normalise(text)))
    found = []
    for ent in doc.ents:
        if ent.ent_id_ and (entity := known_entity(ent.ent_id_)) is not None:
            if ent.text != entity.name:
                entity.aliases.add(ent.text)
            found.append((entity, Mention(entity.key, entity.type, ent.text, ent.start_char, ent.end_char, context)))
    if not found and context.startswith("tag") and text[:1].isupper() and (place := gazetteer.lookup(text)):
        entity = place_entity(place)
        if text != entity.name:
            entity.aliases.add(text)
        found.append((entity, Mention(entity.key, "place", text, 0, len(text), context)))
    return found
