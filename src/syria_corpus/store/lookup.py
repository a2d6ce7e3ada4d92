"""Entities by name: as the user typed it, as an alias, or as words inside a longer name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..errors import CorpusError, NotFound
from ..knowledge import by_key
from ..names import fold

if TYPE_CHECKING:
    from .connect import Corpus


def like_literal(text: str) -> str:
    """A user's words inside a LIKE pattern, `%` and `_` meaning themselves (with `escape '\\'`)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def entities_named(db: Corpus, name: str, type_: str | None = None) -> list[str]:
    """Ids of the entities called `name` or with it as an alias, case folded (of one type, if given)."""
    rows = db.execute(
        """select a.entity_id, e.type from aliases a join entities e on e.id = a.entity_id where a.alias = ? collate nocase
           union select id, type from entities where name = ? collate nocase""",
        [name, name],
    )
    return [id_ for id_, t in rows if type_ is None or t == type_]


def entities_with_words(db: Corpus, name: str) -> list[tuple[str, str, str]]:
    """(id, type, name) of the entities whose name, or failing that an alias, holds `name` as whole words,
    case and accents folded."""
    key = fold(name)
    if not key:
        return []
    words = f" {key} "
    rows = db.execute(
        "select id, type, name from entities where name like ? escape '\\'", [f"%{like_literal(key.split()[-1])}%"]
    ).fetchall()
    found = [r for r in rows if words in f" {fold(r[2])} "]
    if not found:  # accents and transliterations the LIKE above cannot fold
        rows = db.execute(
            """select id, type, name, name from entities
               union all select e.id, e.type, e.name, a.alias from aliases a join entities e on e.id = a.entity_id"""
        )
        found = list(dict.fromkeys((i, t, n) for i, t, n, form in rows if words in f" {fold(form)} "))
    return found


def known_aliases(entity_id: str) -> tuple[str, ...]:
    """Every spelling the knowledge base or the curated gazetteer has for an entity."""
    if (known := by_key().get(entity_id)) is not None:
        return known.aliases
    from .. import gazetteer

    return gazetteer.curated_aliases().get(entity_id, ())


def find_entity(db: Corpus, name: str, type_: str | None = None) -> dict:
    """An entity by its name or one of its aliases (case and spelling folded)."""
    name = given(name, "a name")
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
        raise NotFound(f"no {what} named {name!r}")
    if len(rows) > 1:
        names = ", ".join(f"{r['name']} ({r['type']}, {r['id']})" for r in rows[:5])
        raise CorpusError(f"{name!r} names {len(rows)} entities: {names}; use the id")
    return rows[0]


def given(name: str, what: str) -> str:
    """A name the user typed, trimmed; an empty one would name nothing and match nothing."""
    if not name.strip():
        raise CorpusError(f"{what} cannot be empty")
    return name.strip()


def corrections(db: Corpus, *, in_effect: bool = False) -> list[dict]:
    """The user's corrections in the order they were made: action, subject, target, created_at; with
    `in_effect`, without those still waiting for their entities (`curation.import_curation`)."""
    keys = ("action", "subject", "target", "created_at")
    where = f" where not ({WAITING})" if in_effect else ""
    sql = f"select {', '.join(keys)} from curation{where} order by id"
    return [dict(zip(keys, r, strict=True)) for r in db.execute(sql)]


WAITING = "coalesce(json_extract(detail, '$.waiting'), 0)"  # a correction recorded before its entities came


def entity_names(db: Corpus) -> Iterator[tuple[str, str, str, str | None]]:
    """(id, type, name, alias) of every stored entity, once per alias (None for one without)."""
    yield from db.execute(
        "select e.id, e.type, e.name, a.alias from entities e left join aliases a on a.entity_id = e.id"
    )


def spelling_counts(db: Corpus, entity_id: str, besides: str | None) -> dict[str, int]:
    """How many stored articles, other than `besides`, write a person's name each way."""
    rows = db.execute(
        "select name, count(*) from spellings where entity_id = ? and article_id is not ? group by name",
        [entity_id, besides],
    )
    return dict(rows.fetchall())
