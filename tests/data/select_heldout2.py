#!/usr/bin/env python3
"""Draw the second held-out gold set (fakes_gold_heldout2.json) from FA-KES.

Deterministic: prints the chosen unit_ids (with outlet) in drawing order.

Rules:
  * one row per content hash: sha256(article_title + "\n\n" + article_content),
    first row in file order;
  * rows whose hash equals that of an article in fakes_gold.json or
    fakes_gold_heldout.json are excluded, as are unit_ids that FA-KES gives to
    two different texts (the gold file is keyed by unit_id);
  * "quoted" = title or content holds a double quote mark (" or curly);
  * random.Random(20261125): one quoted article from every outlet that has one
    (outlets in shuffled order), then further quoted articles from the rest of
    the quoted pool up to 16, then 2 articles without quote marks.

Chosen (unit_id, outlet), in drawing order:
  1965511110 manar, 1924058217 tass, 1923102959 alaraby, 1962495730 alalam,
  1965495328 sputnik, 1924058209 dailysabah, 1924058085 trt,
  1918150026 asharqalawsat, 1914947538 nna, 1924058051 jordantimes,
  1923848311 ahram, 1965511112 manar, 1923848127 ahram, 1923102866 alaraby,
  1923848204 ahram, 1923848251 ahram (quoted); 1926479179 arabiya,
  1965495366 sputnik (no quote marks)
"""

import csv
import hashlib
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = Path("/work/shared/corpora/fakes_articles.csv")
N_QUOTED, N_PLAIN, SEED = 16, 2, 20261125


def digest(r):
    return hashlib.sha256((r["article_title"] + "\n\n" + r["article_content"]).encode("utf-8")).hexdigest()


def draw(exclude_from, seed, n_quoted, n_plain):
    """The rows drawn, in order: unique texts not in the gold sets named, one quoted row per outlet first."""
    csv.field_size_limit(10**9)
    with open(CORPUS, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    hashes_of_id = {}
    for r in rows:
        hashes_of_id.setdefault(r["unit_id"], set()).add(digest(r))
    first_row = {}
    for r in rows:
        first_row.setdefault(r["unit_id"], r)
    gold_ids = [a["unit_id"] for name in exclude_from for a in json.loads((HERE / name).read_text(encoding="utf-8"))]
    excluded = {digest(first_row[u]) for u in gold_ids}
    pool, seen = [], set()
    for r in rows:
        h = digest(r)
        if h in seen or h in excluded or len(hashes_of_id[r["unit_id"]]) > 1:
            continue
        seen.add(h)
        pool.append(r)

    def quoted(r):
        return any(c in r["article_title"] + r["article_content"] for c in '"\u201c\u201d')

    q_pool = [r for r in pool if quoted(r)]
    p_pool = [r for r in pool if not quoted(r)]

    rng = random.Random(seed)
    outlets = sorted({r["source"] for r in q_pool})
    rng.shuffle(outlets)
    chosen = []
    for o in outlets:
        chosen.append(rng.choice([r for r in q_pool if r["source"] == o]))
    rest = [r for r in q_pool if r not in chosen]
    chosen += rng.sample(rest, n_quoted - len(chosen))
    if n_plain:
        chosen += rng.sample(p_pool, n_plain)
    return chosen


def main():
    for r in draw(("fakes_gold.json", "fakes_gold_heldout.json"), SEED, N_QUOTED, N_PLAIN):
        print(r["unit_id"], r["source"])


if __name__ == "__main__":
    main()
