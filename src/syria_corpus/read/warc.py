"""Web archives (.warc, .warc.gz, and .wacz, a zip holding WARCs under archive/): each HTML page a crawler
saved whole is one article, read as an .html file is.

warcio parses each record; this module frames them and checks what warcio lets pass without a word (a record
cut short, a length that lands inside the next record), so that a damaged archive keeps every page before
the damage and says where it is.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ..errors import InputError
from ..records import Document, Notice
from .html import html_document
from .segment import profile_for_url

if TYPE_CHECKING:
    from warcio.recordloader import ArcWarcRecord, ArcWarcRecordLoader

logging.getLogger("warcio").addHandler(logging.NullHandler())  # its notes on a garbled address are ours to make
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_GZIP = b"\x1f\x8b"


class _Broken(Exception):
    """Damage past which no record can be framed: a record cut short, or bytes that are not the next one;
    `between` where it is the end of the record before (a gzip member's check, read once its data is)."""

    between = False


@dataclass(frozen=True)
class _Page:
    """An HTML page as the server sent it, whole (status 200), and when it was captured."""

    url: str
    date: str | None
    payload: bytes
    charset: str | None


@dataclass
class _Tally:
    """What one archive held, for the line that sums it up."""

    name: str
    where: str  # the file, or a WACZ's WARC within it
    records: int = 0
    pages: int = 0
    other: int = 0
    repeats: int = 0

    def summary(self) -> str:
        line = f"{self.name}: {_count(self.pages, 'HTML page')} read, {_count(self.other, 'other record')} skipped"
        if self.repeats:
            line += f"; {_count(self.repeats, 'earlier capture')} of a page with the same text left out"
        return line

    def broken(self, damage: _Broken) -> str:
        where = f"after record {self.records}" if damage.between and self.records else f"at record {self.records or 1}"
        before = f"{_count(self.pages, 'HTML page')} read and {_count(self.other, 'other record')} skipped"
        return f"{self.where}: cut short or garbled {where} ({damage}); before it, {before}"


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def read_archive(path: str | Path, name: str, source: str) -> Iterator[Document | InputError | Notice]:
    """The archive's HTML pages, each `name#url` from source `source#url`, then one line counting what it
    held. A page captured more than once is held until its last capture: one text is stored once (its newest
    capture), and each other text it was captured with is a document of its own (`source#url~2`, older).
    A record that cannot be read ends the file with one error; the pages before it are kept."""
    expected = _captures(path, name)
    seen: Counter[str] = Counter()
    held: dict[str, list[tuple[str, Document]]] = {}
    tally = _Tally(name, name)
    try:
        for page in _scan(path, tally, payloads=True):
            if isinstance(page, InputError):
                yield page
                continue
            seen[page.url] += 1
            try:
                held.setdefault(page.url, []).append((page.date or "", _article(name, source, page)))
            except InputError as e:
                yield e
            if seen[page.url] >= expected[page.url]:
                yield from _versions(held.pop(page.url, []), tally)
    except _Broken as e:
        damage: str | None = tally.broken(e)
    else:
        damage = None
    for group in held.values():
        yield from _versions(group, tally)
    if not damage and not tally.records:
        raise InputError(f"{name}: no WARC records in this file (is it empty?)")
    yield InputError(damage) if damage else Notice(tally.summary())


def _captures(path: str | Path, name: str) -> Counter[str]:
    """How many times each page was captured, in a first pass that reads no page: what tells when a page's
    last capture has been read."""
    found: Counter[str] = Counter()
    with suppress(_Broken):  # the second pass reports it
        for page in _scan(path, _Tally(name, name), payloads=False):
            if isinstance(page, _Page):
                found[page.url] += 1
    return found


def _article(name: str, source: str, page: _Page) -> Document:
    """A page read as an .html file is, with the address it was captured from; its identity is what is kept of
    it, not its bytes, which differ between two captures of an unchanged article (a timestamp, an advert)."""
    doc = html_document(f"{name}#{page.url}", page.payload, page.charset)
    doc.url = page.url
    doc.outlet = profile_for_url(page.url) or doc.outlet
    doc.source = f"{source}#{page.url}"
    doc.file_date = page.date
    kept = {k: getattr(doc, k) for k in ("url", "title", "text", "author", "published", "outlet")}
    doc.sha256 = hashlib.sha256(json.dumps(kept, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
    return doc


def _versions(group: list[tuple[str, Document]], tally: _Tally) -> Iterator[Document | Notice]:
    """One document per text a page was captured with, from its newest capture of that text; the newest text
    under the page's own source, the others, newest first, under `~2`, `~3`."""
    newest: dict[str, tuple[str, int, Document]] = {}
    for order, (date, doc) in enumerate(group):
        if doc.sha256 in newest:
            tally.repeats += 1
        newest[doc.sha256] = max(newest.get(doc.sha256, (date, order, doc)), (date, order, doc), key=lambda c: c[:2])
    ordered = sorted(newest.values(), key=lambda c: c[:2], reverse=True)
    for k, (date, _, doc) in enumerate(ordered, start=1):
        if k > 1:
            doc.path, doc.source = f"{doc.path}~{k}", f"{doc.source}~{k}"
            yield Notice(
                f"{tally.name}: {doc.url} captured at {date} with other text than at {ordered[0][0]}; "
                f"kept as a separate document, {doc.path}"
            )
        yield doc


def _scan(path: str | Path, tally: _Tally, payloads: bool) -> Iterator[_Page | InputError]:
    """Every HTML page of the archive, and an InputError for each record that cannot be read but still ends
    where it says; the rest are counted. A bad record's error waits for the next record to begin: where the
    archive breaks right after it, the one line about the break tells of both."""
    from warcio.recordloader import ArcWarcRecordLoader

    loader = ArcWarcRecordLoader(verify_http=False, arc2warc=False)
    for where, stream in _warcs(path, tally.name):
        tally.where = where
        bad: InputError | None = None
        for record in _records(stream, loader, tally):
            if bad is not None:
                yield bad
            page = _read(record, loader, payloads, f"{where}: record {tally.records}")
            bad = page if isinstance(page, InputError) else None
            if page is None:
                tally.other += 1
            elif isinstance(page, _Page):
                tally.pages += 1
                yield page
        if bad is not None:
            yield bad


def _read(record: ArcWarcRecord, loader: ArcWarcRecordLoader, payloads: bool, where: str) -> _Page | InputError | None:
    """A record read to its end: its HTML page, None for any other record, an InputError for a page that
    does not match its digest or a record garbled within its stated length."""
    try:
        page = _page(record, loader, payloads)
    except _Broken:
        raise
    except Exception as e:  # whatever warcio meets in a record garbled within its stated length
        _finish(record)
        return InputError(
            f"{where} ({record.rec_headers.get_header('WARC-Target-URI')}) cannot be read ({_reason(e)}); skipped"
        )
    _finish(record)  # a page cut short is not read as if it were whole
    if page is not None and record.digest_checker.problems:
        return InputError(f"{where} ({page.url}) is garbled ({record.digest_checker.problems[0]}); skipped")
    return page


def _warcs(path: str | Path, name: str) -> Iterator[tuple[str, _Guarded]]:
    """Each WARC the file is or holds, decompressed, with what names it in a message: the file itself, or a
    WACZ's WARCs under archive/, in the order of their names."""
    if not Path(path).name.lower().endswith(".wacz"):
        with open(path, "rb") as f:
            yield name, _decompressed(f)
        return
    try:
        wacz = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise InputError(f"{name}: not a WACZ (a WACZ is a zip archive, and this file is not one)") from None
    with wacz:
        members = sorted(
            m for m in wacz.namelist() if m.startswith("archive/") and m.lower().endswith((".warc", ".warc.gz"))
        )
        if not members:
            raise InputError(f"{name}: not a WACZ (a zip archive, but with no WARC file under archive/)")
        for member in members:
            with wacz.open(member) as f:
                yield f"{name} ({member})", _decompressed(f)


def _decompressed(f: BinaryIO) -> _Guarded:
    """A WARC's records as bytes: a .warc.gz (one gzip member a record) read as one stream."""
    head = f.peek(2)[:2] if hasattr(f, "peek") else b""
    return _Guarded(gzip.GzipFile(fileobj=f) if head == _GZIP else f)


class _Guarded:
    """A WARC stream whose read errors (a gzip member cut short or corrupt, a zip member failing its check)
    are the archive's damage: raised as _Broken, which ends the archive, not the run."""

    def __init__(self, stream: BinaryIO):
        self.stream = stream

    def read(self, size: int | None = -1) -> bytes:
        try:
            return self.stream.read(-1 if size is None else size)
        except (EOFError, OSError, zlib.error, zipfile.BadZipFile) as e:
            raise _damage(e) from None

    def readline(self, size: int | None = -1) -> bytes:
        try:
            return self.stream.readline(-1 if size is None else size)
        except (EOFError, OSError, zlib.error, zipfile.BadZipFile) as e:
            raise _damage(e) from None


def _damage(e: Exception) -> _Broken:
    broken = _Broken(_reason(e))
    broken.between = isinstance(e, gzip.BadGzipFile) and str(e).startswith(("CRC check", "Incorrect length"))
    return broken


def _records(stream: _Guarded, loader: ArcWarcRecordLoader, tally: _Tally) -> Iterator[ArcWarcRecord]:
    """The records of one WARC, each counted as it begins and checked whole once its reader is done with it.
    A file whose first line is not a WARC record's is no WARC at all."""
    from warcio.digestverifyingreader import DigestChecker, DigestVerifyingReader
    from warcio.limitreader import LimitReader

    while (line := _next_line(stream, tally)) is not None:
        tally.records += 1
        if tally.records == 1 and not line.startswith(b"WARC/"):
            begins = line[:40].rstrip().decode("ascii", "backslashreplace")
            raise InputError(f"{tally.where}: not a WARC file (it begins '{begins}')")
        try:
            record = loader.parse_record_stream(stream, line, known_format="warc", no_record_parse=True)
        except _Broken:
            raise
        except Exception as e:  # warcio's own errors, or any it meets in bytes that are no record
            raise _Broken(_reason(e)) from None
        length = record.rec_headers.get_header("Content-Length") or ""
        if not record.rec_type or not length.strip().isdigit() or not isinstance(record.raw_stream, LimitReader):
            raise _Broken("a record without its WARC-Type or Content-Length")
        record.digest_checker = DigestChecker()  # notes a digest that fails, for the reader to see
        record.raw_stream = DigestVerifyingReader(
            record.raw_stream.stream,
            record.raw_stream.limit,
            record.digest_checker,
            record_type=record.rec_type,
            block_digest=record.rec_headers.get_header("WARC-Block-Digest"),
            payload_digest=record.rec_headers.get_header("WARC-Payload-Digest"),
        )
        yield record
        _finish(record)


def _next_line(stream: _Guarded, tally: _Tally) -> bytes | None:
    """The first line of the next record (past the blank lines that end the one before), or None at the end."""
    try:
        while line := stream.readline():
            if line.strip():
                return line
    except _Broken as e:
        if not e.between:
            tally.records += 1  # the damage is in the record that was to begin here
        raise
    return None


def _finish(record: ArcWarcRecord) -> None:
    """Read a record to its end: one that ends before its stated length was cut short."""
    try:
        while record.raw_stream.read(1 << 16):
            pass
    except _Broken:
        raise
    except Exception as e:  # a digest too garbled to compare, met at the record's last byte
        record.digest_checker.problems.append(f"its digest cannot be read: {_reason(e)}")
    if record.raw_stream.limit > 0:
        raise _Broken(f"{record.raw_stream.limit} of its {record.length} bytes missing")


def _page(record: ArcWarcRecord, loader: ArcWarcRecordLoader, payload: bool) -> _Page | None:
    """An HTML page the server sent whole; None for any other record (a request, metadata, an image, a
    redirect, an error page, a revisit)."""
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    if record.rec_type != "response" or not uri.startswith(("http:", "https:")):
        return None
    record.http_headers = loader.load_http_headers("response", uri, record.raw_stream, record.length)
    record.raw_stream.begin_payload()
    if record.http_headers is None or record.http_headers.get_statuscode() != "200":
        return None
    media, _, params = (record.http_headers.get_header("Content-Type") or "").partition(";")
    if media.strip().lower() not in _HTML_TYPES:
        return None
    body = record.content_stream().read() if payload else b""
    return _Page(uri, record.rec_headers.get_header("WARC-Date"), body, _charset(params))


def _charset(params: str) -> str | None:
    """The charset of a Content-Type's parameters (`; charset=windows-1256`)."""
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip()
    return None


def _reason(e: Exception) -> str:
    """An error's message on one short line."""
    text = " ".join(str(e).split()) or type(e).__name__
    return text if len(text) <= 120 else text[:119] + "…"
