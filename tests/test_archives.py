"""What researchers hold besides scrapes and tables: web archives (WARC, WARC.gz, WACZ) and Word documents,
made here with the libraries that write them."""

import datetime
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from syria_corpus.cli import app
from syria_corpus.errors import InputError
from syria_corpus.ingest import ingest
from syria_corpus.read.documents import iter_paths, read_documents
from syria_corpus.read.segment import profile_for_url
from syria_corpus.records import Document, Notice

ALEPPO_URL = "https://www.reuters.com/article/aleppo-families"
HOMS_URL = "https://example.org/homs-talks"
ALEPPO = [
    "Residents of Aleppo said the shelling went on through the night and many families fled to the countryside "
    "west of the city.",
    '"We will not leave," Ahmed Khalil said.',
]
HOMS = ["Delegates met in Geneva on Tuesday to discuss a truce in Homs, the United Nations envoy said in a statement."]
MAY_12, MAY_13 = "2016-05-12T10:00:00Z", "2016-05-13T11:00:00Z"


def html(title: str, paragraphs: list[str], head: str = "", tail: str = "") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title}</title>{head}</head>"
        f"<body><article><h1>{title}</h1>{body}</article>{tail}</body></html>"
    ).encode()


ALEPPO_PAGE = html("Families flee Aleppo shelling", ALEPPO)
HOMS_PAGE = html("Talks on Homs resume", HOMS, "<meta property='article:published_time' content='2016-03-02'>")


def warc(records: list[tuple], gzip: bool = True) -> bytes:
    """A WARC as warcio writes one: (kind, url, date, status, content type, payload) a record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    for kind, url, date, status, ctype, payload in records:
        if kind == "request":
            record = writer.create_warc_record(
                url, "request", payload=io.BytesIO(payload), warc_headers_dict={"WARC-Date": date}
            )
        else:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, kind, payload=io.BytesIO(payload), http_headers=headers, warc_headers_dict={"WARC-Date": date}
            )
        writer.write_record(record)
    return out.getvalue()


CRAWL = [
    ("response", ALEPPO_URL, MAY_12, "200 OK", "text/html; charset=utf-8", ALEPPO_PAGE),
    ("request", ALEPPO_URL, MAY_12, None, None, b"GET /article/aleppo-families HTTP/1.1\r\nHost: www.reuters.com\r\n\r\n"),
    ("response", "https://example.org/logo.png", MAY_12, "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
    ("response", "https://example.org/gone", MAY_12, "404 Not Found", "text/html", html("Not found", ["Gone."])),
    ("response", HOMS_URL, MAY_12, "200 OK", "text/html", HOMS_PAGE),
    # the same article captured a day later: another comment in its bytes, the same text
    ("response", ALEPPO_URL, MAY_13, "200 OK", "text/html; charset=utf-8", ALEPPO_PAGE + b"<!-- served 11:00 -->"),
]  # fmt: skip


def crawl(folder: Path, name: str = "crawl.warc.gz", records: list[tuple] = CRAWL) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(warc(records, gzip=name.endswith(".gz")))
    return path


def wacz(path: Path, records: list[tuple] = CRAWL) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("archive/data.warc.gz", warc(records))
        z.writestr("datapackage.json", json.dumps({"profile": "data-package", "resources": []}))
    return path


def word(path: Path, title: str | None, paragraphs: list[tuple[str, str]], cells: list[str] = ()) -> Path:
    """A .docx as python-docx writes one: (style, text) a paragraph, then a table of one row of cells."""
    import docx

    document = docx.Document()
    if title is not None:
        document.core_properties.title = title
    document.core_properties.created = datetime.datetime(2016, 1, 9, 8, 30, tzinfo=datetime.UTC)
    for style, text in paragraphs:
        if style == "heading":
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    if cells:
        table = document.add_table(rows=1, cols=len(cells))
        for cell, text in zip(table.rows[0].cells, cells, strict=True):
            cell.text = text
    document.save(path)
    return path


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_a_warc_gives_its_html_pages_and_counts_the_rest(tmp_path):
    path = crawl(tmp_path)
    items = list(read_documents(path))
    docs = [i for i in items if isinstance(i, Document)]
    assert [(d.path, d.source, d.url, d.title, d.outlet, d.published, d.file_date) for d in docs] == [
        (f"{path}#{HOMS_URL}", f"{path}#{HOMS_URL}", HOMS_URL, "Talks on Homs resume", None, "2016-03-02", MAY_12),
        # held until its second capture, the newer of the two kept: the address names the outlet
        (f"{path}#{ALEPPO_URL}", f"{path}#{ALEPPO_URL}", ALEPPO_URL, "Families flee Aleppo shelling", "Reuters",
         None, MAY_13),
    ]  # fmt: skip
    assert docs[1].text == "Families flee Aleppo shelling\n" + "\n".join(ALEPPO)
    assert [str(i) for i in items if isinstance(i, Notice)] == [
        f"{path}: 3 HTML pages read, 3 other records skipped; 1 earlier capture of a page with the same text left out"
    ]


def test_an_uncompressed_warc_and_a_wacz_read_as_the_gzipped_warc(tmp_path):
    plain = crawl(tmp_path, "crawl.warc")
    packed = wacz(tmp_path / "crawl.wacz")
    for path in (plain, packed):
        items = list(read_documents(path))
        assert [i.url for i in items if isinstance(i, Document)] == [HOMS_URL, ALEPPO_URL]
        assert str(items[-1]).startswith(f"{path}: 3 HTML pages read, 3 other records skipped")


def test_ingesting_a_warc_stores_its_pages_and_again_changes_nothing(tmp_path):
    path = crawl(tmp_path / "in")
    db = tmp_path / "corpus.db"
    summary = ingest(db, [path], workers=0)
    assert (summary.count("added"), summary.count("failed")) == (2, 0)
    assert rows(db, "select path, url, title, outlet, published from articles order by url") == [
        (f"{path}#{HOMS_URL}", HOMS_URL, "Talks on Homs resume", None, "2016-03-02"),
        # the page states no date: the day of its (newer) capture stands in
        (f"{path}#{ALEPPO_URL}", ALEPPO_URL, "Families flee Aleppo shelling", "Reuters", "2016-05-13T11:00:00+00:00"),
    ]  # fmt: skip
    assert rows(db, "select text, speaker from quotes where kind = 'direct'") == [
        ("We will not leave,", "Ahmed Khalil")
    ]
    again = ingest(db, [path], workers=0)
    assert [(r.path, r.status) for r in again.results] == [
        (f"{path}#{HOMS_URL}", "unchanged"),
        (f"{path}#{ALEPPO_URL}", "unchanged"),
    ]


def test_a_changed_capture_replaces_the_old_one(tmp_path):
    path = crawl(tmp_path / "in", records=CRAWL[:1])
    db = tmp_path / "corpus.db"
    ingest(db, [path], workers=0)
    edited = html("Families flee Aleppo shelling", [*ALEPPO, "The Syrian Observatory said 12 people were killed."])
    crawl(tmp_path / "in", records=[("response", ALEPPO_URL, MAY_13, "200 OK", "text/html", edited)])
    summary = ingest(db, [path], workers=0)
    assert [(r.path, r.status) for r in summary.results] == [(f"{path}#{ALEPPO_URL}", "replaced")]
    assert rows(db, "select count(*), max(body like '%12 people were killed%') from articles") == [(1, 1)]


def test_one_page_captured_with_two_texts_is_two_documents(tmp_path):
    later = html("Families flee Aleppo shelling", [*ALEPPO, "By evening the shelling had stopped."])
    path = crawl(
        tmp_path,
        records=[
            ("response", ALEPPO_URL, MAY_12, "200 OK", "text/html", ALEPPO_PAGE),
            ("response", ALEPPO_URL, MAY_13, "200 OK", "text/html", later),
        ],
    )
    items = list(read_documents(path))
    assert [(i.path, i.file_date) for i in items if isinstance(i, Document)] == [
        (f"{path}#{ALEPPO_URL}", MAY_13),
        (f"{path}#{ALEPPO_URL}~2", MAY_12),
    ]
    assert [str(i) for i in items if isinstance(i, Notice)] == [
        f"{path}: {ALEPPO_URL} captured at {MAY_12} with other text than at {MAY_13}; "
        f"kept as a separate document, {path}#{ALEPPO_URL}~2",
        f"{path}: 2 HTML pages read, 0 other records skipped",
    ]


def test_the_same_article_in_two_archives_of_one_run_is_stored_once(tmp_path):
    first = crawl(tmp_path / "in", "a.warc.gz", CRAWL[:1])
    second = wacz(tmp_path / "in" / "b.wacz", CRAWL[5:])
    summary = ingest(tmp_path / "corpus.db", [first, second], workers=0)
    assert sorted((r.path, r.status) for r in summary.results) == [
        (f"{first}#{ALEPPO_URL}", "added"),
        (f"{second}#{ALEPPO_URL}", "unchanged"),
    ]


def test_a_warc_cut_mid_record_keeps_the_pages_before_the_cut(tmp_path):
    whole = warc(CRAWL)
    first = len(warc(CRAWL[:1]))  # each record its own gzip member: the first ends here
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(whole[: first + 40])
    items = list(read_documents(path))
    assert [i.url for i in items if isinstance(i, Document)] == [ALEPPO_URL]
    assert [str(i) for i in items if not isinstance(i, Document)] == [
        f"{path}: cut short or garbled at record 2 (Compressed file ended before the end-of-stream marker was "
        "reached); before it, 1 HTML page read and 0 other records skipped"
    ]
    assert isinstance(items[-1], InputError)


def test_an_uncompressed_warc_cut_mid_page_does_not_store_half_a_page(tmp_path):
    whole = warc(CRAWL, gzip=False)
    path = tmp_path / "cut.warc"
    path.write_bytes(whole[: len(warc(CRAWL[:4], gzip=False)) + 700])  # inside the Homs page
    items = list(read_documents(path))
    assert [i.url for i in items if isinstance(i, Document)] == [ALEPPO_URL]
    (message,) = [str(i) for i in items if not isinstance(i, Document)]
    assert message.startswith(f"{path}: cut short or garbled at record 5 (")
    assert message.endswith("bytes missing); before it, 1 HTML page read and 3 other records skipped")


def test_a_page_that_does_not_match_its_digest_is_skipped_and_the_rest_read(tmp_path):
    raw = bytearray(warc(CRAWL, gzip=False))
    at = raw.index(b"went on through the night")
    raw[at : at + 4] = b"WENT"
    path = tmp_path / "garbled.warc"
    path.write_bytes(bytes(raw))
    items = list(read_documents(path))
    assert [(i.url, i.file_date) for i in items if isinstance(i, Document)] == [
        (HOMS_URL, MAY_12),
        (ALEPPO_URL, MAY_13),
    ]
    bad = [str(i) for i in items if isinstance(i, InputError)]
    assert len(bad) == 1 and bad[0].startswith(f"{path}: record 1 ({ALEPPO_URL}) is garbled (block digest failed: ")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.wacz", None, "not a WACZ (a zip archive, but with no WARC file under archive/)"),
        ("page.wacz", b"<html>not a zip</html>", "not a WACZ (a WACZ is a zip archive, and this file is not one)"),
        ("page.warc", b"<html>not a WARC</html>\n", "not a WARC file (it begins '<html>not a WARC</html>')"),
        ("empty.warc.gz", b"", "no WARC records in this file (is it empty?)"),
        ("report.docx", b"%PDF-1.4 a PDF renamed", "not a Word document (a .docx is a zip package, and this file is not one)"),
        ("sheet.docx", None, "not a Word document (a zip package, but not of a .docx)"),
        ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),
         "a Word 97-2003 .doc, not a .docx; save it as .docx in Word or LibreOffice"),
    ],
)  # fmt: skip
def test_a_file_that_is_not_what_its_name_says_is_one_clear_error(tmp_path, name, content, message):
    path = tmp_path / name
    if content is None:
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("notes.txt", "Aleppo")
    else:
        path.write_bytes(content)
    with pytest.raises(InputError) as e:
        list(read_documents(path))
    assert str(e.value) == f"{path}: {message}"


def test_a_word_document_is_one_article(tmp_path):
    path = word(
        tmp_path / "statement.docx",
        "Statement on the siege of Madaya",
        [
            ("heading", "Statement"),
            ("text", "Aid convoys will enter Madaya, a town besieged near Damascus, the United Nations said."),
            ("text", '"We will not leave," Ahmed Khalil said.'),
        ],
        cells=["Madaya", "40,000 people under siege"],
    )
    (doc,) = read_documents(path)
    assert (doc.path, doc.source, doc.title, doc.file_date, doc.kind) == (
        str(path), str(path.resolve()), "Statement on the siege of Madaya", "2016-01-09T08:30:00+00:00", "text"
    )  # fmt: skip
    assert doc.text == (
        "Statement\n\nAid convoys will enter Madaya, a town besieged near Damascus, the United Nations said.\n\n"
        '"We will not leave," Ahmed Khalil said.\n\nMadaya\n\n40,000 people under siege'
    )
    db = tmp_path / "corpus.db"
    assert ingest(db, [path], workers=0).count("added") == 1
    assert rows(db, "select title, published from articles") == [
        ("Statement on the siege of Madaya", "2016-01-09T08:30:00+00:00")
    ]
    assert rows(db, "select speaker from quotes where kind = 'direct'") == [("Ahmed Khalil",)]
    assert [r.status for r in ingest(db, [path], workers=0).results] == ["unchanged"]


def test_a_word_documents_title_is_its_first_heading_and_its_text_dates_it(tmp_path):
    path = word(
        tmp_path / "transcript.docx",
        None,
        [
            ("text", "12 May 2016"),
            ("heading", "Press conference in Geneva"),
            ("text", "The envoy said talks on Homs would resume on Tuesday."),
        ],
    )
    (doc,) = read_documents(path)
    assert (doc.title, doc.text) == (
        "Press conference in Geneva",
        "12 May 2016\n\nThe envoy said talks on Homs would resume on Tuesday.",
    )
    db = tmp_path / "corpus.db"
    ingest(db, [path], workers=0)
    assert rows(db, "select title, published from articles") == [("Press conference in Geneva", "2016-05-12")]


def test_a_word_document_whose_xml_is_damaged_is_one_clear_error(tmp_path):
    whole = word(tmp_path / "whole.docx", "Statement", [("text", "Aid convoys will enter Madaya.")])
    damaged = tmp_path / "damaged.docx"
    with zipfile.ZipFile(whole) as src, zipfile.ZipFile(damaged, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            out.writestr(item, data[:200] if item.filename == "word/document.xml" else data)
    with pytest.raises(InputError) as e:
        list(read_documents(damaged))
    assert str(e.value).startswith(f"{damaged}: a damaged Word document (")


def test_folders_give_archives_and_word_documents_but_no_other_gzip_or_word_lock_file(tmp_path):
    for name in ("a.warc.gz", "b.WARC", "c.wacz", "d.docx", "~$d.docx", "e.csv.gz", "f.gz"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in iter_paths([tmp_path])] == ["a.warc.gz", "b.WARC", "c.wacz", "d.docx"]


def test_an_outlet_is_known_by_its_site(tmp_path):
    assert [
        profile_for_url(u)
        for u in (
            "https://www.trtworld.com/mea/x",
            "https://english.alaraby.co.uk/news/a",
            "https://sputniknews.com/x",
            "http://english.ahram.org.eg/News/1.aspx",
            "https://www.bbc.co.uk/news",
        )
    ] == ["TRT World", "The New Arab", "Sputnik", "Ahram Online", None]


def test_the_command_line_reads_the_good_files_and_names_each_bad_one(tmp_path):
    folder = tmp_path / "held"
    crawl(folder)
    word(folder / "statement.docx", "Statement on Madaya", [("text", "Aid convoys will enter Madaya, the UN said.")])
    (folder / "fake.docx").write_text("not a Word document")
    with zipfile.ZipFile(folder / "notes.wacz", "w") as z:
        z.writestr("notes.txt", "Aleppo")
    (folder / "cut.warc.gz").write_bytes(warc(CRAWL)[: len(warc(CRAWL[:1])) + 40])
    db = tmp_path / "corpus.db"
    runner = CliRunner()
    result = runner.invoke(app, ["--db", str(db), "ingest", str(folder), "--workers", "0", "--quiet"])
    assert (result.exit_code, type(result.exception)) == (3, SystemExit)  # no traceback
    lines = result.stderr.splitlines()
    assert lines == [
        f"Warning: {folder}/crawl.warc.gz: 3 HTML pages read, 3 other records skipped; 1 earlier capture of a page "
        "with the same text left out",
        f"Warning: {folder}/cut.warc.gz: cut short or garbled at record 2 (Compressed file ended before the "
        "end-of-stream marker was reached); before it, 1 HTML page read and 0 other records skipped",
        f"Warning: {folder}/fake.docx: not a Word document (a .docx is a zip package, and this file is not one)",
        f"Warning: {folder}/notes.wacz: not a WACZ (a zip archive, but with no WARC file under archive/)",
        "Error: 3 of 7 documents could not be ingested (warnings above); the rest are stored",
    ]
    assert rows(db, "select path from articles order by path") == [
        (f"{folder}/crawl.warc.gz#{HOMS_URL}",),
        (f"{folder}/crawl.warc.gz#{ALEPPO_URL}",),  # the cut archive's capture of it, the same text, is unchanged
        (f"{folder}/statement.docx",),
    ]
    again = runner.invoke(app, ["--db", str(db), "ingest", str(folder / "crawl.warc.gz"), "--workers", "0"])
    assert again.exit_code == 0, again.output
    assert "Ingested into" in again.stdout and "2 unchanged" in again.stdout
    assert [line.split()[1] for line in again.stdout.splitlines() if "#https" in line] == ["unchanged", "unchanged"]
