#!/usr/bin/env python3
"""Draw the event gold sets (events_gold.json: development and held-out) from FA-KES.

Deterministic: prints the chosen unit_ids (with outlet and split) in drawing order.

Rules:
  * one row per content hash: sha256(article_title + "\\n\\n" + article_content), first row in file order;
    unit_ids that FA-KES gives to two different texts are left out (the gold is keyed by unit_id);
  * random.Random(20261126): outlets in shuffled order, then round-robin one article per outlet at a time
    until 184 are drawn (every one of the 15 outlets that has rows, at most as many as it has); the first 64
    were annotated first, the next 40 later, the next 80 in a third round (a longer draw leaves the earlier
    positions as they were);
  * every fourth article drawn (drawing positions 4, 8, 12, ...) is held out: 46 held out, 138 development.
"""

import csv
import hashlib
import random
from collections import defaultdict
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "fakes_articles.csv"
N, SEED = 184, 20261126


def digest(r: dict) -> str:
    return hashlib.sha256((r["article_title"] + "\n\n" + r["article_content"]).encode("utf-8")).hexdigest()


def draw() -> list[tuple[str, str, str]]:
    rows = list(csv.DictReader(CORPUS.open(encoding="utf-8")))
    texts = defaultdict(set)
    for r in rows:
        texts[r["unit_id"]].add(digest(r))
    seen, by_outlet = set(), defaultdict(list)
    for r in rows:
        h = digest(r)
        if h in seen or len(texts[r["unit_id"]]) > 1:
            continue
        seen.add(h)
        by_outlet[r["source"]].append(r["unit_id"])
    rng = random.Random(SEED)
    outlets = sorted(by_outlet)
    rng.shuffle(outlets)
    pools = {o: rng.sample(by_outlet[o], len(by_outlet[o])) for o in outlets}
    chosen = []
    while len(chosen) < N and any(pools.values()):
        for o in outlets:
            if pools[o] and len(chosen) < N:
                chosen.append((pools[o].pop(), o))
    return [(uid, o, "heldout" if (i + 1) % 4 == 0 else "dev") for i, (uid, o) in enumerate(chosen)]


if __name__ == "__main__":
    for uid, outlet, split in draw():
        print(uid, outlet, split)
