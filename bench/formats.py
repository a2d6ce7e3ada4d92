"""The same FA-KES articles three ways — `.txt` (title line, blank line, body), one PDF each (a title heading,
a date line, the body set ragged over as many pages as it takes, a running header and page numbers) and one
`.warc.gz` of HTML pages (plus a robots.txt record, which is skipped) — ingested each into its own corpus.

Reports, for PDF and WARC against the `.txt` run (issue 32's bar: 95 % each): the share of the `.txt` run's
quote texts found, titles equal, dates equal, and for WARC every article's address stored; then ingest speed
in alternating rounds (txt, pdf, txt, pdf …: the machine is shared), pages and words a second, and reading
alone (`read_pdf`, no NLP) in pages a second.

Usage: .venv/bin/python bench/formats.py [--n 40] [--seed 20261207] [--rounds 3]
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "fakes_articles.csv"
SITE = "https://www.example-news.com"


def chosen(n: int, seed: int) -> list[dict]:
    with CORPUS.open(encoding="utf-8") as f:
        rows = {r["unit_id"]: r for r in csv.DictReader(f) if r["article_content"].strip()}
    return [rows[k] for k in random.Random(seed).sample(sorted(rows), n)]


def date_line(row: dict) -> str | None:
    from syria_corpus.dates import lead_date

    found = lead_date(row["article_content"][:300])
    if found is None or found.precision not in ("day", "minute"):
        return None
    day = found.iso[:10]
    return time.strftime("%d %B %Y", time.strptime(day, "%Y-%m-%d")).lstrip("0")


def write_texts(rows: list[dict], folder: Path) -> None:
    folder.mkdir()
    for r in rows:
        (folder / f"{r['unit_id']}.txt").write_text(
            f"{r['article_title']}\n\n{r['article_content']}\n", encoding="utf-8"
        )


def write_pdfs(rows: list[dict], folder: Path) -> int:
    """One PDF an article; the number of pages written."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    folder.mkdir()
    width, height = A4
    pages = 0

    def wrapped(text: str, font: str, size: float, room: float) -> list[str]:
        lines, line = [], ""
        for word in text.split():
            if line and stringWidth(f"{line} {word}", font, size) > room:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        return [*lines, line] if line else lines

    for r in rows:
        pdf = canvas.Canvas(str(folder / f"{r['unit_id']}.pdf"), pagesize=A4)
        y, number = height - 70, 1
        pdf.setFont("Helvetica-Bold", 16)
        for line in wrapped(r["article_title"], "Helvetica-Bold", 16, width - 100):
            pdf.drawString(50, y, line)
            y -= 20
        if day := date_line(r):
            pdf.setFont("Helvetica", 10)
            pdf.drawString(50, y - 4, day)
            y -= 24
        y -= 8
        for paragraph in r["article_content"].split("\n"):
            for line in wrapped(paragraph, "Helvetica", 10, width - 100):
                if y < 60:
                    pdf.setFont("Helvetica", 8)
                    pdf.drawCentredString(width / 2, 30, str(number))
                    pdf.showPage()
                    y, number = height - 60, number + 1
                pdf.setFont("Helvetica", 10)
                pdf.drawString(50, y, line)
                y -= 13
            y -= 8
        pdf.setFont("Helvetica", 8)
        pdf.drawCentredString(width / 2, 30, str(number))
        pdf.save()
        pages += number
    return pages


def write_warc(rows: list[dict], path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        robots = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"{SITE}/robots.txt", "response", payload=io.BytesIO(b"User-agent: *\n"), http_headers=robots))  # fmt: skip
        for r in rows:
            day = date_line(r)
            meta = f'<meta property="article:published_time" content="{_iso(day)}">' if day else ""
            paragraphs = "".join(f"<p>{escape(p)}</p>" for p in r["article_content"].split("\n") if p.strip())
            title = escape(r["article_title"])
            page = (
                f"<html><head><title>{title}</title>{meta}</head><body><nav>Home | World | Middle East</nav>"
                f"<article><h1>{title}</h1>{f'<p>{day}</p>' if day else ''}{paragraphs}</article>"
                "<footer>© Example News</footer></body></html>"
            ).encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            url = f"{SITE}/syria/{r['unit_id']}"
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(page), http_headers=headers)
            )


def _iso(day: str) -> str:
    return time.strftime("%Y-%m-%d", time.strptime(day, "%d %B %Y"))


def stored(db: Path) -> dict[str, dict]:
    """Each article by its title (folded), with its date, address and quote texts."""
    conn = sqlite3.connect(db)
    out = {}
    for aid, title, date, url in conn.execute("select id, title, date, url from articles"):
        quotes = Counter(_fold(t) for (t,) in conn.execute("select text from quotes where article_id = ?", [aid]))
        out[_fold(title or "")] = {"title": title, "date": date, "url": url, "quotes": quotes}
    return out


def _fold(text: str) -> str:
    return " ".join("".join(c for c in text.lower() if c.isalnum() or c.isspace()).split())


def compare(base: dict[str, dict], other: dict[str, dict], name: str) -> None:
    titles = sum(k in other for k in base)
    dates = sum(k in other and other[k]["date"] == v["date"] for k, v in base.items())
    wanted = sum(sum(v["quotes"].values()) for v in base.values())
    found = sum(sum((v["quotes"] & other.get(k, {}).get("quotes", Counter())).values()) for k, v in base.items())
    line = f"  {name:5} titles {titles}/{len(base)} ({titles / len(base):.1%})  dates {dates}/{len(base)} ({dates / len(base):.1%})  quotes {found}/{wanted} ({found / max(wanted, 1):.1%})"
    if name == "warc":
        urls = sum(bool(v["url"]) for v in other.values())
        line += f"  addresses {urls}/{len(other)}"
    print(line)
    for k, v in list(base.items()):
        if k not in other:
            print(f"    {name}: no article titled {v['title']!r}")
        elif other[k]["date"] != v["date"]:
            print(f"    {name}: {v['title'][:50]!r} dated {other[k]['date']} (txt {v['date']})")
        elif missing := v["quotes"] - other[k]["quotes"]:
            print(f"    {name}: {v['title'][:50]!r} misses {list(missing)[:2]}")


def main() -> int:
    if not CORPUS.exists():
        print(f"needs {CORPUS} (../shared beside the repository)")
        return 1
    from syria_corpus.ingest import ingest
    from syria_corpus.read.pdf import read_pdf

    args = argparse.ArgumentParser()
    args.add_argument("--n", type=int, default=40)
    args.add_argument("--seed", type=int, default=20261207)
    args.add_argument("--rounds", type=int, default=3)
    opts = args.parse_args()
    rows = chosen(opts.n, opts.seed)
    words = sum(len(f"{r['article_title']} {r['article_content']}".split()) for r in rows)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write_texts(rows, work / "txt")
        pages = write_pdfs(rows, work / "pdf")
        write_warc(rows, work / "pages.warc.gz")
        runs = {"txt": work / "txt", "pdf": work / "pdf", "warc": work / "pages.warc.gz"}
        ingest(work / "warm.db", [work / "txt"], workers=0)  # the model loaded once, before any round is timed
        seconds: dict[str, list[float]] = {"txt": [], "pdf": []}
        for n in range(opts.rounds):
            for name in ("txt", "pdf"):
                start = time.perf_counter()
                ingest(work / f"{name}{n}.db", [runs[name]], workers=0)
                seconds[name].append(time.perf_counter() - start)
        ingest(work / "warc.db", [runs["warc"]], workers=0)
        base = stored(work / "txt0.db")
        print(f"{len(rows)} FA-KES articles ({words} words; {pages} PDF pages), seed {opts.seed}\n")
        print("against the .txt run (bar 95 % each; every WARC article its address):")
        compare(base, stored(work / "pdf0.db"), "pdf")
        compare(base, stored(work / "warc.db"), "warc")
        raws = [p.read_bytes() for p in sorted(runs["pdf"].iterdir())]
        reading = []
        for _ in range(opts.rounds):
            start = time.perf_counter()
            for raw in raws:
                read_pdf("x.pdf", raw)
            reading.append(time.perf_counter() - start)
    txt, pdf = statistics.median(seconds["txt"]), statistics.median(seconds["pdf"])
    print(f"\ningest, median of {opts.rounds} alternating rounds each:")
    print(f"  txt  {txt:6.2f} s  {words / txt:7.0f} words/s")
    print(f"  pdf  {pdf:6.2f} s  {words / pdf:7.0f} words/s  {pages / pdf:6.1f} pages/s   pdf/txt {pdf / txt:.2f}")
    print(f"  read_pdf alone: {pages / statistics.median(reading):.0f} pages/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
