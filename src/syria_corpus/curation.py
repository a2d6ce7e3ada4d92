"""The user's corrections: aliases, merges and renames. Each is applied to the stored corpus at once and
recorded in the `curation` table, which the linker reads on every ingest so re-ingested documents
come out the same way."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlite_utils

from .errors import CorpusError
from .linking import fold
from .store import entities_with_words, recount, rename_entity


def find_entity(db: sqlite_utils.Database, name: str, type_: str | None = None) -> dict:
    """An entity by its name or one of its aliases (case and spelling folded)."""
    name = _given(name, "a name")
    key = fold(name)
    rows = [
        dict(zip(("id", "type", "name"), r, strict=True))
        for r in db.execute(
            """select distinct e.id, e.type, e.name from entities e left join aliases a on a.entity_id = e.id
               where lower(e.name) = lower(?) or lower(a.alias) = lower(?) or e.id = ?""",
            [name, name, name],
        )
    ]
    if not rows:
        rows = [
            {"id": r[0], "type": r[1], "name": r[2]}
            for r in db.execute("select id, type, name from entities")
            if fold(r[2]) == key
        ]
    if not rows:  # a surname or part of a name: `Kirby`
        rows = [{"id": i, "type": t, "name": n} for i, t, n in entities_with_words(db, name)]
    if type_:
        rows = [r for r in rows if r["type"] == type_]
    exact = [r for r in rows if r["name"].lower() == name.lower()]
    rows = exact or rows
    if not rows:
        what = {"person": "person", "place": "place", "org": "organisation"}.get(type_ or "", "entity")
        raise CorpusError(f"no {what} named {name!r}")
    if len(rows) > 1:
        names = ", ".join(f"{r['name']} ({r['type']}, {r['id']})" for r in rows[:5])
        raise CorpusError(f"{name!r} names {len(rows)} entities: {names}; use the id")
    return rows[0]


def _given(name: str, what: str) -> str:
    """A name the user typed, trimmed; an empty one would name nothing and match nothing."""
    if not name.strip():
        raise CorpusError(f"{what} cannot be empty")
    return name.strip()


def _record(db: sqlite_utils.Database, action: str, subject: str, target: str) -> None:
    db["curation"].insert(
        {"action": action, "subject": subject, "target": target, "created_at": datetime.now(UTC).isoformat()}
    )


def merge(db: sqlite_utils.Database, source: str, target: str) -> dict:
    """Merge the entity named `source` into the one named `target`; returns the target."""
    src, dst = find_entity(db, source), find_entity(db, target)
    if src["id"] == dst["id"]:
        raise CorpusError(f"{source!r} and {target!r} are already the same entity")
    if src["type"] != dst["type"]:
        raise CorpusError(f"cannot merge a {src['type']} into a {dst['type']}")
    with db.atomic():
        _record(db, "merge", src["id"], dst["id"])
        _apply_merge(db, src, dst)
    return dst


def _apply_merge(db: sqlite_utils.Database, src: dict, dst: dict) -> None:
    s, d = src["id"], dst["id"]
    db.execute("update mentions set entity_id = ? where entity_id = ?", [d, s])
    db.execute("update quotes set speaker_id = ?, speaker = ? where speaker_id = ?", [d, dst["name"], s])
    for article_id, mentions, role in db.execute(
        "select article_id, mentions, role from article_entities where entity_id = ?", [s]
    ).fetchall():
        db.execute(
            """insert into article_entities (article_id, entity_id, role, mentions, metonym) values (?, ?, ?, ?, 0)
               on conflict(article_id, entity_id) do update
               set mentions = mentions + excluded.mentions, role = coalesce(role, excluded.role)""",
            [article_id, d, role, mentions],
        )
    db.execute("delete from article_entities where entity_id = ?", [s])
    db.execute("update or ignore aliases set entity_id = ? where entity_id = ?", [d, s])
    db.execute("delete from aliases where entity_id = ?", [s])
    if src["name"] != dst["name"]:
        db["aliases"].insert({"entity_id": d, "alias": src["name"]}, ignore=True)
    db.execute("delete from entities where id = ?", [s])
    recount(db, [d])


def add_alias(db: sqlite_utils.Database, alias: str, name: str) -> dict:
    """`alias` names the entity called `name` from now on; an entity that went by it is merged in."""
    alias = _given(alias, "an alias")
    dst = find_entity(db, name)
    with db.atomic():
        _record(db, "alias", alias, dst["id"])
        others = [
            r
            for r in db.execute(
                "select id, type, name from entities where id != ? and type = ?", [dst["id"], dst["type"]]
            )
            if fold(r[2]) == fold(alias)
        ]
        for id_, type_, other in others:
            _apply_merge(db, {"id": id_, "type": type_, "name": other}, dst)
        if alias != dst["name"]:
            db["aliases"].insert({"entity_id": dst["id"], "alias": alias}, ignore=True)
    return dst


def rename(db: sqlite_utils.Database, old: str, new: str) -> dict:
    """Give an entity a new canonical name; the old one stays as an alias."""
    new = _given(new, "a new name")
    ent = find_entity(db, old)
    with db.atomic():
        _record(db, "rename", ent["id"], new)
        rename_entity(db, ent["id"], new)
    return {**ent, "name": new}
