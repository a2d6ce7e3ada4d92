"""Ingest: read -> segment -> analyse -> store. Documents stream through in batches: unchanged ones
(same sha256) are skipped before any NLP, the NLP step runs in this process or in N worker processes,
and one writer stores each article in its own transaction."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import ClassVar

from . import __version__
from .display import shown
from .errors import InputError
from .limits import STALLED_WORKER_SECONDS
from .read.documents import ARCHIVE_SUFFIXES, TABLE_SUFFIXES, file_identity, iter_paths, read_documents, suffix_of
from .read.segment import segment_document
from .read.tables import Columns
from .records import Analysis, Document, Notice, Page, Read, SharedFile, Unlisted
from .scale.workers import Failure, InlinePool, WorkerPool
from .store.clusters import clusters_stale, refresh_clusters
from .store.connect import explain_error
from .store.curation import apply_waiting
from .store.linking import Linker
from .store.schema import open_db
from .store.summaries import refresh_summaries
from .store.write import Provenance, has_article, superseded, write_article

BATCH = 64
MANY = TABLE_SUFFIXES | ARCHIVE_SUFFIXES  # files of many documents: read here, never by a Dask worker


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
    kinds: Counter[str] = field(default_factory=Counter)  # documents by the kind of file: `.pdf`, `.warc.gz`
    results: list[DocumentResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    KEPT: ClassVar[int] = 50

    def add(self, result: DocumentResult) -> None:
        self.counts[result.status] += 1
        if kind := suffix_of(result.path.split("#", 1)[0]):  # a table's row or an archive's page: its file's
            self.kinds[kind] += 1
        if len(self.results) < self.KEPT:
            self.results.append(result)

    def count(self, status: str) -> int:
        return self.counts[status]

    @property
    def total(self) -> int:
        return self.counts.total()


def ingest(
    db_path: str | Path,
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    force: bool = False,
    columns: Columns | None = None,
    glob: str | None = None,
    workers: int = 1,
    worker_timeout: float = STALLED_WORKER_SECONDS,
    dask: str | None = None,
    dask_read: bool = False,
    on_start: Callable[[int | None], None] | None = None,
    on_document: Callable[[DocumentResult], None] | None = None,
) -> IngestSummary:
    """Ingest files and folders into the database at `db_path`.

    Every path is checked before anything is written. A file named directly that cannot be read is an
    error; a bad file found inside a folder, or a bad row of a table, is skipped with a warning.
    `workers=0` runs the NLP step in this process (notebooks, tests); N > 0 in N watched processes, where
    one that finishes nothing in `worker_timeout` seconds is killed and its documents retried;
    `dask` (a scheduler's address, or `local:N` for a cluster of N processes here) on a Dask cluster, where
    with `dask_read` the workers read files (not tables or web archives) themselves from storage they share with this
    process, which only checks each file's sha256 first.
    """
    if dask_read and not dask:
        raise InputError("--dask-read needs --dask: the workers that read the files are a Dask cluster's")
    paths = list(paths)
    direct = {str(Path(p)) for p in paths if not Path(p).is_dir()}
    files = list(iter_paths(paths, glob))
    on_disk = str(db_path) != ":memory:"
    created = on_disk and not Path(db_path).exists()
    blank = on_disk and not created and Path(db_path).is_file() and Path(db_path).stat().st_size == 0
    summary = IngestSummary()
    try:
        analyser = _analyser(model, workers, worker_timeout, dask, summary.warnings.append)
        _run(db_path, files, direct, summary, force, columns, analyser, dask_read, on_start, on_document)
    finally:
        if (created or blank) and not (summary.count("added") or summary.count("replaced")):
            _remove_database(db_path, keep_file=blank)
    if summary.total == summary.count("failed"):
        raise InputError(
            f"no document could be ingested: {summary.warnings[0] if summary.warnings else 'nothing found'}"
        )
    return summary


def _remove_database(db_path: str | Path, keep_file: bool = False) -> None:
    """A database this run created and stored nothing in is not left behind; an empty file the user
    gave is left empty."""
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    if keep_file:
        Path(db_path).write_bytes(b"")
    else:
        Path(db_path).unlink(missing_ok=True)


def _run(
    db_path: str | Path,
    files: list[Path | Unlisted],
    direct: set[str],
    summary: IngestSummary,
    force: bool,
    columns: Columns | None,
    analyser,
    dask_read: bool,
    on_start: Callable[[int | None], None] | None,
    on_document: Callable[[DocumentResult], None] | None,
) -> None:
    try:
        db = open_db(db_path)
    except BaseException:
        analyser.close(False)
        raise
    linker: Linker | None = None  # its index of stored names loads only if something is written
    provenance: Provenance | None = None

    inflight: set[str] = set()  # read but not yet written: a second copy of one of these is unchanged

    def record(result: DocumentResult) -> None:
        summary.add(result)
        if on_document:
            on_document(result)

    def unchanged(item: Document) -> bool:
        current = has_article(db, item.sha256) and not superseded(db, item)
        if item.sha256 in inflight or (current and not force):
            record(DocumentResult(item.path, "unchanged", article_id=item.sha256[:16]))
            return True
        return False

    def to_analyse() -> Iterator[tuple[Document, Page | SharedFile]]:
        for path in files:
            if isinstance(path, Unlisted):
                summary.warnings.append(str(path))
                record(DocumentResult(path.path, "failed", message=str(path)))
                continue
            try:
                if dask_read and suffix_of(path) not in MANY:
                    # checked here, read on a worker: only the path travels
                    sha256, source = file_identity(path)
                    item = Document(shown(path), b"", "", sha256, "", source=source)
                    if not unchanged(item):
                        inflight.add(sha256)
                        yield item, SharedFile(str(Path(path).resolve()), sha256)
                    continue
                for item in read_documents(path, columns):
                    if isinstance(item, Notice):
                        summary.warnings.append(item.message)
                        continue
                    if isinstance(item, InputError):
                        summary.warnings.append(str(item))
                        record(DocumentResult(shown(path), "failed", message=str(item)))
                        continue
                    summary.warnings.extend(item.warnings)
                    if unchanged(item):
                        continue
                    try:
                        page = segment_document(item)
                        inflight.add(item.sha256)
                        yield item, page
                    except InputError as e:
                        summary.warnings.append(str(e))
                        record(DocumentResult(item.path, "failed", message=str(e)))
            except InputError as e:
                if str(path) in direct and len(files) == 1:
                    raise
                summary.warnings.append(str(e))
                record(DocumentResult(shown(path), "failed", message=str(e)))

    if on_start:
        many = any(isinstance(f, Path) and suffix_of(f) in MANY for f in files)
        on_start(None if many else len(files))

    def write(batch: list[tuple[Document, Page | SharedFile]], outcomes: list[Analysis | Read | Failure]) -> None:
        nonlocal linker, provenance
        linker = linker or Linker(db)
        if provenance is None and analyser.description is not None:
            provenance = _provenance(*analyser.description)
        for (doc, page), analysis in zip(batch, outcomes, strict=True):
            inflight.discard(doc.sha256)
            if isinstance(analysis, Failure):
                message = f"{doc.path}: {analysis.reason}"
                summary.warnings.append(message)
                record(DocumentResult(doc.path, "failed", message=message))
                continue
            if isinstance(analysis, Read):  # a worker read the file: its document, as this process names it
                summary.warnings.extend(analysis.document.warnings)
                doc = replace(analysis.document, path=doc.path, source=doc.source)
                page, analysis = analysis.page, analysis.analysis
            older = superseded(db, doc)
            if any(when == provenance.ingested_at for _, when in older):
                summary.warnings.append(f"{doc.path}: read twice in this run with different text; the later is kept")
            replaced = bool(older) or has_article(db, doc.sha256)
            aid = write_article(db, doc, page, analysis, provenance, doc.path, linker)
            kinds = [e.type for e in analysis.entities]
            record(
                DocumentResult(
                    doc.path,
                    "replaced" if replaced else "added",
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
            batch = list(islice(stream, BATCH * analyser.size))
            handle = analyser.submit([p for _, p in batch]) if batch else None
            if pending is not None:
                write(pending[0], analyser.result(pending[1]))
            if not batch:
                break
            pending = (batch, handle)
        finished = True
        # after a write, or after a run interrupted between its last write and this: the next run stores
        # nothing, yet its clusters (and summary) must come out as an uninterrupted run's
        with db.atomic():
            applied = apply_waiting(db)
        if linker is not None or applied or clusters_stale(db):
            refresh_summaries(db)
            with db.atomic():
                refresh_clusters(db)
    except sqlite3.Error as e:
        raise explain_error(str(db_path), e) from None
    finally:
        analyser.close(finished)
        db.close()


def _analyser(model: str | None, workers: int, timeout: float, dask: str | None, warn: Callable[[str], None]):
    """Where the NLP step runs: a Dask cluster, N watched processes, or this process."""
    if dask:
        from .scale.dask_pool import DaskPool

        return DaskPool(dask, model, warn)
    return WorkerPool(model, workers, warn, timeout) if workers > 0 else InlinePool(model)


def _provenance(model: str, version: str) -> Provenance:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    return Provenance(now, __version__, model, version)
