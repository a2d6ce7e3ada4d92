"""The measurement behind the PDF reader: pypdf, pdfminer.six, PDFium's own text (pypdfium2) and ours (PDFium's
characters put in reading order by `read.pdf_layout`) on PDFs made here with reportlab:

- two columns drawn column by column, with a running header and page numbers;
- the same drawn row by row across both columns (the content stream's order is not the reading order, as
  in many word processors' output);
- a 50-page one-column report, for speed.

Each paragraph ends in a marker (`P3Q2`): reading order is right when the markers come out in order.
Speed is pages a second, the median of alternating rounds (the machine is shared).

Usage: .venv/bin/python bench/pdf_readers.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import io
import random
import re
import statistics
import sys
import textwrap
import time

HEADER = "A/HRC/36/55 Report of the Commission of Inquiry"
WORDS = [
    "the",
    "army",
    "said",
    "rebels",
    "shelled",
    "Aleppo",
    "on",
    "Monday",
    "killing",
    "civilians",
    "according",
    "to",
    "monitors",
    "officials",
    "reported",
]


def make(pages: int, columns: int, by_rows: bool) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    rand = random.Random(pages * 10 + columns)
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    width, height = A4
    per = 4 if columns == 2 else 6
    for p in range(pages):
        pdf.setFont("Helvetica", 8)
        pdf.drawString(50, height - 30, HEADER)
        pdf.drawCentredString(width / 2, 25, str(p + 1))
        pdf.setFont("Helvetica", 10)
        paragraphs = [" ".join(rand.choice(WORDS) for _ in range(70)) + f" P{p}Q{k}." for k in range(per)]
        wrap = 45 if columns == 2 else 95
        cut = (len(paragraphs) + 1) // 2 if columns == 2 else len(paragraphs)
        cols = [paragraphs[:cut], paragraphs[cut:]][:columns]
        lines = [[line for para in col for line in [*textwrap.wrap(para, wrap), ""]] for col in cols]
        at = [(i, c, line) for c, col in enumerate(lines) for i, line in enumerate(col)]
        for i, c, line in sorted(at) if by_rows else at:
            pdf.drawString(50 + c * 260, height - 70 - i * 13, line)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def with_pypdf(raw: bytes) -> str:
    import pypdf

    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(raw)).pages)


def with_pdfminer(raw: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(raw))


def with_pdfium(raw: bytes) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(raw)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def with_ours(raw: bytes) -> str:
    from syria_corpus.read.pdf import read_pdf

    return read_pdf("x.pdf", raw).text


READERS = {"pypdf": with_pypdf, "pdfminer.six": with_pdfminer, "pypdfium2": with_pdfium, "syria-corpus": with_ours}


def in_order(text: str) -> bool:
    found = re.findall(r"P(\d+)Q(\d+)", text)
    return bool(found) and found == sorted(found, key=lambda m: (int(m[0]), int(m[1])))


def main() -> int:
    args = argparse.ArgumentParser()
    args.add_argument("--rounds", type=int, default=5)
    rounds = args.parse_args().rounds
    files = {"2 columns": (make(5, 2, False), 5), "2 columns drawn by rows": (make(5, 2, True), 5),
             "50 pages": (make(50, 1, False), 50)}  # fmt: skip
    timed: dict[tuple[str, str], list[float]] = {}
    for _ in range(rounds):
        for reader, read in READERS.items():  # every reader once a round, in turn
            for name, (raw, _pages) in files.items():
                start = time.perf_counter()
                read(raw)
                timed.setdefault((reader, name), []).append(time.perf_counter() - start)
    print(
        f"  {'reader':13} {'order, 2 columns':>17} {'drawn by rows':>14} {'header left out':>16} {'pages/s (50 pages)':>19}"
    )
    for reader, read in READERS.items():
        texts = {name: read(raw) for name, (raw, _) in files.items()}
        order = ["yes" if in_order(texts[n]) else "no" for n in ("2 columns", "2 columns drawn by rows")]
        header = "yes" if not any(HEADER in t for t in texts.values()) else "no"
        speed = files["50 pages"][1] / statistics.median(timed[(reader, "50 pages")])
        print(f"  {reader:13} {order[0]:>17} {order[1]:>14} {header:>16} {speed:19.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
