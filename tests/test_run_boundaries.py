"""The same rows however a corpus is split into runs: in one run, in runs of any split, or interrupted and
ingested again. FA-KES rows that once linked differently across runs: an activist `Nayef Mustafa` (row
1923102944) merged into a commander `Abu Mustafa` of an earlier run (row 1923102885), and `Sergey
Rudskoy` found as `Sergei Rudskoi` in one run only.

Each article is analysed once (a cache stands in for the NLP step), so that many runs stay quick: what
differs between them is only what storing and linking do.
"""

import csv
import json

import pytest
from typer.testing import CliRunner

from conftest import SHARED, require_shared
from syria_corpus import ingest as ingest_module
from syria_corpus.cli import app
from syria_corpus.scale.workers import InlinePool

CORPUS = SHARED / "corpora" / "fakes_articles.csv"
pytestmark = [pytest.mark.shared(CORPUS), pytest.mark.slow]
RUN_FIELDS = {"path", "source", "ingested_at"}  # where and when a run read a row: its file differs by run
SPELLINGS = ("1923848281", "1924058037", "1926479226", "1926479352", "1962495688")  # Rudskoi, Abu al-Hassan …


class CachedPool(InlinePool):
    """The NLP step, each page analysed once for the whole module."""

    cache: dict = {}

    def submit(self, pages):
        from syria_corpus.nlp.pipeline import load_pipeline, model_description

        self.description = model_description(load_pipeline(self.model))
        todo = [p for p in pages if (p.title, p.body) not in self.cache]
        if todo:
            for page, outcome in zip(todo, self._analyse(todo), strict=True):
                self.cache[page.title, page.body] = outcome
        self._tickets += 1
        self._results[self._tickets] = [self.cache[p.title, p.body] for p in pages]
        return self._tickets

    def _analyse(self, pages):
        ticket = super().submit(pages)
        return self.result(ticket)


@pytest.fixture(scope="module")
def rows():
    require_shared(CORPUS)
    with CORPUS.open(newline="", encoding="utf-8") as f:
        every = list(csv.DictReader(f))
    return every[:120] + [r for r in every if r["unit_id"] in SPELLINGS]


@pytest.fixture(autouse=True)
def cached(monkeypatch):
    monkeypatch.setattr(ingest_module, "_analyser", lambda model, *how: CachedPool(model))


def _csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _exports(db) -> dict[str, list]:
    out = {}
    for table in ("quotes", "people", "places", "orgs", "mentions", "events"):
        result = CliRunner().invoke(app, ["--db", str(db), "export", table, "--json"])
        assert result.exit_code == 0, result.output
        rows = [{k: v for k, v in r.items() if k not in RUN_FIELDS} for r in json.loads(result.output)]
        out[table] = sorted(json.dumps(r, sort_keys=True) for r in rows)
    return out


def _in_runs(tmp_path, rows, bounds: list[int]):
    db = tmp_path / "corpus.db"
    edges = [0, *bounds, len(rows)]
    for n, (a, b) in enumerate(zip(edges, edges[1:], strict=False)):
        ingest_module.ingest(db, [_csv(tmp_path / f"run{n}.csv", rows[a:b])], workers=0)
    return _exports(db)


@pytest.fixture(scope="module")
def one_run(tmp_path_factory, rows):
    mp = pytest.MonkeyPatch()
    mp.setattr(ingest_module, "_analyser", lambda model, *how: CachedPool(model))
    try:
        return _in_runs(tmp_path_factory.mktemp("one"), rows, [])
    finally:
        mp.undo()


def test_the_rows_come_with_the_people_the_defects_were_found_on(one_run):
    people = {p["name"] for p in map(json.loads, one_run["people"])}
    assert {"Nayef Mustafa", "Sergei Rudskoi"} <= people


@pytest.mark.parametrize(
    "bounds",
    [
        [100],  # `Abu Mustafa` in the first run, `Nayef Mustafa` in the second
        [122, 124],  # `Sergei Rudskoy` stored before `Sergey Rudskoy` comes
        list(range(16, 125, 16)),  # eight runs
        [1, 2, 3, 50, 121],
    ],
)
def test_any_split_into_runs_gives_the_rows_of_one_run(tmp_path, rows, one_run, bounds):
    assert _in_runs(tmp_path, rows, bounds) == one_run


def _interrupted_after(write, n: int):
    """`write_article`, with Ctrl-C pressed as the n+1-th article of the run is about to be written."""
    written = []

    def interrupted(*args, **kwargs):
        if len(written) == n:
            raise KeyboardInterrupt
        written.append(write(*args, **kwargs))
        return written[-1]

    return interrupted


def test_runs_interrupted_then_ingested_again_give_the_rows_of_one_run(tmp_path, rows, one_run, monkeypatch):
    """Ctrl-C while articles are written, five times, then a run that finishes."""
    source, db = _csv(tmp_path / "all.csv", rows), tmp_path / "corpus.db"
    write = ingest_module.write_article
    for stop_after in (7, 30, 1, 64, 13):
        monkeypatch.setattr(ingest_module, "write_article", _interrupted_after(write, stop_after))
        with pytest.raises(KeyboardInterrupt):
            ingest_module.ingest(db, [source], workers=0)
    monkeypatch.setattr(ingest_module, "write_article", write)
    ingest_module.ingest(db, [source], workers=0)
    assert _exports(db) == one_run
