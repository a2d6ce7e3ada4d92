"""What the two extractors add to spaCy's own work on the FA-KES corpus bodies.

Times, in one process on the same texts and model: `nlp.pipe` alone; then `nlp.pipe` followed by
`extract_entities` (knowledge base, gazetteer and in-article linking of names) and `extract_quotes`, each
timed separately. It leaves out title parsing, the headline and tag passes, corpus linking and the
writes: `bench/ingest.py`, which compares a whole ingest with raw `nlp.pipe`, gives the whole added cost.

Usage: .venv/bin/python bench/quote_overhead.py [--model NAME] [--limit N] [--rounds R]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "fakes_articles.csv"


def bodies(limit: int | None) -> list[tuple[str, list[tuple[int, int]]]]:
    from syria_corpus.read.segment import normalise, segment

    seen, out = set(), []
    with CORPUS.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["unit_id"] in seen:
                continue
            seen.add(row["unit_id"])
            page = segment(row["article_title"] + "\n\n" + row["article_content"])
            out.append((normalise(page.body), page.paragraphs))
    return out[:limit] if limit else out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=None)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"needs {CORPUS}", file=sys.stderr)
        return 2
    from syria_corpus import gazetteer
    from syria_corpus.nlp.entities import extract_entities
    from syria_corpus.nlp.pipeline import load_pipeline
    from syria_corpus.nlp.quotes import extract_quotes

    nlp = load_pipeline(args.model)
    gazetteer.lookup("Damascus")  # build the index before timing
    texts = bodies(args.limit)
    chars = sum(len(t) for t, _ in texts)
    print(f"{len(texts)} articles, {chars:,} characters, model {nlp.meta['name']} {nlp.meta['version']}")
    pipe_times, ent_times, quote_times = [], [], []
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(t for t, _ in texts):
            pass
        pipe_times.append(time.perf_counter() - t0)
        ents_s = quotes_s = 0.0
        n_quotes = 0
        for doc, (_, paragraphs) in zip(nlp.pipe(t for t, _ in texts), texts, strict=True):
            t1 = time.perf_counter()
            ents = extract_entities(doc)
            t2 = time.perf_counter()
            n_quotes += len(extract_quotes(doc, ents, paragraphs))
            t3 = time.perf_counter()
            ents_s += t2 - t1
            quotes_s += t3 - t2
        ent_times.append(ents_s)
        quote_times.append(quotes_s)
    pipe, ents, quotes = min(pipe_times), min(ent_times), min(quote_times)
    print(f"nlp.pipe alone:            {pipe:8.2f} s  ({len(texts) / pipe:.1f} articles/s)  best of {args.rounds}")
    print(f"extract_entities:          {ents:8.2f} s  = {ents / pipe:6.1%} of nlp.pipe")
    print(f"extract_quotes:            {quotes:8.2f} s  = {quotes / pipe:6.1%} of nlp.pipe  ({n_quotes} quotes)")
    print(f"both extractors:           {ents + quotes:8.2f} s  = {(ents + quotes) / pipe:6.1%} of nlp.pipe")
    print("(bodies only: titles, headlines, tags, corpus linking and writes are in bench/ingest.py's figure)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
