#!/usr/bin/env python3
"""Draw the second development gold set (fakes_gold_dev2.json) from FA-KES.

Deterministic: prints the chosen unit_ids (with outlet) in drawing order.

Rules:
  * one row per content hash: sha256(article_title + "\\n\\n" + article_content),
    first row in file order;
  * rows whose hash equals that of an article in fakes_gold.json,
    fakes_gold_heldout.json, fakes_gold_heldout2.json or events_gold.json
    (first row of each unit_id) are excluded, as are unit_ids that FA-KES gives
    to two different texts (the gold file is keyed by unit_id);
  * "quoted" = title or content holds a double quote mark (" or curly);
  * random.Random(20261127): one quoted article from every outlet that has one
    (outlets in shuffled order), then further quoted articles from the rest of
    the quoted pool up to 24. No articles without quote marks.

Chosen (unit_id, outlet), in drawing order:
  1965495358 sputnik, 1924058152 dailysabah, 1924058082 trt,
  1962495637 alalam, 1965511127 manar, 1923102902 alaraby,
  1924058032 jordantimes, 1923848188 ahram, 1962495635 alalam,
  1923102938 alaraby, 1918398793 dailysabah, 1924058079 trt,
  1962495631 alalam, 1924058145 dailysabah, 1923848282 ahram,
  1923102893 alaraby, 1924058201 dailysabah, 1924058193 dailysabah,
  1962495691 alalam, 1965495348 sputnik, 1915433693 alaraby,
  1918398801 dailysabah, 1923848257 ahram, 1965495376 sputnik
  (all quoted; the first 8 are one per outlet, the 8 outlets that have any
  quoted article left after the exclusions)
"""

from select_heldout2 import draw

N_QUOTED, SEED = 24, 20261127
EXCLUDE_FROM = ("fakes_gold.json", "fakes_gold_heldout.json", "fakes_gold_heldout2.json", "events_gold.json")


def main():
    for r in draw(EXCLUDE_FROM, SEED, N_QUOTED, 0):
        print(r["unit_id"], r["source"])


if __name__ == "__main__":
    main()
