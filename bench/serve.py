"""`serve` at scale: the synthetic corpus of bench/query.py (1,000,000 quotes over 200,000 articles) served
by `syria-corpus serve` in its own process, each page fetched over HTTP on localhost; p50/p95 after one
warm-up request of each page (its first, cold answer printed too). Parameters vary from request to request
(a speaker among the 300 most quoted, a word of the corpus, a place), as researchers' requests do.

Baseline, in the same run: plain Datasette (`datasette serve -i`, its default settings) on the same file,
asked for the same quotes page with the same facets (`_facet=`) and the same search (`_search=`).

Usage: .venv/bin/python bench/serve.py [--db PATH] [--repeat R]
Bar (issue 15): the quotes table page with its default facets, a search, and each stored query answer in
<= 500 ms p95.
"""

from __future__ import annotations

import argparse
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from query import build, percentiles  # noqa: E402

BAR_MS = 500
FACETS = ("outlet", "kind", "speaker_id", "speaker_type", "governorate", "year", "month")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(command: list[str], base: str) -> subprocess.Popen:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=5)
            return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"could not start: {' '.join(command)}") from None
            time.sleep(0.3)


def fetch(url: str) -> float:
    """Milliseconds to the last byte of a page that must answer 200."""
    t = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
        assert response.status == 200, url
    return (time.perf_counter() - t) * 1000


def measure(base: str, pages: dict, repeat: int) -> dict[str, tuple[float, float, float]]:
    """(first, p50, p95) of each page: the first request cold, then `repeat` more."""
    out = {}
    for name, path in pages.items():
        first = fetch(base + path())
        times = [fetch(base + path()) for _ in range(repeat)]
        out[name] = (first, *percentiles(times))
    return out


def q(value: str) -> str:
    return urllib.parse.quote(value)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=None, help="the synthetic corpus (built here if absent)")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db_path = args.db or Path(tmp) / "synthetic.db"
        if not db_path.exists():
            build(db_path, 200_000, 5)
        subprocess.run(
            [sys.executable, "-m", "syria_corpus", "--db", str(db_path), "upgrade"], check=True, capture_output=True
        )
        con = sqlite3.connect(db_path)
        n_quotes = con.execute("select count(*) from quotes").fetchone()[0]
        top = con.execute(
            """select speaker_id, min(speaker) from quotes where speaker_id is not null
               group by speaker_id order by count(*) desc limit 300"""
        ).fetchall()
        speaker_ids, speakers = [i for i, _ in top], [n for _, n in top]
        places = [
            r[0] for r in con.execute("select name from entities where type = 'place' order by random() limit 100")
        ]
        outlets = [r[0] for r in con.execute("select distinct outlet from articles")]
        vocab = [
            w for (t,) in con.execute("select text from quotes where rowid % 997 = 0 limit 400") for w in t.split()
        ]
        article_ids = [r[0] for r in con.execute("select id from articles order by random() limit 100")]
        clusters = [
            r[0] for r in con.execute("select event_cluster from events where event_cluster is not null limit 50")
        ] or ["none"]
        con.close()
        rng = random.Random(1)
        name = db_path.stem
        ours = {
            "quotes page, default facets": lambda: f"/{name}/quotes",
            "search page (a word)": lambda: f"/-/search?q={q(rng.choice(vocab))}",
            "search page (a place, spellings)": lambda: f"/-/search?q={q(rng.choice(places))}",
            "quotes_of (speaker)": lambda: f"/{name}/quotes_of?speaker={q(rng.choice(speakers))}",
            "outlet_speakers (outlet)": lambda: f"/{name}/outlet_speakers?outlet={q(rng.choice(outlets))}",
            "place_articles (place, dates)": lambda: f"/{name}/place_articles?place={q(rng.choice(places))}&since=2015&until=2017-06",
            "person (name)": lambda: f"/{name}/person?name={q(rng.choice(speakers))}",
            "events_by_month (type)": lambda: f"/{name}/events_by_month?type=airstrike",
            "event_outlets (cluster)": lambda: f"/{name}/event_outlets?cluster={q(rng.choice(clusters))}",
            "place_map": lambda: f"/{name}/place_map",
            "event_map": lambda: f"/{name}/event_map",
            "article page": lambda: f"/-/articles/{rng.choice(article_ids)}",
        }  # fmt: skip
        extra = {
            "quotes page filtered by outlet": lambda: f"/{name}/quotes?outlet={q(rng.choice(outlets))}",
            "quotes page, a speaker's facet": lambda: f"/{name}/quotes?speaker_id={q(rng.choice(speaker_ids))}",
        }
        facets = "&".join(f"_facet={f}" for f in FACETS)
        generic = {
            "quotes page, default facets": lambda: f"/{name}/quotes?{facets}",
            "search (a word)": lambda: f"/{name}/articles?_search={q(rng.choice(vocab))}",
        }

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start([sys.executable, "-m", "syria_corpus", "--db", str(db_path), "serve", "--port", str(port)], base)
        try:
            results = measure(base, ours, args.repeat)
            results_extra = measure(base, extra, args.repeat)
        finally:
            server.terminate()
            server.wait()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        datasette = Path(sys.executable).with_name("datasette")
        server = start([str(datasette), "serve", "-i", str(db_path), "--port", str(port)], base)
        try:
            baseline = measure(base, generic, args.repeat)
        finally:
            server.terminate()
            server.wait()

    print(f"{n_quotes:,} quotes; each page fetched over HTTP on localhost, {args.repeat} times after one warm-up")
    print(f"(its first, cold answer in the first column); bar p95 <= {BAR_MS} ms\n")
    print(f"  {'page':36} {'first':>8} {'p50':>8} {'p95':>8}")
    worst = 0.0
    for label, (first, p50, p95) in results.items():
        worst = max(worst, p95)
        print(f"  {label:36} {first:8.0f} {p50:8.0f} {p95:8.0f}  {'✔' if p95 <= BAR_MS else '✗'}")
    for label, (first, p50, p95) in results_extra.items():
        print(f"  {label:36} {first:8.0f} {p50:8.0f} {p95:8.0f}  (no bar)")
    print("\n  baseline: plain Datasette on the same file, same facets and search")
    for label, (first, p50, p95) in baseline.items():
        mine = results["quotes page, default facets" if label.startswith("quotes") else "search page (a word)"]
        print(f"  {label:36} {first:8.0f} {p50:8.0f} {p95:8.0f}  ours: {mine[2] / p95:.2f}x its p95")
    print(f"\nworst p95 {worst:.0f} ms: {'within' if worst <= BAR_MS else 'over'} the bar")
    return 0 if worst <= BAR_MS else 1


if __name__ == "__main__":
    sys.exit(main())
