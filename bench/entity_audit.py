"""Audit of the entity tables a user gets from the whole FA-KES corpus (issue 12).

For each type (person, place, organisation): a reproducible random sample of 100 entities (the first
100 in the order of a seeded hash of type and name, so that an entity that disappears leaves the sample
while the others stay in it) and, separately, the 50 with the most mentions. Each is
looked up in the judgments committed under tests/data/entity_audit.json, made by reading the articles
that mention it: right when the name denotes one real entity of that type, written as a name (not a
fragment, not glued to other words or page furniture). An entity not judged yet is listed with --todo.

    .venv/bin/python bench/entity_audit.py                     # ingests ../shared/corpora/fakes_articles.csv
    .venv/bin/python bench/entity_audit.py --db /tmp/f.db      # an existing ingest of it
    .venv/bin/python bench/entity_audit.py --todo todo.jsonl   # also write the entities to judge, with contexts
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from fakes import ROOT, fakes_db

from syria_corpus.knowledge import entity_key

JUDGMENTS = ROOT / "tests" / "data" / "entity_audit.json"
TYPES = ("person", "place", "org")
SEED, SAMPLE, TOP, CONTEXT = 12, 100, 50, 160


def key(e: dict) -> str:
    """Type and name; for someone of one article alone (`Abu Mustafa`), also that article; for a place's
    namesake in another governorate (`place:midan-aleppo-sy`), also that governorate."""
    local = e["id"].partition("@")[2]
    name = f"{e['type']}:{e['name']}"
    stem, rest = entity_key(e["type"], e["name"]).partition(":")[2], e["id"].partition(":")[2]
    if e["type"] == "place" and rest.startswith(stem + "-") and rest.endswith("-sy") and rest != stem + "-sy":
        name += f" ({rest[len(stem) + 1 : -3]})"
    return name + (f"@{local}" if local else "")


def samples(db) -> dict[tuple[str, str], list[dict]]:
    """(type, "random" or "top") to the entities drawn."""
    out = {}
    for type_ in TYPES:
        rows = [
            dict(zip(("id", "type", "name", "mentions", "articles"), r, strict=True))
            for r in db.execute(
                "select id, type, name, mentions, articles from entities where type = ? and mentions > 0 order by name",
                [type_],
            )
        ]
        # a seeded hash orders them: an entity that disappears leaves the sample, the others stay in it
        out[type_, "random"] = sorted(rows, key=lambda e: hashlib.sha1(f"{SEED}:{key(e)}".encode()).hexdigest())[
            :SAMPLE
        ]
        out[type_, "top"] = sorted(rows, key=lambda e: (-e["mentions"], e["name"]))[:TOP]
    return out


def contexts(db, entity_id: str, n: int = 3) -> list[dict]:
    """A few mentions from different articles, with the words around them."""
    rows = db.execute(
        """select a.external_id, a.title, m.text, a.body, m.start, m."end" from mentions m
           join articles a on a.id = m.article_id where m.entity_id = ? group by m.article_id
           order by a.rowid limit ?""",
        [entity_id, n],
    ).fetchall()
    return [
        {"external_id": r[0], "title": r[1], "mention": r[2],
         "context": r[3][max(0, r[4] - CONTEXT) : r[4]] + "[[" + r[3][r[4] : r[5]] + "]]" + r[3][r[5] : r[5] + CONTEXT]}
        for r in rows
    ]  # fmt: skip


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", help="an existing ingest of the FA-KES corpus (default: ingest it now)")
    ap.add_argument("--judgments", type=Path, default=JUDGMENTS)
    ap.add_argument("--todo", type=Path, help="write the entities not yet judged, with contexts, as JSON lines")
    args = ap.parse_args()
    db = fakes_db(args.db)
    judgments = json.loads(args.judgments.read_text(encoding="utf-8")) if args.judgments.exists() else {}
    todo: dict[str, dict] = {}
    print(f"{'type':7} {'sample':7} {'drawn':>5} {'judged':>6} {'right':>5} {'precision':>9}")
    for (type_, kind), drawn in samples(db).items():
        judged = [judgments[key(e)] for e in drawn if key(e) in judgments]
        right = sum(1 for j in judged if j["correct"])
        precision = f"{right / len(judged):.3f}" if judged else "-"
        print(f"{type_:7} {kind:7} {len(drawn):>5} {len(judged):>6} {right:>5} {precision:>9}")
        for e in drawn:
            if key(e) not in judgments and key(e) not in todo:
                todo[key(e)] = {"key": key(e), **{k: e[k] for k in ("type", "name", "mentions", "articles")},
                                "contexts": contexts(db, e["id"])}  # fmt: skip
    if todo:
        print(f"{len(todo)} entities not judged yet" + (f": written to {args.todo}" if args.todo else ""))
    if args.todo:
        with args.todo.open("w", encoding="utf-8") as f:
            for row in todo.values():
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
