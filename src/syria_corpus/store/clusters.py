"""Events that are one real event: the same kind (an airstrike and shelling are one bombardment, as
outlets name the same one either way), in the same governorate (or place; Damascus and its countryside are
one, as outlets file the same attack under either), dated within two days of the first report of it (one,
where both texts state the day: daily strikes on one city are not one event), whichever articles report them. Each such group shares an `event_cluster`, the id of its earliest
event, so `event CLUSTER` can set the outlets' accounts of one event side by side."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..resources import load_json

if TYPE_CHECKING:
    from .connect import Corpus

DAYS_APART = 2
STATED_APART = 1  # two reports that each state the day: `overnight`, time zones


def clusters_stale(db: Corpus) -> bool:
    """Whether a dated, placed event has no cluster yet, or one names an event that is gone: what an ingest
    interrupted after its last article was stored (before the clusters were refreshed) leaves, which the
    next run, with nothing left to store, must still repair."""
    return (
        db.execute(
            """select 1 from events where event_cluster is null
               and date glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' and coalesce(governorate, place_id) is not null
               union all
               select 1 from events e where e.event_cluster is not null
               and not exists (select 1 from events c where c.id = e.event_cluster)
               limit 1"""
        ).fetchone()
        is not None
    )


def refresh_clusters(db: Corpus) -> int:
    """Group every dated event anew, in the caller's transaction; returns how many clusters hold more than
    one event. A report placed only in Syria joins the one cluster of its kind open on its day, if there
    is exactly one."""
    rows = db.execute(
        """select ev.id, ev.type, ev.date, coalesce(ev.governorate, ev.place_id), p.kind = 'country' and p.country = 'SY',
           coalesce(ev.date_basis, 'text') = 'text'
           from events ev left join entities p on p.id = ev.place_id
           where ev.date glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' and coalesce(ev.governorate, ev.place_id) is not null
           order by ev.date, coalesce(ev.date_basis, 'text') = 'published', ev.id"""
    ).fetchall()
    regions, kinds = _data("cluster_regions"), _data("same_kind")
    rare = frozenset(load_json("events.json")["rare_kinds"])
    open_: dict[tuple[str, str], tuple[str, date, bool]] = {}  # (kind, where) -> (cluster id, first date, stated)
    opened: list[tuple[str, date, str]] = []  # (kind, first date, cluster id) of every cluster
    assigned, sizes, nationwide = [], {}, []
    for id_, type_, day, where, in_syria, stated in rows:
        kind, when = kinds.get(type_, type_), date.fromisoformat(day)
        if in_syria:
            nationwide.append((id_, kind, when))
            continue
        key = (kind, regions.get(where, where))
        cluster, first, first_stated = open_.get(key, (None, None, False))
        # a window from the first report, no chains; narrower between two days the texts state
        narrow = stated and first_stated and kind not in rare  # a chemical attack is told of for days
        if cluster is None or (when - first).days > (STATED_APART if narrow else DAYS_APART):
            cluster, first, first_stated = id_, when, stated
            opened.append((kind, first, cluster))
        open_[key] = (cluster, first, first_stated)
        assigned.append((cluster, id_))
        sizes[cluster] = sizes.get(cluster, 0) + 1
    for id_, kind, when in nationwide:
        candidates = sorted(
            (c for k, first, c in opened if k == kind and 0 <= (when - first).days <= DAYS_APART),
            key=lambda c: -sizes[c],
        )
        clear = candidates and (len(candidates) == 1 or sizes[candidates[0]] > 2 * sizes[candidates[1]])
        cluster = candidates[0] if clear else id_
        if cluster == id_:
            opened.append((kind, when, id_))
        assigned.append((cluster, id_))
        sizes[cluster] = sizes.get(cluster, 0) + 1
    db.execute("update events set event_cluster = null")
    db.conn.executemany("update events set event_cluster = ? where id = ?", assigned)
    return sum(1 for n in sizes.values() if n > 1)


def _data(section: str) -> dict[str, str]:
    """What outlets file one event under (`data/events.json`): governorates, kinds."""
    return {k: v for k, v in load_json("events.json")[section].items() if not k.startswith("_")}
