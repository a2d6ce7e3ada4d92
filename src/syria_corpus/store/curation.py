"""The user's corrections: aliases, merges, renames, types and deletions, each undoable. Each is applied
to the stored corpus at once and recorded in the `curation` table, which the linker reads on every
ingest so re-ingested documents come out the same way. A merge keeps what it moved, so `unmerge` puts
it back exactly; `dry_run` shows what a correction would change and changes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from typing import TYPE_CHECKING

from ..errors import AlreadyDone, CorpusError, NotFound
from ..names import fold
from .lookup import WAITING, corrections, find_entity, given
from .write import rename_entity

if TYPE_CHECKING:
    import sqlite_utils

    from .connect import Corpus

TYPES = ("person", "org", "place")
EVENT_LINKS = ("place_id", "actor_id", "claimant_id")  # the columns of events that name an entity


class Action(Enum):
    ALIAS = "alias"
    UNALIAS = "unalias"
    MERGE = "merge"
    UNMERGE = "unmerge"
    RENAME = "rename"
    RETYPE = "retype"
    DELETE = "delete"


@dataclass(frozen=True)
class Change:
    """What a correction did (or, in a dry run, would do) to the stored corpus."""

    entity: dict
    entities_removed: tuple[str, ...] = ()
    entities_restored: tuple[str, ...] = ()
    aliases_added: tuple[str, ...] = ()
    aliases_removed: tuple[str, ...] = ()
    quotes_reattributed: int = 0
    dry_run: bool = False

    def describe(self) -> str:
        parts = [
            f"{label}: {', '.join(items)}"
            for label, items in (
                ("entities removed", self.entities_removed),
                ("entities restored", self.entities_restored),
                ("aliases added", self.aliases_added),
                ("aliases removed", self.aliases_removed),
            )
            if items
        ]
        parts.append(f"{self.quotes_reattributed} quotes re-attributed")
        return ("would change (dry run, nothing written): " if self.dry_run else "changed: ") + "; ".join(parts)


def _record(db: sqlite_utils.Database, action: Action, subject: str, target: str, detail: dict | None = None) -> None:
    db.execute(
        "insert into curation (action, subject, target, created_at, detail) values (?, ?, ?, ?, ?)",
        [action.value, subject, target, datetime.now(UTC).isoformat(),
         json.dumps(detail, ensure_ascii=False) if detail else None],
    )  # fmt: skip


class _Watch:
    """Before-and-after of the rows a correction touches, for its Change."""

    def __init__(self, db: sqlite_utils.Database, ids: list[str]):
        self.db, self.ids = db, ids
        self.before = self._state()

    def _state(self) -> tuple[set, set, dict]:
        marks = ", ".join("?" * len(self.ids))
        entities = {r[0] for r in self.db.execute(f"select id from entities where id in ({marks})", self.ids)}
        aliases = set(self.db.execute(f"select entity_id, alias from aliases where entity_id in ({marks})", self.ids))
        quotes = dict(
            self.db.execute(f"select id, speaker_id from quotes where speaker_id in ({marks})", self.ids).fetchall()
        )
        return entities, aliases, quotes

    def change(self, entity: dict, dry_run: bool) -> Change:
        (e0, a0, q0), (e1, a1, q1) = self.before, self._state()
        moved = sum(1 for q, who in q0.items() if q1.get(q) != who) + sum(1 for q in q1 if q not in q0)
        return Change(
            entity=entity,
            entities_removed=tuple(sorted(e0 - e1)),
            entities_restored=tuple(sorted(e1 - e0)),
            aliases_added=tuple(sorted(a for _, a in a1 - a0)),
            aliases_removed=tuple(sorted(a for _, a in a0 - a1)),
            quotes_reattributed=moved,
            dry_run=dry_run,
        )


@contextmanager
def _correction(db: sqlite_utils.Database, ids: list[str], entity: dict, dry_run: bool) -> Iterator[list[Change]]:
    """One correction in one transaction; a dry run is rolled back after its Change is measured."""
    out: list[Change] = []
    watch = _Watch(db, ids)
    db.execute("savepoint correction")
    try:
        yield out
        out.append(watch.change(entity, dry_run))
    except BaseException:
        db.execute("rollback to correction")
        db.execute("release correction")
        raise
    db.execute("rollback to correction" if dry_run else "release correction")
    if dry_run:
        db.execute("release correction")


def merge(db: sqlite_utils.Database, source: str, target: str, dry_run: bool = False) -> Change:
    """Merge the entity named `source` into the one named `target`."""
    src, dst = find_entity(db, source), find_entity(db, target)
    if src["id"] == dst["id"]:
        raise AlreadyDone(f"{source!r} and {target!r} are already the same entity")
    if src["type"] != dst["type"]:
        raise CorpusError(f"cannot merge a {src['type']} into a {dst['type']}")
    with _correction(db, [src["id"], dst["id"]], dst, dry_run) as change:
        _record(db, Action.MERGE, src["id"], dst["id"], _apply_merge(db, src, dst))
    return change[0]


def _apply_merge(db: sqlite_utils.Database, src: dict, dst: dict) -> dict:
    """Move everything of `src` to `dst`; returns what was moved, for `unmerge`."""
    s, d = src["id"], dst["id"]
    detail = {
        "entity": db["entities"].get(s),
        "aliases": [r[0] for r in db.execute("select alias from aliases where entity_id = ?", [s])],
        "target_aliases": [r[0] for r in db.execute("select alias from aliases where entity_id = ?", [d])],
        "mentions": [r[0] for r in db.execute("select id from mentions where entity_id = ?", [s])],
        # how the articles wrote it (`Johnson`), for its mentions an ingest after the merge gives the target
        "written": sorted({r[0] for r in db.execute("select text from mentions where entity_id = ?", [s])}),
        "quotes": [r[0] for r in db.execute("select id from quotes where speaker_id = ?", [s])],
        "links": [list(r) for r in db.execute(
            "select article_id, role, mentions, metonym from article_entities where entity_id = ?", [s])],
        # the target's own roles where both appear: the merge may fill an empty one with the source's
        "target_roles": [list(r) for r in db.execute(
            """select article_id, role from article_entities where entity_id = ?
               and article_id in (select article_id from article_entities where entity_id = ?)""", [d, s])],
        "events": {c: [r[0] for r in db.execute(f"select id from events where {c} = ?", [s])] for c in EVENT_LINKS},
    }  # fmt: skip
    # events the source is the place, actor or claimant of: the target's, as an ingest after the merge links them
    for column in EVENT_LINKS:
        db.execute(f"update events set {column} = ? where {column} = ?", [d, s])
    db.execute("update events set place = ? where place_id = ? and id in (select value from json_each(?))",
               [dst["name"], d, json.dumps(detail["events"]["place_id"])])  # fmt: skip
    db.execute("update mentions set entity_id = ? where entity_id = ?", [d, s])
    db.execute("update quotes set speaker_id = ?, speaker = ? where speaker_id = ?", [d, dst["name"], s])
    for article_id, role, mentions, _ in detail["links"]:
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
        db.execute("insert or ignore into aliases (entity_id, alias) values (?, ?)", [d, src["name"]])
    db.execute("delete from entities where id = ?", [s])
    return detail


def unmerge(db: sqlite_utils.Database, source: str, target: str, dry_run: bool = False) -> Change:
    """Undo the latest merge of the entity once called `source` into `target`: its row, aliases,
    mentions, quotes and article links go back as they were."""
    dst = find_entity(db, target)
    rows = db.execute(
        "select id, subject, detail from curation where action = 'merge' and target = ? order by id desc", [dst["id"]]
    ).fetchall()
    found = next(
        (r for r in rows if r[2] and (r[1] == source or fold(json.loads(r[2])["entity"]["name"]) == fold(source))),
        None,
    )
    if found is None:
        raise AlreadyDone(f"no merge of {source!r} into {dst['name']} to undo")
    detail = json.loads(found[2])
    src = detail["entity"]
    with _correction(db, [src["id"], dst["id"]], src, dry_run) as change:
        # its counts come back with its links
        restored = src | {"mentions": 0, "articles": 0}
        db.execute(f"insert into entities ({', '.join(f'[{c}]' for c in restored)}) values ({', '.join('?' * len(restored))})",
                   list(restored.values()))  # fmt: skip
        db.execute("update mentions set entity_id = ? where id in (select value from json_each(?))",
                   [src["id"], json.dumps(detail["mentions"])])  # fmt: skip
        db.execute("update quotes set speaker_id = ?, speaker = ? where id in (select value from json_each(?))",
                   [src["id"], src["name"], json.dumps(detail["quotes"])])  # fmt: skip
        for article_id, role, mentions, metonym in detail["links"]:
            db.execute("update article_entities set mentions = mentions - ? where article_id = ? and entity_id = ?",
                       [mentions, article_id, dst["id"]])  # fmt: skip
            db.execute("insert into article_entities values (?, ?, ?, ?, ?)",
                       [article_id, src["id"], role, mentions, metonym])  # fmt: skip
        db.execute("delete from article_entities where entity_id = ? and mentions <= 0", [dst["id"]])
        db.conn.executemany("update article_entities set role = ? where article_id = ? and entity_id = ?",
                            [(role, article_id, dst["id"]) for article_id, role in detail.get("target_roles", [])])  # fmt: skip
        for column, events in detail.get("events", {}).items():  # a merge recorded before events moved has none
            if column in EVENT_LINKS:
                db.execute(f"update events set {column} = ? where id in (select value from json_each(?))",
                           [src["id"], json.dumps(events)])  # fmt: skip
        db.execute("update events set place = ? where place_id = ?", [src["name"], src["id"]])
        _relink_later(db, src, dst, detail)
        moved = set(detail["aliases"]) | {src["name"]} | set(detail.get("written", []))
        for alias in moved - set(detail["target_aliases"]):
            db.execute("delete from aliases where entity_id = ? and alias = ?", [dst["id"], alias])
        db.conn.executemany("insert or ignore into aliases (entity_id, alias) values (?, ?)",
                            [(src["id"], a) for a in detail["aliases"]])  # fmt: skip
        _record(db, Action.UNMERGE, src["id"], dst["id"])
    return change[0]


def _relink_later(db: sqlite_utils.Database, src: dict, dst: dict, detail: dict) -> None:
    """The source's mentions and quotes that an ingest after the merge linked to the target (so that the merge
    recorded no id of them) go back by the source's own names, and both entities' links in those articles
    are counted anew from their mentions."""
    theirs = {fold(n) for n in [dst["name"], *detail["target_aliases"]]}
    names = {fold(n) for n in [src["name"], *detail["aliases"], *detail.get("written", [])]} - theirs
    later = [
        (mention_id, article_id)
        for mention_id, article_id, text in db.execute(
            "select id, article_id, text from mentions where entity_id = ?", [dst["id"]]
        )
        if fold(text) in names
    ]
    db.conn.executemany("update mentions set entity_id = ? where id = ?", [(src["id"], m) for m, _ in later])
    quotes = [
        q for q, mention in db.execute("select id, speaker_mention from quotes where speaker_id = ?", [dst["id"]])
        if mention and fold(mention) in names
    ]  # fmt: skip
    db.conn.executemany(
        "update quotes set speaker_id = ?, speaker = ? where id = ?", [(src["id"], src["name"], q) for q in quotes]
    )
    for article_id in {a for _, a in later}:
        for entity in (src["id"], dst["id"]):
            (n,) = db.execute(
                "select count(*) from mentions where article_id = ? and entity_id = ? and context in ('body', 'title')",
                [article_id, entity],
            ).fetchone()
            db.execute(
                """insert into article_entities (article_id, entity_id, role, mentions, metonym) values (?, ?, null, ?, 0)
                   on conflict(article_id, entity_id) do update set mentions = excluded.mentions""",
                [article_id, entity, n],
            )
        db.execute(
            "delete from article_entities where article_id = ? and entity_id in (?, ?) and mentions <= 0",
            [article_id, src["id"], dst["id"]],
        )


def add_alias(db: sqlite_utils.Database, alias: str, name: str, dry_run: bool = False) -> Change:
    """`alias` names the entity called `name` from now on; an entity of that type called `alias` is merged in."""
    alias = given(alias, "an alias")
    dst = find_entity(db, name)
    others = [
        {"id": r[0], "type": r[1], "name": r[2]}
        for r in db.execute("select id, type, name from entities where id != ? and type = ?", [dst["id"], dst["type"]])
        if fold(r[2]) == fold(alias)
    ]
    with _correction(db, [dst["id"], *(o["id"] for o in others)], dst, dry_run) as change:
        for other in others:
            _record(db, Action.MERGE, other["id"], dst["id"], _apply_merge(db, other, dst))
        _record(db, Action.ALIAS, alias, dst["id"])
        if alias != dst["name"]:
            db.execute("insert or ignore into aliases (entity_id, alias) values (?, ?)", [dst["id"], alias])
    return change[0]


def remove_alias(db: sqlite_utils.Database, alias: str, name: str, dry_run: bool = False) -> Change:
    """`alias` no longer names the entity called `name`, now or after any later ingest."""
    alias = given(alias, "an alias")
    ent = find_entity(db, name)
    held = [r[0] for r in db.execute("select alias from aliases where entity_id = ?", [ent["id"]])]
    matching = [a for a in held if fold(a) == fold(alias)]
    if not matching:
        raise AlreadyDone(f"{ent['name']} has no alias {alias!r}")
    with _correction(db, [ent["id"]], ent, dry_run) as change:
        for a in matching:
            db.execute("delete from aliases where entity_id = ? and alias = ?", [ent["id"], a])
        _record(db, Action.UNALIAS, alias, ent["id"])
    return change[0]


def rename(db: sqlite_utils.Database, old: str, new: str, dry_run: bool = False) -> Change:
    """Give an entity a new canonical name; the old one stays as an alias."""
    new = given(new, "a new name")
    ent = find_entity(db, old)
    taken = next(
        (r for r in db.execute("select id, name from entities where type = ? and id != ?", [ent["type"], ent["id"]])
         if fold(r[1]) == fold(new)),
        None,
    )  # fmt: skip
    if taken is not None:  # two entities of one name could no longer be told apart by name
        raise CorpusError(
            f"{taken[1]!r} already names {taken[0]}; to make them one: merge {ent['name']!r} {taken[1]!r}"
        )
    with _correction(db, [ent["id"]], {**ent, "name": new}, dry_run) as change:
        _record(db, Action.RENAME, ent["id"], new)
        rename_entity(db, ent["id"], new)
    return change[0]


def retype(db: sqlite_utils.Database, name: str, type_: str, dry_run: bool = False) -> Change:
    """Make an entity a person, an organisation or a place (`Hass` is a village, not a person)."""
    type_ = type_.strip().lower()
    if type_ not in TYPES:
        raise CorpusError(f"no entity type {type_!r}: choose one of {', '.join(TYPES)}")
    ent = find_entity(db, name)
    with _correction(db, [ent["id"]], {**ent, "type": type_}, dry_run) as change:
        db.execute("update entities set type = ? where id = ?", [type_, ent["id"]])
        db.execute("update mentions set type = ? where entity_id = ?", [type_, ent["id"]])
        _record(db, Action.RETYPE, ent["id"], type_)
    return change[0]


def delete(db: sqlite_utils.Database, name: str, dry_run: bool = False) -> Change:
    """Remove an entity that is not one (`Photo Smoke`): its mentions go, its quotes stay unattributed,
    and later ingests do not bring it back."""
    ent = find_entity(db, name)
    with _correction(db, [ent["id"]], ent, dry_run) as change:
        db.execute(
            """update quotes set speaker_id = null, speaker = speaker_mention, speaker_role = null,
               confidence = min(confidence, 0.05) where speaker_id = ?""",
            [ent["id"]],
        )
        for table, column in (("mentions", "entity_id"), ("article_entities", "entity_id"), ("aliases", "entity_id")):
            db.execute(f"delete from {table} where {column} = ?", [ent["id"]])
        # its events stay, as an ingest after the delete stores them: no place, the actor's and the
        # claimant's words without their link
        db.execute(
            """update events set place = null, place_id = null, governorate = null, lat = null, lon = null,
               geo_precision = null where place_id = ?""",
            [ent["id"]],
        )
        db.execute("update events set actor_id = null where actor_id = ?", [ent["id"]])
        db.execute("update events set claimant_id = null where claimant_id = ?", [ent["id"]])
        db.execute("delete from entities where id = ?", [ent["id"]])
        _record(db, Action.DELETE, ent["id"], ent["name"])
    return change[0]


def export_curation(db: Corpus) -> list[dict]:
    """Every correction in order, as a research team would share and version it."""
    return corrections(db)


_APPLY = {
    Action.ALIAS: lambda db, s, t: add_alias(db, s, t),
    Action.UNALIAS: lambda db, s, t: remove_alias(db, s, t),
    Action.MERGE: lambda db, s, t: merge(db, s, t),
    Action.UNMERGE: lambda db, s, t: unmerge(db, s, t),
    Action.RENAME: lambda db, s, t: rename(db, s, t),
    Action.RETYPE: lambda db, s, t: retype(db, s, t),
    Action.DELETE: lambda db, s, t: delete(db, s),
}


@dataclass(frozen=True)
class Imported:
    """What importing a file of corrections did: applied now, already in effect here, or waiting for an
    ingest to bring their entities."""

    applied: int = 0
    in_effect: int = 0
    waiting: int = 0


def import_curation(db: sqlite_utils.Database, records: list) -> Imported:
    """Apply another corpus's corrections in order, all or none. One already in effect (the same file
    imported twice) changes nothing; one whose entities this corpus does not have yet is recorded as
    waiting, and applied after the ingest that brings them (`apply_waiting`)."""
    checked = [_checked(n, r) for n, r in enumerate(records, 1)]
    recorded = {(r["action"], r["subject"], r["target"]) for r in corrections(db)}
    counts = {"applied": 0, "in_effect": 0, "waiting": 0}
    with db.atomic():
        for n, (action, subject, target) in enumerate(checked, 1):
            if (action.value, subject, target) in recorded:
                counts["in_effect"] += 1
                continue
            try:
                outcome = _apply_once(db, action, subject, target)
            except CorpusError as e:
                raise CorpusError(f"correction {n}: {e}; nothing was imported") from None
            if outcome == "waiting":
                _record(db, action, subject, target, {"waiting": True})
                recorded.add((action.value, subject, target))
            counts[outcome] += 1
    return Imported(**counts)


def _checked(n: int, record: object) -> tuple[Action, str, str]:
    """A correction as a file gives it, refused whole if it is not one: its subject and target are names
    or ids, never null, a list or blank."""
    shown = json.dumps(record, ensure_ascii=False)[:80]
    if not isinstance(record, dict):
        raise CorpusError(f"correction {n}: not a syria-corpus correction ({shown})")
    try:
        action = Action(record.get("action"))
    except ValueError:
        raise CorpusError(f"correction {n}: no action {record.get('action')!r} ({shown})") from None
    values = [record.get(k) for k in ("subject", "target")]
    if action is Action.DELETE and values[1] is None:
        values[1] = values[0]
    for key, value in zip(("subject", "target"), values, strict=True):
        if not isinstance(value, str) or not value.strip():
            raise CorpusError(f"correction {n}: its {key} must be a name or an id, not {json.dumps(value)} ({shown})")
    return action, values[0].strip(), values[1].strip()


def _apply_once(db: sqlite_utils.Database, action: Action, subject: str, target: str) -> str:
    """`applied`, `in_effect` (the corpus already says so) or `waiting` (an entity is not here yet)."""
    try:
        if _holds(db, action, subject, target):
            return "in_effect"
        _APPLY[action](db, subject, target)
    except NotFound:
        return "waiting"
    except AlreadyDone:
        return "in_effect"
    return "applied"


def _holds(db: Corpus, action: Action, subject: str, target: str) -> bool:
    """Whether the corpus already says what a correction says, so applying it again would change nothing."""
    if action is Action.ALIAS:
        entity = find_entity(db, target)
        held = [r[0] for r in db.execute("select alias from aliases where entity_id = ?", [entity["id"]])]
        return subject in (entity["name"], *held)
    if action is Action.RENAME:
        return find_entity(db, subject)["name"] == target
    if action is Action.RETYPE:
        return find_entity(db, subject)["type"] == target.lower()
    return False


def apply_waiting(db: sqlite_utils.Database) -> int:
    """Apply the imported corrections whose entities an ingest has now brought; how many were."""
    rows = db.execute(f"select id, action, subject, target from curation where {WAITING} order by id").fetchall()
    done = 0
    for id_, action, subject, target in rows:
        try:
            if _apply_once(db, Action(action), subject, target) == "waiting":
                continue
        except CorpusError:
            continue  # a name the ingest made ambiguous: it waits for the user to say which
        db.execute("delete from curation where id = ?", [id_])
        done += 1
    return done
