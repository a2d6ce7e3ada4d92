"""Opening a corpus to read it, and one line a user can act on for any SQLite failure.

A query needs no more of a database than `execute` and the connection, so this module is plain sqlite3:
answering a question never waits for sqlite-utils to import.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any, Protocol

from ..errors import StoreError

# The schema's migrations in order, as sqlite-utils records them in its table (`schema` checks at import
# that its registered migrations are these), so a reader can tell an old or a newer corpus without them.
MIGRATION_SET = "syria_corpus"
MIGRATIONS = (
    "m001_initial",
    "m002_linking",
    "m003_counts",
    "m004_entity_role",
    "m005_article_source",
    "m006_curation_detail",
    "m007_quote_parent",
    "m008_article_date",
    "m009_geo_precision",
    "m010_summaries",
    "m011_table_counts",
    "m012_entity_counts",
    "m013_events",
    "m014_event_clusters",
    "m015_quote_facets",
    "m016_spellings",
    "m017_event_toll_scope",
    "m018_event_date_basis",
    "m019_pages",
    "m020_article_author",
    "m021_utterance_kinds",
)


class Corpus(Protocol):
    """What the query modules use of a database: a sqlite-utils Database and a Reader both have it."""

    conn: sqlite3.Connection

    def execute(self, sql: str, parameters: Any = ..., /) -> sqlite3.Cursor: ...


class Reader:
    """A corpus opened read-only."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters)

    def close(self) -> None:
        self.conn.close()


def _is_locked(e: sqlite3.Error) -> bool:
    return "locked" in str(e) or "busy" in str(e)


def explain_error(path: str, e: sqlite3.Error) -> StoreError:
    """One line a user can act on, for any SQLite failure."""
    text = str(e)
    if _is_locked(e):
        return StoreError(f"{path}: database is locked by another process; try again when it has finished")
    if "not a database" in text:
        return StoreError(f"{path}: not a readable SQLite database ({text}); move it aside or pass another --db")
    if "malformed" in text or "corrupt" in text:
        return StoreError(f"{path}: the database is damaged ({text}); restore it from a copy or pass another --db")
    if _cannot_open(e):
        return StoreError(
            f"{path}: cannot write to the database ({text}); queries work, changes need write access to "
            "the file and its folder"
        )
    return StoreError(f"{path}: database error: {text}")


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """The names of the schema's migrations applied to this database, in order (none for a new file)."""
    if not conn.execute("select 1 from sqlite_master where name = '_sqlite_migrations'").fetchone():
        return []
    rows = conn.execute("select name from _sqlite_migrations where migration_set = ? order by rowid", [MIGRATION_SET])
    return [name for (name,) in rows]


def is_empty(conn: sqlite3.Connection, path: str) -> bool:
    """Whether the file holds no tables yet. A database another program made, or a newer syria-corpus,
    is refused before anything is written to it: sqlite-utils' migrations table says whose it is."""
    tables = [
        name
        for (name,) in conn.execute("select name from sqlite_master where type = 'table' order by name")
        if not name.startswith("sqlite_")
    ]
    if not tables:
        return True
    applied = applied_migrations(conn)
    if not applied:
        shown = ", ".join(tables[:3]) + (", ..." if len(tables) > 3 else "")
        raise StoreError(f"{path}: not a syria-corpus database (it holds other tables: {shown}); pass another --db")
    if newer := [name for name in applied if name not in MIGRATIONS]:
        raise StoreError(f"{path}: made by a newer syria-corpus (schema {newer[0]}); upgrade syria-corpus to use it")
    return False


def open_readonly(path: str | Path, *, timeout: float = 2.0) -> Reader:
    """Open the corpus for queries. Nothing is ever created, migrated or written, so a read-only file,
    or a file in a read-only folder, is enough."""
    path = str(path)
    check_path(path, must_exist=True)
    file = Path(path)
    uri = f"{file.resolve().as_uri()}?mode=ro"
    wal = file.with_name(file.name + "-wal")
    if not os.access(file.parent, os.W_OK) and not (wal.exists() and wal.stat().st_size):
        # SQLite cannot create the write-ahead log's index there; with no log, the file is all there is
        uri += "&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=timeout)
        if is_empty(conn, path):
            raise StoreError(f"{path}: no corpus in this database yet; run `syria-corpus ingest PATH` first")
        if set(MIGRATIONS) - set(applied_migrations(conn)):
            raise StoreError(
                f"{path}: made by an older syria-corpus; run `syria-corpus upgrade` once (queries never change it)"
            )
    except sqlite3.Error as e:
        if _cannot_open(e):
            raise StoreError(f"{path}: cannot read the database ({e}); {_why_unreadable(file, wal)}") from None
        raise explain_error(path, e) from None
    return Reader(conn)


def _cannot_open(e: sqlite3.Error) -> bool:
    return "readonly" in str(e) or "unable to open" in str(e)


def _why_unreadable(file: Path, wal: Path) -> str:
    """What stops a read: a write-ahead log a read-only folder cannot index, or the file's permissions."""
    if wal.exists() and wal.stat().st_size and not file.with_name(file.name + "-shm").exists():
        return (
            f"its write-ahead log {wal.name} holds changes SQLite can only read where it may create "
            f"{file.name}-shm; copy the database with its -wal file to a folder you can write"
        )
    return "check that you may read the file and its -wal and -shm files"


def check_path(path: str, *, must_exist: bool) -> None:
    if Path(path).is_dir():
        raise StoreError(f"{path}: is a folder, not a database; pass a file with --db")
    if must_exist and not Path(path).exists():
        raise StoreError(f"{path}: no such database; run `syria-corpus ingest PATH` first")
    if not Path(path).parent.is_dir():
        raise StoreError(f"{path}: no folder {Path(path).parent}; create it first or pass another --db")
