"""PDF reports, made here with reportlab (and encrypted with pypdf) the way report writers lay them out:
two columns, running headers and footers, page numbers, footnote markers, words broken at line ends."""

import io
import json
import sqlite3
import textwrap

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from typer.testing import CliRunner

from syria_corpus.cli import app
from syria_corpus.errors import InputError
from syria_corpus.ingest import ingest
from syria_corpus.read.documents import read_documents
from syria_corpus.read.pdf_layout import Run, gutters, join_lines, reading_order
from syria_corpus.read.segment import segment_document

WIDTH, HEIGHT = A4
HEADER = "A/HRC/36/55 Report of the Independent International Commission of Inquiry on Syria"
TITLE = "Human rights abuses in the Syrian Arab Republic"
STRIKE = "The Commission documented an air strike on Khan Shaykhun in Idlib governorate on 4 April 2017."
PINHEIRO = '"The attack was deliberate and targeted civilians," said Paulo Pinheiro, the chair of the Commission.'
SOHR = "According to the Syrian Observatory for Human Rights, at least 83 people were killed and 300 wounded."
DENIAL = "Russian officials denied that Syrian aircraft had used chemical weapons and blamed the rebels."
HALEY = '"We will not forget the children of Khan Shaykhun," said Nikki Haley, the US ambassador.'
GUTERRES = 'Antonio Guterres, the Secretary-General, said he was "deeply disturbed" by the reports from Idlib.'


def report(path, pages, *, title=TITLE, date="8 August 2017", meta_title=None, by_rows=False, width=45):
    """A PDF of `pages` (each a list of columns, each a list of paragraphs), with a running header, a page
    number at the foot of each page, and the title and date on the first."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    if meta_title is not None:
        pdf.setTitle(meta_title)
    for number, columns in enumerate(pages, start=1):
        pdf.setFont("Helvetica", 8)
        pdf.drawString(50, HEIGHT - 30, HEADER)
        pdf.drawCentredString(WIDTH / 2, 25, f"Page {number} of {len(pages)}")
        y = HEIGHT - 80
        if number == 1 and title:
            pdf.setFont("Helvetica-Bold", 16)
            pdf.drawString(50, y, title)
            pdf.setFont("Helvetica", 10)
            pdf.drawString(50, y - 24, date)
            y -= 50
        pdf.setFont("Helvetica", 10)
        lines = [[line for p in column for line in [*textwrap.wrap(p, width), ""]] for column in columns]
        at = [(i, c, line) for c, column in enumerate(lines) for i, line in enumerate(column)]
        for i, c, line in sorted(at) if by_rows else at:  # by rows: the content stream runs across the columns
            pdf.drawString(50 + c * 260, y - i * 13, line)
        pdf.showPage()
    pdf.save()
    return path


def read_one(path):
    [doc] = list(read_documents(path))
    return doc


def rows(db, sql):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_two_columns_drawn_across_the_page_are_read_one_column_after_the_other(tmp_path):
    path = report(tmp_path / "coi.pdf", [[[STRIKE, PINHEIRO], [SOHR, DENIAL]]], by_rows=True)
    doc = read_one(path)
    assert doc.title == TITLE
    assert doc.text.split("\n\n") == ["8 August 2017", STRIKE, PINHEIRO, SOHR, DENIAL]  # no header, no page number
    page = segment_document(doc)
    assert page.published == "2017-08-08"
    assert page.body.split("\n\n") == [STRIKE, PINHEIRO, SOHR, DENIAL]


def test_quotes_mentions_and_events_keep_the_page_they_are_on(tmp_path):
    # the second page opens in the middle of a sentence that the first page began
    pages = [[[STRIKE, PINHEIRO], [SOHR, "Russian officials denied that Syrian aircraft had used"]],
             [["chemical weapons and blamed the rebels.", HALEY], [GUTERRES]]]  # fmt: skip
    path = report(tmp_path / "coi.pdf", pages)
    db = tmp_path / "corpus.db"
    assert ingest(db, [path], workers=0).count("added") == 1
    assert rows(db, "select body from articles") == [("\n\n".join([STRIKE, PINHEIRO, SOHR, DENIAL, HALEY, GUTERRES]),)]
    assert rows(db, "select page, speaker, text from quotes where kind = 'direct' order by start") == [
        (1, "Paulo Pinheiro", "The attack was deliberate and targeted civilians,"),
        (2, "Nikki Haley", "We will not forget the children of Khan Shaykhun,"),
        (2, "Antonio Guterres", "deeply disturbed"),
    ]
    assert rows(db, "select page, speaker from quotes where cue = 'denied'") == [(1, "Russian officials")]
    assert rows(db, "select page, text from mentions where context = 'body' and type = 'person' order by start") == [
        (1, "Paulo Pinheiro"),
        (2, "Nikki Haley"),
        (2, "Antonio Guterres"),
    ]
    assert rows(db, "select page, killed_min, wounded_min from events where main = 1") == [(1, 83, 300)]
    runner = CliRunner()
    [(aid,)] = rows(db, "select id from articles")
    shown = json.loads(runner.invoke(app, ["--db", str(db), "show", aid, "--json"]).stdout)
    assert [q["page"] for q in shown["quotes"] if q["kind"] == "direct"] == [1, 2, 2]
    out = runner.invoke(app, ["--db", str(db), "export", "quotes", "--csv"]).stdout
    assert out.splitlines()[0].split(",")[21:24] == ["paragraph", "page", "start"]


def test_a_text_without_pages_has_no_page_column_values(tmp_path):
    (tmp_path / "a.txt").write_text(f"A title\n\n{PINHEIRO}\n")
    db = tmp_path / "corpus.db"
    ingest(db, [tmp_path / "a.txt"], workers=0)
    assert rows(db, "select page from quotes union select page from mentions") == [(None,)]


def test_words_broken_at_line_ends_are_whole_and_footnote_markers_are_not_glued_to_words(tmp_path):
    pdf = canvas.Canvas(str(tmp_path / "note.pdf"), pagesize=A4)
    text = pdf.beginText(50, 700)
    text.setFont("Helvetica", 10)
    text.textOut("Government forces killed 12 civilians.")
    text.setFont("Helvetica", 6)
    text.setRise(4)
    text.textOut("12")
    text.setRise(0)
    text.setFont("Helvetica", 10)
    text.textOut(" The Commission docu-")
    pdf.drawText(text)
    pdf.setFont("Helvetica", 10)
    pdf.drawString(50, 687, "mented attacks on al-")
    pdf.drawString(50, 674, "Assad's opponents in Idlib.")
    pdf.save()
    doc = read_one(tmp_path / "note.pdf")
    assert (
        doc.text
        == "Government forces killed 12 civilians. The Commission documented attacks on al-Assad's opponents in Idlib."
    )
    assert doc.title is None and doc.file_date is not None  # the day it was made, for an undated text


@pytest.mark.parametrize(
    ("meta_title", "expected", "opening"),
    [("Report on Khan Shaykhun", "Report on Khan Shaykhun", [TITLE, "8 August 2017"]),
     ("Microsoft Word - coi_final.docx", TITLE, ["8 August 2017", STRIKE]), ("untitled", TITLE, ["8 August 2017", STRIKE]),
     (TITLE, TITLE, ["8 August 2017", STRIKE])],
)  # fmt: skip
def test_the_title_is_the_properties_unless_a_program_wrote_them_else_the_largest_type(
    tmp_path, meta_title, expected, opening
):
    doc = read_one(report(tmp_path / "coi.pdf", [[[STRIKE]]], meta_title=meta_title))
    assert doc.title == expected
    assert doc.text.split("\n\n")[:2] == opening


def test_a_single_column_with_short_lines_has_no_gutter():
    lines = [Run(50, 700 - 13 * i, 500 if i % 3 else 180, 709 - 13 * i, 10, f"line {i}") for i in range(12)]
    assert gutters(lines) == []
    assert [run.text for _, run in reading_order(lines)] == [f"line {i}" for i in range(12)]


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [("docu\x02", "mented", "documented"), ("al\x02", "Assad", "al-Assad"), ("well-", "known", "well-known"),
     ("the army", "said", "the army said"), ("up to 2016 -", "the year", "up to 2016 - the year")],
)  # fmt: skip
def test_lines_of_a_paragraph_join(before, after, joined):
    assert join_lines(before, after) == joined


def scanned(path):
    """A page of only an image, as a scanner makes it."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(buffer, format="PNG")
    pdf = canvas.Canvas(str(path), pagesize=A4)
    from reportlab.lib.utils import ImageReader

    pdf.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 50, 500, 200, 100)
    pdf.save()
    return path


def encrypted(path):
    import pypdf

    plain = report(path.with_suffix(".plain"), [[[STRIKE]]])
    writer = pypdf.PdfWriter(clone_from=str(plain))
    writer.encrypt("secret", algorithm="RC4-128")
    with open(path, "wb") as f:
        writer.write(f)
    plain.unlink()
    return path


def written(path, content):
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (scanned, "no text layer (a scanned PDF?); run OCR on it first, e.g. ocrmypdf, and ingest its output"),
        (encrypted, "an encrypted PDF that needs a password; decrypt it first (qpdf --decrypt)"),
        (lambda p: written(p, b"<html>not a pdf</html>"), "not a PDF (it does not start as one)"),
        (lambda p: written(p, b"%PDF-1.7\n1 0 obj garbage"), "a damaged PDF that cannot be read (Failed to load document (PDFium: Data format error).)"),
    ],
)  # fmt: skip
def test_a_pdf_that_cannot_be_read_is_one_clear_error(tmp_path, make, message):
    path = make(tmp_path / "bad.pdf")
    with pytest.raises(InputError) as e:
        read_one(path)
    assert str(e.value) == f"{path}: {message}"


def test_a_scanned_and_an_encrypted_pdf_are_named_and_the_run_goes_on(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    report(folder / "coi.pdf", [[[STRIKE, PINHEIRO]]])
    scanned(folder / "scan.pdf")
    encrypted(folder / "locked.pdf")
    db = tmp_path / "corpus.db"
    result = CliRunner().invoke(app, ["--db", str(db), "ingest", str(folder), "--workers", "0", "--quiet"])
    assert (result.exit_code, type(result.exception)) == (3, SystemExit)
    assert result.stderr.splitlines() == [
        f"Warning: {folder}/locked.pdf: an encrypted PDF that needs a password; decrypt it first (qpdf --decrypt)",
        f"Warning: {folder}/scan.pdf: no text layer (a scanned PDF?); run OCR on it first, e.g. ocrmypdf, and ingest "
        "its output",
        "Error: 2 of 3 documents could not be ingested (warnings above); the rest are stored",
    ]
    assert rows(db, "select path, title, published from articles") == [(f"{folder}/coi.pdf", TITLE, "2017-08-08")]


def test_a_justified_two_column_report_with_footnote_numbers_reads_as_its_paragraphs(tmp_path):
    """Laid out by reportlab's page templates as a word processor does: words spaced to fill each line, a
    footnote number raised after a full stop, paragraphs running on from one column and page to the next."""
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    style = ParagraphStyle("body", fontName="Helvetica", fontSize=9.5, leading=12, spaceAfter=6, alignment=TA_JUSTIFY)
    width = (WIDTH - 138) / 2
    frames = [Frame(60, 60, width, HEIGHT - 130), Frame(78 + width, 60, width, HEIGHT - 130)]

    def furniture(pdf, doc):
        pdf.setFont("Times-Italic", 8)
        pdf.drawString(60, HEIGHT - 40, "A/HRC/37/72")
        pdf.drawCentredString(WIDTH / 2, 30, str(doc.page))

    sentences = [STRIKE, SOHR, DENIAL, GUTERRES]
    paras = [" ".join(sentences[(n + k) % 4] for k in range(6)) + f" Case {n}." for n in range(12)]
    doc = BaseDocTemplate(str(tmp_path / "coi.pdf"), pagesize=A4)
    doc.addPageTemplates([PageTemplate(frames=frames, onPage=furniture)])
    doc.build([Paragraph(f"{p}<super>{n + 1}</super> {PINHEIRO}", style) for n, p in enumerate(paras)])
    pieces = read_one(tmp_path / "coi.pdf").text.split("\n\n")
    expected = [f"{p} {PINHEIRO}" for p in paras]
    assert " ".join(pieces) == " ".join(expected)  # every word, in order, no footnote number glued to one
    # a paragraph stays whole over a column or page break, unless the break falls where a sentence ends
    # and the column's last line is full: nothing on the page then tells a new paragraph from one going on
    splits = [p for p in pieces if p not in expected]
    assert len(pieces) - len(splits) >= 10 and all(p.endswith(".") for p in splits)


def test_the_run_summary_counts_each_kind_of_file_it_read(tmp_path):
    folder = tmp_path / "held"
    folder.mkdir()
    report(folder / "coi.pdf", [[[STRIKE, PINHEIRO]]])
    (folder / "a.txt").write_text(f"Strike on Khan Shaykhun\n\n{SOHR}\n")
    (folder / "b.txt").write_text(f"Moscow denies\n\n{DENIAL}\n")
    db = tmp_path / "corpus.db"
    runner = CliRunner()
    result = runner.invoke(app, ["--db", str(db), "ingest", str(folder), "--workers", "0"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].strip() == f"Ingested into {db}: 3 added (1 .pdf, 2 .txt)"
    one = runner.invoke(app, ["--db", str(db), "ingest", str(folder / "coi.pdf"), "--workers", "0"])
    assert one.stdout.splitlines()[0].strip() == f"Ingested into {db}: 1 unchanged"  # one kind: nothing to split
