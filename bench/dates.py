"""How many FA-KES articles that state a date near their top get that date (issue 12: at least 98 %).

A date is looked for in the first 300 characters of each row's text with patterns of this script's own
(not the tool's reader): `5 July 2016`, `July 5, 2016`, `Apr 232017`, `2016-07-05`, `05.07.2016` (either
reading of a numeric date counts). An article gets its date when the stored `date` is one of those found.
Also checks that every stored `published` parses with `datetime.fromisoformat`.

    .venv/bin/python bench/dates.py                    # ingests ../shared/corpora/fakes_articles.csv
    .venv/bin/python bench/dates.py --db /tmp/f.db     # an existing ingest of it
    .venv/bin/python bench/dates.py --misses misses.txt
    .venv/bin/python bench/dates.py --texts /tmp/fakes_txt   # the corpus as a folder of .txt files (issue 32)

With `--texts FOLDER` each row is written to FOLDER/UNIT_ID.txt as a scraper saves it (title line, blank
line, body), the folder is ingested, and the figures are counted on what that gives: the article titled with
its first line (bar 98 %), and dated among those that state a date near the top (bar 98 %).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import re
import sys
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from fakes import CORPUS, fakes_db  # noqa: E402

HEAD = 300
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
M = r"(?P<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
FINDERS = [
    re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + M + r",?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b" + M + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s*(?P<y>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<mn>\d\d)-(?P<d>\d\d)\b"),
    re.compile(r"\b(?P<a>\d{1,2})[./-](?P<b>\d{1,2})[./-](?P<y>(?:19|20)\d\d)\b"),
]


def stated(text: str) -> set[str]:
    """Every date written in the text, as ISO days (both readings of an ambiguous numeric one)."""
    out = set()
    for finder in FINDERS:
        for m in finder.finditer(text):
            g = m.groupdict()
            if g.get("a"):
                pairs = [(int(g["a"]), int(g["b"])), (int(g["b"]), int(g["a"]))]
            elif g.get("mn"):
                pairs = [(int(g["d"]), int(g["mn"]))]
            else:
                pairs = [(int(g["d"]), MONTHS.index(g["m"].lower()[:3]) + 1)]
            for day, month in pairs:
                with contextlib.suppress(ValueError):  # `31.02.2016` is no date
                    out.add(date(int(g["y"]), month, day).isoformat())
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", help="an existing ingest of the FA-KES corpus (default: ingest it now)")
    ap.add_argument("--misses", type=Path, help="write the articles that state a date but did not get it")
    ap.add_argument("--texts", type=Path, help="write the corpus to this folder as .txt files and measure that")
    args = ap.parse_args()
    csv.field_size_limit(1 << 30)
    with CORPUS.open(encoding="utf-8", newline="") as f:
        table = list(csv.DictReader(f))
    rows = {r["unit_id"]: r["article_content"] for r in table}
    if args.texts:
        db = texts_db(args.texts, table, args.db)
        stored = {Path(r[0]).stem: (r[1], r[2]) for r in db.execute("select path, date, published from articles")}
        titles = {Path(p).stem: t for p, t in db.execute("select path, title from articles")}
        firsts = {r["unit_id"]: r["article_title"].strip() for r in table if r["unit_id"] in titles}
        right = sum(1 for uid, first in firsts.items() if titles[uid] == first)
        print(f".txt articles stored: {len(titles)}; titled with their first line: {right} ({right / len(titles):.3f})")
    else:
        db = fakes_db(args.db)
        stored = {r[0]: (r[1], r[2]) for r in db.execute("select external_id, date, published from articles")}
    with_date = got = 0
    misses = []
    for uid, text in rows.items():
        if uid not in stored or not (found := stated(text[:HEAD])):
            continue
        with_date += 1
        if stored[uid][0] in found:
            got += 1
        else:
            misses.append(f"{uid}\tstored {stored[uid][1]}\tstated {sorted(found)}\t{text[:HEAD]!r}")
    bad_iso = [p for _, p in stored.values() if p is not None and not _parses(p)]
    dated = sum(1 for d, _ in stored.values() if d)
    print(f"articles stored: {len(stored)}; with a day-precise date: {dated}")
    print(
        f"state a date in their first {HEAD} characters: {with_date}; got that date: {got} ({got / max(with_date, 1):.3f})"
    )
    print(f"published values that datetime.fromisoformat cannot read: {len(bad_iso)}")
    if args.misses:
        args.misses.write_text("\n".join(misses) + "\n", encoding="utf-8")
    return 0


def texts_db(folder: Path, table: list[dict], existing: str | None):
    """The rows as `.txt` files in `folder`, ingested into `existing` or into a database in the folder."""
    from syria_corpus.ingest import ingest
    from syria_corpus.store.schema import open_db

    folder.mkdir(parents=True, exist_ok=True)
    for row in table:
        body = row["article_title"] + "\n\n" + row["article_content"] + "\n"
        (folder / f"{row['unit_id']}.txt").write_text(body, encoding="utf-8")
    db_path = Path(existing) if existing else folder.with_name(folder.name + ".db")
    ingest(db_path, [folder], glob="*.txt", workers=2)
    return open_db(db_path, create=False)


def _parses(iso: str) -> bool:
    try:
        datetime.fromisoformat(iso)
    except ValueError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
