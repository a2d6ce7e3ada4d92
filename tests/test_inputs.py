import json

import pytest
from typer.testing import CliRunner

from conftest import SEED
from syria_corpus.cli import app
from syria_corpus.dates import parse_date
from syria_corpus.errors import InputError
from syria_corpus.ingest import ingest
from syria_corpus.read.documents import read_documents
from syria_corpus.read.tables import Columns

runner = CliRunner()
ARTICLE = '"We will not leave Aleppo," Governor Hussein Diab said on Monday, after shelling hit the city of Aleppo.'
HTML = f"""<html><head><title>Shelling hits Aleppo</title>
<meta property="og:site_name" content="Levant Daily"><meta name="date" content="2016-11-05">
<meta name="author" content="Rania Haddad"></head>
<body><nav>Home | World | Sport</nav><article><h1>Shelling hits Aleppo</h1>
<p>{ARTICLE}</p><p>Residents said the bombardment lasted through the night and that the main hospital in the
eastern districts was damaged, according to the Syrian Observatory for Human Rights.</p></article>
<footer>Copyright Levant Daily. Subscribe to our newsletter.</footer></body></html>"""


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("24.08.2013", "2013-08-24", "day"),
        ("8/24/2013", "2013-08-24", "day"),
        ("Wed 05 Apr 2017", "2017-04-05", "day"),
        ("2017-04-05T09:14:00Z", "2017-04-05T09:14:00+00:00", "minute"),
        ("August 22 2013 1849 UTC+3", "2013-08-22T18:49:00", "minute"),
        ("Published July 5 2015", "2015-07-05", "day"),
        ("April 2016", "2016-04", "month"),
    ],
)
def test_dates(text, iso, precision):
    parsed = parse_date(text)
    assert (parsed.iso, parsed.precision) == (iso, precision)


def test_csv_columns_guessed_and_named(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text('unit_id,article_title,article_content,source\n7,Title one,"Body, with ""quotes""",sana\n8,T2,,trt\n')
    docs = list(read_documents(p))
    assert [type(d).__name__ for d in docs] == ["Document", "InputError"]
    assert (docs[0].external_id, docs[0].title, docs[0].text, docs[0].outlet) == (
        "7",
        "Title one",
        'Body, with "quotes"',
        "sana",
    )
    assert str(docs[1]) == f"{p}#8: no text in column 'article_content'"
    q = tmp_path / "b.tsv"
    q.write_text("ident\tnarrative\n1\tSome text here\n")
    with pytest.raises(InputError) as e:
        list(read_documents(q))
    assert (
        str(e.value)
        == f"{q}: cannot tell which column holds the text; name it with --text-column (columns: ident, narrative)"
    )
    # a file with no header row: its first row's text, on one line, cut
    r = tmp_path / "c.csv"
    r.write_text('"Aleppo held.\nHe spoke",We will not leave Aleppo said the governor on Monday at length\n')
    with pytest.raises(InputError) as e:
        list(read_documents(r))
    assert str(e.value) == (
        f"{r}: cannot tell which column holds the text; name it with --text-column "
        "(columns: Aleppo held.\\nHe spoke, We will not leave Aleppo said the gover…)"
    )
    (doc,) = read_documents(q, Columns(text="narrative", id="ident"))
    assert (doc.external_id, doc.text) == ("1", "Some text here")


def test_jsonl_and_json(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({"id": "x1", "text": "Body one", "date": "24.08.2013", "url": "http://e.org/1"}) + "\n")
    (doc,) = read_documents(p)
    assert (doc.external_id, doc.published, doc.url) == ("x1", "24.08.2013", "http://e.org/1")
    bad = tmp_path / "b.json"
    bad.write_text("{not json")
    with pytest.raises(InputError) as e:
        list(read_documents(bad))
    assert str(e.value).startswith(f"{bad}: not JSON (")


@pytest.mark.parametrize(
    ("name", "content", "kinds"),
    [
        ("a.json", "[1, 2, 3]", "numbers"),
        ("b.jsonl", "null\nnull\n", "nulls"),
        ("c.json", '["x", [1]]', "arrays and strings"),
    ],
)
def test_json_of_no_objects_says_so(tmp_path, name, content, kinds):
    p = tmp_path / name
    p.write_text(content)
    with pytest.raises(InputError) as e:
        list(read_documents(p))
    assert str(e.value) == f"{p}: holds {kinds}, no objects; each article is one object with its fields"


def test_bad_json_line_is_one_bad_row(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text('{"id": "a", "text": "First"}\n{oops\n\n{"id": "b", "text": "Second"}\n')
    got = list(read_documents(p))
    assert [d.external_id for d in got if not isinstance(d, InputError)] == ["a", "b"]
    assert [str(e) for e in got if isinstance(e, InputError)] == [
        f"{p}: line 2 is not JSON (Expecting property name enclosed in double quotes)"
    ]


def test_table_encoding_is_found_over_the_whole_file(tmp_path):
    """A cp1252 byte far past the first chunk still switches the whole table to cp1252."""
    p = tmp_path / "late.csv"
    rows = "".join(f"{n},Report number {n} from Aleppo\n" for n in range(40_000))
    p.write_bytes(f"id,text\n{rows}40000,Caf\xe9 in Idlib\n".encode("latin-1"))
    assert p.stat().st_size > 1 << 20
    got = list(read_documents(p))
    assert str(got[0]) == f"{p}: not valid UTF-8; decoded as cp1252"
    assert len(got) == 40_002 and got[-1].text == "Caf\u00e9 in Idlib"


def test_html_main_text_and_metadata(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(HTML)
    (doc,) = read_documents(p)
    assert doc.title == "Shelling hits Aleppo" and doc.published == "2016-11-05"
    assert "We will not leave Aleppo" in doc.text and "Subscribe" not in doc.text and "Home | World" not in doc.text


def test_mixed_folder_ingests_good_documents_and_names_bad_ones(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    (folder / "page.html").write_text(HTML)
    (folder / "table.csv").write_text(
        f'id,text,source,date\nc1,"{ARTICLE.replace(chr(34), chr(34) * 2)}",Reuters,8/24/2013\n'
    )
    (folder / "rows.jsonl").write_text(
        json.dumps({"id": "j1", "text": "Rebels said the road to Idlib was open."}) + "\n"
    )
    (folder / "empty.txt").write_text("")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02" * 400)
    db = tmp_path / "corpus.db"
    result = runner.invoke(app, ["--db", str(db), "ingest", str(folder)])
    assert result.exit_code == 3, result.output
    assert f"Warning: {folder / 'empty.txt'}: file is empty" in result.output
    assert f"Warning: {folder / 'broken.txt'}: not a text document (binary data)" in result.output
    assert "4 added, 2 failed" in result.output
    rows = json.loads(runner.invoke(app, ["--db", str(db), "export", "articles", "--json"]).output)
    by_id = {r["external_id"]: r for r in rows if r["external_id"]}
    assert by_id["c1"]["published"] == "2013-08-24" and by_id["c1"]["outlet"] == "Reuters"
    assert {r["title"] for r in rows} >= {"Shelling hits Aleppo"}
    again = runner.invoke(app, ["--db", str(db), "ingest", str(folder)])
    assert "4 unchanged, 2 failed" in again.output


def test_two_workers_give_the_same_rows_as_one(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    texts = [ARTICLE, 'Rami Abdel Rahman said "nine people were killed" in Douma.', SEED.read_text(encoding="utf-8")]
    for n, text in enumerate(texts):
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    ingest(one, [folder], workers=1)
    ingest(two, [folder], workers=2)

    def dump(db):
        out = runner.invoke(app, ["--db", str(db), "export", "quotes", "--json"]).output
        return [(q["path"].split("/")[-1], q["speaker"], q["text"]) for q in json.loads(out)]

    assert dump(one) == dump(two) != []
