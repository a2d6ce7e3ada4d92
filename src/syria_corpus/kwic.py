"""Keyword in context: every occurrence of a word or phrase in article bodies (or in quotes), with the text
either side, each line citable by article id, outlet and date. A known name stands for all its spellings,
as in search."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .errors import CorpusError
from .filters import NO_FILTERS, Filters
from .queries import filter_conditions, spellings
from .search_syntax import quote_phrase

if TYPE_CHECKING:
    from .store.connect import Corpus


def kwic(
    db: Corpus,
    phrase: str,
    *,
    width: int = 40,
    in_quotes: bool = False,
    exact: bool = False,
    filters: Filters = NO_FILTERS,
) -> Iterator[dict]:
    """Lines of article_id, (quote_id,) outlet, date, left, keyword, right, oldest article first."""
    phrase = " ".join(phrase.split())
    if not re.search(r"\w", phrase):
        raise CorpusError(f"nothing to find in {phrase!r}")
    forms = sorted({phrase, *([] if exact else spellings(db, phrase))}, key=len, reverse=True)
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms) + r")(?!\w)", re.IGNORECASE
    )
    match = " OR ".join(map(quote_phrase, forms))
    where, params = filter_conditions(db, filters, "q.article_id" if in_quotes else "a.id", quotes=in_quotes)
    if in_quotes:
        sql = """select q.article_id, q.id as quote_id, a.outlet, a.date, q.text from quotes q
                 join articles a on a.id = q.article_id
                 where q.rowid in (select rowid from quotes_fts where quotes_fts match ?)"""
    else:
        sql = """select a.id as article_id, a.outlet, a.date, a.body as text from articles a
                 where a.rowid in (select rowid from articles_fts where articles_fts match ?)"""
    sql += "".join(" and " + c for c in where) + " order by a.date is null, a.date, a.id"
    cursor = db.execute(sql, [match, *params])
    cols = [d[0] for d in cursor.description]
    for values in cursor:
        row = dict(zip(cols, values, strict=True))
        text = row.pop("text") or ""
        for m in pattern.finditer(text):
            left = " ".join(text[max(0, m.start() - width) : m.start()].split())
            right = " ".join(text[m.end() : m.end() + width].split())
            yield row | {"left": left[-width:], "keyword": m.group(0), "right": right[:width]}
