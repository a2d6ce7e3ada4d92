"""Ingest throughput against spaCy itself, on the FA-KES corpus, measured in one run.

For each worker count: raw `nlp.pipe` (the same pipeline, model and components, `n_process` = workers,
over the same texts: title and content of each row) against the full `syria-corpus ingest` of the CSV,
run alternately, each as a whole process. `ingest --workers 1` runs spaCy in one worker process while the
main process reads, segments and writes, so its CPU time (which counts every process) is printed beside
the wall time. Then a re-ingest of the unchanged CSV, and optionally the
corpus replicated N times with new ids. Wall time is per process; memory is the peak of the summed
resident memory of the process tree (sampled every 0.1 s) and the largest single process.

With --dask: a Dask scheduler and two `dask worker` processes (one thread each) started as separate
processes on localhost, as on a real cluster, and `ingest --dask tcp://…` against `ingest --workers 2` on
the same rows, alternately, a fresh database each; the first --dask run meets workers that have not loaded
the pipeline yet. Memory is the client's (the `ingest` process), the workers are not its children.

Usage: .venv/bin/python bench/ingest.py [--limit ROWS] [--rounds R] [--workers 1 2] [--scale N] [--dask]
Bar (issue 16): --dask >= 0.85 of the --workers 2 throughput, the client's peak memory <= 300 MB.
"""

from __future__ import annotations

import argparse
import csv
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "fakes_articles.csv"
CLI = [sys.executable, "-m", "syria_corpus"]
RAW = """
import csv, sys
from syria_corpus.nlp.pipeline import load_pipeline
csv.field_size_limit(2**31 - 1)
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
nlp = load_pipeline()
texts = (r["article_title"] + "\\n\\n" + r["article_content"] for r in rows)
for _ in nlp.pipe(texts, batch_size=64, n_process=int(sys.argv[2])):
    pass
"""


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) * 1024
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def run(cmd: list[str]) -> tuple[float, int, int, float]:
    """(wall seconds, peak summed RSS of the tree, largest single process's peak RSS, CPU seconds of the
    process and the children it waited for)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if status != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode()[-500:]}")
    return wall, peak, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime


def write_csv(rows: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def ingest_cmd(db: Path, data: Path, workers: int) -> list[str]:
    return [*CLI, "--db", str(db), "ingest", "--quiet", "--workers", str(workers), str(data)]


def dask_cluster(workers: int = 2) -> tuple[str, list[subprocess.Popen]]:
    """A scheduler and `workers` worker processes, each its own process, as `dask scheduler` and
    `dask worker` start them on a cluster's machines; the scheduler's address once all have joined."""
    from distributed import Client

    dask = str(Path(sys.executable).with_name("dask"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    procs = [
        subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"], **quiet)
    ]
    procs += [
        subprocess.Popen([dask, "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard"], **quiet)
        for _ in range(workers)
    ]
    with Client(address, timeout="60s") as client:
        client.wait_for_workers(workers, timeout=120)
    return address, procs


def mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="only the first ROWS rows of the corpus")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--scale", type=int, default=0, help="also ingest the rows replicated N times (new ids)")
    parser.add_argument("--dask", action="store_true", help="only --dask on a local cluster against --workers 2")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"needs {CORPUS}", file=sys.stderr)
        return 2
    csv.field_size_limit(2**31 - 1)
    with CORPUS.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))[: args.limit]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        data = tmp / "corpus.csv"
        write_csv(rows, data)
        print(f"{len(rows)} rows of {CORPUS.name}; {os.cpu_count()} cores; {args.rounds} round(s), medians")
        if args.dask:
            return compare_dask(rows, data, tmp, args.rounds)
        first: dict[int, float] = {}
        for w in args.workers:
            raw_t, raw_cpu, ours_t, ours_cpu, ours_mem, ours_max = [], [], [], [], [], []
            for r in range(args.rounds):
                wall, _, _, cpu = run([sys.executable, "-c", RAW, str(data), str(w)])
                raw_t.append(wall)
                raw_cpu.append(cpu)
                wall, peak, largest, cpu = run(ingest_cmd(tmp / f"w{w}r{r}.db", data, w))
                ours_t.append(wall)
                ours_cpu.append(cpu)
                ours_mem.append(peak)
                ours_max.append(largest)
            raw, ours = statistics.median(raw_t), statistics.median(ours_t)
            first[w] = ours
            print(
                f"workers={w}: raw nlp.pipe {raw:6.1f} s ({len(rows) / raw:5.1f} docs/s) | full ingest {ours:6.1f} s "
                f"({len(rows) / ours:5.1f} docs/s) | ingest/raw throughput {raw / ours:.2f} | "
                f"peak memory {mb(max(ours_mem))} in all, largest process {mb(max(ours_max))} | "
                f"CPU time raw {statistics.median(raw_cpu):.1f} s, ingest {statistics.median(ours_cpu):.1f} s"
            )
        if 1 in first and 2 in first:
            print(f"2 workers against 1: {first[1] / first[2]:.2f}x faster")
        w = args.workers[0]
        again, _, _, _ = run(ingest_cmd(tmp / f"w{w}r0.db", data, w))
        print(f"re-ingest of the unchanged corpus: {again:.2f} s, {first[w] / again:.0f}x faster than the first ingest")
        if args.scale:
            big = [{**row, "unit_id": f"{row['unit_id']}-{n}"} for n in range(args.scale) for row in rows]
            write_csv(big, tmp / "scaled.csv")
            wall, peak, largest, _ = run(ingest_cmd(tmp / "scaled.db", tmp / "scaled.csv", w))
            print(
                f"x{args.scale} ({len(big)} rows, workers={w}): {wall:.1f} s = {wall / first[w]:.2f}x the time of x1; "
                f"peak memory {mb(peak)} in all, largest process {mb(largest)}"
            )
    return 0


def compare_dask(rows: list[dict], data: Path, tmp: Path, rounds: int) -> int:
    address, procs = dask_cluster(2)
    try:
        local_t, dask_t, dask_mem = [], [], []
        for r in range(rounds + 1):  # the first --dask run, on cold workers, is printed apart
            wall, peak, _, _ = run(
                [*CLI, "--db", str(tmp / f"d{r}.db"), "ingest", "--quiet", "--dask", address, str(data)]
            )
            dask_t.append(wall)
            dask_mem.append(peak)
            if r:
                local_t.append(run(ingest_cmd(tmp / f"l{r}.db", data, 2))[0])
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait()
    local, on_dask, cold = statistics.median(local_t), statistics.median(dask_t[1:]), dask_t[0]
    ratio = local / on_dask
    print(
        f"--workers 2: {local:6.1f} s ({len(rows) / local:5.1f} docs/s)\n"
        f"--dask (scheduler + 2 dask workers, separate processes): {on_dask:6.1f} s ({len(rows) / on_dask:5.1f} docs/s); "
        f"first run, workers still loading the pipeline: {cold:.1f} s\n"
        f"--dask / --workers 2 throughput: {ratio:.2f} (bar 0.85) | client peak memory {mb(max(dask_mem))} (bar 300 MB)"
    )
    return 0 if ratio >= 0.85 and max(dask_mem) <= 300 * 2**20 else 1


if __name__ == "__main__":
    sys.exit(main())
