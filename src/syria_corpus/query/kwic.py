"""Keyword in context: every occurrence of a word or phrase in article bodies (or in quotes), with the text
either side, each line citable by article id, outlet and date. A known name stands for all its spellings,
as in search."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..errors import CorpusError
from .filters import NO_FILTERS, Filters
from .queries import article_walk, filter_conditions, spellings
from .search_syntax import quote_phrase

if TYPE_CHECKING:
    from ..store.connect import Corpus


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
    if not in_quotes:
        filters.refuse_quote_filters("use them with --quotes")
    where, params = filter_conditions(db, filters, None, quotes=in_quotes)
    if in_quotes:
        sql = """select q.article_id, q.id as quote_id, a.outlet, a.date, q.rowid from quotes q
                 join articles a on a.id = q.article_id
                 where q.rowid in (select rowid from quotes_fts where quotes_fts match ?)"""
        text_sql = "select text from quotes where rowid = ?"
    else:
        sql = f"""select a.id as article_id, a.outlet, a.date, a.rowid from articles a{article_walk(db, match)}
                 where a.rowid in (select rowid from articles_fts where articles_fts match ?)"""
        text_sql = "select body from articles where rowid = ?"
    sql += "".join(" and " + c for c in where)
    # Dated articles in the order of the date index, then the undated: the first lines come without
    # sorting every match, and each text is read only when its lines are wanted.
    for dated in (sql + " and a.date is not null order by a.date, a.id", sql + " and a.date is null order by a.id"):
        cursor = db.execute(dated, [match, *params])
        cols = [d[0] for d in cursor.description][:-1]
        for *values, rowid in cursor:
            row = dict(zip(cols, values, strict=True))
            text = db.execute(text_sql, [rowid]).fetchone()[0] or ""
            for m in pattern.finditer(text):
                left = " ".join(text[max(0, m.start() - width) : m.start()].split())
                right = " ".join(text[m.end() : m.end() + width].split())
                yield row | {"left": left[-width:], "keyword": m.group(0), "right": right[:width]}
