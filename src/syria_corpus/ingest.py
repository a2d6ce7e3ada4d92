"""Ingest: read -> segment -> analyse -> store. Documents stream through in batches: unchanged ones
(same sha256) are skipped before any NLP, the NLP step runs in this process or in N worker processes,
and one writer stores each article in its own transaction."""

from __future__ import annotations

import signal
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import ClassVar

from . import __version__
from .dates import parse_date
from .errors import InputError, ModelError
from .linking import Linker
from .pipeline import load_pipeline, model_description
from .read import TABLE_SUFFIXES, iter_paths, read_documents
from .records import Analysis, Document, Page
from .segment import segment
from .store import Provenance, explain_error, has_article, open_db, write_article
from .tables import Columns

BATCH = 64
CHUNK = 16  # pages per task sent to a worker process


@dataclass
class DocumentResult:
    path: str
    status: str  # added | replaced | unchanged | failed
    article_id: str | None = None
    quotes: int = 0
    people: int = 0
    places: int = 0
    orgs: int = 0
    message: str | None = None


@dataclass
class IngestSummary:
    """Counts by status, the first results for a short report, and the warnings. Every result also goes
    to `on_document`, so that a long run holds no state per document."""

    counts: Counter[str] = field(default_factory=Counter)
    results: list[DocumentResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    KEPT: ClassVar[int] = 50

    def add(self, result: DocumentResult) -> None:
        self.counts[result.status] += 1
        if len(self.results) < self.KEPT:
            self.results.append(result)

    def count(self, status: str) -> int:
        return self.counts[status]

    @property
    def total(self) -> int:
        return self.counts.total()


def prepare(doc: Document) -> Page:
    """Segment a document; what the source states (title, outlet, date) wins over guesses."""
    page = segment(doc.text, outlet=doc.outlet, title=doc.title)
    if doc.published and (stated := parse_date(doc.published)) is not None:
        page.published = stated.iso
    if not page.body.strip():
        raise InputError(f"{doc.path}: no article text found")
    return page


def ingest(
    db_path: str | Path,
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    force: bool = False,
    columns: Columns | None = None,
    glob: str | None = None,
    workers: int = 1,
    on_start: Callable[[int | None], None] | None = None,
    on_document: Callable[[DocumentResult], None] | None = None,
) -> IngestSummary:
    """Ingest files and folders into the database at `db_path`.

    Every path is checked before anything is written. A file named directly that cannot be read is an
    error; a bad file found inside a folder, or a bad row of a table, is skipped with a warning.
    """
    paths = list(paths)
    direct = {str(Path(p)) for p in paths if not Path(p).is_dir()}
    files = list(iter_paths(paths, glob))
    db = open_db(db_path)
    linker: Linker | None = None  # its index of stored names loads only if something is written
    summary = IngestSummary()
    analyser = _Analyser(model, workers)

    inflight: set[str] = set()  # read but not yet written: a second copy of one of these is unchanged

    def record(result: DocumentResult) -> None:
        summary.add(result)
        if on_document:
            on_document(result)

    def to_analyse() -> Iterator[tuple[Document, Page, bool]]:
        for path in files:
            try:
                for item in read_documents(path, columns):
                    if isinstance(item, InputError):
                        summary.warnings.append(str(item))
                        record(DocumentResult(str(path), "failed", message=str(item)))
                        continue
                    summary.warnings.extend(item.warnings)
                    existed = has_article(db, item.sha256)
                    if item.sha256 in inflight or (existed and not force):
                        record(DocumentResult(item.path, "unchanged", article_id=item.sha256[:16]))
                        continue
                    try:
                        page = prepare(item)
                        inflight.add(item.sha256)
                        yield item, page, existed
                    except InputError as e:
                        summary.warnings.append(str(e))
                        record(DocumentResult(item.path, "failed", message=str(e)))
            except InputError as e:
                if str(path) in direct and len(files) == 1:
                    raise
                summary.warnings.append(str(e))
                record(DocumentResult(str(path), "failed", message=str(e)))

    if on_start:
        tables = any(Path(f).suffix.lower() in TABLE_SUFFIXES for f in files)
        on_start(None if tables else len(files))

    def write(batch: list[tuple[Document, Page, bool]], analyses: list[Analysis]) -> None:
        nonlocal linker
        linker = linker or Linker(db)
        for (doc, page, existed), analysis in zip(batch, analyses, strict=True):
            aid = write_article(db, doc, page, analysis, analyser.provenance, doc.path, linker)
            inflight.discard(doc.sha256)
            kinds = [e.type for e in analysis.entities]
            record(
                DocumentResult(
                    doc.path,
                    "replaced" if existed else "added",
                    article_id=aid,
                    quotes=len(analysis.quotes),
                    people=kinds.count("person"),
                    places=kinds.count("place"),
                    orgs=kinds.count("org"),
                )
            )

    finished = False
    try:
        stream = to_analyse()
        pending = None
        while True:
            # one batch is analysed (in the workers) while the one before it is written
            batch = list(islice(stream, BATCH * analyser.workers))
            handle = analyser.submit([p for _, p, _ in batch]) if batch else None
            if pending is not None:
                write(pending[0], analyser.result(pending[1]))
            if not batch:
                break
            pending = (batch, handle)
        finished = True
    except sqlite3.Error as e:
        raise explain_error(str(db_path), e) from None
    finally:
        analyser.close(finished)
        db.close()
    if summary.total == summary.count("failed"):
        raise InputError(
            f"no document could be ingested: {summary.warnings[0] if summary.warnings else 'nothing found'}"
        )
    return summary


class _Analyser:
    """The NLP step, in `workers` processes started only when a document needs analysis. Even one worker
    runs apart from this process, so that reading, segmenting and writing overlap with spaCy."""

    def __init__(self, model: str | None, workers: int):
        self.model, self.workers = model, max(1, workers)
        self.pool: Pool | None = None
        self.provenance: Provenance | None = None

    def submit(self, pages: list[Page]) -> list[AsyncResult]:
        if self.pool is None:
            self.pool = Pool(self.workers, initializer=_worker_init, initargs=(self.model,))
        return [self.pool.apply_async(_worker_analyse, (pages[i : i + CHUNK],)) for i in range(0, len(pages), CHUNK)]

    def result(self, handle: list[AsyncResult]) -> list[Analysis]:
        out: list[Analysis] = []
        for task in handle:
            model, version, analyses = task.get()
            if self.provenance is None:
                self._provenance(model, version)
            out += analyses
        return out

    def _provenance(self, model: str, version: str) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        self.provenance = Provenance(now, __version__, model, version)

    def close(self, finished: bool) -> None:
        """Let the workers exit after a complete run; stop them at once after an error or Ctrl-C."""
        if self.pool is None:
            return
        if finished:
            self.pool.close()
        else:
            self.pool.terminate()
        self.pool.join()


_WORKER_NLP = None
_WORKER_ERROR: ModelError | None = None


def _worker_init(model: str | None) -> None:
    """Load the model once per worker. Ctrl-C is the parent's to handle. A model that cannot load is
    reported with the first task, as the one-line error it would be in this process."""
    global _WORKER_NLP, _WORKER_ERROR
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _WORKER_NLP = load_pipeline(model)
    except Exception as e:  # a Pool whose initializer raises restarts the worker forever
        _WORKER_ERROR = e if isinstance(e, ModelError) else ModelError(f"the NLP worker could not start: {e}")
        return
    from . import gazetteer

    gazetteer.lookup("Damascus")  # build the index once per worker


def _worker_analyse(pages: list[Page]) -> tuple[str, str, list[Analysis]]:
    if _WORKER_ERROR is not None:
        raise _WORKER_ERROR
    from .analyse import analyse_many

    return (*model_description(_WORKER_NLP), analyse_many(_WORKER_NLP, pages))
