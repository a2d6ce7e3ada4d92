"""Audit of what a user gets from `quotes --speaker NAME` over the whole FA-KES corpus.

For the most-quoted named people and organisations, every quote the tool credits to each is looked up in
the judgments committed under tests/data/speaker_audit.json, made by reading the article. A judgment
is keyed by article id and quote text and names the speaker it judged: when the tool's output changes
(another quote, another speaker), the row counts as not judged until someone reads it again.

    .venv/bin/python bench/speaker_audit.py                      # ingests ../shared/corpora/fakes_articles.csv
    .venv/bin/python bench/speaker_audit.py --db /tmp/fakes.db   # an existing ingest of it
    .venv/bin/python bench/speaker_audit.py --todo todo.jsonl    # also write the rows to judge, with context
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from fakes import fakes_db  # noqa: E402

from syria_corpus.query import queries  # noqa: E402

JUDGMENTS = ROOT / "tests" / "data" / "speaker_audit.json"
CONTEXT = 600


def quote_key(article_id: str, text: str) -> str:
    return f"{article_id}:{hashlib.sha1(' '.join(text.split()).encode()).hexdigest()[:12]}"


def credited(db, top: int) -> list[tuple[dict, list[dict]]]:
    """The `top` most-quoted named people and organisations, each with every quote credited to them."""
    named = [s for s in queries.speakers(db) if s["type"] in ("person", "org")][:top]
    out = []
    for s in named:
        (eid,) = db.execute("select id from entities where name = ? and type = ?", [s["speaker"], s["type"]]).fetchone()
        rows = db.execute(
            """select q.article_id, a.external_id, q.kind, q.text, q.speaker_mention, q.cue, q.start, q."end", a.body,
                      a.title
               from quotes q join articles a on a.id = q.article_id where q.speaker_id = ? order by a.rowid, q.start""",
            [eid],
        ).fetchall()
        quotes = [
            {
                "key": quote_key(r[0], r[3]), "speaker": s["speaker"], "external_id": r[1], "kind": r[2], "text": r[3],
                "mention": r[4], "cue": r[5], "title": r[9],
                "context": r[8][max(0, r[6] - CONTEXT) : r[6]] + "[[" + r[8][r[6] : r[7]] + "]]" + r[8][r[7] : r[7] + 300],
            }
            for r in rows
        ]  # fmt: skip
        out.append((s, quotes))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", help="an existing ingest of the FA-KES corpus (default: ingest it now)")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--judgments", type=Path, default=JUDGMENTS)
    ap.add_argument("--todo", type=Path, help="write the rows not yet judged, with their context, as JSON lines")
    args = ap.parse_args()
    db = fakes_db(args.db)
    judgments = json.loads(args.judgments.read_text(encoding="utf-8")) if args.judgments.exists() else {}
    todo, total, right = [], 0, 0
    print(f"{'speaker':42} {'type':6} {'quotes':>6} {'judged':>6} {'right':>6} {'precision':>9}")
    for s, quotes in credited(db, args.top):
        judged = [judgments[q["key"]] for q in quotes if judgments.get(q["key"], {}).get("speaker") == q["speaker"]]
        todo += [q for q in quotes if judgments.get(q["key"], {}).get("speaker") != q["speaker"]]
        ok = sum(1 for j in judged if j["correct"])
        total, right = total + len(judged), right + ok
        precision = f"{ok / len(judged):.3f}" if judged else "-"
        print(f"{s['speaker'][:42]:42} {s['type']:6} {len(quotes):>6} {len(judged):>6} {ok:>6} {precision:>9}")
    print(f"{'all':42} {'':6} {total + len(todo):>6} {total:>6} {right:>6} {right / max(total, 1):>9.3f}")
    if todo:
        print(f"{len(todo)} credited quotes not judged yet" + (f": written to {args.todo}" if args.todo else ""))
    if args.todo:
        with args.todo.open("w", encoding="utf-8") as f:
            for q in todo:
                f.write(json.dumps(q, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
