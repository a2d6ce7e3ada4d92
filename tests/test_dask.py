"""Ingest with the NLP step on a Dask cluster: the same rows as local workers, a worker killed mid-run
costs nothing, and without `--dask` Dask is never imported."""

from __future__ import annotations

import os
import signal
import sqlite3
import threading
import time
from pathlib import Path

import distributed
import pytest
from typer.testing import CliRunner

from conftest import SEED, dated_csv, docs_folder, run_python
from syria_corpus.cli import app
from syria_corpus.ingest import ingest
from syria_corpus.scale.workers import Failure

PLACES = ["Douma", "Harasta", "Daraya", "Idlib", "Saraqeb", "Maarat al-Numan", "Azaz", "Manbij", "Jarablus",
          "Tabqa", "Raqqa", "Deir ez-Zor", "Palmyra", "Homs", "Hama", "Latakia", "Jisr al-Shughur", "Daraa"]  # fmt: skip
SPEAKERS = ["the Syrian Observatory for Human Rights", "the White Helmets", "SANA", "a local activist"]
VOLATILE = {"articles": ["ingested_at"], "_sqlite_migrations": ["applied_at"]}


def _documents(tmp_path: Path) -> list[Path]:
    """The seed, four dated table rows and 36 short reports: enough for several chunks on two workers."""
    texts = {
        f"report_{i:02}.txt": f"Shelling kills {i + 2} in {place}\n\n"
        f'"We counted {i + 2} dead in {place} after the shelling," {speaker} said on Monday. '
        f"Rebels and government forces traded fire near {PLACES[(i + 5) % len(PLACES)]} for a {i % 3 + 2}nd day."
        for i, (place, speaker) in enumerate((p, s) for p in PLACES for s in SPEAKERS[:2])
    }
    folder = tmp_path / "csv"
    folder.mkdir()
    return [SEED, dated_csv(folder), docs_folder(tmp_path, texts)]


def _tables(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without the columns that record when they were written."""
    conn = sqlite3.connect(db)
    names = [
        n for (n,) in conn.execute("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
    ]
    out = {}
    for name in names:
        columns = [c[1] for c in conn.execute(f"pragma table_info([{name}])") if c[1] not in VOLATILE.get(name, [])]
        out[name] = sorted(conn.execute(f"select {', '.join(f'[{c}]' for c in columns)} from [{name}]"), key=repr)
    conn.close()
    return out


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def test_ingest_on_a_cluster_stores_exactly_what_local_workers_store(tmp_path, cluster):
    docs = _documents(tmp_path)
    on_cluster = ingest(tmp_path / "dask.db", docs, dask=cluster.scheduler_address)
    local = ingest(tmp_path / "local.db", docs, workers=2)
    assert on_cluster.counts == local.counts == {"added": 41}
    dask_rows, local_rows = _tables(tmp_path / "dask.db"), _tables(tmp_path / "local.db")
    assert dask_rows.keys() == local_rows.keys()
    for table in local_rows:
        assert dask_rows[table] == local_rows[table], table
    assert len(local_rows["quotes"]) > 40 and len(local_rows["events"]) > 30


def test_workers_that_read_shared_files_store_the_same(tmp_path, cluster):
    docs = _documents(tmp_path)
    summary = ingest(tmp_path / "read.db", docs, dask=cluster.scheduler_address, dask_read=True)
    assert summary.counts == {"added": 41}
    ingest(tmp_path / "local.db", docs, workers=2)
    assert _tables(tmp_path / "read.db") == _tables(tmp_path / "local.db")
    again = ingest(tmp_path / "read.db", docs, dask=cluster.scheduler_address, dask_read=True)
    assert again.counts == {"unchanged": 41}  # checked by this process; nothing sent


def test_a_shared_file_changed_after_its_check_is_refused(nlp, tmp_path):
    from syria_corpus.records import SharedFile
    from syria_corpus.scale.dask_pool import analyse_on_worker

    _, outcomes = analyse_on_worker(None, [SharedFile(str(SEED), "0" * 64)])
    assert outcomes == [Failure("the file changed between the client's check and the worker's read; ingest it again")]
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "c.db"), "ingest", str(SEED), "--dask-read"])
    assert (result.exit_code, result.output) == (
        1,
        "Error: --dask-read needs --dask: the workers that read the files are a Dask cluster's\n",
    )


def test_a_worker_killed_mid_run_loses_nothing(tmp_path, cluster):
    client = distributed.Client(cluster)
    pids = client.run(os.getpid)
    killed: list[int] = []
    done = threading.Event()

    def kill_a_busy_worker() -> None:
        """The first worker seen analysing a chunk is killed while it does."""
        while not done.is_set():
            busy = [w for w, tasks in client.processing().items() if tasks]
            if busy:
                killed.append(len(client.processing()[busy[0]]))
                os.kill(pids[busy[0]], signal.SIGKILL)
                return
            time.sleep(0.02)

    docs = _documents(tmp_path)
    watcher = threading.Thread(target=kill_a_busy_worker)
    watcher.start()
    try:
        summary = ingest(tmp_path / "corpus.db", docs, dask=cluster.scheduler_address)
    finally:
        done.set()
        watcher.join()
        client.close()
    assert killed and killed[0] >= 1  # it held a task when it died
    assert summary.counts == {"added": 41} and summary.warnings == []
    ingest(tmp_path / "local.db", docs, workers=2)
    assert _tables(tmp_path / "corpus.db") == _tables(tmp_path / "local.db")  # every document once, whole


def test_a_scheduler_address_that_cannot_be_used_is_one_line(tmp_path):
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "c.db"), "ingest", str(SEED), "--dask", "nowhere"])
    assert result.exit_code == 1
    assert (
        result.output == "Error: cannot reach the Dask scheduler at nowhere: missing port number in address 'nowhere'\n"
    )
    assert not (tmp_path / "c.db").exists()


def test_without_dask_ingest_never_imports_it(tmp_path):
    script = (
        "import sys\nfrom syria_corpus.ingest import ingest\n"
        f"ingest({str(tmp_path / 'c.db')!r}, [{str(SEED)!r}], workers=0)\n"
        "print(sorted(m for m in ('dask', 'distributed') if m in sys.modules))"
    )
    assert run_python(script) == "[]\n"
