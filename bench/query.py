"""Query latency at scale: a synthetic corpus of 1,000,000 quotes over 200,000 articles, built through the
library's own store API (write_article, as ingest uses it), then p50/p95 of the queries researchers run.

Usage: .venv/bin/python bench/query.py [--articles N] [--quotes-per-article Q] [--db PATH] [--repeat R]
Bars (issue 5): quotes --speaker < 50 ms, search < 100 ms, quotes --about < 100 ms, people top 50 < 200 ms,
export quotes --csv of every row < 20 s in flat memory.
"""

from __future__ import annotations

import argparse
import hashlib
import random
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
    from syria_corpus.linking import Linker
    from syria_corpus.records import Analysis, Document, Entity, Mention, Page, Quote
    from syria_corpus.store import Provenance, open_db, write_article

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


def timed(fn, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--quotes-per-article", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None, help="keep the synthetic corpus here (reused if present)")
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    from syria_corpus import queries
    from syria_corpus.store import open_db

    with tempfile.TemporaryDirectory() as tmp:
        db_path = args.db or Path(tmp) / "synthetic.db"
        if not db_path.exists():
            t = time.perf_counter()
            build(db_path, args.articles, args.quotes_per_article)
            print(
                f"built {args.articles:,} articles in {time.perf_counter() - t:.0f} s ({db_path.stat().st_size / 2**30:.2f} GB)"
            )
        db = open_db(db_path)
        n_quotes = db.execute("select count(*) from quotes").fetchone()[0]
        n_articles = db.execute("select count(*) from articles").fetchone()[0]
        print(f"{n_quotes:,} quotes over {n_articles:,} articles; {args.repeat} runs each, p50 / p95")
        print("library calls (syria_corpus.queries) on an open database, warm: a command adds Python start-up")
        rng = random.Random(1)
        speakers = [
            r[0] for r in db.execute("select name from entities where type = 'person' order by random() limit 200")
        ]
        vocab = [r[0] for r in db.execute("select text from quotes where rowid % 997 = 0 limit 400")]
        vocab = [w for line in vocab for w in line.split()]

        checks = [
            ("quotes --speaker NAME", 50, lambda: queries.quotes(db, speaker=rng.choice(speakers))),
            ("search WORDS", 100, lambda: queries.search(db, " ".join(rng.sample(vocab, 2)))),
            ("quotes --about WORDS", 100, lambda: queries.quotes(db, about=" ".join(rng.sample(vocab, 2)))),
            ("people (top 50)", 200, lambda: queries.people(db, limit=50)),
        ]
        for label, bar, fn in checks:
            p50, p95 = timed(fn, args.repeat)
            print(f"  {label:24} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms   (bar < {bar} ms)")
        speaker_cmd = [sys.executable, "-m", "syria_corpus", "--db", str(db_path), "quotes", "--speaker"]
        walls = sorted(run([*speaker_cmd, rng.choice(speakers), "--json"])[0] for _ in range(5))
        print(f"  the command `syria-corpus quotes --speaker NAME`, whole process: median {walls[2]:.2f} s of 5")
        out = Path(tmp) / "quotes.csv"
        cmd = [sys.executable, "-m", "syria_corpus", "--db", str(db_path), "export", "quotes", "--csv", "-o", str(out)]
        wall, peak, largest, _ = run(cmd)
        lines = sum(1 for _ in out.open(encoding="utf-8")) - 1
        print(f"  export quotes --csv      {wall:8.1f} s for {lines:,} rows; peak memory {mb(peak)} (bar < 20 s, flat)")
        small = [sys.executable, "-m", "syria_corpus", "--db", str(db_path), "quotes", "--limit", "10", "--csv"]
        _, small_peak, _, _ = run(small)
        print(f"  (memory of a 10-row query, for comparison: {mb(small_peak)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
