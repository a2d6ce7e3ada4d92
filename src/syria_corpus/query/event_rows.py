"""The events table as a researcher asks it: by the event's own date and governorate, type, actor and
toll, with the reporting article's outlet and the article filters."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..dates import day_of
from ..errors import CorpusError
from ..resources import load_json
from .filters import NO_FILTERS, Filters, governorate_name
from .queries import dict_rows, filter_conditions, where_clause
from .suggest import known_value, unknown

if TYPE_CHECKING:
    from ..store.connect import Corpus

EVENT_COLUMNS = [
    "event_id", "article_id", "external_id", "path", "outlet", "main", "type", "date", "date_precision",
    "date_partial", "date_as_written", "date_basis", "place", "governorate", "lat", "lon", "geo_precision", "actor", "actor_id", "actor_category",
    "target", "killed_min", "killed_max", "killed_civilians", "killed_combatants", "killed_children", "killed_women",
    "wounded_min", "wounded_max", "toll_scope", "claimant", "claimant_id", "confidence", "sentence",
    "page", "start", "end", "event_cluster",
]  # fmt: skip
_SELECT = """select ev.id as event_id, ev.article_id, a.external_id, a.path, a.outlet, ev.main, ev.type, ev.date,
    ev.date_precision, ev.date_as_written, ev.date_basis, ev.place, ev.governorate, ev.lat, ev.lon, ev.geo_precision,
    coalesce(actor.name, ev.actor) as actor, ev.actor_id, ev.actor_category, ev.target, ev.killed_min,
    ev.killed_max, ev.killed_civilians, ev.killed_combatants, ev.killed_children, ev.killed_women, ev.wounded_min,
    ev.wounded_max, ev.toll_scope, coalesce(claimant.name, ev.claimant) as claimant,
    ev.claimant_id, ev.confidence, ev.sentence, ev.page, ev.start, ev."end", ev.event_cluster
    from events ev join articles a on a.id = ev.article_id left join entities actor on actor.id = ev.actor_id
    left join entities claimant on claimant.id = ev.claimant_id"""


def types() -> list[str]:
    return [*load_json("events.json")["types"], "other"]


def actor_categories() -> list[str]:
    return [*load_json("events.json")["category_order"], "unknown"]


def events(
    db: Corpus,
    limit: int | None = None,
    *,
    type_: str | None = None,
    actor: str | None = None,
    min_killed: int | None = None,
    main_only: bool = False,
    filters: Filters = NO_FILTERS,
) -> list[dict]:
    """Events oldest first (undated, and those whose year is unknown, last). `--since`/`--until` and
    `--governorate` are the event's own; `actor` is a category (`coalition`) or words of the actor."""
    where, params = event_conditions(db, filters)
    if type_:
        where.append("ev.type = ?")
        params.append(known_value("event type", type_, types()))
    if actor:
        where.append(_actor(db, actor))
        params += [actor, actor]
    if min_killed is not None:
        where.append("ev.killed_min >= ?")
        params.append(min_killed)
    if main_only:
        where.append("ev.main = 1")
    sql = f"""{_SELECT}{where_clause(where)}
              order by ev.date is null or ev.date like '--%', ev.date, a.id, ev.start"""
    if limit:
        sql += f" limit {int(limit)}"
    return _rows(db, sql, params)


_ACTOR = "(ev.actor_category = lower(?) or instr(lower(coalesce(actor.name, ev.actor)), lower(?)) > 0)"


def _actor(db: Corpus, actor: str) -> str:
    """The condition that an event's actor is of a category or holds these words; an error naming the nearest
    category when no event of the corpus has such an actor."""
    if (
        actor.lower() not in actor_categories()
        and not db.execute(f"{_SELECT} where {_ACTOR} limit 1", [actor] * 2).fetchone()
    ):
        raise unknown("actor", actor, actor_categories())
    return _ACTOR


def event_conditions(db: Corpus, filters: Filters) -> tuple[list[str], list]:
    """The filters on events (`ev`, its article joined as `a`): --since, --until and --governorate are the
    event's own date and governorate, the rest the article's."""
    where, params = filter_conditions(db, replace(filters, since=None, until=None, governorate=None), None)
    more, more_params = filters.dates("ev.date")
    where, params = where + more, params + more_params
    if filters.governorate:
        where.append("ev.governorate = ?")
        params.append(governorate_name(db, filters.governorate))
    return where, params


def cluster(db: Corpus, ref: str) -> list[dict]:
    """One real event as each outlet tells it: the events of the cluster of `ref` (an event id, an
    event_cluster, an article id for its main event, or enough of any of them to name one), oldest report
    first: date, toll, who is blamed and who gives the figure, article by article."""
    return _rows(
        db,
        f"{_SELECT} where coalesce(ev.event_cluster, ev.id) = ? order by ev.date, a.outlet, a.id",
        [_cluster_of(db, ref)],
    )


_REFERENCES = (  # what an ID given to `event` may be, the most exact first
    "select distinct coalesce(event_cluster, id) from events where id = ?1 or event_cluster = ?1",
    "select coalesce(event_cluster, id) from events where article_id = ?1 and main = 1",
    """select distinct coalesce(event_cluster, id) from events where substr(id, 1, length(?1)) = ?1
       or (main = 1 and substr(article_id, 1, length(?1)) = ?1)""",
)
SHORTEST_PREFIX = 4


def _cluster_of(db: Corpus, ref: str) -> str:
    ref = ref.strip().lower()
    for n, sql in enumerate(_REFERENCES):
        if n == len(_REFERENCES) - 1 and len(ref) < SHORTEST_PREFIX:
            break
        found = [r[0] for r in db.execute(sql, [ref]).fetchall()]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise CorpusError(f"{ref!r} begins the ids of {len(found)} events; give more of it")
    raise CorpusError(
        f"no event {ref!r}: give an event id or an event_cluster from `events`, an article id, or the first "
        f"{SHORTEST_PREFIX} or more characters of one"
    )


def _rows(db: Corpus, sql: str, params: list) -> list[dict]:
    """Rows as exports want them: `date` a whole day or empty, so a spreadsheet or pandas reads the column
    as dates; a month (`2016-09`) or a day of no known year (`--09-17`) in `date_partial`."""
    out = []
    for row in dict_rows(db, sql, params):
        stored = row["date"]
        day = day_of(stored) if stored and not stored.startswith("--") else None
        row |= {"main": bool(row["main"]), "date": day, "date_partial": None if day else stored}
        out.append({c: row[c] for c in EVENT_COLUMNS})
    return out


def all_events(db: Corpus, filters: Filters = NO_FILTERS) -> list[dict]:
    """Every event that passes the filters, for `export events`."""
    return events(db, filters=filters)
