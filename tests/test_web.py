"""`serve`: the metadata, stored queries, plugin pages and safety of the served corpus, through Datasette's
in-process client (the browser tests drive a real `serve` process)."""

from __future__ import annotations

import asyncio
import shutil
import socket
import sqlite3

import pytest
from typer.testing import CliRunner

from conftest import serve_command
from syria_corpus.cli import app
from syria_corpus.web.marks import HIT, Span, highlighted, marked
from syria_corpus.web.metadata import FACETS, metadata, missing_descriptions
from syria_corpus.web.serve import corpus_app, network_warning


@pytest.fixture(scope="module")
def site(web_corpus):
    datasette = corpus_app(web_corpus)
    loop = asyncio.new_event_loop()
    loop.run_until_complete(datasette.invoke_startup())

    def get(path: str, **kwargs):
        return loop.run_until_complete(datasette.client.get(path, **kwargs))

    def post(path: str, **kwargs):
        return loop.run_until_complete(datasette.client.post(path, **kwargs))

    yield get, post
    loop.close()


def rows(get, path: str) -> list[dict]:
    response = get(path + ("&" if "?" in path else "?") + "_shape=objects")
    assert response.status_code == 200, response.text
    return response.json()["rows"]


def test_every_column_a_reader_sees_is_described(web_corpus):
    with sqlite3.connect(web_corpus) as conn:
        assert missing_descriptions(conn) == []
        meta = metadata(conn, "corpus")
    tables = meta["databases"]["corpus"]["tables"]
    assert tables["quotes"]["facets"] == [
        "outlet",
        "kind",
        "speaker_id",
        "speaker_type",
        "governorate",
        "year",
        "month",
    ]
    assert (
        tables["events"]["columns"]["killed_min"]
        == 'Fewest killed the text allows ("at least 15" -> 15; "dozens" -> 12) (people)'
    )
    assert tables["places"]["columns"]["lat"] == "Latitude of a place (degrees)"
    assert tables["_counts"] == {"hidden": True}
    assert "Syrian gazetteer" in meta["description_html"] and "CC BY 4.0 (GeoNames)" in meta["description_html"]
    # every facet leads an index: a facet over a million quotes reads an index, not the table
    with sqlite3.connect(web_corpus) as conn:
        for table, columns in FACETS.items():
            leading = {
                conn.execute(f"pragma index_info([{ix[1]}])").fetchone()[2]
                for ix in conn.execute(f"pragma index_list([{table}])")
            }
            assert set(columns) <= leading, (table, set(columns) - leading)


def test_quotes_carry_their_articles_facts_and_follow_corrections(fresh_db):
    from syria_corpus.store.curation import retype
    from syria_corpus.store.schema import open_db

    db = open_db(fresh_db, create=False)
    assert db.execute(
        "select outlet, date, month, year, governorate, speaker_type from quotes where speaker = 'Vitaly Churkin' limit 1"
    ).fetchone() == ("Sputnik", "2021-01-23", "2021-01", "2021", "Deir ez-Zor", "person")
    retype(db, "Vitaly Churkin", "org")
    assert {r[0] for r in db.execute("select speaker_type from quotes where speaker = 'Vitaly Churkin'")} == {
        "organisation"
    }
    db.execute("update articles set outlet = 'sputniknews', published = '2016-09', date = null")
    assert db.execute("select distinct outlet, date, month, year from quotes").fetchall() == [
        ("sputniknews", None, "2016-09", "2016")
    ]
    db.execute("update quotes set speaker_id = null where speaker = 'Vitaly Churkin'")
    assert {r[0] for r in db.execute("select speaker_type from quotes where speaker = 'Vitaly Churkin'")} == {"unnamed"}
    db.close()


def test_marked_body_nests_quotes_links_mentions_and_escapes_the_rest():
    text = 'A <b> said "we left Aleppo" today.'
    spans = [
        Span(11, 27, "direct", "direct quote: A", ident="q1"),
        Span(20, 26, "place", "place: Aleppo", href="/corpus/entities/place:aleppo"),
        Span(0, 1, "person", "person: A", href="/e?a=1&b=2"),
    ]
    assert marked(text, spans) == (
        '<a class="entity person" href="/e?a=1&amp;b=2" title="person: A">A</a> &lt;b&gt; said '
        '<mark class="quote direct" id="quote-q1" title="direct quote: A">&quot;we left </mark>'
        '<mark class="quote direct" title="direct quote: A"><a class="entity place" '
        'href="/corpus/entities/place:aleppo" title="place: Aleppo">Aleppo</a></mark>'
        '<mark class="quote direct" title="direct quote: A">&quot;</mark> today.'
    )
    assert highlighted(f"…the {HIT[0]}sarin{HIT[1]} <attack>") == '…the <mark class="hit">sarin</mark> &lt;attack&gt;'


def test_table_pages_facet_quotes_by_outlet_speaker_type_and_month(site):
    get, _ = site
    data = get("/corpus/quotes.json?_size=0").json()
    facets = data["facet_results"]
    assert [(r["value"], r["count"]) for r in facets["outlet"]["results"]] == [
        ("Sputnik", 14), ("reuters", 3), ("sputnik", 2), ("sana", 1),
    ]  # fmt: skip
    assert [(r["value"], r["count"]) for r in facets["speaker_type"]["results"]] == [
        ("person", 15), ("organisation", 2), ("unnamed", 2), ("place", 1),
    ]  # fmt: skip
    assert [(r["value"], r["count"]) for r in facets["month"]["results"]] == [
        ("2021-01", 14), ("2017-04", 4), ("2016-09", 1), ("2017-05", 1),
    ]  # fmt: skip
    assert facets["speaker_id"]["results"][0]["label"] == "Paul J. Saunders"
    page = get("/corpus/quotes?outlet=sana").text
    assert 'href="/-/articles/1a5a781a95754101"' in page  # a quote row links to its article's page


def test_stored_queries_answer_by_name_or_alias_and_whole_names_only(site):
    get, _ = site
    lavrov = rows(get, "/corpus/quotes_of.json?speaker=Sergei+Lavrov")  # an alias of Sergey Lavrov
    assert [(r["speaker"], r["outlet"], r["text"]) for r in lavrov] == [
        ("Sergey Lavrov", "sputnik", "the strike on the Shayrat airbase in Homs was an act of aggression"),
    ]
    assert rows(get, "/corpus/quotes_of.json?speaker=Lavro") == []
    assert [
        r["title"] for r in rows(get, "/corpus/place_articles.json?place=Khan+Shaykhun&since=2017&until=2017-04")
    ] == ["Gas attack on Khan Sheikhoun kills dozens"]
    assert rows(get, "/corpus/place_articles.json?place=Khan+Shaykhun&since=2017-05&until=") == []
    profile = rows(get, "/corpus/person.json?name=Vitaly+Churkin")
    assert [(r["section"], r["value"], r["count"]) for r in profile] == [
        ("name", "Vitaly Churkin", 1), ("role", "Russian envoy to the UN", 1), ("quoted by", "Sputnik", 2),
    ]  # fmt: skip
    assert rows(get, "/corpus/outlet_speakers.json?outlet=reuters") == [
        {"outlet": "reuters", "speaker": "Syrian Observatory for Human Rights", "quotes": 1, "direct": 1, "indirect": 0, "articles": 1},
        {"outlet": "reuters", "speaker": "White Helmets", "quotes": 1, "direct": 0, "indirect": 1, "articles": 1},
        {"outlet": "reuters", "speaker": "a US official", "quotes": 1, "direct": 1, "indirect": 0, "articles": 1},
    ]  # fmt: skip
    months = rows(get, "/corpus/events_by_month.json?type=airstrike")
    assert [(r["governorate"], r["month"], r["events"]) for r in months] == [
        ("Deir ez-Zor", "2016-09", 1),
        ("Homs", "2017-04", 1),
    ]
    cluster = rows(get, "/corpus/events.json?type=chemical")[0]["event_cluster"]
    told = rows(get, f"/corpus/event_outlets.json?cluster={cluster}")
    assert [(r["outlet"], r["date"], r["place"], r["killed_min"]) for r in told] == [
        ("reuters", "2017-04-04", "Khan Sheikhoun", 12)
    ]
    markers = rows(get, "/corpus/place_map.json")
    assert len(markers) == 9 and all(r["lat"] is not None for r in markers)
    assert '"link":"place_articles?place=Deir%20ez-Zor"' in next(
        r["popup"] for r in markers if r["name"] == "Deir ez-Zor"
    )


def test_article_page_highlights_every_quote_and_links_its_entities(site):
    get, _ = site
    page = get("/-/articles/85403c78c18a1a8f").text
    assert page.count('<mark class="quote direct" id="quote-') == 10
    assert page.count('<mark class="quote indirect" id="quote-') == 4
    assert (
        '<a class="entity person" href="/corpus/entities/person%3Avitaly-churkin" title="person: Vitaly Churkin">Vitaly Churkin</a>'
        in page
    )
    assert "further [poisoned] an already" in page
    missing = get("/-/articles/nope")
    assert missing.status_code == 404 and "no article matches &#39;nope&#39;" in missing.text


def test_search_page_takes_the_cli_syntax_and_every_spelling(site):
    get, _ = site
    page = get("/-/search?q=Khan+Shaykhun").text
    assert "<p>1 article</p>" in page
    assert '&quot;Dozens of people were killed in <mark class="hit">Khan Sheikhoun</mark> in Idlib,' in page
    bad = get("/-/search?q=%22sarin")
    assert bad.status_code == 400
    assert '<p class="search-error">a &#34; in &#39;&#34;sarin&#39; is not closed; the syntax: words' in bad.text


def test_the_served_corpus_cannot_be_written_and_errors_show_no_internals(site, web_corpus):
    get, post = site
    before = sqlite3.connect(web_corpus).execute("select count(*) from quotes").fetchone()[0]
    for path in ("/corpus/quotes/-/insert", "/corpus/-/create", "/corpus/quotes_of"):
        refused = post(path, json={"row": {"id": "x"}, "table": "x", "speaker": "x"})
        assert (refused.status_code, refused.text) == (405, "405: this corpus is served read-only\n")
    through_sql = get("/corpus.json?sql=insert+into+quotes+(id)+values+('x')")
    assert through_sql.status_code == 400
    assert through_sql.json()["error"] == "Statement must be a SELECT"
    assert sqlite3.connect(web_corpus).execute("select count(*) from quotes").fetchone()[0] == before
    for path in ("/corpus/nothere", "/corpus.json?sql=select+*+from+nothere", "/corpus/quotes?_sort=nothere",
                 "/corpus/quotes.json?_size=nope", "/-/articles/%00", "/corpus/quotes/nothere"):  # fmt: skip
        response = get(path)
        assert response.status_code >= 400, path
        assert "Traceback" not in response.text and str(web_corpus.parent) not in response.text, path


def test_serve_refuses_a_taken_port_and_warns_beyond_localhost(web_corpus, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(app, ["--db", str(web_corpus), "serve", "--port", str(port)])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == f"Error: cannot serve on 127.0.0.1:{port}: Address already in use"
    assert network_warning("127.0.0.1") is None
    assert network_warning("0.0.0.0") == (
        "serving on 0.0.0.0: anyone who can reach this machine on the network can read the whole corpus"
    )
    missing = CliRunner().invoke(app, ["--db", str(tmp_path / "none.db"), "serve"])
    assert missing.exit_code == 4 and "none.db" in missing.output and "Traceback" not in missing.output


def test_a_left_over_write_ahead_log_is_folded_in_before_serving(web_corpus, tmp_path):
    path = tmp_path / "corpus.db"
    shutil.copy(web_corpus, path)
    writer = sqlite3.connect(path)
    writer.execute("pragma journal_mode = wal")
    writer.execute("pragma wal_autocheckpoint = 0")
    writer.execute("update articles set title = 'Renamed' where id = '1a5a781a95754101'")
    writer.commit()
    assert (tmp_path / "corpus.db-wal").stat().st_size > 0
    datasette = corpus_app(path)  # the writer still holds the log open: closing it would fold it in too
    loop = asyncio.new_event_loop()
    got = loop.run_until_complete(datasette.client.get("/corpus/articles/1a5a781a95754101.json?_shape=objects")).json()
    loop.close()
    writer.close()
    assert got["rows"][0]["title"] == "Renamed"


def test_a_query_that_builds_a_huge_value_fails_at_once(site):
    get, _ = site
    response = get("/corpus.json?sql=select+hex(zeroblob(400000000))")
    assert response.status_code == 400
    assert response.json()["error"] == "string or blob too big"


def test_no_response_grows_past_its_cap(site, monkeypatch):
    from syria_corpus.web import plugin

    get, _ = site
    whole = get("/corpus/quotes.json?_shape=objects&_size=max").content
    monkeypatch.setattr(plugin, "SERVE_RESPONSE_BYTES", 1000)
    assert len(whole) > 1000 and get("/corpus/quotes.json?_shape=objects&_size=max").content == whole[:1000]


def test_the_search_page_is_stopped_at_its_time_limit(site, monkeypatch):
    from syria_corpus.web import pages

    get, _ = site
    monkeypatch.setattr(pages, "SERVE_TIME_MS", 0)
    response = get("/-/search?q=" + "+OR+".join(["Aleppo", "Idlib", "Homs", "Assad"] * 8))
    assert response.status_code == 400 and "this took longer than 0 s and was stopped; ask for less" in response.text


def test_serve_answers_on_ipv6_loopback(web_corpus):
    import subprocess
    import time
    import urllib.request

    from syria_corpus.web.serve import url_of

    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
            port = probe.getsockname()[1]
    except OSError:
        pytest.skip("this machine has no IPv6 loopback")
    assert url_of("::1", port) == f"http://[::1]:{port}/" and url_of("127.0.0.1", 80) == "http://127.0.0.1:80/"
    command = serve_command(web_corpus, port, "--host", "::1")
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr.readline() == f"Serving {web_corpus} at http://[::1]:{port}/ (Ctrl-C to stop)\n"
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://[::1]:{port}/", timeout=5) as page:
                    assert page.status == 200 and b"syria-corpus" in page.read()
                break
            except OSError:
                assert time.monotonic() < deadline and process.poll() is None
                time.sleep(0.2)
    finally:
        process.terminate()
        process.wait(timeout=10)
