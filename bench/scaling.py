"""How the analysis time of one article grows with its length, per shape of text a scrape can bring.

For each shape, an article of N paragraphs and one of 4N are segmented, parsed and analysed; the script
prints spaCy's time and the analysis time (entities, quotes, events) with the ratio 4N / N. Linear work
gives a ratio near 4; work that looks back over the whole article once per quote gives 12 and more.

    .venv/bin/python bench/scaling.py                 # every shape, N = 1000
    .venv/bin/python bench/scaling.py he_said 500     # one shape, N = 500
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from syria_corpus.nlp.analyse import analyse_doc  # noqa: E402
from syria_corpus.nlp.pipeline import load_pipeline  # noqa: E402
from syria_corpus.read.segment import normalise, segment  # noqa: E402

SHAPES = {
    "he_said": lambda i: f'"The situation in the city is getting worse every day number {i}," he said.',
    "colon": lambda i: f'She said: "We have had no water and no food for day {i}."',
    "named": lambda i: f'"The shelling went on all night {i}," said Ahmad Haddad, a local activist.',
    "unclosed": lambda i: f'"The road remains closed near checkpoint {i} said the commander of the brigade.',
    "curly_run_on": lambda i: f"\u201cPart {i} of the statement said the minister",
    "statement": lambda i: (
        f"The ministry issued a statement on day {i}." if i % 2 else f'"Talks resume on day {i}," the statement said.'
    ),
    "spokesman": lambda i: (
        f'"Talks resume on day {i}," said Omar Nasser.'
        if i % 2
        else f'"We will not attend round {i}," the spokesman said.'
    ),
    "short_lines": lambda i: f"Line {i}.",  # a list scraped as paragraphs: each one a preset sentence start
    "they_added": lambda i: f'Activists said the town was shelled on day {i}. "Many houses burned," they added.',
}


def seconds(nlp, shape: str, n: int) -> tuple[float, float, int]:
    page = segment("\n\n".join(SHAPES[shape](i) for i in range(n)), title="A title")
    start = time.perf_counter()
    doc = nlp(normalise(page.body))
    parsed = time.perf_counter()
    analysis = analyse_doc(nlp, page, doc)
    return parsed - start, time.perf_counter() - parsed, len(analysis.quotes)


def main() -> int:
    shapes = [sys.argv[1]] if len(sys.argv) > 1 else list(SHAPES)
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    nlp = load_pipeline()
    print(f"{'shape':14} {'paragraphs':>10} {'spaCy s':>8} {'analysis s':>10} {'quotes':>7}   ratio 4N/N")
    for shape in shapes:
        short = seconds(nlp, shape, n)
        long = seconds(nlp, shape, 4 * n)
        for size, (parse, analyse, quotes) in ((n, short), (4 * n, long)):
            print(f"{shape:14} {size:>10} {parse:>8.2f} {analyse:>10.2f} {quotes:>7}", end="")
            print(f"   {long[1] / short[1]:.1f}" if size == 4 * n else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
