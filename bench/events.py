"""Event extraction against the hand-annotated main events of 184 FA-KES articles (tests/data/events_gold.json:
138 development, 46 held out), with simple baselines measured in the same run, and the cost of event
extraction against the rest of the NLP step.

Usage: .venv/bin/python bench/events.py [--all]   (--all: the cost measured over every FA-KES article too)
Bars (issue 31), on each set: type >= 0.90, date (exact day) >= 0.90, actor category >= 0.85, killed_min
exact >= 0.85, wounded_min exact >= 0.85, claimant >= 0.80 (the same source, however written: `SOHR`, `the
Syrian Observatory`; none where the gold has none). Baselines: the first date written in the article; the
development set's most frequent type and actor category; the first number before "killed" (and before
"wounded" or "injured"); the first `according to X`. Each article is analysed alone, as at ingest.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "fakes_articles.csv"
GOLD = ROOT / "tests" / "data" / "events_gold.json"
FIELDS = ("type", "type (air = shelling)", "date", "actor_category", "killed_min", "wounded_min", "claimant", "target")
BARS = {"type": 0.90, "date": 0.90, "actor_category": 0.85, "killed_min": 0.85, "wounded_min": 0.85, "claimant": 0.80}


def same_thing(a: str | None, b: str | None) -> bool:
    """Two phrases for one target (`a market`, `the market in Idlib`): half the words of the shorter, at
    least one, shared; none where the gold has none."""
    if not a or not b:
        return not a and not b
    small = {"the", "a", "an", "of", "in", "on", "and", "its", "their"}
    wa, wb = ({w for w in x.lower().replace("-", " ").split() if w not in small} for x in (a, b))
    shared = len(wa & wb)
    return shared >= 1 and shared * 2 >= min(len(wa), len(wb))


def same_source(a: str | None, b: str | None) -> bool:
    """Two names of one source: equal when folded, one inside the other (`Syrian Observatory` in `the Syrian
    Observatory for Human Rights`), or one entity of the knowledge base (`SOHR`)."""
    from syria_corpus.knowledge import by_alias
    from syria_corpus.names import fold

    if not a or not b:
        return not a and not b
    fa, fb = fold(a), fold(b)
    if fa == fb or (min(len(fa), len(fb)) >= 4 and (fa in fb or fb in fa)):
        return True
    known = {fold(k): e.key for k, e in by_alias().items()}
    return known.get(fa) is not None and known.get(fa) == known.get(fb)


def rows_by_id() -> dict[str, dict]:
    with CORPUS.open(encoding="utf-8") as f:
        return {r["unit_id"]: r for r in csv.DictReader(f)}


def score(gold: list[dict], predicted: dict[str, dict | None]) -> dict[str, tuple[int, int]]:
    """(right, counted) per field over the gold main events; a date counts where the gold states a day."""
    out = {f: [0, 0] for f in FIELDS}
    for g in gold:
        want, got = g["main"], predicted.get(g["unit_id"]) or {}
        merged = {"airstrike": "air", "shelling": "air"}
        checks = {
            "type": (want["type"], got.get("type")),
            "type (air = shelling)": (
                merged.get(want["type"], want["type"]),
                merged.get(got.get("type"), got.get("type")),
            ),
            "actor_category": (want["actor_category"], got.get("actor_category")),
            "killed_min": (want["killed_min"], got.get("killed_min")),
            "wounded_min": (want["wounded_min"], got.get("wounded_min")),
            "claimant": (True, same_source(want["claimant"], got.get("claimant"))),
            "target": (True, same_thing(want["target"], got.get("target"))),
        }
        if want["date"] and want.get("date_precision") == "day":
            checks["date"] = (want["date"], got.get("date"))
        for field, (w, p) in checks.items():
            out[field][0] += w == p
            out[field][1] += 1
    return {f: (r, n) for f, (r, n) in out.items()}


def baseline(row: dict, dev: list[dict]) -> dict:
    from syria_corpus.dates import parse_date

    text = row["article_title"] + "\n\n" + row["article_content"]
    first = parse_date(text)
    killed = re.search(r"(\d[\d,]*)\s+(?:\S+\s+){0,5}?killed", text)
    wounded = re.search(r"(\d[\d,]*)\s+(?:\S+\s+){0,5}?(?:wounded|injured)", text)
    according = re.search(r"according to (?:the )?([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)", text)
    common = lambda f: Counter(g["main"][f] for g in dev).most_common(1)[0][0]  # noqa: E731
    return {
        "type": common("type"),
        "date": first.iso[:10] if first and first.precision in ("day", "minute") else None,
        "actor_category": common("actor_category"),
        "killed_min": int(killed.group(1).replace(",", "")) if killed else None,
        "wounded_min": int(wounded.group(1).replace(",", "")) if wounded else None,
        "claimant": according.group(1) if according else None,
        "target": None,
    }


ALL_EVENTS = sorted((ROOT / "tests" / "data").glob("events_all_part*.json"))


def every_event(gold_all: list[dict], every: dict[str, list]) -> dict[str, tuple[int, int, int, int]]:
    """Per split, (gold events found, gold events, predicted events that are gold ones, predicted events)
    over the articles whose every event is annotated: one event matches another of the same kind (an
    airstrike is shelling too) in the same governorate (or place), on the same day where both state one (a
    day the text does not give, the article's, is no statement);
    each gold event matches one predicted event at most, so a row that tells an event again counts against
    precision."""
    if not ALL_EVENTS:
        return {}
    others = {r["unit_id"]: r for path in ALL_EVENTS for r in json.loads(path.read_text(encoding="utf-8"))}
    kind = {"airstrike": "air", "shelling": "air"}
    out: dict[str, list[int]] = {}
    for g in gold_all:
        if g["unit_id"] not in others or g["unit_id"] not in every:
            continue
        main = [{**g["main"], "toll_scope": others[g["unit_id"]].get("main_toll_scope")}] if g["main"] else []
        wanted = main + others[g["unit_id"]]["other_events"]
        predicted = every[g["unit_id"]]

        def same(w: dict, pair) -> bool:
            e, place = pair
            if kind.get(w["type"], w["type"]) != kind.get(e.type, e.type):
                return False
            where = {x for x in (w.get("governorate"), w.get("place")) if x}
            here = {x for x in ((place.governorate, place.name) if place else ()) if x}
            if where and here and not {x.lower() for x in where} & {x.lower() for x in here}:
                return False
            day = (w.get("date") or "")[:10] if w.get("date_precision") == "day" else ""
            stated = e.date and e.date_precision == "day" and e.date_basis == "text"  # not the article's day
            return not (day and stated and e.date[:10] != day)

        counts = out.setdefault(g["split"], [0, 0, 0, 0] + [0] * len(MATCHED_FIELDS))

        def closeness(w: dict, pair) -> tuple[bool, bool]:  # which of the events it may be it is likeliest to be
            e, place = pair
            return (e.killed_min != w["killed_min"], not place or place.name.lower() != (w.get("place") or "").lower())

        options = [sorted((j for j, p in enumerate(predicted) if same(w, p)), key=lambda j: closeness(w, predicted[j]))
                   for w in wanted]  # fmt: skip
        owner = _matching(options)
        counts[0] += len(owner)
        counts[1] += len(wanted)
        counts[2] += len(owner)
        counts[3] += len(predicted)
        for j, i in owner.items():  # the fields of each event found, main or not
            e, w = predicted[j][0], wanted[i]
            right = (e.killed_min == w["killed_min"], e.wounded_min == w["wounded_min"],
                     e.actor_category == w["actor_category"], same_source(w["claimant"], e.claimant),
                     e.toll_scope == w.get("toll_scope"))  # fmt: skip
            for k, ok in enumerate(right):
                counts[4 + k] += ok
    return {split: tuple(c) for split, c in out.items()}


MATCHED_FIELDS = ("killed_min", "wounded_min", "actor_category", "claimant", "toll_scope")


def _matching(options: list[list[int]]) -> dict[int, int]:
    """A largest one-to-one matching of gold events to the predicted events each may match, as predicted
    index -> gold index (augmenting paths: an article has a few dozen events at most)."""
    owner: dict[int, int] = {}

    def place(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or place(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(options)):
        place(i, set())
    return owner


def main() -> int:
    if not CORPUS.exists():
        print(f"needs {CORPUS} (../shared beside the repository)")
        return 1
    from syria_corpus.nlp import analyse as analyse_module
    from syria_corpus.nlp.analyse import analyse
    from syria_corpus.nlp.pipeline import load_pipeline
    from syria_corpus.read.segment import segment

    gold_all = json.loads(GOLD.read_text(encoding="utf-8"))
    gold = {s: [g for g in gold_all if g["split"] == s and g["main"]] for s in ("dev", "heldout")}
    rows = rows_by_id()
    nlp = load_pipeline()
    timed = {"events": 0.0}

    def timed_step(real):
        def run(*args, **kwargs):
            t = time.perf_counter()
            try:
                return real(*args, **kwargs)
            finally:
                timed["events"] += time.perf_counter() - t

        return run

    analyse_module.extract_events = timed_step(analyse_module.extract_events)
    analyse_module.every_event = timed_step(analyse_module.every_event)
    ours, base, no_event, every = {}, {}, [], {}
    t0 = time.perf_counter()
    for g in gold_all:
        r = rows[g["unit_id"]]
        page = segment(r["article_content"], outlet=r["source"], title=r["article_title"])
        analysis = analyse(nlp, page)
        main = next((e for e in analysis.events if e.main), None)
        ours[g["unit_id"]] = main.__dict__ if main else None
        places = {e.key: e for e in analysis.entities}
        every[g["unit_id"]] = [(e, places.get(e.place_key)) for e in analysis.events]
        base[g["unit_id"]] = baseline(r, gold["dev"])
        if g["main"] is None:
            no_event.append(main is None)
    total = time.perf_counter() - t0
    print(f"{len(gold_all)} FA-KES articles, each analysed alone; main event against the hand annotation\n")
    print(f"  {'set':9} {'field':22} {'syria-corpus':>14} {'baseline':>14}   bar")
    for split, items in gold.items():
        mine, theirs = score(items, ours), score(items, base)
        for field in FIELDS:
            (r, n), (br, bn) = mine[field], theirs[field]
            bar = BARS.get(field)
            verdict = "" if bar is None else ("✔" if n and r / n >= bar else "✗") + f" {bar}"
            print(f"  {split:9} {field:22} {r / n:6.3f} ({r:2}/{n:2}) {br / bn:6.3f} ({br:2}/{bn:2})   {verdict}")
    print(f"\n  articles with no event in the gold: {sum(no_event)} of {len(no_event)} given none by syria-corpus")
    for split, (found, wanted, right, predicted, *fields) in every_event(gold_all, every).items():
        print(
            f"  {split:9} every event: recall {found / wanted:.3f} ({found}/{wanted}), "
            f"precision {right / predicted:.3f} ({right}/{predicted})   bar recall 0.85"
        )
        tally = ", ".join(f"{name} {n / max(found, 1):.3f}" for name, n in zip(MATCHED_FIELDS, fields, strict=True))
        print(f"  {split:9}   of the {found} events found: {tally}")
    print(f"  event extraction: {timed['events']:.2f} s of {total:.1f} s analysing ({timed['events'] / total:.1%})")
    if "--all" in sys.argv:
        timed["events"] = 0.0
        pages = [segment(r["article_content"], outlet=r["source"], title=r["article_title"]) for r in rows.values()]
        t0 = time.perf_counter()
        for page in pages:
            analyse(nlp, page)
        total = time.perf_counter() - t0
        print(
            f"  every FA-KES article ({len(pages)}): event extraction {timed['events']:.1f} s of {total:.1f} s "
            f"analysing ({timed['events'] / total:.1%}; ingest also reads, segments and writes)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
