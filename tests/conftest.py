from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_aa24c89156c6ffa1.txt"
SHARED = ROOT.parent / "shared"


def direct_quotes(nlp, text: str) -> list[tuple[str | None, str | None, str | None]]:
    """(speaker, speaker as written, cue) of each direct quote in a made-up article."""
    from syria_corpus.nlp.analyse import analyse
    from syria_corpus.read.segment import segment

    return [(q.speaker, q.speaker_mention, q.cue) for q in analyse(nlp, segment(text)).quotes if q.kind == "direct"]


def docs_folder(tmp_path: Path, texts: dict[str, str]) -> Path:
    """A folder of UTF-8 text documents, one per name."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def ingested(tmp_path: Path, texts: dict[str, str]) -> Path:
    """A corpus database ingested in-process from a folder of these documents."""
    from syria_corpus.ingest import ingest

    db = tmp_path / "corpus.db"
    ingest(db, [docs_folder(tmp_path, texts)], workers=0)
    return db


@pytest.fixture(scope="session")
def nlp():
    from syria_corpus.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory) -> Path:
    """The seed ingested once; tests that only read share it."""
    from syria_corpus.ingest import ingest

    path = tmp_path_factory.mktemp("seed") / "corpus.db"
    ingest(path, [SEED])
    return path


DATED_ROWS = [
    ("1", "reuters", "2017-04-04", "Gas attack on Khan Sheikhoun kills dozens",
     '"Dozens of people were killed in Khan Sheikhoun in Idlib," the Syrian Observatory for Human Rights said. '
     "The White Helmets said they had rescued 20 people."),
    ("2", "sputnik", "2017-04-07", "US strikes Shayrat airbase in Homs",
     "Russian Foreign Minister Sergei Lavrov said the strike on the Shayrat airbase in Homs was an act of "
     "aggression. An activist said the base had been empty."),
    ("3", "reuters", "2016-09-17", "Coalition strike hits army in Deir ez-Zor",
     '"It was a mistake and we regret it," a US official said of the strike in Deir ez-Zor.'),
    ("4", "sana", "2017-05-01", "Water restored in Aleppo",
     "The governor of Aleppo Hussein Diab said water had been restored to the city of Aleppo."),
]  # fmt: skip


def articles_csv(folder: Path, rows: list[tuple[str, ...]]) -> Path:
    """Rows of (id, outlet, date, title, text) as a CSV, as a researcher's export would be."""
    import csv

    path = folder / "articles.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([("id", "outlet", "date", "title", "text"), *rows])
    return path


def dated_csv(folder: Path) -> Path:
    return articles_csv(folder, DATED_ROWS)


@pytest.fixture(scope="session")
def dated_corpus(tmp_path_factory) -> Path:
    """Four dated articles of three outlets, read from a CSV."""
    from syria_corpus.ingest import ingest

    folder = tmp_path_factory.mktemp("dated")
    db = folder / "corpus.db"
    ingest(db, [dated_csv(folder)])
    return db


@pytest.fixture(scope="session")
def web_corpus(tmp_path_factory) -> Path:
    """The seed and the four dated articles in one corpus: what the web tests serve."""
    from syria_corpus.ingest import ingest

    folder = tmp_path_factory.mktemp("web")
    db = folder / "corpus.db"
    ingest(db, [SEED, dated_csv(folder)])
    return db


@pytest.fixture
def fresh_db(tmp_path, seed_db) -> Path:
    """A writable copy of the seed database."""
    path = tmp_path / "corpus.db"
    shutil.copy(seed_db, path)
    return path


def shared_verdict(paths: tuple[Path, ...], ci: bool) -> tuple[str, str] | None:
    """What a test that needs files of ../shared does when some are missing: skip in a user's clone,
    fail in CI, where ../shared is always laid beside the repository."""
    missing = [str(p) for p in paths if not Path(p).exists()]
    if not missing:
        return None
    return ("fail" if ci else "skip"), f"needs {', '.join(missing)} (../shared beside the repository)"


def require_shared(*paths: Path) -> None:
    if (verdict := shared_verdict(paths, bool(os.environ.get("CI")))) is not None:
        action, message = verdict
        (pytest.fail if action == "fail" else pytest.skip)(message)


@pytest.fixture(autouse=True)
def _shared_files(request):
    if (marker := request.node.get_closest_marker("shared")) is not None:
        require_shared(*marker.args)


def run_python(code: str) -> str:
    """What a fresh interpreter prints running `code`: what a command imports shows only in a new process."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout


def cli_json(db: Path, *args: str):
    """What a query command prints with --json, after checking that it succeeded."""
    from typer.testing import CliRunner

    from syria_corpus.cli import app

    result = CliRunner().invoke(app, ["--db", str(db), *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def assert_entity_counts(db) -> None:
    """Each entity's stored `mentions` and `articles` are those of its article links."""
    stored = {r[0]: (r[1], r[2]) for r in db.execute("select id, mentions, articles from entities")}
    linked = dict.fromkeys(stored, (0, 0)) | {
        r[0]: (r[1], r[2])
        for r in db.execute("select entity_id, sum(mentions), count(*) from article_entities group by entity_id")
    }
    assert stored == linked


def serve_command(db: Path, port: int, *options: str) -> list[str]:
    """`syria-corpus serve` of a corpus on a port, as its own process runs it."""
    return [sys.executable, "-m", "syria_corpus", "--db", str(db), "serve", "--port", str(port), *options]


def stored_articles(tmp_path, *paths):
    """Ingest `paths` into a new corpus and return each article's title, published, url, outlet, author and
    body, by path: what a reader of the stored fields sees."""
    import sqlite3

    from syria_corpus.ingest import ingest

    db = tmp_path / "corpus.db"
    summary = ingest(db, list(paths), workers=0)
    assert summary.count("failed") == 0
    with sqlite3.connect(db) as conn:
        return conn.execute("select title, published, url, outlet, author, body from articles order by path").fetchall()


def options_listed(command: str) -> set[str]:
    """What `COMMAND --help` lists: each option by its first spelling, each argument by its name."""
    from typer.main import get_command

    from syria_corpus.cli import app

    params = get_command(app).commands[command].params
    return {p.opts[0] if p.param_type_name == "option" else p.name for p in params}


QUOTE_FILTERS = ("--speaker-type", "--min-confidence", "--max-confidence")
# Values to try each filter and output option with, in a product of a command's options: every option that
# the commands share, so that each command's table names only its own.
SHARED_OPTIONS = {
    "--since": [["--since", "2017"]],
    "--until": [["--until", "2017-04"]],
    "--outlet": [["--outlet", "Reuters", "--outlet", "sana"]],
    "--place": [["--place", "Aleppo"]],
    "--governorate": [["--governorate", "Idlib"]],
    "--org": [["--org", "SOHR"]],
    "--person": [["--person", "Lavrov"]],
    "--speaker-type": [["--speaker-type", "unnamed"], ["--speaker-type", "person"]],
    "--min-confidence": [["--min-confidence", "0.5"]],
    "--max-confidence": [["--max-confidence", "0.9"]],
    "--csv": [["--csv"]],
    "--tsv": [["--tsv"]],
    "--json": [["--json"]],
    "--nl": [["--nl"]],
    "--table": [["--table"]],
    "-o": [["-o", "-"]],
    "--safe-formulas": [["--csv", "--safe-formulas"]],
}


@pytest.fixture(scope="module")
def quick_cli():
    """`invoke(db, *args)`: the app run by a CliRunner, its click command built once. Building it is most of
    an invocation's 30 ms, which a product of a command's options multiplies."""
    import typer.testing

    from syria_corpus.cli import app

    built = typer.testing._get_command(app)
    runner = typer.testing.CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.testing, "_get_command", lambda _app: built)
        yield lambda db, *args: runner.invoke(app, ["--db", str(db), *args])
