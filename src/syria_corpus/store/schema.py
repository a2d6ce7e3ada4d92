"""Every table, as sqlite-utils migrations, and opening a corpus to write to it (creating or migrating
its schema). The migrations' names are listed in `connect.MIGRATIONS` too, for readers."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path


def _import_sqlite_utils_lean() -> None:
    """sqlite-utils imports pandas and numpy, where installed, only to convert their values on insert; we
    never hand it any, and the two cost a curation command a third of a second to start. Import it with
    them hidden (they import normally afterwards)."""
    hidden = [name for name in ("pandas", "numpy") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            del sys.modules[name]


_import_sqlite_utils_lean()

import sqlite_utils  # noqa: E402
from sqlite_utils.migrations import Migrations  # noqa: E402

from ..dates import day_of, precision_of  # noqa: E402
from ..errors import StoreError  # noqa: E402
from .clusters import clusters_stale, refresh_clusters  # noqa: E402
from .connect import MIGRATION_SET, check_path, explain_error, is_empty  # noqa: E402
from .summaries import rebuild_summary  # noqa: E402

migrations = Migrations(MIGRATION_SET)


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
    from .. import gazetteer

    rows = db.execute("select id, kind, lat, governorate from entities where type = 'place'").fetchall()
    db.conn.executemany(
        "update entities set geo_precision = ? where id = ?",
        [(gazetteer.geo_precision(kind, lat, gov), eid) for eid, kind, lat, gov in rows],
    )


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
    )  # m021 builds the summary, with the columns it adds


COUNTED = ("articles", "quotes", "mentions", "entities")


@migrations()
def m011_table_counts(db: sqlite_utils.Database) -> None:
    """Row counts of the big tables kept by triggers, so `stats` reads four numbers instead of counting
    millions of rows; articles indexed by outlet (the per-outlet count) and by date (date filters, oldest first). The table is sqlite-utils'
    `_counts` (its `cached_counts()` reads it), but the triggers update the row: sqlite-utils' own
    `insert or replace` into `_counts` becomes `insert or ignore`, and counts nothing, inside an
    `insert or ignore` into the counted table, as the store writes entities and mentions."""
    db.execute('create table if not exists _counts ("table" text primary key, count integer default 0)')
    for table in COUNTED:
        _count_rows(db, table)
    db.execute("create index idx_articles_outlet on articles (outlet)")
    db.execute("create index idx_articles_date on articles (date, outlet, id)")


def _count_rows(db: sqlite_utils.Database, table: str) -> None:
    """Keep `table`'s row count in `_counts`, from its count now, by triggers that update the row."""
    db.execute(f"insert or replace into _counts values ('{table}', (select count(*) from {table}))")
    for event, change in (("insert", "+ 1"), ("delete", "- 1")):
        db.execute(
            f"""create trigger {table}_counts_{event} after {event} on {table}
                begin update _counts set count = count {change} where "table" = '{table}'; end"""
        )


@migrations()
def m012_entity_counts(db: sqlite_utils.Database) -> None:
    """Each entity's `mentions` and `articles` kept by triggers on its article links, which every writer
    (ingest, replacing an article, merge and unmerge) changes, instead of by hand in each; set once from
    the links. The `tags` and `related_headlines` tables go: the articles' JSON columns of the same name
    are what queries read."""
    for event, sign, row in (("insert", "+", "new"), ("delete", "-", "old")):
        db.execute(
            f"""create trigger article_entities_counts_{event} after {event} on article_entities begin
                update entities set mentions = mentions {sign} {row}.mentions, articles = articles {sign} 1
                where id = {row}.entity_id; end"""
        )
    db.execute(
        """create trigger article_entities_counts_update after update of entity_id, mentions on article_entities
           begin
             update entities set mentions = mentions - old.mentions, articles = articles - 1 where id = old.entity_id;
             update entities set mentions = mentions + new.mentions, articles = articles + 1 where id = new.entity_id;
           end"""
    )
    db.execute(
        """update entities set
             mentions = coalesce((select sum(mentions) from article_entities where entity_id = entities.id), 0),
             articles = (select count(*) from article_entities where entity_id = entities.id)"""
    )
    db.execute("drop table tags")
    db.execute("drop table related_headlines")


EVENT_COLUMNS = (
    "id", "article_id", "main", "type", "date", "date_precision", "date_as_written", "place", "place_id",
    "governorate", "lat", "lon", "geo_precision", "actor", "actor_id", "actor_category", "target", "killed_min",
    "killed_max", "killed_civilians", "killed_combatants", "killed_children", "killed_women", "wounded_min",
    "wounded_max", "claimant", "claimant_id", "sentence", "start", "end", "confidence", "toll_scope",
    "date_basis", "page",
)  # fmt: skip


@migrations()
def m013_events(db: sqlite_utils.Database) -> None:
    """Conflict events, after the ACLED and UCDP codebooks: one row per event an article reports, its place
    copied from the place entity (coordinates and governorate, as located), its actor and claimant as
    written and as the entities they name, counted in `_counts`."""
    db.execute(
        """create table events (
             id text primary key, article_id text not null references articles(id), main integer not null,
             type text not null, date text, date_precision text, date_as_written text,
             place text, place_id text references entities(id), governorate text, lat real, lon real,
             geo_precision text, actor text, actor_id text references entities(id), actor_category text not null,
             target text, killed_min integer, killed_max integer, killed_civilians integer,
             killed_combatants integer, killed_children integer, killed_women integer, wounded_min integer,
             wounded_max integer,
             claimant text, claimant_id text references entities(id), sentence text, start integer, [end] integer,
             confidence real)"""
    )
    for column in ("article_id", "date", "governorate", "type", "place_id"):
        db.execute(f"create index idx_events_{column} on events ({column})")
    _count_rows(db, "events")


@migrations()
def m014_event_clusters(db: sqlite_utils.Database) -> None:
    """Events that are one real event share an `event_cluster` (kept by `clusters.refresh_clusters`). Left
    empty here, as a back-fill never runs today's rules on an older schema: `upgrade` and the next ingest
    fill it in."""
    db.execute("alter table events add column event_cluster text")
    db.execute("create index idx_events_event_cluster on events (event_cluster)")


# A quote's speaker type from its entity's type, as `filters.SpeakerType.of` reads it.
_SPEAKER_TYPE = """coalesce((select case e.type when 'person' then 'person' when 'org' then 'organisation'
                   when 'place' then 'place' end from entities e where e.id = {id}), 'unnamed')"""
_QUOTE_FACETS = f"""outlet = a.outlet, date = a.date, year = substr(a.published, 1, 4),
                    month = case when length(a.published) >= 7 then substr(a.published, 1, 7) end,
                    governorate = a.primary_governorate, speaker_type = {_SPEAKER_TYPE.format(id="quotes.speaker_id")}
                    from articles a where a.id = quotes.article_id"""
QUOTE_FACETS = ("outlet", "date", "month", "year", "governorate", "speaker_type", "kind")


@migrations()
def m015_quote_facets(db: sqlite_utils.Database) -> None:
    """Each quote carries its article's outlet, date (its day; its month and year, also where only those are
    known), governorate, and its speaker's
    type, each indexed: what a researcher filters and counts quotes by in the browser, where a count over a
    join of a million quotes takes seconds. Triggers keep them true when a quote is stored, an article's
    outlet, date or place changes, a quote changes speaker, or a speaker is retyped. The full-text index
    is rewritten only when a quote's text changes. A speaker's quotes are indexed by date; events by actor
    category and articles by governorate, the other things counted in the browser."""
    for column in QUOTE_FACETS[:-1]:
        db.execute(f"alter table quotes add column {column} text")
    db.executescript(
        f"""
        drop trigger quotes_au;
        create trigger quotes_au after update of text on quotes begin
          insert into quotes_fts (quotes_fts, rowid, text) values ('delete', old.rowid, old.text);
          insert into quotes_fts (rowid, text) values (new.rowid, new.text);
        end;
        drop trigger quotes_version_au;
        create trigger quotes_version_au after update of article_id, kind, speaker_id, speaker, parent_id,
          confidence on quotes
          begin update corpus_version set version = version + 1 where name = 'quotes'; end;
        create trigger quotes_facets_ai after insert on quotes begin
          update quotes set {_QUOTE_FACETS} and quotes.rowid = new.rowid;
        end;
        create trigger quotes_facets_speaker after update of speaker_id on quotes begin
          update quotes set speaker_type = {_SPEAKER_TYPE.format(id="new.speaker_id")} where rowid = new.rowid;
        end;
        create trigger articles_facets_au after update of outlet, date, published, primary_governorate on articles begin
          update quotes set {_QUOTE_FACETS} and quotes.article_id = new.id;
        end;
        create trigger entities_facets_au after update of type on entities begin
          update quotes set speaker_type = {_SPEAKER_TYPE.format(id="new.id")} where speaker_id = new.id;
        end;
        update quotes set {_QUOTE_FACETS};
        """
    )
    for column in QUOTE_FACETS:
        db.execute(f"create index idx_quotes_{column} on quotes ({column})")
    # a speaker's quotes, newest first, straight from the index however many there are
    db.execute("drop index idx_quotes_speaker_id")
    db.execute("create index idx_quotes_speaker_date on quotes (speaker_id, date)")
    db.execute("create index idx_events_actor_category on events (actor_category)")
    db.execute("create index idx_articles_primary_governorate on articles (primary_governorate)")


@migrations()
def m016_spellings(db: sqlite_utils.Database) -> None:
    """How each article writes each person it names: the linker names a person as most articles do, and
    reads the counts from here, so a corpus stored in one run or in many is named alike. Nothing to fill
    in: an older corpus's stored name counts as one article."""
    db.execute(
        """create table spellings (article_id text not null references articles(id), entity_id text not null,
             name text not null, primary key (article_id, entity_id))"""
    )
    db.execute("create index idx_spellings_entity_id on spellings (entity_id)")


@migrations()
def m017_event_toll_scope(db: sqlite_utils.Database) -> None:
    """Whether an event's toll is its own (`event`) or a total over several happenings (`summary`), now
    that an article's every event is a row: a table of events must not count the same dead twice. Nothing
    to fill in: a stored event's scope is unknown until its article is ingested again."""
    db["events"].add_column("toll_scope", str)


@migrations()
def m018_event_date_basis(db: sqlite_utils.Database) -> None:
    """Whether an event's date is one its text states (`text`) or its article's day, the text stating none
    (`published`), so that a researcher can tell a dated event from one only reported that day. Filled in
    from what is stored: a date with no words that give it was the article's day."""
    db["events"].add_column("date_basis", str)
    db.execute(
        """update events set date_basis = case when date is null then null
             when date_as_written is null then 'published' else 'text' end"""
    )


@migrations()
def m019_pages(db: sqlite_utils.Database) -> None:
    """The page of a PDF report each quote, mention and event is on, so a researcher can cite it. Nothing
    to fill in: no PDF could be read before this version."""
    for table in ("quotes", "mentions", "events"):
        db[table].add_column("page", int)


@migrations()
def m020_article_author(db: sqlite_utils.Database) -> None:
    """Who wrote the article, where its source says (a page's byline, a table's `author` column, a text's
    front matter). Nothing to fill in: it was not kept before."""
    db["articles"].add_column("author", str)


@migrations()
def m021_utterance_kinds(db: sqlite_utils.Database) -> None:
    """The speaker summary counts utterances by kind, so that they add up to its quotes: direct quotes in no
    reported speech (`direct_alone`) and reported speech quoting some of its words (`mixed`)."""
    db.execute("alter table speaker_outlet_counts add column direct_alone integer")
    db.execute("alter table speaker_outlet_counts add column mixed integer")
    rebuild_summary(db)


def open_db(path: str | Path, *, create: bool = True, timeout: float = 2.0) -> sqlite_utils.Database:
    """Open the corpus database to write to it, creating and migrating its schema (for `create=False`,
    only an existing corpus). Every SQLite failure becomes a one-line StoreError."""
    path = str(path)
    if path != ":memory:":
        check_path(path, must_exist=not create)
    try:
        conn = sqlite3.connect(path, timeout=timeout)
        db = sqlite_utils.Database(conn, execute_plugins=False)
        if is_empty(db.conn, path) and not create:
            raise StoreError(f"{path}: no corpus in this database yet; run `syria-corpus ingest PATH` first")
        db.execute("pragma foreign_keys = on")
        # a row that `insert or replace` replaces fires its delete triggers: the full-text index and the
        # cached counts stay true
        db.execute("pragma recursive_triggers = on")
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
    check_path(path, must_exist=True)
    try:
        db = sqlite_utils.Database(sqlite3.connect(path), execute_plugins=False)
        if is_empty(db.conn, path):
            raise StoreError(f"{path}: no corpus in this database yet; run `syria-corpus ingest PATH` first")
        pending = [m.name for m in migrations.pending(db)]
        db.close()
        db = open_db(path, create=False)
        if clusters_stale(db):  # a corpus from before clusters, or an ingest interrupted before them
            with db.conn:
                refresh_clusters(db)
        db.close()
    except sqlite3.Error as e:
        raise explain_error(path, e) from None
    return pending
