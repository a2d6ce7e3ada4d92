"""Ingest: read -> segment -> analyse -> store, one document at a time, one transaction per article."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from . import __version__
from .analyse import analyse
from .errors import InputError
from .linking import Linker
from .pipeline import load_pipeline, model_description
from .read import iter_paths, read_document
from .segment import segment
from .store import Provenance, explain_error, has_article, open_db, write_article


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
    results: list[DocumentResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)


def ingest(
    db_path: str | Path,
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    force: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_document: Callable[[DocumentResult], None] | None = None,
) -> IngestSummary:
    """Ingest files and folders into the database at `db_path`.

    Every path is checked before anything is written. A file named directly that cannot be read is an
    error; a bad file found inside a folder is skipped with a warning. Unchanged documents (same
    sha256) are skipped before any NLP work unless `force` is set.
    """
    paths = list(paths)
    direct = {str(Path(p)) for p in paths if not Path(p).is_dir()}
    files = list(iter_paths(paths))
    db = open_db(db_path)
    linker = Linker(db)
    summary = IngestSummary()
    loaded: list[tuple] = []

    def get_nlp():
        """The model loads only when a document needs analysis: a re-ingest of unchanged files never loads it."""
        if not loaded:
            nlp = load_pipeline(model)
            name, version = model_description(nlp)
            now = datetime.now(UTC).isoformat(timespec="seconds")
            loaded.append((nlp, Provenance(now, __version__, name, version)))
        return loaded[0]

    if on_start:
        on_start(len(files))
    try:
        for path in files:
            try:
                result = _ingest_one(db, linker, path, force, get_nlp, summary)
            except InputError as e:
                if str(path) in direct:
                    raise
                summary.warnings.append(str(e))
                result = DocumentResult(str(path), "failed", message=str(e))
            summary.results.append(result)
            if on_document:
                on_document(result)
    except sqlite3.Error as e:
        raise explain_error(str(db_path), e) from None
    finally:
        db.close()
    if not any(r.status != "failed" for r in summary.results):
        raise InputError(
            f"no document could be ingested: {summary.warnings[0] if summary.warnings else 'nothing found'}"
        )
    return summary


def _ingest_one(db, linker: Linker, path: Path, force: bool, get_nlp, summary: IngestSummary) -> DocumentResult:
    doc = read_document(path)
    summary.warnings.extend(doc.warnings)
    existed = has_article(db, doc.sha256)
    if existed and not force:
        return DocumentResult(str(path), "unchanged", article_id=doc.sha256[:16])
    page = segment(doc.text)
    if not page.body.strip():
        raise InputError(f"{path}: no article text found")
    nlp, prov = get_nlp()
    analysis = analyse(nlp, page)
    aid = write_article(db, doc, page, analysis, prov, str(path), linker)
    kinds = [e.type for e in analysis.entities]
    return DocumentResult(
        str(path),
        "replaced" if existed else "added",
        article_id=aid,
        quotes=len(analysis.quotes),
        people=kinds.count("person"),
        places=kinds.count("place"),
        orgs=kinds.count("org"),
    )
