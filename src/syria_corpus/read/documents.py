"""Reading documents from disk: paths to decoded text, with clear errors for what is not a document."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from ..display import shown
from ..errors import InputError
from ..records import Document, Notice, Unlisted
from .html import declared_charset, read_html
from .tables import Columns, read_rows

DOCUMENT_SUFFIXES = frozenset({".txt", ".html", ".htm", ".csv", ".tsv", ".jsonl", ".ndjson", ".json"})
TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".jsonl", ".ndjson", ".json"})
_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HIGH = bytes(range(0x80, 0x100))
_CP1252_UNDEFINED = bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D])
_ESCAPED = re.compile("[\udc80-\udcff]")  # bytes that are not UTF-8, as surrogateescape shows them


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
            if name.startswith(".") or not f.is_file():
                continue
            rel = f.relative_to(folder)
            if (glob is None and f.suffix.lower() in DOCUMENT_SUFFIXES) or (glob is not None and rel.match(glob)):
                found.append(f)
    return sorted(found), sorted(unreadable, key=lambda u: u.path)


@dataclass
class Decoding:
    """How a file's bytes become text: the codec, what becomes of bytes it cannot decode, the name
    stored on the article, and what the user is told."""

    codec: str
    errors: str = "strict"
    label: str = "utf-8"
    warnings: list[str] = field(default_factory=list)


class _Scan:
    """One pass over a file's bytes, in chunks: its byte-order mark, whether it is text at all, how many
    of its non-ASCII bytes are not UTF-8, and its NUL bytes."""

    def __init__(self, path: str):
        self.path = path
        self.bom: str | None = None
        self.decoder: codecs.IncrementalDecoder | None = None
        self.blank = True
        self.high = self.invalid = self.undefined = self.nul = 0

    def feed(self, chunk: bytes, final: bool = False) -> None:
        if self.decoder is None:
            self.bom = next((codec for mark, codec in _BOMS if chunk.startswith(mark)), None)
            if self.bom is None:
                _check_text(chunk[:8192], self.path)
            self.decoder = codecs.getincrementaldecoder(self.bom or "utf-8-sig")(
                "strict" if self.bom else "surrogateescape"
            )
        try:
            text = self.decoder.decode(chunk, final)
        except UnicodeDecodeError:
            raise InputError(f"{self.path}: not valid {self.bom.upper()} despite its byte-order mark") from None
        self.blank = self.blank and not text.strip()
        self.nul += text.count("\x00")
        if self.bom is None:
            self.invalid += len(_ESCAPED.findall(text))
            self.high += len(chunk) - len(chunk.translate(None, _HIGH))
            self.undefined += len(chunk) - len(chunk.translate(None, _CP1252_UNDEFINED))

    def decision(self, declared: str | None = None) -> Decoding:
        """UTF-8 unless most non-ASCII bytes are not UTF-8: then the encoding the document declares (an
        HTML page's charset), or else a legacy single-byte encoding. A page saved as UTF-8 that still
        declares its original charset is read as UTF-8. A few invalid bytes in UTF-8 text are replaced
        (U+FFFD) and counted; NUL bytes are always removed."""
        if self.blank:
            raise InputError(f"{self.path}: file is empty")
        if self.bom:
            choice = Decoding(self.bom, label=self.bom)
        elif not self.invalid:
            choice = Decoding("utf-8-sig")
        elif declared and declared != "utf-8":
            choice = Decoding(declared, "replace", label=declared)
        elif self.invalid * 2 > self.high:
            legacy = "latin-1" if self.undefined else "cp1252"
            choice = Decoding(legacy, label=legacy, warnings=[f"{self.path}: not valid UTF-8; decoded as {legacy}"])
        else:
            n = self.invalid
            warning = f"{self.path}: {n} invalid UTF-8 byte{'s' if n > 1 else ''} replaced with U+FFFD"
            choice = Decoding("utf-8-sig", "replace", warnings=[warning])
        if self.nul:
            choice.warnings.append(f"{self.path}: {self.nul} NUL byte{'s' if self.nul > 1 else ''} removed")
        return choice


def decode(raw: bytes, path: str, declared: str | None = None) -> tuple[str, str, list[str]]:
    """Bytes as text (see `_Scan.decision`); refuse binary data and empty files."""
    scan = _Scan(path)
    scan.feed(raw, final=True)
    choice = scan.decision(declared)
    return raw.decode(choice.codec, choice.errors).replace("\x00", ""), choice.label, choice.warnings


def _check_text(sample: bytes, path: str) -> None:
    if _control_ratio(sample) > 0.05:
        raise InputError(f"{path}: not a text document (binary data)")


def _control_ratio(sample: bytes) -> float:
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / max(len(sample), 1)


def read_documents(path: str | Path, columns: Columns | None = None) -> Iterator[Document | InputError | Notice]:
    """The documents in one file: itself, its HTML article, or one per table row. An error that spoils
    the whole file is raised; a bad row is yielded as an InputError and the rest go on; a Notice is
    something to tell the user about a file that still spoils none of it. Tables are read as a stream,
    row by row, so a large export does not have to fit in memory."""
    name = shown(path)
    suffix = Path(path).suffix.lower()
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
    elif suffix in (".html", ".htm"):
        raw = _read_bytes(path)
        text, encoding, warnings = decode(raw, name, declared_charset(raw))
        doc = read_html(name, raw, text, encoding, warnings)
        doc.source = _source(path)
        yield doc
    else:
        yield read_document(path)


def sniff_encoding(path: str | Path) -> Decoding:
    """How `decode` would decode the whole file, found by streaming through it once, so that a large
    table need not be held in memory."""
    scan = _Scan(shown(path))
    for chunk in _chunks(path):
        scan.feed(chunk)
    scan.feed(b"", final=True)
    return scan.decision()


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
    """A plain-text page scrape."""
    raw, text, encoding, warnings = _load(path)
    return Document(
        path=shown(path),
        raw=raw,
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding=encoding,
        warnings=warnings,
        source=_source(path),
    )
