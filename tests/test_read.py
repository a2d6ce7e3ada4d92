import csv
import os
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import docs_folder
from syria_corpus.cli import app
from syria_corpus.errors import InputError
from syria_corpus.read.documents import iter_paths, read_document, read_documents
from syria_corpus.records import Document

ALEPPO = '"We will not leave Aleppo," Governor Hussein Diab said on Monday.'
IDLIB = '"The road to Idlib is open," rebel commander Ahmad Rahhal said.'


def test_utf8_with_hash(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("\ufeffDeir ez-Zor\u00a0attack".encode())
    doc = read_document(p)
    assert doc.text == "Deir ez-Zor\u00a0attack"
    assert doc.encoding == "utf-8" and doc.warnings == []
    assert len(doc.sha256) == 64


def test_legacy_encoding_is_decoded_with_warning(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Caf\u00e9 in Idlib".encode("cp1252"))
    doc = read_document(p)
    assert doc.text == "Caf\u00e9 in Idlib"
    assert doc.warnings == [f"{p}: not valid UTF-8; decoded as cp1252"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"  \n\n ", "file is empty"),
        (b"\x00\x01\x02binary\x00" * 50, "not a text document (binary data)"),
    ],
)
def test_bad_files(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError) as e:
        read_document(p)
    assert str(e.value) == f"{p}: {message}"


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(InputError) as e:
        list(iter_paths([tmp_path / "nope.txt"]))
    assert str(e.value) == f"{tmp_path / 'nope.txt'}: no such file or directory"
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "notes.rtf").write_bytes(b"{\\rtf1}")
    with pytest.raises(InputError) as e:
        list(iter_paths([tmp_path / "d"]))
    assert str(e.value) == (
        f"{tmp_path / 'd'}: no readable documents in this folder "
        "(looked for .csv, .docx, .htm, .html, .json, .jsonl, .ndjson, .pdf, .tsv, .txt, .wacz, .warc, .warc.gz)"
    )


def test_folder_walk_is_recursive_sorted_and_skips_hidden(tmp_path):
    for name in ("b.txt", "a.txt", "sub/c.txt", ".git/x.txt", "skip.rtf"):
        f = tmp_path / name
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path])] == ["a.txt", "b.txt", "sub/c.txt"]


def test_missing_shared_files_skip_in_a_clone_and_fail_in_ci(tmp_path):
    from conftest import shared_verdict

    present, absent = tmp_path / "gold.json", tmp_path / "nope.csv"
    present.write_text("[]")
    assert shared_verdict((present,), ci=True) is None
    message = f"needs {absent} (../shared beside the repository)"
    assert shared_verdict((present, absent), ci=False) == ("skip", message)
    assert shared_verdict((present, absent), ci=True) == ("fail", message)


def test_a_folder_that_cannot_be_listed_is_named_and_fails_the_run(tmp_path, monkeypatch):
    folder = docs_folder(tmp_path, {"a.txt": ALEPPO, "locked/b.txt": IDLIB})
    locked = folder / "locked"
    listing = os.scandir

    def refusing(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(locked))
        return listing(path)

    monkeypatch.setattr(os, "scandir", refusing)
    assert [str(p) for p in iter_paths([folder])] == [
        f"{locked}: cannot read this folder (Permission denied); its documents are skipped",
        str(folder / "a.txt"),
    ]
    db = tmp_path / "corpus.db"
    result = CliRunner().invoke(app, ["--db", str(db), "ingest", "--workers", "0", str(folder)])
    assert result.exit_code == 3
    assert f"Warning: {locked}: cannot read this folder (Permission denied); its documents are skipped\n" in (
        result.output
    )
    with sqlite3.connect(db) as conn:
        assert conn.execute("select path from articles").fetchall() == [(str(folder / "a.txt"),)]


@pytest.mark.parametrize("pattern", ["/etc/*", "../*.txt", "sub/../../*", " "])
def test_a_glob_outside_the_folder_is_one_line(tmp_path, pattern):
    folder = docs_folder(tmp_path, {"a.txt": ALEPPO})
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "c.db"), "ingest", "--glob", pattern, str(folder)])
    assert (result.exit_code, result.output) == (
        1,
        f"Error: --glob {pattern}: give a pattern inside the folder, such as '*.html' or 'sub/*.txt'\n",
    )
    assert not (tmp_path / "c.db").exists()


def test_a_glob_matches_at_every_depth(tmp_path):
    folder = docs_folder(tmp_path, {"a.html": "x", "b.txt": "x", "sub/c.html": "x", "sub/deep/d.html": "x"})
    relative = {
        g: [p.relative_to(folder).as_posix() for p in iter_paths([folder], g)]
        for g in ("*.html", "**/*.html", "deep/*")
    }
    assert relative == {
        "*.html": ["a.html", "sub/c.html", "sub/deep/d.html"],
        "**/*.html": ["a.html", "sub/c.html", "sub/deep/d.html"],
        "deep/*": ["sub/deep/d.html"],
    }  # fmt: skip


ARABIC = "قال المرصد السوري لحقوق الإنسان إن عشرين شخصا قتلوا في قصف على مدينة حلب يوم الاثنين."


@pytest.mark.parametrize(
    "head",
    [
        '<meta charset="windows-1256">',
        "<meta charset=cp1256 />",
        '<meta http-equiv="Content-Type" content="text/html; charset=Windows-1256">',
    ],
)
def test_an_html_page_is_read_in_the_charset_it_declares(tmp_path, head):
    page = tmp_path / "page.html"
    html = f"<html><head>{head}<title>حلب</title></head><body><article><p>{ARABIC * 4}</p></article></body></html>"
    page.write_bytes(html.encode("cp1256"))
    (doc,) = read_documents(page)
    assert (doc.encoding, doc.warnings, doc.title, doc.text) == ("cp1256", [], "حلب", ARABIC * 4)


def test_a_page_saved_as_utf8_that_still_declares_its_old_charset_is_utf8(tmp_path):
    page = tmp_path / "page.html"
    html = f'<html><head><meta charset="windows-1256"></head><body><article><p>{ARABIC * 4}</p></article></body></html>'
    page.write_text(html, encoding="utf-8")
    (doc,) = read_documents(page)
    assert (doc.encoding, doc.text) == ("utf-8", ARABIC * 4)


@pytest.mark.parametrize("depth", [10, 300, 5000])
@pytest.mark.parametrize("before", ["", '<?xml version="1.0" encoding="utf-8"?>'])
def test_a_page_nested_deeply_still_gives_its_text(tmp_path, depth, before):
    first = "The Syrian Observatory for Human Rights said twenty people were killed in shelling on Aleppo. " * 3
    second = "Activists in the city said the bombardment continued through the night."
    page = tmp_path / "deep.html"
    body = "<div>" * depth + f"<p>{first.strip()}</p><p>{second}</p>" + "</div>" * depth
    page.write_text(
        f"{before}<html><head><title>Aleppo</title></head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>{body}</body></html>"
    )
    (doc,) = read_documents(page)
    assert (doc.title, doc.text.split("\n")) == ("Aleppo", [first.strip(), second])


def test_a_repeated_csv_column_name_keeps_the_first_and_says_so(tmp_path):
    table = tmp_path / "feed.csv"
    with table.open("w", newline="") as f:
        csv.writer(f).writerows(
            [["id", "text", "title", "text"], ["1", ALEPPO, "Aleppo", ""], ["2", "", "Idlib", IDLIB]]
        )
    items = list(read_documents(table))
    assert [str(i) if not isinstance(i, Document) else (i.path, i.text) for i in items] == [
        f"{table}: column 4 is also named 'text' (as column 2 is); it is read as 'text_2'",
        (f"{table}#1", ALEPPO),
        f"{table}#2: no text in column 'text'",
    ]


def test_an_empty_database_file_stays_empty_when_nothing_is_ingested(tmp_path):
    db, empty = tmp_path / "corpus.db", tmp_path / "empty.txt"
    db.write_bytes(b"")
    empty.write_bytes(b"")
    result = CliRunner().invoke(app, ["--db", str(db), "ingest", "--workers", "0", str(empty)])
    assert (result.exit_code, result.output) == (1, f"Error: {empty}: file is empty\n")
    assert db.read_bytes() == b"" and sorted(p.name for p in tmp_path.iterdir()) == ["corpus.db", "empty.txt"]


@pytest.mark.parametrize(
    ("label", "codec"),
    [("windows-1256", "cp1256"), ("ISO-8859-1", "cp1252"), ("gb2312", "gb18030"), ("Shift_JIS", "cp932"),
     ("windows-874", "cp874"), ("iso-8859-8-i", "iso8859-8"), ("UTF-8", "utf-8"), ("utf-16", None), ("bogus", None)],
)  # fmt: skip
def test_a_declared_charset_is_read_as_browsers_read_it(label, codec):
    from syria_corpus.read.html import declared_charset

    assert declared_charset(f'<html><head><meta charset="{label}">'.encode()) == codec
    assert declared_charset(f"<meta http-equiv=Content-Type content='text/html;charset={label}'>".encode()) == codec
