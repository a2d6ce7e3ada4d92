"""Run textacy 0.13's direct_quotations over text files and write the quotes as JSON lines.

Runs inside bench/.venv-textacy (made by quotes_vs_textacy.py), never in the project's environment.
Usage: python textacy_quotes.py MODEL OUT.jsonl FILE...
"""

import json
import sys
from pathlib import Path

import spacy
import textacy
from textacy import preprocessing
from textacy.extract import triples

QUOTE_CHARS = "\"'\u201c\u201d\u2018\u2019 "


def main() -> int:
    model, out, *files = sys.argv[1:]
    nlp = spacy.load(model)
    failed = 0
    with open(out, "w", encoding="utf-8") as f:
        for path in files:
            text = preprocessing.normalize.whitespace(Path(path).read_text(encoding="utf-8"))
            doc = nlp(text)
            try:
                found = list(triples.direct_quotations(doc))
            except Exception:  # textacy raises on an odd number of quote marks, among others
                failed += 1
                continue
            for q in found:
                row = {
                    "path": path,
                    "kind": "direct",
                    "speaker": " ".join(t.text for t in q.speaker),
                    "cue": " ".join(t.text for t in q.cue),
                    "text": q.content.text.strip(QUOTE_CHARS),
                }
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(json.dumps({"textacy": textacy.__version__, "articles": len(files), "raised": failed}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
