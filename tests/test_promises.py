"""The README's promises over arbitrary command lines: every command, given any of its options with any
value a user might type or paste, ends with a documented exit status and never a traceback; a refusal is
one line on stderr and leaves the database byte for byte as it was; a terminal table shows no control
character from the data. The commands and their options are read from the app itself, so a new option is
covered the day it is added."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.main import get_command
from typer.testing import CliRunner

from conftest import articles_csv
from syria_corpus.cli import app

DOCUMENTED_EXITS = {0, 1, 3, 4, 5}
WRITERS = {"ingest", "upgrade", "merge", "unmerge", "alias", "entity", "curation import"}
LEFT_OUT = {"serve"}  # starts a server that runs until stopped
LEFT_OUT_OPTIONS = {"--dask"}  # starts a Dask cluster: its bounds are tested in test_dask.py
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)

TYPED = [
    "Assad", "Bashar al-Assad", "Aleppo", "Idlib", "reuters", "quotes", "people", "", " ", "[/x]", "[bold red]x",
    "Talal [/x]", ":-1:", "\x1b[2J", "\x1b]52;c;SGk=\x07", "Assad\udcff", "\ufffd", "NEAR(a b, -5)", "NEAR(a b, 5)",
    '"', "*", "a OR", "title:", "2017-04-04T00:00", "\u0662\u0660\u0661\u0667", "2017", "1982-02", "--09-17",
    "2017-13-45", "nan", "inf", "-1", "0", "1", "3", "1e400", str(10**20), str(-(10**20)), "local:0",
    " ".join(["Syria"] * 300), "x" * 5000,
]  # fmt: skip
HOSTILE_ROWS = [
    ("[/x]", "sana", "2017-04-04", "\x1b[2J\x1b]0;pwned\x07Title [bold]x", '"We are [red]here[/red]," Ali Haidar said.'),
    ("2", "\x1b]52;c;SGk=\x07outlet", "2016-09-17", "Strike :-1: in Idlib",
     "Shelling hit Idlib. \u201cThe road is open \x1b[31m,\u201d said Ahmad Rahhal, a commander in Idlib."),
]  # fmt: skip


def _commands(group=None, prefix=()):
    group = group or get_command(app)
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))
        elif " ".join((*prefix, name)) not in LEFT_OUT:
            yield (*prefix, name), command


COMMANDS = sorted(_commands(), key=lambda pair: pair[0])


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """A small corpus whose scraped titles, outlets and quotes carry escapes and rich markup."""
    from syria_corpus.ingest import ingest

    folder = tmp_path_factory.mktemp("hostile")
    db = folder / "corpus.db"
    ingest(db, [articles_csv(folder, HOSTILE_ROWS)], workers=0)
    return db


def _value(draw, param, folder: Path, db: Path) -> str:
    if "path" in type(param.type).__name__.lower():
        return draw(st.sampled_from([str(folder / "out.txt"), str(db), str(folder), str(folder / "no" / "such")]))
    return draw(st.sampled_from(TYPED))


@st.composite
def command_lines(draw, folder: Path, db: Path) -> list[str]:
    path, command = draw(st.sampled_from(COMMANDS))
    args = list(path)
    for param in command.params:
        if getattr(param, "param_type_name", "") == "argument":
            args.extend(draw(st.lists(st.just(param), min_size=1, max_size=2 if param.nargs == -1 else 1)))
        elif param.opts[0] not in LEFT_OUT_OPTIONS and draw(st.integers(0, 3)) == 0:
            args.append(param.opts[0] if param.is_flag else param)
    return [a if isinstance(a, str) else _value(draw, a, folder, db) for a in _with_values(args)]


def _with_values(args: list) -> list:
    """An option's parameter stands for `--opt VALUE`, an argument's for `VALUE`."""
    out: list = []
    for a in args:
        if not isinstance(a, str) and getattr(a, "param_type_name", "") == "option":
            out.append(a.opts[0])
        out.append(a)
    return out


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


@SETTINGS
@given(data=st.data())
def test_any_command_line_keeps_the_readme_promises(pristine, data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "corpus.db"
        shutil.copy(pristine, db)
        before = _digest(db)
        args = data.draw(command_lines(folder, db))
        result = CliRunner().invoke(app, ["--db", str(db), *args])
        shown = f"{args!r} -> {result.exit_code}\nstdout: {result.stdout[-500:]!r}\nstderr: {result.stderr!r}"
        assert result.exit_code in DOCUMENTED_EXITS, shown
        assert result.exception is None or isinstance(result.exception, SystemExit), shown
        assert "Traceback" not in result.stdout + result.stderr, shown
        writes = any(" ".join(args[:n]) in WRITERS for n in (1, 2))
        if result.exit_code not in (0, 3):
            assert len(result.stderr.strip().splitlines()) == 1, shown
        if not writes or result.exit_code not in (0, 3):
            assert _digest(db) == before, shown
        if "--table" in args or args[0] in ("show", "person", "place"):
            assert not [c for c in result.stdout if ord(c) < 32 and c not in "\n" or 127 <= ord(c) < 160], shown


FRAGMENTS = [
    '"We will not leave Aleppo," Governor Hussein Diab said.', "\u201cThe road is open,\u201d said Ahmad Rahhal.",
    "Nayef Mustafa", "Abu Mustafa said", "[/x]", "\x1b[2J", "\n", "\n\n", "\r\n", '"', ",", "\t", "\x00", "\ufffd",
    "\u0627\u0644\u0623\u0633\u062f", "id,title,text,text\n", "<html><head><meta charset=\"windows-1256\">", "<div>" * 40,
    "3 Oct 2016 ", "Title line\n\n", "---\ntitle: x\n---\n",
]  # fmt: skip
documents = st.lists(st.sampled_from(FRAGMENTS), max_size=25).map("".join)
files = st.dictionaries(
    st.tuples(
        st.sampled_from(["a", "b", "sub/c", "[/x]", ":-1:", "\x1b[2J"]),
        st.sampled_from([".txt", ".csv", ".jsonl", ".html", ".md"]),
    ).map("".join),
    st.one_of(
        documents.map(lambda t: t.encode("utf-8", "surrogatepass")),
        documents.map(lambda t: t.encode("cp1256", "replace")),
        st.binary(max_size=300),
    ),
    min_size=1,
    max_size=3,
)


def _stored_ids(db: Path) -> set[str]:
    import sqlite3

    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return {row[0] for row in conn.execute("select id from articles")}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contents=files, force=st.booleans())
def test_any_folder_ingested_keeps_the_readme_promises(pristine, contents, force):
    with tempfile.TemporaryDirectory() as tmp:
        folder, db = Path(tmp) / "docs", Path(tmp) / "corpus.db"
        for name, data in contents.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
        shutil.copy(pristine, db)
        before, stored = _digest(db), _stored_ids(db)
        args = ["--db", str(db), "ingest", str(folder), "--workers", "0", *(["--force"] if force else [])]
        result = CliRunner().invoke(app, args)
        shown = f"{contents!r} -> {result.exit_code}\nstderr: {result.stderr!r}"
        assert result.exit_code in {0, 1, 3}, shown
        assert result.exception is None or isinstance(result.exception, SystemExit), shown
        assert "Traceback" not in result.stdout + result.stderr, shown
        if result.exit_code == 1:
            assert len(result.stderr.strip().splitlines()) == 1, shown
            assert _digest(db) == before, shown
        assert stored <= _stored_ids(db), shown
