"""The SQLite store: schema (as sqlite-utils migrations), opening with clear errors, writing one article.

Every table lives here. Each article is written in one transaction, so an interrupted ingest leaves
every stored article whole; ids are stable hashes, so writing the same article again changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils
from sqlite_utils.migrations import Migrations

from .dates import day_of, precision_of
from .errors import StoreError
from .knowledge import by_key
from .names import fold
from .records import Analysis, Document, Page, Quote

if TYPE_CHECKING:
    from .linking import Linker

migrations = Migrations("syria_corpus")


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    db["articles"].create(
        {
            "id": str,
            "path": str,
            "sha256": str,
            "external_id": str,
            "url": str,
            "outlet": str,
            "published": str,
            "title": str,
            "body": str,
            "tags": str,
            "related_headlines": str,
            "furniture": str,
            "encoding": str,
            "ingested_at": str,
            "tool_version": str,
            "model": str,
            "model_version": str,
        },
        pk="id",
    )
    db["entities"].create(
        {
            "id": str,
            "type": str,
            "name": str,
            "country": str,
            "lat": float,
            "lon": float,
            "governorate": str,
            "kind": str,
        },
        pk="id",
    )
    db["aliases"].create(
        {"entity_id": str, "alias": str}, pk=("entity_id", "alias"), foreign_keys=[("entity_id", "entities", "id")]
    )
    db["article_entities"].create(
        {"article_id": str, "entity_id": str, "role": str, "mentions": int, "metonym": int},
        pk=("article_id", "entity_id"),
        foreign_keys=[("article_id", "articles", "id"), ("entity_id", "entities", "id")],
    )
    db["mentions"].create(
        {"id": str, "article_id": str, "entity_id": str, "type": str, "text": str, "start": int, "end": int},
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("entity_id", "entities", "id")],
    )
    db["quotes"].create(
        {
            "id": str,
            "article_id": str,
            "kind": str,
            "text": str,
            "speaker_id": str,
            "speaker": str,
            "speaker_mention": str,
            "speaker_role": str,
            "cue": str,
            "via": str,
            "start": int,
            "end": int,
            "paragraph": int,
            "confidence": float,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("speaker_id", "entities", "id")],
    )
    db["tags"].create(
        {"article_id": str, "position": int, "tag": str},
        pk=("article_id", "position"),
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["related_headlines"].create(
        {"article_id": str, "position": int, "headline": str},
        pk=("article_id", "position"),
        foreign_keys=[("article_id", "articles", "id")],
    )
    for table, cols in (
        ("mentions", ["article_id"]),
        ("mentions", ["entity_id"]),
        ("quotes", ["article_id"]),
        ("quotes", ["speaker_id"]),
        ("article_entities", ["entity_id"]),
        ("aliases", ["alias"]),
        ("entities", ["type", "name"]),
    ):
        db[table].create_index(cols)
    db["articles"].enable_fts(["title", "body"], create_triggers=True, tokenize="porter")
    db["quotes"].enable_fts(["text"], create_triggers=True, tokenize="porter")
    for view, type_ in (("people", "person"), ("places", "place"), ("organisations", "org")):
        db.create_view(
            view,
            f"""select e.*,
                (select count(*) from mentions m where m.entity_id = e.id) as mentions,
                (select count(*) from article_entities ae where ae.entity_id = e.id) as articles
            from entities e where e.type = '{type_}'""",
        )


@migrations()
def m002_linking(db: sqlite_utils.Database) -> None:
    """Corpus-level linking: user curation, headline/tag mentions, alternatives, the article's place."""
    db["curation"].create(
        {"id": int, "action": str, "subject": str, "target": str, "created_at": str}, pk="id", not_null={"action"}
    )
    db["mentions"].add_column("context", str, not_null_default="body")
    db["entities"].add_column("alternatives", str)
    db["articles"].add_column("primary_place", str)
    db["articles"].add_column("primary_governorate", str)
    db["mentions"].create_index(["context"])
    for view, type_ in (("people", "person"), ("places", "place"), ("organisations", "org")):
        db[view].drop()
        db.create_view(
            view,
            f"""select e.*,
                (select count(*) from mentions m where m.entity_id = e.id and m.context in ('body', 'title')) as mentions,
                (select count(*) from article_entities ae where ae.entity_id = e.id) as articles
            from entities e where e.type = '{type_}'""",
        )


@migrations()
def m003_counts(db: sqlite_utils.Database) -> None:
    """Mention and article counts kept on each entity, and indexes for queries at a million quotes."""
    db["entities"].add_column("mentions", int, not_null_default=0)
    db["entities"].add_column("articles", int, not_null_default=0)
    db.execute(
        """update entities set
             mentions = coalesce((select sum(mentions) from article_entities where entity_id = entities.id), 0),
             articles = (select count(*) from article_entities where entity_id = entities.id)"""
    )
    db.execute("create index if not exists idx_entities_type_mentions on entities (type, mentions desc)")
    db.execute("create index if not exists idx_quotes_speaker_nocase on quotes (speaker collate nocase)")
    db.execute("create index if not exists idx_aliases_alias_nocase on aliases (alias collate nocase)")
    db.execute("create index if not exists idx_articles_published on articles (published)")
    for view, type_ in (("people", "person"), ("places", "place"), ("organisations", "org")):
        db[view].drop()
        db.create_view(view, f"select * from entities where type = '{type_}'")


@migrations()
def m004_entity_role(db: sqlite_utils.Database) -> None:
    """A person's role kept on the entity (the first stated), so listing people never groups their links."""
    db["entities"].add_column("role", str)
    db.execute(
        """update entities set role = (select role from article_entities ae where ae.entity_id = entities.id
             and role is not null group by role order by count(*) desc, role limit 1) where type = 'person'"""
    )


@migrations()
def m005_article_source(db: sqlite_utils.Database) -> None:
    """Each article's source (its file, or a table's file and row id), so that an edited document
    replaces the version stored before instead of standing beside it."""
    db["articles"].add_column("source", str)
    db.execute("update articles set source = path where external_id is not null or path not like '%#%'")
    db.execute("create index if not exists idx_articles_source on articles (source)")


@migrations()
def m006_curation_detail(db: sqlite_utils.Database) -> None:
    """What a correction moved or removed, kept with it so that it can be undone exactly."""
    db["curation"].add_column("detail", str)


@migrations()
def m007_quote_parent(db: sqlite_utils.Database) -> None:
    """A direct quote inside a reported-speech quote points at it (`parent_id`), so one utterance is
    counted once; existing quotes are linked in place."""
    db["quotes"].add_column("parent_id", str)
    db.execute("create index if not exists idx_quotes_parent on quotes (parent_id)")
    db.execute(
        """update quotes set parent_id = (select p.id from quotes p where p.article_id = quotes.article_id
             and p.kind = 'indirect' and p.start <= quotes.start and p."end" >= quotes."end" order by p.start desc limit 1)
           where kind = 'direct'"""
    )


@migrations()
def m008_article_date(db: sqlite_utils.Database) -> None:
    """Each article's `date` (`YYYY-MM-DD`, what spreadsheets and pandas read as a date; empty when only the
    month or year is known) and `published_precision` (day, month or year); filled in for stored rows."""
    db["articles"].add_column("date", str)
    db["articles"].add_column("published_precision", str)
    rows = db.execute("select id, published from articles where published is not null").fetchall()
    db.conn.executemany(
        "update articles set date = ?, published_precision = ? where id = ?",
        [(day_of(published), precision_of(published), aid) for aid, published in rows],
    )


@migrations()
def m009_geo_precision(db: sqlite_utils.Database) -> None:
    """Each place's `geo_precision` (point, district, governorate or country); filled in for stored places."""
    db["entities"].add_column("geo_precision", str)
    from . import gazetteer

    rows = db.execute("select id, kind, lat, governorate from entities where type = 'place'").fetchall()
    db.conn.executemany(
        "update entities set geo_precision = ? where id = ?",
        [(gazetteer.geo_precision(kind, lat, gov), eid) for eid, kind, lat, gov in rows],
    )


# What the quotes table holds per speaker and outlet: the live aggregate `speakers` and `sources` would run
# over a million quotes, kept as a summary. `unnamed:` keys fold an unnamed speaker's case and article.
SPEAKER_KEY = """coalesce(q.speaker_id, 'unnamed:' || case when lower(q.speaker) like 'the %' then substr(lower(q.speaker), 5)
    when lower(q.speaker) like 'an %' then substr(lower(q.speaker), 4)
    when lower(q.speaker) like 'a %' then substr(lower(q.speaker), 3) else lower(q.speaker) end)"""
_SUMMARY_SQL = f"""
insert into speaker_outlet_counts
select {SPEAKER_KEY}, coalesce(a.outlet, '(unknown)'), q.speaker_id, min(q.speaker), sum(q.parent_id is null),
       sum(q.kind = 'direct'), sum(q.kind = 'indirect'), count(distinct q.article_id), sum(q.confidence),
       count(q.confidence), min(case when q.parent_id is null then q.speaker end)
from quotes q not indexed join articles a on a.id = q.article_id
where q.speaker is not null
group by 1, 2"""


@migrations()
def m010_summaries(db: sqlite_utils.Database) -> None:
    """A version of the quotes (bumped by triggers on every change to quotes, speakers' names and types,
    and outlets) and a per speaker and outlet summary of the quotes, valid while its version is current."""
    db.executescript(
        """
        create table corpus_version (name text primary key, version integer not null);
        insert into corpus_version values ('quotes', 0);
        create trigger quotes_version_ai after insert on quotes
          begin update corpus_version set version = version + 1 where name = 'quotes'; end;
        create trigger quotes_version_ad after delete on quotes
          begin update corpus_version set version = version + 1 where name = 'quotes'; end;
        create trigger quotes_version_au after update on quotes
          begin update corpus_version set version = version + 1 where name = 'quotes'; end;
        create trigger entities_version_au after update of name, type on entities
          begin update corpus_version set version = version + 1 where name = 'quotes'; end;
        create trigger articles_version_au after update of outlet on articles
          begin update corpus_version set version = version + 1 where name = 'quotes'; end;
        create table speaker_outlet_counts (
          speaker_key text, outlet text, speaker_id text, speaker text, quotes integer, direct integer,
          indirect integer, articles integer, confidence_sum real, confidence_n integer, parent_speaker text,
          primary key (speaker_key, outlet));
        create table summary_state (name text primary key, version integer not null);
        """
    )
    _rebuild_summary(db)


def summary_current(db: sqlite_utils.Database) -> bool:
    """Whether the speaker summary describes the quotes as they are now."""
    row = db.execute(
        """select s.version = v.version from summary_state s join corpus_version v on v.name = 'quotes'
           where s.name = 'speaker_outlet_counts'"""
    ).fetchone()
    return bool(row and row[0])


def refresh_summaries(db: sqlite_utils.Database) -> None:
    """Rebuild the speaker summary if the quotes changed since it was built (after an ingest or a curation)."""
    if not summary_current(db):
        with db.conn:
            _rebuild_summary(db)


def _rebuild_summary(db: sqlite_utils.Database) -> None:
    db.execute("delete from speaker_outlet_counts")
    db.execute(_SUMMARY_SQL)
    db.execute(
        """insert or replace into summary_state
           select 'speaker_outlet_counts', version from corpus_version where name = 'quotes'"""
    )


def recount(db: sqlite_utils.Database, entity_ids: list[str]) -> None:
    """Set stored counts from the article links (after a merge)."""
    db.conn.executemany(
        """update entities set
             mentions = coalesce((select sum(mentions) from article_entities where entity_id = ?), 0),
             articles = (select count(*) from article_entities where entity_id = ?)
           where id = ?""",
        [(i, i, i) for i in entity_ids],
    )


def _parents(aid: str, quotes: list[Quote]) -> dict[int, str]:
    """For each direct quote inside a reported-speech quote (`said the timing was "highly suspicious"`),
    the id of the innermost one holding it: one utterance, not two."""
    out = {}
    for n, q in enumerate(quotes):
        holders = [p for p in quotes if p.kind == "indirect" and p.start <= q.start and q.end <= p.end]
        if q.kind == "direct" and holders:
            p = max(holders, key=lambda p: p.start)
            out[n] = _row_id(aid, p.kind, p.start, p.end)
    return out


def _unattributed(q: Quote) -> Quote:
    return replace(q, speaker=q.speaker_mention, speaker_key=None, speaker_role=None, confidence=0.05)


def rename_entity(db: sqlite_utils.Database, entity_id: str, name: str) -> None:
    """A new canonical name on the entity and on its quotes; the old name stays an alias."""
    old = db.execute("select name from entities where id = ?", [entity_id]).fetchone()
    db.execute("update entities set name = ? where id = ?", [name, entity_id])
    db.execute("update quotes set speaker = ? where speaker_id = ?", [name, entity_id])
    db.execute("delete from aliases where entity_id = ? and alias = ?", [entity_id, name])
    if old and old[0] != name:
        db.execute("insert or ignore into aliases (entity_id, alias) values (?, ?)", [entity_id, old[0]])


def like_literal(text: str) -> str:
    """A user's words inside a LIKE pattern, `%` and `_` meaning themselves (with `escape '\\'`)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def entities_named(db: sqlite_utils.Database, name: str, type_: str | None = None) -> list[str]:
    """Ids of the entities called `name` or with it as an alias, case folded (of one type, if given)."""
    rows = db.execute(
        """select a.entity_id, e.type from aliases a join entities e on e.id = a.entity_id where a.alias = ? collate nocase
           union select id, type from entities where name = ? collate nocase""",
        [name, name],
    )
    return [id_ for id_, t in rows if type_ is None or t == type_]


def entities_with_words(db: sqlite_utils.Database, name: str) -> list[tuple[str, str, str]]:
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
    from . import gazetteer

    return gazetteer.curated_aliases().get(entity_id, ())


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
    if "readonly" in text or "unable to open" in text:
        return StoreError(
            f"{path}: cannot write to the database ({text}); queries work, changes need write access to "
            "the file and its folder"
        )
    return StoreError(f"{path}: database error: {text}")


def _known_migrations() -> set[str]:
    return {m.name for m in migrations._migrations}  # sqlite-utils keeps the registered list private


def _check(db: sqlite_utils.Database, path: str) -> bool:
    """Whether the file holds no tables yet. A database another program made, or a newer syria-corpus,
    is refused before anything is written to it: sqlite-utils' migrations table says whose it is."""
    tables = sorted(t for t in db.table_names() if not t.startswith("sqlite_"))
    if not tables:
        return True
    applied = [m.name for m in migrations.applied(db)]
    if not applied:
        shown = ", ".join(tables[:3]) + (", ..." if len(tables) > 3 else "")
        raise StoreError(f"{path}: not a syria-corpus database (it holds other tables: {shown}); pass another --db")
    if newer := [name for name in applied if name not in _known_migrations()]:
        raise StoreError(f"{path}: made by a newer syria-corpus (schema {newer[0]}); upgrade syria-corpus to use it")
    return False


def open_db(path: str | Path, *, create: bool = True, timeout: float = 2.0) -> sqlite_utils.Database:
    """Open the corpus database to write to it, creating and migrating its schema (for `create=False`,
    only an existing corpus). Every SQLite failure becomes a one-line StoreError."""
    path = str(path)
    if path != ":memory:":
        _check_path(path, must_exist=not create)
    try:
        conn = sqlite3.connect(path, timeout=timeout)
        db = sqlite_utils.Database(conn, execute_plugins=False)
        if _check(db, path) and not create:
            raise StoreError(f"{path}: no corpus in this database yet; run `syria-corpus ingest PATH` first")
        db.execute("pragma foreign_keys = on")
        if create:
            # Write-ahead log: one article per transaction costs no sync of the database file, and
            # queries can read while an ingest writes. The log folds back in when the last connection closes.
            db.execute("pragma journal_mode = wal")
        db.execute("pragma synchronous = normal")
        if migrations.pending(db):
            migrations.apply(db)
    except sqlite3.Error as e:
        raise explain_error(path, e) from None
    return db


def upgrade(path: str | Path) -> list[str]:
    """Bring a corpus made by an older syria-corpus to this version's schema; the migrations it applied."""
    path = str(path)
    _check_path(path, must_exist=True)
    try:
        db = sqlite_utils.Database(sqlite3.connect(path), execute_plugins=False)
        if _check(db, path):
            raise StoreError(f"{path}: no corpus in this database yet; run `syria-corpus ingest PATH` first")
        pending = [m.name for m in migrations.pending(db)]
        db.close()
        open_db(path, create=False).close()
    except sqlite3.Error as e:
        raise explain_error(path, e) from None
    return pending


def open_readonly(path: str | Path, *, timeout: float = 2.0) -> sqlite_utils.Database:
    """Open the corpus for queries. Nothing is ever created, migrated or written, so a read-only file,
    or a file in a read-only folder, is enough."""
    path = str(path)
    _check_path(path, must_exist=True)
    file = Path(path)
    uri = f"{file.resolve().as_uri()}?mode=ro"
    wal = file.with_name(file.name + "-wal")
    if not os.access(file.parent, os.W_OK) and not (wal.exists() and wal.stat().st_size):
        # SQLite cannot create the write-ahead log's index there; with no log, the file is all there is
        uri += "&immutable=1"
    try:
        db = sqlite_utils.Database(sqlite3.connect(uri, uri=True, timeout=timeout), execute_plugins=False)
        if _check(db, path):
            raise StoreError(f"{path}: no corpus in this database yet; run `syria-corpus ingest PATH` first")
        if migrations.pending(db):
            raise StoreError(
                f"{path}: made by an older syria-corpus; run `syria-corpus upgrade` once (queries never change it)"
            )
    except sqlite3.Error as e:
        raise explain_error(path, e) from None
    return db


def _check_path(path: str, *, must_exist: bool) -> None:
    if Path(path).is_dir():
        raise StoreError(f"{path}: is a folder, not a database; pass a file with --db")
    if must_exist and not Path(path).exists():
        raise StoreError(f"{path}: no such database; run `syria-corpus ingest PATH` first")


def article_id(sha256: str) -> str:
    return sha256[:16]


def _row_id(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def has_article(db: sqlite_utils.Database, sha256: str) -> bool:
    return db.execute("select 1 from articles where id = ?", [article_id(sha256)]).fetchone() is not None


def superseded(db: sqlite_utils.Database, doc: Document) -> list[tuple[str, str]]:
    """Earlier versions of this document from its source, as (article id, ingested_at): writing it
    deletes them, so an edited file or row is stored once."""
    if doc.source is None:
        return []
    return db.execute(
        "select id, ingested_at from articles where source = ? and id != ?", [doc.source, article_id(doc.sha256)]
    ).fetchall()


@dataclass
class Provenance:
    ingested_at: str
    tool_version: str
    model: str
    model_version: str


def write_article(
    db: sqlite_utils.Database,
    doc: Document,
    page: Page,
    analysis: Analysis,
    prov: Provenance,
    path: str,
    linker: Linker | None = None,
) -> str:
    """Replace one article and everything extracted from it, and any earlier version from the same
    source, in one transaction. Entities are linked to the corpus's entities first, so mentions and
    quotes point at one row per real entity."""
    from . import gazetteer
    from .linking import Linker, links_across

    aid = article_id(doc.sha256)
    linker = linker or Linker(db)
    cur = linker.curation
    ids = {e.key: linker.link(e, aid) for e in analysis.entities}
    gone = {k for k, i in ids.items() if i in cur.deleted}  # entities the user deleted stay deleted
    analysis = Analysis(
        entities=[e for e in analysis.entities if e.key not in gone],
        mentions=[m for m in analysis.mentions if m.entity_key not in gone],
        quotes=[_unattributed(q) if q.speaker_key in gone else q for q in analysis.quotes],
        primary_place=None if analysis.primary_place in gone else analysis.primary_place,
    )
    names = {e.key: linker.name_of(ids[e.key], e.name) for e in analysis.entities}
    primary = next((e for e in analysis.entities if e.key == analysis.primary_place), None)
    article = {
        "id": aid,
        "path": path,
        "source": doc.source,
        "sha256": doc.sha256,
        "external_id": doc.external_id,
        "url": doc.url,
        "outlet": page.outlet,
        "published": page.published,
        "published_precision": precision_of(page.published),
        "date": day_of(page.published),
        "title": page.title,
        "body": page.body,
        "tags": json.dumps(page.tags, ensure_ascii=False),
        "related_headlines": json.dumps(page.related_headlines, ensure_ascii=False),
        "furniture": json.dumps(page.furniture, ensure_ascii=False),
        "encoding": doc.encoding,
        "ingested_at": prov.ingested_at,
        "tool_version": prov.tool_version,
        "model": prov.model,
        "model_version": prov.model_version,
        "primary_place": names[primary.key] if primary else None,
        "primary_governorate": primary.governorate if primary else None,
    }
    body_counts = Counter(ids[m.entity_key] for m in analysis.mentions if m.context in ("body", "title"))
    entity_rows, alias_rows, link_rows, seen = [], [], [], set()
    for e in analysis.entities:
        eid = ids[e.key]
        alternatives = json.dumps(e.alternatives, ensure_ascii=False) if e.alternatives else None
        type_ = cur.types.get(eid, e.type)
        precision = gazetteer.geo_precision(e.kind, e.lat, e.governorate) if e.type == "place" else None
        entity_rows.append(
            (eid, type_, names[e.key], e.country, e.lat, e.lon, e.governorate, e.kind, alternatives, precision)
        )
        own = {a for a in (e.name, *e.aliases) if links_across(e.type, a, names[e.key])}
        kept = (own | set(known_aliases(eid))) - {names[e.key]}
        alias_rows += [(eid, a) for a in sorted(kept) if (fold(a), eid) not in cur.unaliases]
        if body_counts[eid] and eid not in seen:
            seen.add(eid)
            link_rows.append((aid, eid, e.role, body_counts[eid], int(e.metonym)))
    mention_rows = [
        (_row_id(aid, m.context, m.start, m.end, ids[m.entity_key]), aid, ids[m.entity_key], m.type, m.text, m.start,
         m.end, m.context)
        for m in analysis.mentions
    ]  # fmt: skip
    parents = _parents(aid, analysis.quotes)
    quote_rows = [
        (_row_id(aid, q.kind, q.start, q.end), aid, q.kind, q.text, ids.get(q.speaker_key) if q.speaker_key else None,
         names.get(q.speaker_key, q.speaker) if q.speaker_key else q.speaker, q.speaker_mention, q.speaker_role, q.cue,
         q.via, q.start, q.end, q.paragraph, q.confidence, parents.get(n))
        for n, q in enumerate(analysis.quotes)
    ]  # fmt: skip
    with db.atomic():
        for old, _ in superseded(db, doc):
            _delete_article(db, old)
        if has_article(db, doc.sha256):
            _delete_article(db, aid)
        for eid, name in linker.renamed.items():
            rename_entity(db, eid, name)
        linker.renamed.clear()
        cols = ", ".join(f"[{c}]" for c in article)
        db.execute(f"insert into articles ({cols}) values ({', '.join('?' * len(article))})", list(article.values()))
        run = db.conn.executemany
        run(
            """insert or ignore into entities (id, type, name, country, lat, lon, governorate, kind, alternatives,
               geo_precision) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            entity_rows,
        )
        run("insert or ignore into aliases (entity_id, alias) values (?, ?)", alias_rows)
        run(
            "insert into article_entities (article_id, entity_id, role, mentions, metonym) values (?, ?, ?, ?, ?)",
            link_rows,
        )
        run(
            "update entities set mentions = mentions + ?, articles = articles + 1, role = coalesce(role, ?) where id = ?",
            [(n, role, eid) for _, eid, role, n, _ in link_rows],
        )
        run(
            """insert or ignore into mentions (id, article_id, entity_id, type, text, start, [end], context)
               values (?, ?, ?, ?, ?, ?, ?, ?)""",
            mention_rows,
        )
        run(
            """insert or replace into quotes (id, article_id, kind, text, speaker_id, speaker, speaker_mention,
               speaker_role, cue, via, start, [end], paragraph, confidence, parent_id)
               values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            quote_rows,
        )
        run(
            "insert into tags (article_id, position, tag) values (?, ?, ?)",
            [(aid, i, t) for i, t in enumerate(page.tags)],
        )
        run(
            "insert into related_headlines (article_id, position, headline) values (?, ?, ?)",
            [(aid, i, h) for i, h in enumerate(page.related_headlines)],
        )
    return aid


def _delete_article(db: sqlite_utils.Database, aid: str) -> None:
    touched = [
        r[0]
        for r in db.execute(
            """select entity_id from mentions where article_id = ? union select speaker_id from quotes
               where article_id = ? and speaker_id is not null union select entity_id from article_entities
               where article_id = ?""",
            [aid, aid, aid],
        )
    ]
    db.execute(
        """update entities set
             mentions = mentions - (select mentions from article_entities where article_id = ? and entity_id = entities.id),
             articles = articles - 1
           where id in (select entity_id from article_entities where article_id = ?)""",
        [aid, aid],
    )
    for table in ("quotes", "mentions", "article_entities", "tags", "related_headlines"):
        db.execute(f"delete from [{table}] where article_id = ?", [aid])
    db.execute("delete from articles where id = ?", [aid])
    # Only the entities this article touched can have become orphans: no scan of the whole corpus.
    orphans = [
        i
        for i in touched
        if not db.execute(
            """select 1 from mentions where entity_id = ?1 union all select 1 from quotes where speaker_id = ?1
               union all select 1 from curation where target = ?1 limit 1""",
            [i],
        ).fetchone()
    ]
    db.conn.executemany("delete from aliases where entity_id = ?", [(i,) for i in orphans])
    db.conn.executemany("delete from entities where id = ?", [(i,) for i in orphans])
