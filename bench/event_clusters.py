"""Reports of one real event grouped as one cluster, against hand-judged pairs of FA-KES reports
(tests/data/event_pairs.json: two articles' main events, the same happening or not; every fourth pair held
out). Pairwise precision (of the pairs the tool puts in one cluster, how many are one happening) and recall
(of the pairs that are one happening, how many the tool puts in one cluster), with the baseline of
clustering by the same day alone, measured in the same run.

Usage: .venv/bin/python bench/event_clusters.py [--db CORPUS]   (default: the whole FA-KES CSV ingested
into a temporary database first). Bars (issue 31): precision and recall >= 0.85.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "fakes_articles.csv"
PAIRS = ROOT / "tests" / "data" / "event_pairs.json"


def main_events(db: Path) -> dict[str, tuple[str, str | None]]:
    """FA-KES unit_id -> (its main event's cluster, its date)."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            """select a.external_id, coalesce(e.event_cluster, e.id), e.date from events e
               join articles a on a.id = e.article_id where e.main = 1"""
        ).fetchall()
    return {uid: (cluster, date) for uid, cluster, date in rows}


def score(pairs: list[dict], together) -> tuple[int, int, int, int]:
    """(right among those put together, put together, same found together, same)."""
    put = [p for p in pairs if together(p)]
    same = [p for p in pairs if p["same"]]
    return sum(p["same"] for p in put), len(put), sum(together(p) for p in same), len(same)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, help="a corpus of the whole FA-KES CSV already ingested")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"needs {CORPUS} (../shared beside the repository)")
        return 1
    db = args.db
    if db is None:
        from syria_corpus.ingest import ingest

        db = Path(tempfile.mkdtemp()) / "corpus.db"
        ingest(db, [CORPUS], workers=2)
    found = main_events(db)
    pairs = json.loads(PAIRS.read_text(encoding="utf-8"))
    splits = {"dev": [p for i, p in enumerate(pairs) if (i + 1) % 4], "heldout": pairs[3::4]}
    print(f"{len(pairs)} pairs of FA-KES reports; main events clustered in {db}\n")
    for split, items in splits.items():
        known = [p for p in items if p["a"] in found and p["b"] in found]
        ours = score(known, lambda p: found[p["a"]][0] == found[p["b"]][0])
        day = score(known, lambda p: found[p["a"]][1] is not None and found[p["a"]][1] == found[p["b"]][1])
        for name, (right, put, hit, same) in (("syria-corpus", ours), ("same day", day)):
            print(
                f"  {split:8} {name:13} precision {right / max(put, 1):.3f} ({right}/{put})   "
                f"recall {hit / max(same, 1):.3f} ({hit}/{same})   of {len(known)} pairs with both main events"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
