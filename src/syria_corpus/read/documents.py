"""Reading documents from disk: paths to decoded text, with clear errors for what is not a document."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePath

from ..display import shown
from ..errors import InputError
from ..records import Document, Notice, Unlisted
from .decoding import Decoding, decode, scan_chunks
from .html import html_document
from .tables import Columns, read_rows
from .text_meta import front_matter, merged, opening_lines, sidecar

TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".jsonl", ".ndjson", ".json"})
ARCHIVE_SUFFIXES = frozenset({".warc", ".warc.gz", ".wacz"})  # many documents a file, as tables are
DOCUMENT_SUFFIXES = frozenset({".txt", ".html", ".htm", ".docx", ".pdf"}) | TABLE_SUFFIXES | ARCHIVE_SUFFIXES


def iter_paths(paths: Iterable[str | Path], glob: str | None = None) -> Iterator[Path | Unlisted]:
    """Files named directly, and documents found recursively under folders (those matching `glob`, if
    given), in a stable order, each folder's unlistable sub-folders first."""
    pattern = _folder_pattern(glob)
    for given in paths:
        p = Path(given)
        if not p.exists():
            raise InputError(f"{shown(given)}: no such file or directory")
        if p.is_dir():
            found, unreadable = _walk(p, pattern)
            if not found and not unreadable:
                kinds = ", ".join(sorted(DOCUMENT_SUFFIXES))
                raise InputError(f"{shown(given)}: no readable documents in this folder (looked for {kinds})")
            yield from unreadable
            yield from found
        elif not p.is_file():
            raise InputError(f"{shown(given)}: not a regular file (a pipe, device or socket); give a file or a folder")
        else:
            yield p


def _folder_pattern(glob: str | None) -> str | None:
    """`--glob` matches inside each folder given, so it is relative and stays there."""
    if glob is None:
        return None
    parts = PurePath(glob).parts
    if not glob.strip() or PurePath(glob).is_absolute() or ".." in parts:
        raise InputError(f"--glob {shown(glob)}: give a pattern inside the folder, such as '*.html' or 'sub/*.txt'")
    while glob.startswith("**/"):  # every folder is searched at every depth already
        glob = glob[3:]
    return glob


def _walk(folder: Path, glob: str | None) -> tuple[list[Path], list[Unlisted]]:
    """Documents under `folder` (hidden files and folders left out), and the folders that could not be
    listed."""
    found: list[Path] = []
    unreadable: list[Unlisted] = []

    def refused(e: OSError) -> None:
        unreadable.append(Unlisted(shown(e.filename or folder), e.strerror or str(e)))

    for root, dirs, files in os.walk(folder, onerror=refused):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(root)
        for name in files:
            f = base / name
            if name.startswith((".", "~$")) or not f.is_file():  # ~$: the lock file Word keeps beside an open one
                continue
            rel = f.relative_to(folder)
            if (glob is None and suffix_of(f) in DOCUMENT_SUFFIXES) or (glob is not None and rel.match(glob)):
                found.append(f)
    if glob is None:  # `NAME.json` beside `NAME.txt` is what the text states about itself, not a table
        texts = {f.with_suffix("") for f in found if f.suffix.lower() == ".txt"}
        found = [f for f in found if not (f.suffix.lower() == ".json" and f.with_suffix("") in texts)]
    return sorted(found), sorted(unreadable, key=lambda u: u.path)


def suffix_of(path: str | Path) -> str:
    """A file's kind as its name tells it, in lower case: `.html`, or `.warc.gz` (not `.gz`, which any
    compressed file has)."""
    name = Path(path).name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else Path(name).suffix


def read_documents(path: str | Path, columns: Columns | None = None) -> Iterator[Document | InputError | Notice]:
    """The documents in one file: itself, its HTML article, its Word document or PDF report, one per table row or one per
    page of a web archive. An error that spoils the whole file is raised; a bad row or record is yielded as
    an InputError and the rest go on; a Notice is something to tell the user about a file that still spoils
    none of it. Tables and archives are read as a stream, so a large one does not have to fit in memory."""
    name = shown(path)
    suffix = suffix_of(path)
    if suffix in TABLE_SUFFIXES:
        choice = sniff_encoding(path)
        for w in choice.warnings:
            yield Notice(w)
        try:
            f = open(path, encoding=choice.codec, errors=choice.errors, newline="")  # noqa: SIM115 - closed below
        except OSError as e:
            raise _read_error(name, e) from None
        with f:
            yield from read_rows(name, f, columns or Columns(), source=_source(path))
    elif suffix in ARCHIVE_SUFFIXES:
        from .warc import read_archive

        try:
            yield from read_archive(path, name, _source(path))
        except OSError as e:
            raise _read_error(name, e) from None
    elif suffix == ".docx":
        from .word import read_docx

        yield read_docx(name, _read_bytes(path), _source(path))
    elif suffix == ".pdf":
        from .pdf import read_pdf

        yield read_pdf(name, _read_bytes(path), _source(path))
    elif suffix in (".html", ".htm"):
        doc = html_document(name, _read_bytes(path))
        doc.source = _source(path)
        yield doc
    else:
        yield read_document(path)


def sniff_encoding(path: str | Path) -> Decoding:
    """How `decode` would decode the whole file, found by streaming through it once, so that a large
    table need not be held in memory."""
    return scan_chunks(_chunks(path), shown(path))


def _source(path: str | Path) -> str:
    """What identifies a document across runs: its file, wherever it was named from."""
    return shown(Path(path).resolve())


def file_identity(path: str | Path) -> tuple[str, str]:
    """(sha256 of the file's bytes, its source): what ingest checks before a Dask worker reads the file
    itself (`--dask-read`), read in chunks and never decoded here."""
    digest = hashlib.sha256()
    for chunk in _chunks(path):
        digest.update(chunk)
    return digest.hexdigest(), _source(path)


def _chunks(path: str | Path, size: int = 1 << 20) -> Iterator[bytes]:
    try:
        with open(path, "rb") as f:
            while chunk := f.read(size):
                yield chunk
    except OSError as e:
        raise _read_error(shown(path), e) from None


def _load(path: str | Path) -> tuple[bytes, str, str, list[str]]:
    raw = _read_bytes(path)
    text, encoding, warnings = decode(raw, shown(path))
    return raw, text, encoding, warnings


def _read_bytes(path: str | Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise _read_error(shown(path), e) from None


def _read_error(name: str, e: OSError) -> InputError:
    if isinstance(e, FileNotFoundError):
        return InputError(f"{name}: no such file or directory")
    if isinstance(e, IsADirectoryError):
        return InputError(f"{name}: is a folder, not a document")
    return InputError(f"{name}: cannot read ({e.strerror or e})")


def read_document(path: str | Path) -> Document:
    """A plain-text page scrape, with what its front matter, its sidecar `NAME.json` or its opening lines
    state about it (the sidecar winning, then the front matter)."""
    raw, text, encoding, warnings = _load(path)
    name = shown(path)
    front, text, notes = front_matter(text, name)
    beside, extra, more = sidecar(Path(path), name)
    opening, text = ({}, text) if front else opening_lines(text)
    fields = merged(beside, front, opening)
    return Document(
        path=name,
        raw=raw,
        text=text,
        sha256=hashlib.sha256(raw + extra).hexdigest(),  # an edited sidecar is a changed document
        encoding=encoding,
        warnings=warnings + notes + more,
        title=fields.get("title"),
        outlet=fields.get("outlet"),
        published=fields.get("date"),
        url=fields.get("url"),
        author=fields.get("author"),
        source=_source(path),
    )
