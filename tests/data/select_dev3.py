#!/usr/bin/env python3
"""Draw the third development gold set (fakes_gold_dev3.json) from FA-KES.

Deterministic: prints the chosen unit_ids (with outlet) in drawing order.

Rules:
  * one row per content hash: sha256(article_title + "\\n\\n" + article_content),
    first row in file order;
  * rows whose hash equals that of an article in fakes_gold.json,
    fakes_gold_heldout.json, fakes_gold_heldout2.json, events_gold.json or
    fakes_gold_dev2.json (first row of each unit_id) are excluded, as are
    unit_ids that FA-KES gives to two different texts (the gold file is keyed
    by unit_id);
  * "quoted" = title or content holds a double quote mark (" or curly);
  * random.Random(20261128): one quoted article from every outlet that has one
    (outlets in shuffled order), then further quoted articles from the rest of
    the quoted pool up to 24. No articles without quote marks.

Chosen (unit_id, outlet), in drawing order:
  1924058153 dailysabah, 1962495682 alalam, 1923102921 alaraby,
  1924058036 jordantimes, 1965495344 sputnik, 1965511170 manar,
  1923848171 ahram, 1924058111 trt, 1923102942 alaraby,
  1923848295 ahram, 1923848150 ahram, 1923848214 ahram,
  1962495678 alalam, 1924058139 dailysabah, 1965511173 manar,
  1919191741 trt, 1923848320 ahram, 1923102885 alaraby,
  1923102974 alaraby, 1924058192 dailysabah, 1923848252 ahram,
  1923848258 ahram, 1924058156 dailysabah, 1923848201 ahram
  (all quoted; the first 8 are one per outlet, the 8 outlets that have any
  quoted article left after the exclusions)
"""

from select_heldout2 import draw

N_QUOTED, SEED = 24, 20261128
EXCLUDE_FROM = (
    "fakes_gold.json",
    "fakes_gold_heldout.json",
    "fakes_gold_heldout2.json",
    "events_gold.json",
    "fakes_gold_dev2.json",
)


def main():
    for r in draw(EXCLUDE_FROM, SEED, N_QUOTED, 0):
        print(r["unit_id"], r["source"])


if __name__ == "__main__":
    main()
