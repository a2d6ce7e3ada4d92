"""Query latency at scale: a synthetic corpus of 1,000,000 quotes over 200,000 articles, built through the
library's own store API (write_article, as ingest uses it), then p50/p95 of the queries researchers run.

Usage: .venv/bin/python bench/query.py [--articles N] [--quotes-per-article Q] [--db PATH] [--repeat R]
Bars (issue 13): every query command, run as a user types it (a whole process, start-up included), p95 <=
300 ms; export quotes of every row to CSV, XLSX and Parquet <= 60 s each with flat memory.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import mb, run  # noqa: E402


def build(db_path: Path, n_articles: int, per_article: int, seed: int = 7) -> None:
    from syria_corpus.knowledge import entity_key
    from syria_corpus.records import Analysis, Document, Entity, Mention, Page, Quote
    from syria_corpus.store.linking import Linker
    from syria_corpus.store.schema import open_db
    from syria_corpus.store.write import Provenance, write_article

    rng = random.Random(seed)
    syllables = ["al", "ra", "mi", "sha", "dou", "ka", "lem", "har", "zor", "bab", "tal", "sa", "qu", "neh", "far"]
    vocab = ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(20000)]
    people = [Entity(key=entity_key("person", f"P{n}"), type="person", name=f"{rng.choice(vocab).title()} "
              f"{rng.choice(vocab).title()}{n}") for n in range(5000)]  # fmt: skip
    places = [Entity(key=entity_key("place", f"L{n}"), type="place", name=f"{rng.choice(vocab).title()}{n}",
              country="SY") for n in range(1000)]  # fmt: skip
    outlets = ["Sputnik", "SANA", "Reuters", "TRT World", "Al-Manar", "Ahram", "Daily Sabah"]
    prov = Provenance("2026-01-01T00:00:00+00:00", "bench", "synthetic", "0")
    db = open_db(db_path)
    linker = Linker(db)

    def words(n: int) -> str:
        return " ".join(rng.choice(vocab) for _ in range(n))

    with db.atomic():
        for i in range(n_articles):
            quotes, mentions, ents = [], [], {}
            body = ""
            for _ in range(per_article):
                who = people[int(rng.paretovariate(1.2)) % len(people)]
                where = places[rng.randrange(len(places))]
                said = words(14)
                start = len(body) + 1
                body += f'"{said}" {who.name} said in {where.name}. '
                quotes.append(
                    Quote("direct", said, start, start + len(said), 0, who.name, who.key, who.name, None, "said")
                )
                at = body.index(who.name, start)
                mentions.append(Mention(who.key, "person", who.name, at, at + len(who.name)))
                at = body.index(where.name, start)
                mentions.append(Mention(where.key, "place", where.name, at, at + len(where.name)))
                ents[who.key], ents[where.key] = who, where
            body += words(60)
            digest = hashlib.sha256(str(i).encode()).hexdigest()
            doc = Document(f"synthetic/{i}.txt", b"", body, digest, "utf-8", external_id=str(i))
            day = f"20{11 + i % 8:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
            page = Page(body, [(0, len(body))], outlet=outlets[i % len(outlets)], published=day, title=words(8))
            write_article(db, doc, page, Analysis(list(ents.values()), mentions, quotes), prov, doc.path, linker)
            if i % 2000 == 1999:
                db.conn.commit()
                db.conn.execute("begin")
    db.execute("analyze")
    db.close()


def percentiles(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[max(0, int(len(times) * 0.95 + 0.5) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--quotes-per-article", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None, help="keep the synthetic corpus here (reused if present)")
    parser.add_argument("--repeat", type=int, default=20, help="runs of each command")
    parser.add_argument("--no-exports", action="store_true", help="skip the whole-table exports")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db_path = args.db or Path(tmp) / "synthetic.db"
        if not db_path.exists():
            t = time.perf_counter()
            build(db_path, args.articles, args.quotes_per_article)
            print(
                f"built {args.articles:,} articles in {time.perf_counter() - t:.0f} s ({db_path.stat().st_size / 2**30:.2f} GB)"
            )
        con = sqlite3.connect(db_path)
        n_quotes = con.execute("select count(*) from quotes").fetchone()[0]
        n_articles = con.execute("select count(*) from articles").fetchone()[0]
        rng = random.Random(1)
        speakers = [
            r[0]
            for r in con.execute("select name from entities where type = 'person' order by mentions desc limit 300")
        ]
        places = [
            r[0] for r in con.execute("select name from entities where type = 'place' order by random() limit 100")
        ]
        vocab = [
            w for (t,) in con.execute("select text from quotes where rowid % 997 = 0 limit 400") for w in t.split()
        ]
        article_ids = [r[0] for r in con.execute("select id from articles order by random() limit 100")]
        con.close()
        print(f"{n_quotes:,} quotes over {n_articles:,} articles; each command run {args.repeat} times as a whole")
        print("process (`python -m syria_corpus …`, start-up included), after one warm-up run; bar p95 <= 300 ms\n")
        base = [sys.executable, "-m", "syria_corpus", "--db", str(db_path)]
        commands = {
            "quotes --speaker NAME": lambda: ["quotes", "--speaker", rng.choice(speakers), "-n", "50", "--json"],
            "quotes --about WORDS": lambda: ["quotes", "--about", " ".join(rng.sample(vocab, 2)), "-n", "50", "--json"],
            "search WORDS --since": lambda: ["search", rng.choice(vocab), "--since", "2015", "--json"],
            "search PLACE (spellings)": lambda: ["search", rng.choice(places), "--json"],
            "speakers -n 20": lambda: ["speakers", "-n", "20", "--json"],
            "speakers --since -n 20": lambda: [
                "speakers",
                "--since",
                "2017-03",
                "--until",
                "2017-04",
                "-n",
                "20",
                "--json",
            ],
            "people -n 50": lambda: ["people", "-n", "50", "--json"],
            "places -n 50": lambda: ["places", "-n", "50", "--json"],
            "timeline WORDS": lambda: ["timeline", rng.choice(vocab), "--json"],
            "timeline --speaker": lambda: ["timeline", "--speaker", rng.choice(speakers), "--by", "year", "--json"],
            "sources --top 5": lambda: ["sources", "--top", "5", "--json"],
            "kwic WORD -n 20": lambda: ["kwic", rng.choice(vocab), "-n", "20", "--json"],
            "show ARTICLE": lambda: ["show", rng.choice(article_ids), "--json"],
            "stats": lambda: ["stats", "--json"],
        }
        print(f"  {'command':28} {'p50':>8} {'p95':>8} {'peak memory':>12}")
        for label, make in commands.items():
            run([*base, *make()])
            runs = [run([*base, *make()]) for _ in range(args.repeat)]
            p50, p95 = percentiles([r[0] * 1000 for r in runs])
            peak = max(r[1] for r in runs)
            print(f"  {label:28} {p50:6.0f} ms {p95:6.0f} ms {mb(peak):>12}{'' if p95 <= 300 else '   over the bar'}")
        if args.no_exports:
            return 0
        print("\nexport quotes, every row (bar <= 60 s each, memory flat):")
        for fmt in ("csv", "xlsx", "parquet"):
            out = Path(tmp) / f"quotes.{fmt}"
            wall, peak, _, _ = run([*base, "export", "quotes", f"--{fmt}", "-o", str(out)])
            print(f"  --{fmt:8} {wall:6.1f} s  {out.stat().st_size / 2**20:7.0f} MB file  peak memory {mb(peak)}")
        small_peak = run([*base, "quotes", "--limit", "10", "--csv"])[1]
        print(f"  (memory of a 10-row query, for comparison: {mb(small_peak)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
