"""Reading documents from disk: paths to decoded text, with clear errors for what is not a document."""

from __future__ import annotations

import codecs
import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError
from .html import read_html
from .records import Document
from .tables import Columns, read_rows

DOCUMENT_SUFFIXES = frozenset({".txt", ".html", ".htm", ".csv", ".tsv", ".jsonl", ".ndjson", ".json"})
TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".jsonl", ".ndjson", ".json"})
_ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")  # UTF-8 (BOM or not), else a legacy single-byte encoding


def iter_paths(paths: Iterable[str | Path], glob: str | None = None) -> Iterator[Path]:
    """Files named directly, and documents found recursively under folders (those matching `glob`, if
    given), in a stable order."""
    for given in paths:
        p = Path(given)
        if not p.exists():
            raise InputError(f"{given}: no such file or directory")
        if p.is_dir():
            found = sorted(
                f
                for f in p.rglob(glob or "*")
                if f.is_file()
                and (glob is not None or f.suffix.lower() in DOCUMENT_SUFFIXES)
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found:
                kinds = ", ".join(sorted(DOCUMENT_SUFFIXES))
                raise InputError(f"{given}: no readable documents in this folder (looked for {kinds})")
            yield from found
        elif not p.is_file():
            raise InputError(f"{given}: not a regular file (a pipe, device or socket); give a file or a folder")
        else:
            yield p


def decode(raw: bytes, path: str) -> tuple[str, str, list[str]]:
    """Decode bytes as UTF-8, else as a legacy single-byte encoding with a warning; refuse binary data."""
    if not raw.strip():
        raise InputError(f"{path}: file is empty")
    _check_text(raw[:8192], path)
    for encoding in _ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, "utf-8" if encoding == _ENCODINGS[0] else encoding, _warnings(path, encoding)
    raise InputError(f"{path}: cannot decode as text")  # pragma: no cover - latin-1 decodes any bytes


def _check_text(sample: bytes, path: str) -> None:
    if b"\x00" in sample or _control_ratio(sample) > 0.05:
        raise InputError(f"{path}: not a text document (binary data)")


def _control_ratio(sample: bytes) -> float:
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / max(len(sample), 1)


def read_documents(path: str | Path, columns: Columns | None = None) -> Iterator[Document | InputError]:
    """The documents in one file: itself, its HTML article, or one per table row. An error that spoils
    the whole file is raised; a bad row is yielded as an InputError and the rest go on. Tables are read
    as a stream, row by row, so a large export does not have to fit in memory."""
    suffix = Path(path).suffix.lower()
    if suffix in TABLE_SUFFIXES:
        encoding, warnings = sniff_encoding(path)
        for w in warnings:
            yield InputError(w)
        try:
            f = open(path, encoding=encoding, newline="")  # noqa: SIM115 - closed below, after the last row
        except OSError as e:
            raise _read_error(path, e) from None
        with f:
            yield from read_rows(str(path), f, columns or Columns())
    elif suffix in (".html", ".htm"):
        raw, text, encoding, warnings = _load(path)
        yield read_html(str(path), raw, text, encoding, warnings)
    else:
        yield read_document(path)


def sniff_encoding(path: str | Path) -> tuple[str, list[str]]:
    """The encoding `decode` would choose for the whole file, found by streaming through it (twice, for a
    file that is not UTF-8), so that a large table need not be held in memory."""
    for encoding in _ENCODINGS:
        decoder = codecs.getincrementaldecoder(encoding)()
        blank = True
        try:
            for n, chunk in enumerate(_chunks(path)):
                if n == 0:
                    _check_text(chunk, str(path))
                blank = blank and not chunk.strip()
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        if blank:
            raise InputError(f"{path}: file is empty")
        return encoding, _warnings(path, encoding)
    raise InputError(f"{path}: cannot decode as text")  # pragma: no cover - latin-1 decodes any bytes


def _warnings(path: str | Path, encoding: str) -> list[str]:
    return [] if encoding == _ENCODINGS[0] else [f"{path}: not valid UTF-8; decoded as {encoding}"]


def _chunks(path: str | Path, size: int = 1 << 20) -> Iterator[bytes]:
    try:
        with open(path, "rb") as f:
            while chunk := f.read(size):
                yield chunk
    except OSError as e:
        raise _read_error(path, e) from None


def _load(path: str | Path) -> tuple[bytes, str, str, list[str]]:
    raw = _read_bytes(path)
    text, encoding, warnings = decode(raw, str(path))
    return raw, text, encoding, warnings


def _read_bytes(path: str | Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise _read_error(path, e) from None


def _read_error(path: str | Path, e: OSError) -> InputError:
    if isinstance(e, FileNotFoundError):
        return InputError(f"{path}: no such file or directory")
    if isinstance(e, IsADirectoryError):
        return InputError(f"{path}: is a folder, not a document")
    return InputError(f"{path}: cannot read ({e.strerror or e})")


def read_document(path: str | Path) -> Document:
    """A plain-text page scrape."""
    raw, text, encoding, warnings = _load(path)
    return Document(
        path=str(path),
        raw=raw,
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding=encoding,
        warnings=warnings,
    )
