"""The NLP step, run in worker processes the parent watches, or in this process.

A worker that dies (the out-of-memory killer, a crash in native code) is noticed within a second, and one
that finishes nothing for `stall` seconds (stopped, stuck in a pathological page) is killed: each document
it held is tried once more, alone, in a fresh worker, then reported as failed with the reason.
Ctrl-C stops every worker at once; a worker whose parent dies, however it dies, exits. A document whose
analysis raises fails alone; its batch goes on.
"""

from __future__ import annotations

import contextlib
import signal
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from ..errors import STOP_SIGNALS, ModelError
from ..limits import STALLED_WORKER_SECONDS
from ..records import Analysis, Page

CHUNK = 16  # pages per task sent to a worker process
_POLL = 1.0  # seconds between checks that every worker is alive
_STOP_GRACE = 2.0  # seconds a worker gets to exit before it is killed


@dataclass(frozen=True)
class Failure:
    """Why one document could not be analysed."""

    reason: str


Outcome = Analysis | Failure


def analyse_pages(nlp, pages: list[Page]) -> list[Outcome]:
    """Analyse pages in one spaCy batch; if the batch raises, each page alone, so a bad page fails by itself."""
    from ..nlp.analyse import analyse_many

    try:
        return list(analyse_many(nlp, pages))
    except Exception:
        return [_analyse_one(nlp, p) for p in pages]


def _analyse_one(nlp, page: Page) -> Outcome:
    from ..nlp.analyse import analyse

    try:
        return analyse(nlp, page)
    except Exception as e:  # any library error inside one document fails that document only
        return Failure(f"analysis failed ({type(e).__name__}: {e})")


@dataclass
class _Task:
    pages: list[Page]
    slots: list[tuple[int, int]]  # (ticket, position in that ticket) of each page
    retry: bool = False  # already tried once in a worker that died


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    task: _Task | None = None
    since: float = 0.0  # when it was given its task


class WorkerPool:
    """`submit` pages, get a ticket; `result(ticket)` gives one Outcome per page, in order."""

    def __init__(
        self, model: str | None, workers: int, warn: Callable[[str], None], stall: float = STALLED_WORKER_SECONDS
    ):
        self.model, self.size, self.warn, self.stall = model, max(1, workers), warn, stall
        self.description: tuple[str, str] | None = None  # (model name, version) as the workers loaded it
        self._workers: list[_Worker] = []
        self._queue: deque[_Task] = deque()
        self._results: dict[int, list[Outcome | None]] = {}
        self._tickets = 0
        self._context = get_context("fork")

    def submit(self, pages: list[Page]) -> int:
        ticket = self._tickets
        self._tickets += 1
        self._results[ticket] = [None] * len(pages)
        for i in range(0, len(pages), CHUNK):
            self._queue.append(_Task(pages[i : i + CHUNK], [(ticket, j) for j in range(i, min(i + CHUNK, len(pages)))]))
        self._dispatch()
        return ticket

    def result(self, ticket: int) -> list[Outcome]:
        slots = self._results[ticket]
        while any(s is None for s in slots):
            if not self._queue and all(w.task is None for w in self._workers):
                raise RuntimeError("the worker pool lost track of a task")  # a bug, never a silent hang
            self._pump()
        del self._results[ticket]
        return slots  # type: ignore[return-value]

    def close(self, finished: bool = True) -> None:
        """Let idle workers exit after a complete run; stop them at once after an error or Ctrl-C."""
        for w in self._workers:
            try:
                if finished:
                    w.conn.send(None)
                else:
                    w.process.terminate()
            except (OSError, ValueError):
                pass
        for w in self._workers:
            w.process.join(_STOP_GRACE)
            if w.process.is_alive():
                w.process.kill()
                w.process.join()
            w.conn.close()
        self._workers.clear()

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        # the forked worker closes its copies of the parent's ends (its own and the other workers'), so that
        # it reads an end of file, and exits, when the parent dies however it dies
        others = [parent, *(w.conn for w in self._workers)]
        process = self._context.Process(target=_serve, args=(child, self.model, others), daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self._workers.append(worker)
        return worker

    def _dispatch(self) -> None:
        while self._queue:
            idle = next((w for w in self._workers if w.task is None), None)
            if idle is None:
                if len(self._workers) >= self.size:
                    return
                idle = self._start()
            idle.task, idle.since = self._queue.popleft(), time.monotonic()
            try:
                idle.conn.send(idle.task.pages)
            except OSError:  # it died while idle: the task goes to another worker, untried
                self._queue.appendleft(idle.task)
                self._remove(idle)

    def _pump(self) -> None:
        busy = {w.conn: w for w in self._workers if w.task is not None}
        sentinels = {w.process.sentinel: w for w in busy.values()}
        for ready in wait([*busy, *sentinels], timeout=_POLL):
            worker = busy.get(ready) or sentinels[ready]
            if worker.task is None or worker not in self._workers:
                continue
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):
                self._lost(worker)
                continue
            self._receive(worker, message)
        now = time.monotonic()
        for worker in [w for w in self._workers if w.task is not None and now - w.since > self.stall]:
            worker.process.kill()
            self._lost(worker, f"no progress in {self.stall:g} s")
        self._dispatch()

    def _receive(self, worker: _Worker, message: tuple) -> None:
        kind, payload = message
        if kind == "error":
            raise ModelError(payload)
        if kind == "ready":
            self.description = self.description or payload
            return
        task, worker.task = worker.task, None
        for (ticket, position), outcome in zip(task.slots, payload, strict=True):
            self._results[ticket][position] = outcome

    def _lost(self, worker: _Worker, stalled: str | None = None) -> None:
        """A worker died or stalled holding a task: its pages are tried once more, each alone, then failed."""
        code = self._remove(worker)
        task, worker.task = worker.task, None
        what = f"was killed after {stalled}" if stalled else f"died ({_describe_exit(code)})"
        reason = f"the NLP worker {what} while analysing it, twice"
        if not task.retry:
            self.warn(f"an NLP worker {what}; its {len(task.pages)} documents are tried again, each alone")
        for page, slot in zip(task.pages, task.slots, strict=True):
            if task.retry:
                self._results[slot[0]][slot[1]] = Failure(reason)
            else:
                self._queue.append(_Task([page], [slot], retry=True))

    def _remove(self, worker: _Worker) -> int | None:
        worker.process.join(_STOP_GRACE)
        worker.conn.close()
        self._workers.remove(worker)
        return worker.process.exitcode


def _describe_exit(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


def _serve(conn: Connection, model: str | None, parents_ends: list[Connection]) -> None:
    """A worker: load the model once, then analyse page lists until told to stop or the parent is gone.
    Ctrl-C is the parent's; a signal to stop ends the worker at once, whatever the parent made of it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for stop in STOP_SIGNALS:
        signal.signal(stop, signal.SIG_DFL)
    for end in parents_ends:
        end.close()
    with contextlib.suppress(EOFError, BrokenPipeError):  # the parent died: nobody waits for what it sends
        _work(conn, model)


def _work(conn: Connection, model: str | None) -> None:
    from ..nlp.pipeline import load_pipeline, model_description

    try:
        nlp = load_pipeline(model)
    except Exception as e:
        error = e if isinstance(e, ModelError) else ModelError(f"the NLP worker could not start: {e}")
        conn.send(("error", str(error)))
        return
    from .. import gazetteer

    gazetteer.lookup("Damascus")  # build the index once per worker
    conn.send(("ready", model_description(nlp)))
    while (pages := conn.recv()) is not None:
        conn.send(("done", analyse_pages(nlp, pages)))


class InlinePool:
    """The same interface, analysing in this process: for notebooks, library users and tests."""

    size = 1

    def __init__(self, model: str | None):
        self.model = model
        self.description: tuple[str, str] | None = None
        self._results: dict[int, list[Outcome]] = {}
        self._tickets = 0

    def submit(self, pages: list[Page]) -> int:
        from ..nlp.pipeline import load_pipeline, model_description

        nlp = load_pipeline(self.model)
        self.description = model_description(nlp)
        self._tickets += 1
        self._results[self._tickets] = analyse_pages(nlp, pages)
        return self._tickets

    def result(self, ticket: int) -> list[Outcome]:
        return self._results.pop(ticket)

    def close(self, finished: bool = True) -> None:
        pass
