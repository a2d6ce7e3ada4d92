"""Events that are one real event: the same kind (an airstrike and shelling are one bombardment, as
outlets name the same one either way), in the same governorate (or place), dated within two days of the
first report of it, whichever articles report them. Each such group shares an `event_cluster`, the id of its earliest
event, so `event CLUSTER` can set the outlets' accounts of one event side by side."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .connect import Corpus

DAYS_APART = 2
_KIND = {"airstrike": "bombardment", "shelling": "bombardment"}


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
    one event."""
    rows = db.execute(
        """select id, type, date, coalesce(governorate, place_id) from events
           where date glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' and coalesce(governorate, place_id) is not null
           order by date, id"""
    ).fetchall()
    open_: dict[tuple[str, str], tuple[str, date]] = {}  # (kind, where) -> (cluster id, its first date)
    assigned, sizes = [], {}
    for id_, type_, day, where in rows:
        key, when = (_KIND.get(type_, type_), where), date.fromisoformat(day)
        cluster, first = open_.get(key, (None, None))
        if cluster is None or (when - first).days > DAYS_APART:  # a window from the first report, no chains
            cluster, first = id_, when
        open_[key] = (cluster, first)
        assigned.append((cluster, id_))
        sizes[cluster] = sizes.get(cluster, 0) + 1
    db.execute("update events set event_cluster = null")
    db.conn.executemany("update events set event_cluster = ? where id = ?", assigned)
    return sum(1 for n in sizes.values() if n > 1)
