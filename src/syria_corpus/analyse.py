"""The NLP step: a pure function from an article body to its entities, mentions and quotes."""

from __future__ import annotations

from spacy.language import Language

from .entities import extract_entities
from .quotes import extract_quotes
from .records import Analysis, Page
from .segment import normalise


def analyse(nlp: Language, page: Page) -> Analysis:
    """Run spaCy on the normalised body (same length as the stored body, so offsets carry over)."""
    doc = nlp(normalise(page.body))
    ents = extract_entities(doc)
    quotes = extract_quotes(doc, ents, page.paragraphs)
    for item in (*quotes, *ents.mentions):
        item.text = page.body[item.start : item.end]
    return Analysis(entities=list(ents.entities.values()), mentions=ents.mentions, quotes=quotes)
