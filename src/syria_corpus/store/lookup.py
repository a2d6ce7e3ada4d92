"""Entities by name: as the user typed it, as an alias, or as words inside a longer name."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
