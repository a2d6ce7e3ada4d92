"""Faults: nothing stored is lost, nothing hangs, a bad document fails alone."""

import csv
import functools
import hashlib
import io
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
import sqlite_utils
from typer.testing import CliRunner

from conftest import ROOT, SEED
from syria_corpus.cli import app
from syria_corpus.errors import CorpusError
from syria_corpus.export.formats import output_file
from syria_corpus.ingest import ingest
from syria_corpus.records import Page
from syria_corpus.scale import workers

runner = CliRunner()
SHORT = '"We will not leave Aleppo," Governor Hussein Diab said on Monday, after shelling hit the city of Aleppo {n}.'


def run(db: Path, *args: str):
    return runner.invoke(app, ["--db", str(db), *args])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def count(db: Path, table: str = "articles") -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"select count(*) from {table}").fetchone()[0]


def folder_of(tmp_path: Path, n: int, poison: set[int] = frozenset()) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(n):
        text = SHORT.format(n=i) + (" POISON" if i in poison else "")
        (folder / f"{i:03}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_export_onto_the_database_is_refused(fresh_db, suffix):
    before = digest(fresh_db)
    target = fresh_db.with_name(fresh_db.name + suffix)
    result = run(fresh_db, "export", "quotes", "-o", str(target))
    assert (result.exit_code, result.output) == (
        1,
        f"Error: {target}: that is the corpus database; choose another output file\n",
    )
    assert digest(fresh_db) == before and count(fresh_db, "quotes") == 14


def test_export_onto_the_database_by_another_path_is_refused(fresh_db, tmp_path):
    link = tmp_path / "other-name.db"
    link.symlink_to(fresh_db)
    result = run(fresh_db, "export", "quotes", "-o", str(link))
    assert result.exit_code == 1 and count(fresh_db, "quotes") == 14


def test_export_that_fails_half_way_leaves_the_old_file(tmp_path):
    target = tmp_path / "quotes.csv"
    target.write_text("the analyst's own file\n")
    with pytest.raises(CorpusError) as e, output_file(target) as f:
        f.write("half of an export")
        raise OSError(28, "No space left on device")
    assert str(e.value) == f"{target}: cannot write (No space left on device); nothing was changed there"
    assert target.read_text() == "the analyst's own file\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["quotes.csv"]


def test_export_to_a_full_device_is_one_line(fresh_db):
    result = run(fresh_db, "export", "quotes", "-o", "/dev/full")
    assert (result.exit_code, result.output) == (5, "Error: /dev/full: cannot write (No space left on device)\n")


def test_export_replaces_a_file_whole(fresh_db, tmp_path):
    target = tmp_path / "q.csv"
    target.write_text("old\n")
    result = run(fresh_db, "export", "quotes", "-o", str(target))
    assert result.exit_code == 0 and len(target.read_text().splitlines()) == 15


def test_fifo_is_refused(tmp_path):
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    result = run(tmp_path / "corpus.db", "ingest", str(fifo))
    assert (result.exit_code, result.output) == (
        1,
        f"Error: {fifo}: not a regular file (a pipe, device or socket); give a file or a folder\n",
    )
    assert not (tmp_path / "corpus.db").exists()


def _signal_on(word: str, sig: signal.Signals, real):
    """`analyse_pages`, sending the worker `sig` when a page holds `word`."""

    def analyse_pages(nlp, pages):
        if any(word in p.body for p in pages):
            os.kill(os.getpid(), sig)
        return real(nlp, pages)

    return analyse_pages


def test_a_document_that_kills_its_worker_fails_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(
        workers, "analyse_pages", _signal_on("POISON", signal.SIGKILL, workers.analyse_pages)
    )  # inherited by the fork
    folder = folder_of(tmp_path, 40, poison={5})
    db = tmp_path / "corpus.db"
    result = run(db, "ingest", "--workers", "2", str(folder))
    assert result.exit_code == 3, result.output
    assert (
        "Warning: an NLP worker died (killed by SIGKILL); its 16 documents are tried again, each alone" in result.output
    )
    assert (
        f"Warning: {folder / '005.txt'}: the NLP worker died (killed by SIGKILL) while analysing it, twice"
        in result.output
    )
    assert "39 added, 1 failed" in result.output
    assert result.output.endswith(
        "Error: 1 of 40 documents could not be ingested (warnings above); the rest are stored\n"
    )
    assert count(db) == 39 and count(db, "quotes") == 39
    again = run(db, "ingest", "--workers", "2", str(folder))
    assert "39 unchanged, 1 failed" in again.output and count(db) == 39


def _children() -> list[int]:
    pids = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        pids += [int(p) for p in (task / "children").read_text().split()]
    return pids


def test_a_worker_killed_from_outside_is_replaced(tmp_path):
    folder = folder_of(tmp_path, 300)
    db = tmp_path / "corpus.db"
    killed = []

    def on_document(result):
        if not killed and (kids := _children()):
            os.kill(kids[0], signal.SIGKILL)
            killed.append(kids[0])

    summary = ingest(db, [folder], workers=2, on_document=on_document)
    assert killed and summary.count("added") == 300 and summary.count("failed") == 0
    assert count(db) == 300 and count(db, "quotes") == 300


def _seed_copies_ingest(tmp_path: Path, n: int) -> tuple[Path, Path, list[str]]:
    """A folder of `n` copies of the seed (14 quotes each), a database path, and the command that ingests
    the one into the other with two workers."""
    folder = tmp_path / "docs"
    folder.mkdir()
    seed = SEED.read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"{i:03}.txt").write_text(f"{seed}\nCopy {i}.", encoding="utf-8")
    db = tmp_path / "corpus.db"
    return folder, db, [sys.executable, "-m", "syria_corpus", "--db", str(db), "ingest", "--workers", "2", str(folder)]


def test_ctrl_c_stops_within_seconds_and_keeps_whole_articles(tmp_path):
    folder, db, cmd = _seed_copies_ingest(tmp_path, 300)
    # Ctrl-C as a terminal sends it, whatever the test runner's own SIGINT disposition, which a child inherits
    default_int = functools.partial(signal.signal, signal.SIGINT, signal.SIG_DFL)
    proc = subprocess.Popen(
        cmd, cwd=ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True, preexec_fn=default_int
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:  # read-only and never waiting on a lock, so no poll sleeps through the run it watches
            with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)) as conn:
                if conn.execute("select count(*) from articles").fetchone()[0] >= 64:
                    break
        except sqlite3.OperationalError:
            continue
    os.killpg(proc.pid, signal.SIGINT)
    started = time.monotonic()
    _, stderr = proc.communicate(timeout=30)
    stopped = time.monotonic() - started
    assert stopped < 5, f"stopped after {stopped:.1f} s; stderr ends {stderr[-600:]!r}"  # 0.1 s when alone
    assert proc.returncode == 130
    assert stderr.strip().splitlines()[-1] == "Error: interrupted; every article stored so far is complete"
    stored = count(db)
    assert 64 <= stored < 300 and count(db, "quotes") == 14 * stored
    result = run(db, "ingest", "--workers", "2", str(folder))
    assert f"{300 - stored} added, {stored} unchanged" in result.output and count(db) == 300


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL])
def test_a_signal_to_the_ingest_alone_leaves_no_worker_running(tmp_path, stop):
    """`kill`, a scheduler's SIGTERM or a closed terminal's SIGHUP reach the ingest process, not its workers:
    they stop with it (a SIGKILL too, which no handler sees), and what it stored is whole."""
    _, db, cmd = _seed_copies_ingest(tmp_path, 200)
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    workers: list[int] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and len(workers := _children_of(proc.pid)) < 2:
        time.sleep(0.2)
    time.sleep(3)  # the workers at work
    os.kill(proc.pid, stop)
    _, stderr = proc.communicate(timeout=30)
    if stop != signal.SIGKILL:
        assert proc.returncode == 128 + stop
        name = signal.Signals(stop).name
        assert stderr.strip().splitlines()[-1] == f"Error: stopped by {name}; every article stored so far is complete"
    gone = time.monotonic() + 10
    while time.monotonic() < gone and any(Path(f"/proc/{pid}").exists() for pid in workers):
        time.sleep(0.2)
    assert [pid for pid in workers if _running(pid)] == []
    assert len(workers) == 2
    if db.exists():
        stored = count(db)
        assert stored < 200 and count(db, "quotes") == 14 * stored


def _children_of(pid: int) -> list[int]:
    try:
        return [int(p) for task in Path(f"/proc/{pid}/task").iterdir() for p in (task / "children").read_text().split()]
    except FileNotFoundError:  # it has ended
        return []


def _running(pid: int) -> bool:
    """Whether a process lives and is not a zombie waiting for its new parent to reap it."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def test_a_failing_document_fails_alone_in_process(tmp_path, monkeypatch):
    from syria_corpus.nlp import analyse

    real = analyse.analyse_doc

    def fragile(nlp, page, doc, title_doc=None):
        if "POISON" in page.body:
            raise ValueError("a library fault")
        return real(nlp, page, doc, title_doc)

    monkeypatch.setattr(analyse, "analyse_doc", fragile)
    folder = folder_of(tmp_path, 5, poison={2})
    db = tmp_path / "corpus.db"
    summary = ingest(db, [folder], workers=0)
    assert (summary.count("added"), summary.count("failed")) == (4, 1)
    assert summary.warnings == [f"{folder / '002.txt'}: analysis failed (ValueError: a library fault)"]
    assert count(db) == 4


def test_a_text_over_the_model_limit_is_parsed_in_pieces(nlp, monkeypatch):
    from syria_corpus.nlp.analyse import analyse_many

    paragraphs = [SHORT.format(n=i) for i in range(40)]
    body = "\n\n".join(paragraphs)
    page = Page(body=body, paragraphs=[(m.start(), m.end()) for m in re.finditer(r"[^\n]+", body)])
    monkeypatch.setattr(nlp, "max_length", 500)
    (whole,) = analyse_many(nlp, [page])
    assert len(whole.quotes) == 40
    assert all(body[q.start : q.end] == q.text for q in whole.quotes)
    assert {q.speaker for q in whole.quotes} == {"Hussein Diab"}


def test_output_file_refuses_the_database_library_call(tmp_path):
    db = tmp_path / "corpus.db"
    db.write_bytes(b"x")
    with pytest.raises(CorpusError) as e, output_file(db, db):
        pass
    assert str(e.value) == f"{db}: that is the corpus database; choose another output file"
    assert db.read_bytes() == b"x"


# --- foreign, future and read-only databases ---------------------------------------------------------

EVERY_COMMAND = [
    ["ingest", "--workers", "0", str(SEED)],
    ["stats"],
    ["quotes"],
    ["people"],
    ["search", "Assad"],
    ["show", "85403c78"],
    ["export", "quotes"],
    ["alias", "add", "the president", "Bashar al-Assad"],
    ["merge", "Assad", "Vitaly Churkin"],
    ["entity", "rename", "Vitaly Churkin", "V. Churkin"],
]


def files_beside(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if p.name.startswith(db.name))


def every_command_refuses(db: Path, message: str) -> None:
    """Every command exits 4 with exactly this one line."""
    for args in EVERY_COMMAND:
        result = run(db, *args)
        assert (result.exit_code, result.output) == (4, message), args


def test_a_database_of_another_program_is_refused_by_every_command_and_left_alone(tmp_path):
    db = tmp_path / "notes.db"
    with sqlite3.connect(db) as conn:
        conn.execute("create table notes (id integer primary key, body text)")
        conn.execute("insert into notes (body) values ('buy milk')")
    conn.close()
    before = digest(db)
    every_command_refuses(
        db, f"Error: {db}: not a syria-corpus database (it holds other tables: notes); pass another --db\n"
    )
    assert digest(db) == before and files_beside(db) == ["notes.db"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma journal_mode").fetchone()[0] == "delete"


def test_a_database_from_a_newer_syria_corpus_is_refused_and_left_alone(fresh_db):
    with sqlite3.connect(fresh_db) as conn:
        conn.execute(
            "insert into _sqlite_migrations (migration_set, name, applied_at) values ('syria_corpus', 'm099_future', '')"
        )
    conn.close()
    before = digest(fresh_db)
    every_command_refuses(
        fresh_db,
        f"Error: {fresh_db}: made by a newer syria-corpus (schema m099_future); upgrade syria-corpus to use it\n",
    )
    assert digest(fresh_db) == before


def test_queries_never_create_or_migrate_a_database(tmp_path):
    from syria_corpus.store.schema import migrations, open_db

    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    for args in (["stats"], ["quotes"], ["export", "articles"]):
        result = run(empty, *args)
        assert (result.exit_code, result.output) == (
            4,
            f"Error: {empty}: no corpus in this database yet; run `syria-corpus ingest PATH` first\n",
        )
    assert empty.read_bytes() == b""

    older = tmp_path / "older.db"
    migrations.apply(sqlite_utils.Database(older), stop_before="m005_article_source")
    before = digest(older)
    result = run(older, "stats")
    assert (result.exit_code, result.output) == (
        4,
        f"Error: {older}: made by an older syria-corpus; run `syria-corpus upgrade` once (queries never change it)\n",
    )
    assert digest(older) == before
    upgraded = run(older, "upgrade")
    assert upgraded.exit_code == 0 and upgraded.output.startswith(f"{older}: upgraded (m005_article_source, ")
    assert run(older, "stats").exit_code == 0 and run(older, "upgrade").output == f"{older}: already up to date\n"
    assert run(older, "ingest", "--workers", "0", str(SEED)).exit_code == 0
    assert migrations.pending(open_db(older)) == [] and count(older, "quotes") == 14


def _in_read_only_folder(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """The CLI run in a separate process that cannot write to `folder`: as root (who may write
    anywhere), inside a read-only bind mount; otherwise with the folder's write bits taken away."""
    command = [sys.executable, "-m", "syria_corpus", *args]
    if os.geteuid() == 0:
        script = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$@"'
        command = ["unshare", "--mount", "sh", "-c", script, str(folder), *command]
    else:
        folder.chmod(0o555)
    try:
        return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    finally:
        folder.chmod(0o755)


def test_a_read_only_folder_serves_queries_and_refuses_changes_in_one_line(fresh_db):
    if os.geteuid() == 0 and subprocess.run(["unshare", "--mount", "true"], capture_output=True).returncode:
        pytest.skip("root without the right to make a read-only mount")
    folder, before = fresh_db.parent, digest(fresh_db)
    query = _in_read_only_folder(folder, "--db", str(fresh_db), "quotes", "--speaker", "Kirby", "--json")
    assert (query.returncode, query.stderr) == (0, "") and query.stdout.count('"speaker": "John Kirby"') == 3
    change = _in_read_only_folder(folder, "--db", str(fresh_db), "alias", "add", "the spokesman", "John Kirby")
    assert change.returncode == 4
    assert re.fullmatch(
        rf"Error: {re.escape(str(fresh_db))}: cannot write to the database \((unable to open database file|attempt "
        r"to write a readonly database)\); queries work, changes need write access to the file and its folder\n",
        change.stderr,
    )
    out = folder / "quotes.csv"
    export = _in_read_only_folder(folder, "--db", str(fresh_db), "export", "quotes", "-o", str(out))
    assert export.returncode == 5
    assert re.fullmatch(rf"Error: {re.escape(str(out))}: cannot write \((Read-only file system|Permission denied)\)\n",
                        export.stderr)  # fmt: skip
    assert digest(fresh_db) == before and not out.exists()


def test_a_log_that_a_read_only_folder_cannot_index_is_explained_not_called_writable(fresh_db, tmp_path):
    if os.geteuid() == 0 and subprocess.run(["unshare", "--mount", "true"], capture_output=True).returncode:
        pytest.skip("root without the right to make a read-only mount")
    folder = tmp_path / "copy"
    folder.mkdir()
    with closing(sqlite3.connect(fresh_db)) as writer:  # a copy taken while a change is still in the log
        writer.execute("pragma wal_autocheckpoint = 0")
        writer.execute("update articles set title = 'changed'")
        writer.commit()
        for suffix in ("", "-wal"):
            shutil.copy(f"{fresh_db}{suffix}", folder / f"corpus.db{suffix}")
    db = folder / "corpus.db"
    query = _in_read_only_folder(folder, "--db", str(db), "quotes", "-n", "1")
    assert (query.returncode, query.stdout) == (4, "")
    assert query.stderr == (
        f"Error: {db}: cannot read the database (unable to open database file); its write-ahead log corpus.db-wal "
        "holds changes SQLite can only read where it may create corpus.db-shm; copy the database with its -wal file "
        "to a folder you can write\n"
    )


def test_a_database_in_a_folder_that_does_not_exist_is_named(tmp_path):
    db = tmp_path / "no" / "such" / "corpus.db"
    result = run(db, "ingest", "--workers", "0", str(SEED))
    assert (result.exit_code, result.output) == (
        4,
        f"Error: {db}: no folder {db.parent}; create it first or pass another --db\n",
    )
    assert not (tmp_path / "no").exists()


def damage(db: Path) -> None:
    """Overwrite the middle half of the file, as a failing disk or a bad copy would."""
    size = db.stat().st_size
    with db.open("r+b") as f:
        f.seek(size // 4)
        f.write(b"\xa5" * (size // 2))


def test_a_damaged_database_is_one_line_for_every_command(fresh_db):
    damage(fresh_db)
    for args in EVERY_COMMAND:
        result = run(fresh_db, *args)
        assert (result.exit_code, result.output) == (
            4,
            f"Error: {fresh_db}: the database is damaged (database disk image is malformed); restore it from a "
            "copy or pass another --db\n",
        ), args


@pytest.mark.parametrize(
    "args",
    [
        ["alias", "add", "the spokesman", "John Kirby"],
        ["merge", "Kirby", "Vitaly Churkin"],
        ["entity", "rename", "John Kirby", "John F. Kirby"],
    ],
)
def test_curation_on_a_locked_database_is_one_line(fresh_db, monkeypatch, args):
    from syria_corpus.store import schema

    monkeypatch.setattr(schema.open_db, "__kwdefaults__", {"create": True, "timeout": 0.1})
    before = digest(fresh_db)
    holder = sqlite3.connect(fresh_db, isolation_level=None)
    holder.execute("begin exclusive")
    try:
        result = run(fresh_db, *args)
    finally:
        holder.execute("rollback")
        holder.close()
    assert (result.exit_code, result.output) == (
        4,
        f"Error: {fresh_db}: database is locked by another process; try again when it has finished\n",
    )
    assert digest(fresh_db) == before


def test_an_operating_system_error_and_ctrl_c_are_one_line(seed_db, monkeypatch):
    from syria_corpus.cli import query_commands as cli  # where the query commands open the corpus

    def broken_disk(ctx):
        raise OSError(5, "Input/output error", "/data/corpus.db")

    def interrupted(ctx):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_reader", broken_disk)
    result = run(seed_db, "people")
    assert (result.exit_code, result.output) == (5, "Error: /data/corpus.db: Input/output error\n")
    monkeypatch.setattr(cli, "_reader", interrupted)
    result = run(seed_db, "quotes")
    assert (result.exit_code, result.output) == (130, "Error: interrupted; every article stored so far is complete\n")


def test_export_onto_a_read_only_file_is_one_line(fresh_db, tmp_path):
    target = tmp_path / "quotes.csv"
    target.write_text("the analyst's own file\n")
    target.chmod(0o444)
    result = run(fresh_db, "export", "quotes", "-o", str(target))
    assert (result.exit_code, result.output) == (
        5,
        f"Error: {target}: cannot write (the file is read-only); nothing was changed there\n",
    )
    assert target.read_text() == "the analyst's own file\n"


# --- input silently lost, merged or wrong --------------------------------------------------------------

ALEPPO = '"We will not leave Aleppo," Governor Hussein Diab said on Monday.'
IDLIB = '"The road to Idlib is open," rebel commander Ahmad Rahhal said.'


def quotes_of(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("select speaker, text from quotes order by speaker").fetchall()


def test_a_stray_quote_that_swallows_rows_is_a_warning_naming_the_line(tmp_path):
    table = tmp_path / "feed.csv"
    table.write_text('id,title,text\n1,Aleppo,"Shelling hit Aleppo.\n2,Idlib,Rebels took the road.\n3,Homs,Homs.\n')
    db = tmp_path / "corpus.db"
    result = run(db, "ingest", "--workers", "0", str(table))
    assert result.exit_code == 0
    assert (
        f"Warning: {table}: line 2: a quoted field runs on to line 4 (a stray quote mark?); those 3 lines were read "
        "as one row\n" in result.output
    )
    assert count(db) == 1


def test_a_table_with_paragraphs_in_its_cells_gets_no_warning(tmp_path):
    table = tmp_path / "feed.csv"
    body = f"{ALEPPO}\n\nIn 2016, the city was shelled, residents said, for weeks.\n\n15, including children, died."
    table.write_text('id,title,text\n101,Aleppo,"' + body.replace('"', '""') + '"\n102,Idlib,"' + IDLIB.replace('"', '""') + '"\n')  # fmt: skip
    summary = ingest(tmp_path / "corpus.db", [table], workers=0)
    assert (summary.count("added"), summary.warnings) == (2, [])


def test_a_json_line_nested_too_deeply_is_one_bad_row(tmp_path):
    table = tmp_path / "feed.jsonl"
    table.write_text('{"id": "a", "text": "' + ALEPPO.replace('"', '\\"') + '"}\n' + "[" * 100_000 + "\n")
    db = tmp_path / "corpus.db"
    result = run(db, "ingest", "--workers", "0", str(table))
    assert result.exit_code == 3
    assert f"Warning: {table}: line 2 is not JSON (nested too deeply to read)\n" in result.output
    assert count(db) == 1


def test_a_file_name_that_is_not_utf8_is_ingested_or_failed_in_one_line(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    good = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    bad = os.path.join(os.fsencode(folder), b"vide\xe9.txt")
    Path(os.fsdecode(good)).write_text(ALEPPO, encoding="utf-8")
    Path(os.fsdecode(bad)).write_bytes(b"")
    db = tmp_path / "corpus.db"
    result = run(db, "ingest", "--workers", "0", str(folder))
    assert result.exit_code == 3
    assert f"Warning: {folder}/vide\\xe9.txt: file is empty\n" in result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("select path from articles").fetchall() == [(f"{folder}/caf\\xe9.txt",)]
    alone = run(tmp_path / "other.db", "ingest", "--workers", "0", os.fsdecode(bad))
    assert (alone.exit_code, alone.output) == (1, f"Error: {folder}/vide\\xe9.txt: file is empty\n")


def _entities(db: Path) -> dict[str, tuple[int, int]]:
    with sqlite3.connect(db) as conn:
        return {name: (m, a) for name, m, a in conn.execute("select name, mentions, articles from entities")}


def test_an_edited_file_replaces_its_old_version(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    page = folder / "report.txt"
    page.write_text(f"{ALEPPO} Shelling hit Aleppo again.", encoding="utf-8")
    db = tmp_path / "corpus.db"
    assert run(db, "ingest", "--workers", "0", str(folder)).exit_code == 0
    assert quotes_of(db) == [("Hussein Diab", "We will not leave Aleppo,")]
    page.write_text(f"{IDLIB} Fighting went on near Idlib.", encoding="utf-8")
    result = run(db, "ingest", "--workers", "0", str(page))  # the same file, named another way
    assert result.exit_code == 0 and "Ingested into" in result.output and "1 replaced" in result.output
    assert count(db) == 1 and quotes_of(db) == [("Ahmad Rahhal", "The road to Idlib is open,")]
    entities = _entities(db)
    assert "Hussein Diab" not in entities and "Aleppo" not in entities
    assert entities["Idlib"] == (2, 1)
    again = ingest(db, [folder], workers=0)
    assert [r.status for r in again.results] == ["unchanged"]


def test_an_edited_table_row_replaces_its_old_version(tmp_path):
    table = tmp_path / "feed.csv"

    def write(second: str) -> None:
        rows = [("1", ALEPPO), ("2", second)]
        table.write_text("id,text\n" + "".join(f'{i},"{t.replace(chr(34), chr(34) * 2)}"\n' for i, t in rows))

    write(IDLIB)
    db = tmp_path / "corpus.db"
    ingest(db, [table], workers=0)
    write(IDLIB.replace("open", "closed"))
    summary = ingest(db, [table], workers=0)
    assert [(r.path, r.status) for r in summary.results] == [(f"{table}#1", "unchanged"), (f"{table}#2", "replaced")]
    assert count(db) == 2
    assert quotes_of(db) == [("Ahmad Rahhal", "The road to Idlib is closed,"), ("Hussein Diab", "We will not leave Aleppo,")]  # fmt: skip


def test_one_id_twice_in_one_table_keeps_both_rows_with_a_warning(tmp_path):
    table = tmp_path / "feed.csv"
    table.write_text('id,text\n7,"' + ALEPPO.replace('"', '""') + '"\n7,"' + IDLIB.replace('"', '""') + '"\n')
    summary = ingest(tmp_path / "corpus.db", [table], workers=0)
    assert [(r.path, r.status) for r in summary.results] == [(f"{table}#7", "added"), (f"{table}#7~2", "added")]
    assert summary.warnings == [
        f"{table}: id '7' repeated at row 2 with other text; kept as a separate document, {table}#7~2"
    ]
    assert quotes_of(tmp_path / "corpus.db") == [("Ahmad Rahhal", "The road to Idlib is open,"), ("Hussein Diab", "We will not leave Aleppo,")]  # fmt: skip
    again = ingest(tmp_path / "corpus.db", [table], workers=0)
    assert [r.status for r in again.results] == ["unchanged", "unchanged"]


def test_a_few_invalid_bytes_in_utf8_are_replaced_not_the_whole_file_redecoded(tmp_path):
    from syria_corpus.read.documents import read_document, read_documents

    page = tmp_path / "page.txt"
    page.write_bytes("Caf\u00e9 in Deir ez-Zor, \u201cwe stay\u201d, said Ahmad.".encode() + b" \xff end")
    doc = read_document(page)
    assert doc.text == "Caf\u00e9 in Deir ez-Zor, \u201cwe stay\u201d, said Ahmad. \ufffd end"
    assert (doc.encoding, doc.warnings) == ("utf-8", [f"{page}: 1 invalid UTF-8 byte replaced with U+FFFD"])
    table = tmp_path / "feed.csv"
    table.write_bytes("id,text\n1,Caf\u00e9 \u00e0 Alep\n2,Na\u00efve ".encode() + b"\x81\x82 text\n")
    notice, first, second = read_documents(table)
    assert str(notice) == f"{table}: 2 invalid UTF-8 bytes replaced with U+FFFD"
    assert (first.text, second.text) == ("Caf\u00e9 \u00e0 Alep", "Na\u00efve \ufffd\ufffd text")
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Caf\u00e9 \u00e0 Alep, na\u00efve".encode("cp1252"))
    assert read_document(legacy).warnings == [f"{legacy}: not valid UTF-8; decoded as cp1252"]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_text(tmp_path, codec):
    from syria_corpus.read.documents import read_document, read_documents

    page = tmp_path / "page.txt"
    data = ("\ufeff" if codec.endswith("be") else "") + ALEPPO
    page.write_bytes(data.encode(codec))
    doc = read_document(page)
    assert (doc.text, doc.encoding, doc.warnings) == (ALEPPO, codec[:6], [])
    table = tmp_path / "feed.tsv"
    plain = "Rebels said the road to Idlib was open."
    table.write_bytes(f"{data[:1] if codec.endswith('be') else ''}id\ttext\n1\t{plain}\n".encode(codec))
    (row,) = read_documents(table)
    assert (row.external_id, row.text, row.source) == ("1", plain, f"{table}#1")


def test_json_values_that_are_not_text_are_refused_per_row(tmp_path):
    from syria_corpus.errors import InputError
    from syria_corpus.read.documents import read_documents

    table = tmp_path / "feed.jsonl"
    rows = [
        {"id": 7, "text": ALEPPO, "date": 20130824},
        {"id": "b", "text": ["a", "list"]},
        {"id": "c", "text": ALEPPO, "title": {"a": 1}},
        {"id": True, "text": ALEPPO},
        {"id": "e", "text": 5},
        {"id": "f", "text": ALEPPO, "outlet": 12},
    ]
    table.write_text("".join(json.dumps(r) + "\n" for r in rows) + '{"id": "g", "text": "Half \\ud800 a letter"}\n')
    got = list(read_documents(table))
    kept = [(d.external_id, d.published, d.text) for d in got if not isinstance(d, InputError)]
    assert kept == [("7", "20130824", ALEPPO), ("g", None, "Half \ufffd a letter")]
    assert [str(e) for e in got if isinstance(e, InputError)] == [
        f"{table}#b: column 'text' holds a list, not text",
        f"{table}#c: column 'title' holds an object, not text",
        f"{table}#4: column 'id' holds true or false, not text",
        f"{table}#e: column 'text' holds a number, not text",
        f"{table}#f: column 'outlet' holds a number, not text",
    ]


def test_nul_bytes_are_removed_wherever_they_are(tmp_path):
    from syria_corpus.read.documents import read_document, read_documents

    early, late = tmp_path / "early.txt", tmp_path / "late.txt"
    early.write_bytes(b"Aleppo\x00 " + ALEPPO.encode() + b" " * 9000)
    late.write_bytes(ALEPPO.encode() + b" " * 9000 + b"Idlib\x00\x00")
    for path in (early, late):
        doc = read_document(path)
        assert "\x00" not in doc.text and ("Aleppo " in doc.text or "Idlib" in doc.text)
    assert read_document(early).warnings == [f"{early}: 1 NUL byte removed"]
    assert read_document(late).warnings == [f"{late}: 2 NUL bytes removed"]
    table = tmp_path / "feed.csv"
    table.write_bytes(b"id,text\n1,Alep\x00po, residents said, was shelled again on Monday night.\n")
    notice, row = read_documents(table)
    assert (str(notice), row.text[:6]) == (f"{table}: 1 NUL byte removed", "Aleppo")
    db = tmp_path / "corpus.db"
    ingest(db, [late], workers=0)
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles where instr(body, char(0))").fetchone() == (0,)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["alias", "add", "", "Bashar al-Assad"], "an alias cannot be empty"),
        (["alias", "add", "  ", "Bashar al-Assad"], "an alias cannot be empty"),
        (["entity", "rename", "Vitaly Churkin", ""], "a new name cannot be empty"),
        (["merge", "", "Vitaly Churkin"], "a name cannot be empty"),
    ],
)
def test_an_empty_alias_or_name_is_refused(fresh_db, args, message):
    before = digest(fresh_db)
    result = run(fresh_db, *args)
    assert (result.exit_code, result.output) == (1, f"Error: {message}\n")
    assert digest(fresh_db) == before


# --- unclear outcomes ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["binary", "all bad"])
def test_bad_input_leaves_no_new_database_behind(tmp_path, kind):
    if kind == "binary":
        target = tmp_path / "blob.txt"
        target.write_bytes(bytes(range(256)) * 20)
        expected = f"Error: {target}: not a text document (binary data)\n"
    else:
        target = tmp_path / "docs"
        target.mkdir()
        (target / "a.txt").write_bytes(b"")
        (target / "b.csv").write_text("id,text\n1,\n")
        expected = f"Error: no document could be ingested: {target / 'a.txt'}: file is empty\n"
    db = tmp_path / "new.db"
    result = run(db, "ingest", "--workers", "0", str(target))
    assert (result.exit_code, result.output.splitlines()[-1] + "\n") == (1, expected)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("new.db")) == []


def test_a_directly_named_file_that_fails_is_not_success(tmp_path):
    good, empty = tmp_path / "good.txt", tmp_path / "empty.txt"
    good.write_text(ALEPPO, encoding="utf-8")
    empty.write_bytes(b"")
    db = tmp_path / "corpus.db"
    both = run(db, "ingest", "--workers", "0", str(good), str(empty))
    assert both.exit_code == 3 and f"Warning: {empty}: file is empty\n" in both.output
    assert both.output.endswith("Error: 1 of 2 documents could not be ingested (warnings above); the rest are stored\n")
    alone = run(db, "ingest", "--workers", "0", str(empty))
    assert (alone.exit_code, alone.output) == (1, f"Error: {empty}: file is empty\n")
    assert count(db) == 1


def test_safe_formulas_defuses_spreadsheet_formulas_in_csv_and_tsv(tmp_path):
    table = tmp_path / "feed.csv"
    text = ALEPPO.replace('"', '""')
    table.write_text(f'id,title,outlet,text\n-7,"=HYPERLINK(""http://x.example"")",@sana,"{text}"\n')
    db = tmp_path / "corpus.db"
    assert run(db, "ingest", "--workers", "0", str(table)).exit_code == 0

    def cells(*args: str) -> list[str]:
        result = run(db, *args)
        assert result.exit_code == 0, result.output
        row = next(csv.DictReader(io.StringIO(result.output), delimiter="\t" if "--tsv" in args else ","))
        return [row["external_id"], row["title"], row["outlet"]]

    plain = ["-7", '=HYPERLINK("http://x.example")', "@sana"]
    safe = ["'-7", '\'=HYPERLINK("http://x.example")', "'@sana"]
    assert cells("export", "articles") == plain
    assert cells("export", "articles", "--safe-formulas") == safe
    assert cells("export", "articles", "--tsv", "--safe-formulas") == safe
    (quote,) = csv.DictReader(io.StringIO(run(db, "quotes", "--csv", "--safe-formulas").output))
    assert (quote["external_id"], quote["outlet"], quote["text"]) == ("'-7", "'@sana", "We will not leave Aleppo,")
    wrong = run(db, "quotes", "--json", "--safe-formulas")
    assert (wrong.exit_code, wrong.output) == (1, "Error: --safe-formulas is for --csv and --tsv output\n")


@pytest.mark.slow
def test_a_text_of_1_2_million_characters_is_stored_beside_the_rest(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    para = '"We will not leave Aleppo," Governor Hussein Diab said on Monday.'
    paragraphs = 1_200_000 // (len(para) + 2) + 1
    (folder / "long.txt").write_text("\n\n".join([para] * paragraphs), encoding="utf-8")
    (folder / "short.txt").write_text(IDLIB, encoding="utf-8")
    db = tmp_path / "corpus.db"
    summary = ingest(db, [folder], workers=1)
    assert (summary.count("added"), summary.count("failed"), summary.warnings) == (2, 0, [])
    with sqlite3.connect(db) as conn:
        (length,) = conn.execute("select length(body) from articles where path like '%long.txt'").fetchone()
        direct = conn.execute("select count(*) from quotes where kind = 'direct' and speaker = 'Hussein Diab'")
        assert (length, direct.fetchone()[0]) == (paragraphs * (len(para) + 2) - 2, paragraphs)


def test_a_stopped_worker_is_killed_after_the_timeout_and_its_documents_retried(tmp_path, monkeypatch):
    """SIGSTOP (or a page that never finishes): no progress for --worker-timeout seconds, then the worker is
    killed, its documents go again each alone, and only the one that stalls again fails."""
    monkeypatch.setattr(
        workers, "analyse_pages", _signal_on("STALL", signal.SIGSTOP, workers.analyse_pages)
    )  # inherited by the fork
    folder = folder_of(tmp_path, 20)
    (folder / "007.txt").write_text("STALL. Activists said the town was shelled.", encoding="utf-8")
    db = tmp_path / "corpus.db"
    result = run(db, "ingest", "--workers", "1", "--worker-timeout", "3", str(folder))
    assert result.exit_code == 3, result.output
    assert (
        "Warning: an NLP worker was killed after no progress in 3 s; its 16 documents are tried again" in result.output
    )
    assert f"Warning: {folder / '007.txt'}: the NLP worker was killed after no progress in 3 s while analysing it" in (
        result.output
    )
    assert "19 added, 1 failed" in result.output and count(db) == 19


def test_numbers_of_workers_out_of_range_are_refused_in_one_line(tmp_path):
    folder = folder_of(tmp_path, 2)
    for args, message in (
        (["--workers", "100000000000000000000"], "Error: Invalid value for '--workers' / '-w'"),
        (["--dask", "local:0"], "Error: --dask local:0: a local cluster has 1 to 256 workers (local:N)"),
        (["--dask", "local:99999999999999999999"], "Error: --dask local:99999999999999999999: a local cluster has 1"),
    ):
        result = run(tmp_path / "corpus.db", "ingest", *args, str(folder))
        assert result.exit_code == 1 and result.output.startswith(message), (args, result.output)
        assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "corpus.db").exists()
