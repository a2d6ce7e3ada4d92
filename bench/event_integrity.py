"""Integrity of every event of the whole FA-KES corpus as a new user gets it from `.txt` scrapes (title line,
blank line, body, as most scrapers save them) or from the CSV: the checks of issue 31 over every event, not a
sample. Each check is this script's own reading of the stored rows, not the tool's rules.

- wounded equal to killed, among events that give both (bar: at most 3 %);
- actors holding a verb or an event word (`Syrian Army Kills Dozens`, `US Airstrikes Kill`), or a colon;
- claimants that are places (an entity of type place, or a place's name);
- articles with more than one event, and exactly one main event per article;
- the reports of the Ghouta chemical attack of 21-23 August 2013, by cluster (bar: one cluster);
- `export events` to XLSX and Parquet, read back by pandas with a `date` column of dates.

Usage: .venv/bin/python bench/event_integrity.py [--db CORPUS] [--csv]   (default: the CSV written out as a
folder of .txt files and ingested into a temporary database; --csv ingests the CSV itself)
"""

from __future__ import annotations

import argparse
import csv
import re
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "fakes_articles.csv"
TOOL = ROOT / ".venv" / "bin" / "syria-corpus"
NOT_OF_A_NAME = re.compile(
    r"\b(?:kills?|killed|killing|strikes?|airstrikes?|attacks?|bombs?|shells?|says?|said|hits?|pound\w*|"
    r"target\w*|chemical|monitor|dozens|over)\b|:",
    re.IGNORECASE,
)


def write_texts(folder: Path) -> None:
    with CORPUS.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            body = row["article_title"] + "\n\n" + row["article_content"] + "\n"
            (folder / f"{row['unit_id']}.txt").write_text(body, encoding="utf-8")


def ingest(db: Path, source: Path) -> None:
    subprocess.run([str(TOOL), "--db", str(db), "ingest", str(source), "--quiet"], check=True)


def report(db: Path) -> None:
    conn = sqlite3.connect(db)
    q = lambda sql: conn.execute(sql).fetchall()  # noqa: E731
    ((both, same),) = q(
        "select count(*), sum(killed_min = wounded_min) from events where killed_min is not null and wounded_min is not null"
    )
    print(f"wounded equal to killed: {same} of {both} events with both ({same / both:.1%}; bar 3%)")
    actors = [a for (a,) in q("select actor from events where actor is not null") if NOT_OF_A_NAME.search(a)]
    print(f"actors with a verb, an event word or a colon: {len(actors)}", Counter(actors).most_common(8))
    places = {n.lower() for (n,) in q("select name from entities where type = 'place'")}
    claimed = q("""select coalesce(c.name, e.claimant), c.type from events e left join entities c on c.id = e.claimant_id
                   where e.claimant is not null""")
    placed = [n for n, t in claimed if t == "place" or (n or "").lower() in places]
    print(f"claimants that are places: {len(placed)} of {len(claimed)}", Counter(placed).most_common(8))
    ((articles, multi, mains_ok),) = q(
        """select count(*), sum(n > 1), sum(mains = 1) from
           (select count(*) n, sum(main) mains from events group by article_id)"""
    )
    ((events,),) = q("select count(*) from events")
    print(f"{events} events in {articles} articles; {multi} with more than one; {mains_ok} with exactly one main")
    ghouta = q(
        """select coalesce(event_cluster, id), count(*) from events where main = 1 and type = 'chemical'
           and date between '2013-08-21' and '2013-08-23' group by 1 order by 2 desc"""
    )
    print(f"Ghouta, 21-23 August 2013, main chemical events per cluster: {[n for _, n in ghouta]}")
    exports(db)


def exports(db: Path) -> None:
    import pandas as pd

    with tempfile.TemporaryDirectory() as tmp:
        for fmt, read in (("xlsx", pd.read_excel), ("parquet", pd.read_parquet)):
            out = Path(tmp) / f"events.{fmt}"
            run = subprocess.run([str(TOOL), "--db", str(db), "export", "events", f"--{fmt}", "-o", str(out)],
                                 capture_output=True, text=True)  # fmt: skip
            if run.returncode != 0:
                print(f"export events --{fmt}: exit {run.returncode}: {run.stderr.strip()[-200:]}")
                continue
            frame = read(out)
            dates = pd.to_datetime(frame["date"], format="%Y-%m-%d", errors="coerce")
            bad = int((dates.isna() & frame["date"].notna()).sum())
            print(f"export events --{fmt}: {len(frame)} rows, date dtype {frame['date'].dtype}, {bad} not a date")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--csv", action="store_true", help="ingest the CSV, not the .txt folder")
    args = parser.parse_args()
    if args.db is not None:
        report(args.db)
        return 0
    if not CORPUS.exists():
        print(f"needs {CORPUS} (../shared beside the repository)")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        db, folder = Path(tmp) / "corpus.db", Path(tmp) / "texts"
        if args.csv:
            ingest(db, CORPUS)
        else:
            folder.mkdir()
            write_texts(folder)
            ingest(db, folder)
        print(f"the whole FA-KES corpus ingested from {'the CSV' if args.csv else 'a folder of .txt files'}\n")
        report(db)
    return 0


if __name__ == "__main__":
    sys.exit(main())
