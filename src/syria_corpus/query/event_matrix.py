"""Outlets side by side: for any filters, a table of who reports what and whom they blame ("SANA gave 8
dead, SOHR 23"), each row one value of a field (an outlet), each column the events of one value of another
(an actor category), with the row's events and median toll."""

from __future__ import annotations

from statistics import median
from typing import TYPE_CHECKING

from ..errors import CorpusError
from .event_rows import events
from .filters import NO_FILTERS, Filters

if TYPE_CHECKING:
    from ..store.connect import Corpus

DIMENSIONS = ("outlet", "actor_category", "type", "governorate", "year", "claimant")


def event_matrix(db: Corpus, rows_by: str, columns_by: str, *, filters: Filters = NO_FILTERS, **chosen) -> list[dict]:
    """One dict per value of `rows_by` (most events first): `events`, `median_killed` over the events that
    give a toll, and the count of its events for each value of `columns_by`. `chosen` are `events`'s own
    filters (type_, actor, min_killed, main_only). A summary toll is not an event's: it counts no median."""
    for field in (rows_by, columns_by):
        if field not in DIMENSIONS:
            raise CorpusError(f"cannot tabulate events by {field!r}: choose from {', '.join(DIMENSIONS)}")
    table: dict[str, dict] = {}
    columns: set[str] = set()
    tolls: dict[str, list[int]] = {}
    for event in events(db, filters=filters, **chosen):
        row, column = _value(event, rows_by), _value(event, columns_by)
        columns.add(column)
        line = table.setdefault(row, {rows_by: row, "events": 0})
        line["events"] += 1
        line[column] = line.get(column, 0) + 1
        if event["killed_min"] is not None and event["toll_scope"] != "summary":
            tolls.setdefault(row, []).append(event["killed_min"])
    ordered = sorted(columns)
    return [
        {
            rows_by: line[rows_by],
            "events": line["events"],
            "median_killed": _median(tolls.get(key)),
        }
        | {c: line.get(c, 0) for c in ordered}
        for key, line in sorted(table.items(), key=lambda kv: (-kv[1]["events"], kv[0]))
    ]


def _median(tolls: list[int] | None) -> float | int | None:
    if not tolls:
        return None
    middle = median(tolls)
    return int(middle) if middle == int(middle) else middle


def _value(event: dict, field: str) -> str:
    if field == "year":
        day = event["date"] or event["date_partial"] or ""
        return day[:4] if day[:1].isdigit() else "undated"
    return event[field] if event[field] is not None else "none"
