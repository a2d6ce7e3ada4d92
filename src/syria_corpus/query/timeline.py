"""Counts over time: how many articles, quotes or mentions fall in each day, week, month or year (of the
articles' dates), for a search, a speaker, or what the filters leave; split by outlet when asked. Articles
with no date are left out, and counted apart so that a chart never hides them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from ..errors import CorpusError
from .event_rows import event_conditions
from .filters import NO_FILTERS, Filters, entity_ids
from .queries import article_walk, filter_conditions, fts_query, fts_rows, speaker_condition

if TYPE_CHECKING:
    from ..store.connect import Corpus


class Unit(Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class Counted(Enum):
    ARTICLES = "articles"
    QUOTES = "quotes"
    MENTIONS = "mentions"
    EVENTS = "events"


_PERIOD = {
    Unit.DAY: "{day}",
    Unit.WEEK: "iso_week({day})",
    Unit.MONTH: "substr({day}, 1, 7)",
    Unit.YEAR: "substr({day}, 1, 4)",
}
_FROM = {
    Counted.ARTICLES: "articles a",
    Counted.QUOTES: "quotes q join articles a on a.id = q.article_id",
    Counted.MENTIONS: "mentions m join articles a on a.id = m.article_id",
    Counted.EVENTS: "events ev join articles a on a.id = ev.article_id",
}
# Events count on their own day (one whose year is unknown, `--09-17`, is undated); the rest on the article's.
_EVENT_DAY = "(case when ev.date glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' then ev.date end)"


@dataclass(frozen=True)
class Timeline:
    rows: list[dict]  # period, (outlet,) count
    undated: int  # what matched but has no date


def timeline(
    db: Corpus,
    counted: Counted = Counted.ARTICLES,
    unit: Unit = Unit.MONTH,
    *,
    query: str | None = None,
    speaker: str | None = None,
    by_outlet: bool = False,
    exact: bool = False,
    filters: Filters = NO_FILTERS,
) -> Timeline:
    """Counts per period. `query` is a full-text search (over quotes when counting quotes, else over
    articles); `speaker` counts that speaker's quotes; mentions count those of the filters' --person,
    --place or --org when one is given, else all; events count on the event's own day, and --since,
    --until and --governorate are the event's."""
    if speaker and counted is not Counted.QUOTES:
        raise CorpusError("--speaker counts quotes: use it with --count quotes")
    if counted is not Counted.QUOTES:
        filters.refuse_quote_filters("use them with --count quotes")
    source = _FROM[counted]
    db.conn.create_function("iso_week", 1, _iso_week, deterministic=True)
    if counted is Counted.EVENTS:
        where, params = event_conditions(db, filters)
    else:
        where, params = filter_conditions(db, filters, None, quotes=counted is Counted.QUOTES)
    if query:
        match = fts_query(db, query, exact=exact)
        if counted is Counted.QUOTES:
            where.append("q.rowid in (select rowid from quotes_fts where quotes_fts match ?)")
        else:
            where.append("a.rowid in (select rowid from articles_fts where articles_fts match ?)")
            if counted is Counted.ARTICLES:
                source += article_walk(db, match)
        params.append(match)
    if speaker:
        condition, more, _ = speaker_condition(db, speaker)
        where.append(condition)
        params += more
    if counted is Counted.MENTIONS and (named := _named_entities(db, filters)):
        where.append(f"m.entity_id in ({', '.join('?' * len(named))})")
        params += named
    period = _PERIOD[unit].format(day=_EVENT_DAY if counted is Counted.EVENTS else "a.date")
    keys = f"{period} as period" + (", coalesce(a.outlet, '(unknown)') as outlet" if by_outlet else "")
    group = "1, 2" if by_outlet else "1"  # by position: quotes carry an `outlet` of their own, so the name is ambiguous
    conditions = " and ".join(where) or "1"
    sql = f"select {keys}, count(*) as count from {source} where {conditions} group by {group} order by {group}"
    rows = fts_rows(db, sql, params, query or "")  # one pass: the undated come as a period of their own
    return Timeline([r for r in rows if r["period"] is not None], sum(r["count"] for r in rows if r["period"] is None))


def _named_entities(db: Corpus, filters: Filters) -> list[str]:
    named = []
    for name, type_ in ((filters.person, "person"), (filters.place, "place"), (filters.org, "org")):
        if name:
            named += entity_ids(db, name, type_)
    return named


def _iso_week(day: str | None) -> str | None:
    """`2016-W37`: the ISO 8601 week (Monday to Sunday; week 1 holds the year's first Thursday)."""
    if day is None:
        return None
    year, week, _ = dt.date.fromisoformat(day).isocalendar()
    return f"{year}-W{week:02d}"
