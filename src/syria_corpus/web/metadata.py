"""Datasette's metadata for a corpus, generated from the database's own schema and the descriptions in
`data/web.json`, so that a table or column added by a migration cannot go unexplained (a test checks
every column has its description)."""

from __future__ import annotations

import hashlib
import sqlite3
from html import escape
from pathlib import Path

from ..resources import load_json
from .canned import QUERIES

# What a researcher filters quotes and events by; each is an indexed column of its table.
FACETS = {
    "quotes": ["outlet", "kind", "speaker_id", "speaker_type", "governorate", "year", "month"],
    "events": ["type", "actor_category", "governorate"],
    "articles": ["outlet", "primary_governorate"],
    "entities": ["type"],
}
DEFAULT_TILES = "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"
# `--tiles none`: every tile one blank pixel of the page itself, so a map shows its markers and the browser
# asks no server for anything (an offline machine, an archive, the tests)
NO_TILES = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


def _shown(conn: sqlite3.Connection, *types: str) -> list[str]:
    """Names of the tables (or views) of these types a reader sees: no full-text tables or their shadows."""
    rows = conn.execute(
        f"select name from sqlite_master where type in ({', '.join('?' * len(types))}) "
        "and name not like '%\\_fts%' escape '\\' and sql not like 'create virtual table%' collate nocase "
        "order by name",
        types,
    )
    return [name for (name,) in rows]


def schema(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Each table and view a reader sees, with its columns."""
    return {
        name: [r[1] for r in conn.execute(f"pragma table_info([{name}])")] for name in _shown(conn, "table", "view")
    }


def missing_descriptions(conn: sqlite3.Connection) -> list[str]:
    """`table.column` of every shown column that `data/web.json` does not describe."""
    web = load_json("web.json")
    missing = []
    for table, columns in schema(conn).items():
        if table in web["hidden"]:
            continue
        described = _described(web, table)
        missing += [f"{table}.{c}" for c in columns if c not in described.get("columns", {})]
    return missing


def _described(web: dict, table: str) -> dict:
    described = web["tables"].get(table, {})
    return {**web["tables"][described["same_as"]], **described} if "same_as" in described else described


def metadata(conn: sqlite3.Connection, database: str, *, tiles: str | None = None) -> dict:
    """Titles, descriptions, units, sources and licences, default facets, sort orders and the stored
    queries, for the corpus served as `database`."""
    web = load_json("web.json")
    tables: dict[str, dict] = {}
    for table, columns in schema(conn).items():
        if table in web["hidden"]:
            tables[table] = {"hidden": True}
            continue
        described = _described(web, table)
        units = described.get("units", {})
        entry = {
            "title": described.get("title", table),
            "description": described.get("description", ""),
            "columns": {
                c: described["columns"].get(c, "") + (f" ({units[c]})" if c in units else "")
                for c in columns
                if c in described.get("columns", {})
            },
        }
        for key in ("sort_desc", "label_column"):
            if key in described:
                entry[key] = described[key]
        if table in FACETS:
            entry["facets"] = FACETS[table]
        tables[table] = entry
    return {
        "title": "syria-corpus",
        "description_html": _home(web),
        "databases": {
            database: {
                "title": f"Corpus {database}",
                "description": web["description"],
                "tables": tables,
                "queries": {name: dict(query) for name, query in QUERIES.items()},
            }
        },
        "plugins": {
            "datasette-cluster-map": {
                "latitude_column": "lat",
                "longitude_column": "lon",
                "tile_layer": NO_TILES if tiles == "none" else tiles or DEFAULT_TILES,
                **({"tile_layer_options": {"attribution": ""}} if tiles == "none" else {}),
            }
        },
    }


def _home(web: dict) -> str:
    """The home page's text: what the corpus is, where to start, and the sources and licences of what the
    extraction knows (the articles' own terms are their outlets')."""
    sources = "".join(
        f'<li><a href="{escape(s["url"], quote=True)}">{escape(s["name"])}</a>: {escape(s["licence"])}</li>'
        for s in web["sources"]
    )
    return (
        f"<p>{escape(web['description'])}</p>"
        '<p><a href="/-/search">Search the articles</a> with the command line\'s syntax, or open a table or '
        "stored query below.</p>"
        f"<p>Knowledge and data the extraction uses:</p><ul>{sources}</ul>"
    )


def inspect_data(conn: sqlite3.Connection, path: Path, database: str) -> dict:
    """What Datasette would otherwise find by reading the whole file (its hash) and counting every table on
    the first request: the row counts the store keeps (`_counts`), others counted once here. The hash
    names this state of the file (size, time, version of the quotes), not its bytes."""
    kept = dict(conn.execute('select "table", count from _counts'))
    counts = {
        table: kept[table] if table in kept else conn.execute(f"select count(*) from [{table}]").fetchone()[0]
        for table in _shown(conn, "table")
    }
    stat = path.stat()
    version = conn.execute("select version from corpus_version where name = 'quotes'").fetchone()[0]
    state = f"{stat.st_size}:{stat.st_mtime_ns}:{version}"
    return {
        database: {
            "hash": hashlib.sha256(state.encode()).hexdigest(),
            "size": stat.st_size,
            "file": str(path),
            "tables": {table: {"count": n} for table, n in counts.items()},
        }
    }
