"""Quotes and their speakers, one job a module, in the order the data flows:

- `marks`: direct quotes from quote marks, paired within a paragraph (single quotes nest inside);
- `cues`: the speech verb (or `according to`, or a framing colon) that introduces a quote;
- `phrases`: what a subject phrase names — its head, not whoever is named inside it;
- `floor`: who has held the floor so far (subjects, speakers), one sorted list of typed entries;
- `speakers`: a cue's subject resolved to a speaker — a name, a pronoun, a description, a document;
- `reported`: reported speech (`X said that …`, `according to X, …`), stored as kind="indirect";
- `extract`: the quotes of one article, with continuation across sentences and paragraphs.
"""

from .extract import extract_quotes
from .marks import is_label, mark_role, quote_spans

__all__ = ["extract_quotes", "is_label", "mark_role", "quote_spans"]
