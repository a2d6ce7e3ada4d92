"""PDF reports (UN, OPCW, rights groups) read as one document each, through PDFium (pypdfium2): its characters,
put in reading order by `pdf_layout`, read columns drawn row by row in order, as only pdfminer.six of the
other readers does, at four times its speed (`bench/pdf_readers.py`). Every paragraph keeps the page it is
on, so a quote can be cited by page."""

from __future__ import annotations

import hashlib
import re
import statistics
from typing import TYPE_CHECKING

from ..errors import InputError
from ..records import Document
from .pdf_layout import HYPHEN, Run, continues_over_page, furniture, join_lines, lines, paragraphs, reading_order

if TYPE_CHECKING:
    import pypdfium2

_NO_TITLE = re.compile(
    r"(?i)^(?:untitled\b.*|\(?anonymous\)?|microsoft word\b.*|.*\.(?:docx?|pdf|rtf|odt|indd|qxd)|[\d\s_-]*)$"
)
_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?")


def read_pdf(path: str, raw: bytes, source: str | None = None) -> Document:
    """The report's text in reading order, without running headers, footers and page numbers; its title
    from the file's properties, or else the first page's largest type; the day it was made, which stands
    in only where its text states no date."""
    pdf = _open(path, raw)
    try:
        meta = pdf.get_metadata_dict(skip_empty=True)
        pages, heights = zip(*(_page_lines(pdf, i) for i in range(len(pdf))), strict=True) if len(pdf) else ((), ())
    finally:
        pdf.close()
    pages, heights = list(pages), list(heights)
    if not any(pages):
        raise InputError(
            f"{path}: no text layer (a scanned PDF?); run OCR on it first, e.g. ocrmypdf, and ingest its output"
        )
    edges = furniture(pages, heights)
    pages = [[line for i, line in enumerate(page) if (p, i) not in edges] for p, page in enumerate(pages)]
    title = _stated_title(meta.get("Title"))
    if title is None and pages[0]:
        title, pages[0] = _largest_type(pages[0])
    text, starts = _assemble([paragraphs(reading_order(page)) for page in pages], title)
    blank = sum(not page for page in pages)
    warnings = (
        [f"{path}: {blank} of {len(pages)} pages have no text layer (scanned?); their text is missing"] if blank else []
    )
    return Document(
        path=path,
        raw=raw,
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding="utf-8",
        warnings=warnings,
        title=title,
        author=(meta.get("Author") or "").strip() or None,
        kind="text",
        source=source,
        file_date=_made(meta.get("CreationDate") or meta.get("ModDate")),
        page_starts=starts,
    )


def _open(path: str, raw: bytes) -> pypdfium2.PdfDocument:
    import pypdfium2

    if not raw.lstrip()[:1024].count(b"%PDF"):
        raise InputError(f"{path}: not a PDF (it does not start as one)")
    try:
        return pypdfium2.PdfDocument(raw)
    except pypdfium2.PdfiumError as e:
        if getattr(e, "err_code", None) == 4:  # FPDF_ERR_PASSWORD
            raise InputError(
                f"{path}: an encrypted PDF that needs a password; decrypt it first (qpdf --decrypt)"
            ) from None
        raise InputError(f"{path}: a damaged PDF that cannot be read ({e})") from None


def _page_lines(pdf: pypdfium2.PdfDocument, index: int) -> tuple[list[Run], float]:
    page = pdf[index]
    text = page.get_textpage()
    try:
        return lines(_runs(text)), page.get_height()
    finally:
        text.close()
        page.close()


def _runs(text: pypdfium2.PdfTextPage) -> list[Run]:
    """The page's characters in the order drawn, gathered into runs of one type size on one line: a new
    run where the line ends, the size changes (a raised footnote number) or the pen jumps."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    chars = text.get_text_range(0, text.count_chars()).replace("\ufffe", HYPHEN)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    runs: list[Run] = []
    box: list[float] = []  # x0, y0, x1, y1, size of the run being read
    piece: list[str] = []

    def close() -> None:
        if piece and "".join(piece).strip():
            runs.append(Run(box[0], box[1], box[2], box[3], box[4], "".join(piece)))
        piece.clear()

    for i, ch in enumerate(chars):
        if ch in "\r\n":
            close()
            continue
        if ch.isspace():
            if piece:
                piece.append(" ")
            continue
        pdfium_c.FPDFText_GetCharBox(text.raw, i, left, right, bottom, top)
        size = pdfium_c.FPDFText_GetFontSize(text.raw, i) or top.value - bottom.value
        x0, x1, y0, y1 = left.value, right.value, bottom.value, top.value
        jump = bool(piece) and x0 - box[2] > (4 if piece[-1] == " " else 1) * size  # justified: words spaced wide
        if piece and (abs(size - box[4]) > 0.25 or x0 < box[2] - size or jump or y1 < box[1] or y0 > box[3]):
            close()
        if not piece:
            box[:] = [x0, y0, x1, y1, size]
        box[:4] = [min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1)]
        piece.append(ch)
    close()
    return runs


def _stated_title(title: str | None) -> str | None:
    """The title the file's properties give, unless it is what a program wrote there by itself
    (`Untitled`, `Microsoft Word - report.docx`, a file name)."""
    title = " ".join((title or "").split())
    return None if len(title) < 3 or _NO_TITLE.fullmatch(title) else title


def _largest_type(first: list[Run]) -> tuple[str | None, list[Run]]:
    """The lines at the top of the first page set in its largest type, when that is larger than the text's,
    as the title; the page without them."""
    body = statistics.median(line.size for line in first)
    big = max(line.size for line in first)
    if big < 1.15 * body:
        return None, first
    top = [i for i, line in enumerate(first) if abs(line.size - big) < 0.5]
    run = [top[0]]
    for i in top[1:]:
        if i != run[-1] + 1:
            break
        run.append(i)
    title = first[run[0]].text
    for i in run[1:]:
        title = join_lines(title, first[i].text)
    return title.replace(HYPHEN, "-"), [line for i, line in enumerate(first) if i not in run]


def _assemble(pages: list[list[str]], title: str | None) -> tuple[str, list[tuple[int, int]]]:
    """The paragraphs of every page as one text, a paragraph that runs over a page break joined again, and
    where in the text each page starts: (offset, page number)."""
    paras: list[str] = []
    starts: list[tuple[int, int]] = []
    length = 0  # of "\n\n".join(paras)
    for number, page in enumerate(pages, start=1):
        page = list(page)
        if title and not paras and page and " ".join(page[0].split()).lower() == title.lower():
            page.pop(0)
        if paras and page and continues_over_page(paras[-1], page[0]):
            first, before = page.pop(0).lstrip(), len(paras[-1])
            paras[-1] = join_lines(paras[-1], first)
            starts.append((length - before + len(paras[-1]) - len(first), number))
            length += len(paras[-1]) - before
        else:
            starts.append((length + 2 if paras else 0, number))
        for para in page:
            length += len(para) + (2 if paras else 0)
            paras.append(para)
    return "\n\n".join(p.replace(HYPHEN, "-") for p in paras), starts


def _made(stamp: str | None) -> str | None:
    """A PDF date (`D:20170312101500+01'00'`) as ISO 8601."""
    m = _PDF_DATE.match(stamp or "")
    if not m:
        return None
    year, month, day, hour, minute, second = (
        g or d for g, d in zip(m.groups(), ("", "01", "01", "00", "00", "00"), strict=True)
    )
    return f"{year}-{month}-{day}T{hour}:{minute}:{second}"
