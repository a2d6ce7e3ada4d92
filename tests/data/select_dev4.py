#!/usr/bin/env python3
"""Draw the fourth development gold set (fakes_gold_dev4.json) from FA-KES.

Deterministic: prints the chosen unit_ids (with outlet) in drawing order.

Rules:
  * one row per content hash: sha256(article_title + "\\n\\n" + article_content),
    first row in file order;
  * rows whose hash equals that of an article in fakes_gold.json,
    fakes_gold_heldout.json, fakes_gold_heldout2.json, events_gold.json,
    fakes_gold_dev2.json or fakes_gold_dev3.json (first row of each unit_id)
    are excluded, as are unit_ids that FA-KES gives to two different texts
    (the gold file is keyed by unit_id);
  * "quoted" = title or content holds a double quote mark (" or curly);
  * random.Random(20261129): one quoted article from every outlet that has one
    (outlets in shuffled order), then further quoted articles from the rest of
    the quoted pool up to 24. No articles without quote marks.

Chosen (unit_id, outlet), in drawing order:
  1924058047 jordantimes, 1965495338 sputnik, 1919191759 trt,
  1962495643 alalam, 1915433687 alaraby, 1965511138 manar,
  1924058115 dailysabah, 1923848149 ahram, 1923848151 ahram,
  1923848260 ahram, 1924058135 dailysabah, 1924058108 trt,
  1923102859 alaraby, 1962495695 alalam, 1923848289 ahram, 1962495649 alalam,
  1915433670 alaraby, 1924058178 dailysabah, 1962495650 alalam,
  1919191768 trt, 1962495645 alalam, 1923848301 ahram, 1923848148 ahram,
  1924058083 trt
  (all quoted; the first 8 are one per outlet, the 8 outlets that have any
  quoted article left after the exclusions)
"""

from select_heldout2 import draw

N_QUOTED, SEED = 24, 20261129
EXCLUDE_FROM = (
    "fakes_gold.json",
    "fakes_gold_heldout.json",
    "fakes_gold_heldout2.json",
    "events_gold.json",
    "fakes_gold_dev2.json",
    "fakes_gold_dev3.json",
)


def main():
    for r in draw(EXCLUDE_FROM, SEED, N_QUOTED, 0):
        print(r["unit_id"], r["source"])


if __name__ == "__main__":
    main()
