"""Table inputs (CSV, TSV, JSON lines, JSON arrays): one document per row, columns mapped by name.

Column names are recognised when they are the obvious ones (`article_content`, `unit_id`, `source`, …) or
those of the tools news is collected with (news-please, trafilatura, Media Cloud: `data/columns.json`);
the user names any others with --text-column and friends.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from functools import cache
from itertools import chain, islice
from urllib.parse import urlsplit

from ..errors import InputError
from ..records import Document, Notice
from ..resources import load_json

csv.field_size_limit(2**31 - 1)


@cache
def field_names() -> dict[str, list[str]]:
    """The names each field goes by in tables, front matter and sidecar files, from `data/columns.json`."""
    return {k: v for k, v in load_json("columns.json").items() if not k.startswith("_")}


@dataclass
class Columns:
    """Which column holds what; None means guess from the header."""

    text: str | None = None
    title: str | None = None
    id: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    site: str | None = None  # a site's address or host name (`www.reuters.com`): the outlet where none is named
    author: str | None = None

    def resolve(self, header: list[str], path: str) -> Columns:
        lower = {h.lower().strip(): h for h in header if h}
        chosen = {}
        for f in fields(self):
            given = getattr(self, f.name)
            if given is not None:
                if given not in header:
                    raise InputError(f"{path}: no column {given!r} (columns: {_listed(header)})")
                chosen[f.name] = given
            else:
                chosen[f.name] = next((lower[g] for g in field_names()[f.name] if g in lower), None)
        if chosen["text"] is None and chosen["url"] is not None:
            raise InputError(
                f"{path}: a list of links without the articles' text (columns: {_listed(header)}); fetch the "
                "pages first (e.g. wget --warc-file) and ingest the archive, or name the text column with --text-column"
            )
        if chosen["text"] is None:
            raise InputError(
                f"{path}: cannot tell which column holds the text; name it with --text-column "
                f"(columns: {_listed(header)})"
            )
        return Columns(**chosen)


def _listed(header: list[str], longest: int = 40) -> str:
    """A table's column names on one line: a name that is really a row of text (a file with no header)
    is cut, and its line breaks shown as `\\n`."""
    names = [h.replace("\r", "\\r").replace("\n", "\\n") for h in header]
    return ", ".join(n if len(n) <= longest else n[: longest - 1] + "…" for n in names)


def read_rows(
    path: str, lines: Iterable[str], columns: Columns, source: str | None = None
) -> Iterator[Document | InputError | Notice]:
    """Documents from a table's rows, read as they come. A row with no text, or with a value that is not
    text, is an error for that row only; a row that swallowed the rows after it is reported."""
    suffix = path.lower().rsplit(".", 1)[-1]
    if suffix in ("csv", "tsv"):
        taken = _Lines(lines)
        reader = csv.DictReader(taken, delimiter="\t" if suffix == "tsv" else ",")
        try:
            header = reader.fieldnames or []
        except csv.Error as e:
            raise InputError(f"{path}: line 1: not valid {suffix.upper()} ({e})") from None
        header, renamed = _distinct(header)
        reader.fieldnames = header
        yield from (Notice(f"{path}: {note}") for note in renamed)
        rows: Iterator = _checked_rows(path, reader, taken)
    else:
        rows, header = _json_rows(path, lines)
    cols = columns.resolve(list(header), path)
    n = 0
    seen: dict[str, list[str]] = {}
    for row in rows:
        if isinstance(row, InputError | Notice):
            yield row
            continue
        n += 1
        if not isinstance(row, dict):
            yield InputError(f"{path}: row {n} is not an object")
            continue
        try:
            ext = _cell(row, cols.id, numbers=True)
        except ValueError as e:
            yield InputError(f"{path}#{n}: {e}")
            continue
        where = f"{path}#{ext or n}"
        try:
            body = _cell(row, cols.text)
            meta = {k: _cell(row, getattr(cols, k), numbers=k == "date") for k in ("title", "outlet", "date", "url")}
            author, site = _names(row, cols.author), _cell(row, cols.site)
        except ValueError as e:
            yield InputError(f"{where}: {e}")
            continue
        if not body:
            yield InputError(f"{where}: no text in column {cols.text!r}")
            continue
        # what identifies the row: an author only where there is one, so rows stored before authors were read
        # keep their ids
        raw = json.dumps(
            {"text": body, "id": ext, **meta, **({"author": author} if author else {})},
            ensure_ascii=False,
            sort_keys=True,
        ).encode()
        meta["outlet"], meta["url"] = outlet_and_url(meta["outlet"], meta["url"], site)
        if ext:  # two different documents that share an id (FA-KES has such rows): neither is lost
            versions = seen.setdefault(ext, [])
            digest = hashlib.sha256(raw).hexdigest()
            if digest not in versions:
                versions.append(digest)
            if (k := versions.index(digest)) > 0:
                where = f"{where}~{k + 1}"
                yield Notice(
                    f"{path}: id {ext!r} repeated at row {n} with other text; kept as a separate document, {where}"
                )
        yield Document(
            path=where,
            raw=raw,
            text=body,
            sha256=hashlib.sha256(raw).hexdigest(),
            encoding="utf-8",
            external_id=ext,
            title=meta["title"],
            outlet=meta["outlet"],
            published=meta["date"],
            url=meta["url"],
            author=author,
            kind="text",
            source=f"{source}{where[len(path) :]}" if source and ext else None,
        )


def _names(row: dict, column: str | None) -> str | None:
    """An author cell, or a list of them (`authors` of news-please), as one line."""
    value = row.get(column) if column else None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(v.strip() for v in value if v.strip()) or None
    return _cell(row, column)


def outlet_and_url(outlet: str | None, url: str | None, site: str | None) -> tuple[str | None, str | None]:
    """The outlet a row names, else the one whose site its `site` column or its address is on; a `source`
    that holds an address (trafilatura's) is the address, not an outlet's name."""
    if outlet and re.match(r"https?://", outlet):
        url, outlet = url or outlet, None
    if outlet or not (site or url):
        return outlet, url
    from .segment import profile_for_url  # the outlet profiles, read only where a row names no outlet

    address = site if re.match(r"https?://", site or "") else (f"http://{site}" if site else url)
    host = urlsplit(address or "").hostname or ""
    return profile_for_url(address or "") or (host.removeprefix("www.") or None), url


def _distinct(header: list[str]) -> tuple[list[str], list[str]]:
    """A header whose repeated names are made distinct (`text`, `text_2`), so that the first column of
    a name is the one read under it, and a note of each renaming."""
    names: list[str] = []
    first: dict[str, int] = {}
    notes: list[str] = []
    for i, name in enumerate(header, start=1):
        unique, k = name, 1
        while unique in first:
            k += 1
            unique = f"{name}_{k}"
        if unique != name:
            notes.append(f"column {i} is also named {name!r} (as column {first[name]} is); it is read as {unique!r}")
        first[unique] = i
        names.append(unique)
    return names, notes


_SURROGATE = re.compile("[\ud800-\udfff]")  # a JSON escape of half a character: SQLite cannot store it


def _cell(row: dict, column: str | None, numbers: bool = False) -> str | None:
    """A cell as text. JSON numbers are taken as their text only where a number is an identifier or a
    date (an id of 7, a timestamp); any other value that is not a string spoils the row."""
    if column is None:
        return None
    value = row.get(column)
    if value is None:
        return None
    if not isinstance(value, str):
        if not numbers or isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"column {column!r} holds {_kind_of(value)}, not text")
        value = str(value)
    return _SURROGATE.sub("\ufffd", value.replace("\x00", "")).strip() or None


def _kind_of(value: object) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


class _Lines:
    """The raw lines a CSV reader takes, kept until its row is checked."""

    def __init__(self, lines: Iterable[str]):
        self.lines, self.taken = iter(lines), []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.taken.append(line)
        return line


def _checked_rows(path: str, reader: csv.DictReader, lines: _Lines) -> Iterator[dict | Notice]:
    """The rows of a CSV or TSV file, each after a notice if its quoting is broken across lines: a quote
    mark opened and never closed swallows the rows after it into one field, which the lenient reader
    accepts without a word. A row spanning lines is read again strictly to find out."""
    delimiter = reader.reader.dialect.delimiter
    end = reader.line_num
    lines.taken.clear()
    try:
        for row in reader:
            start, end = end + 1, reader.line_num
            if end > start and not _well_formed(lines.taken, delimiter):
                yield Notice(
                    f"{path}: line {start}: a quoted field runs on to line {end} (a stray quote mark?); "
                    f"those {end - start + 1} lines were read as one row"
                )
            lines.taken.clear()
            yield row
    except csv.Error as e:
        raise InputError(f"{path}: line {reader.line_num}: not valid CSV ({e})") from None


def _well_formed(raw: list[str], delimiter: str) -> bool:
    try:
        for _ in csv.reader(raw, delimiter=delimiter, strict=True):
            pass
    except csv.Error:
        return False
    return True


def _json_rows(path: str, lines: Iterable[str]) -> tuple[Iterator, list[str]]:
    """JSON lines one at a time (a line that is not JSON is a bad row; the header is guessed from the
    first 50), or a JSON array, which has to be parsed whole."""
    if path.lower().endswith((".jsonl", ".ndjson")):
        items = _json_lines(path, lines)
    else:
        try:
            data = json.loads("".join(lines))
        except (ValueError, RecursionError) as e:
            where = f" at line {e.lineno}" if isinstance(e, json.JSONDecodeError) else ""
            raise InputError(f"{path}: not JSON ({_json_problem(e)}{where})") from None
        items = iter(data if isinstance(data, list) else [data])
    head = list(islice(items, 50))
    header: list[str] = []
    for item in head:
        if isinstance(item, dict):
            header.extend(k for k in item if k not in header)
    if head and not header and not any(isinstance(i, InputError) for i in head):
        kinds = sorted({_JSON_KINDS.get(type(i), "values") for i in head})
        raise InputError(f"{path}: holds {' and '.join(kinds)}, no objects; each article is one object with its fields")
    return chain(head, items), header


_JSON_KINDS = {int: "numbers", float: "numbers", str: "strings", list: "arrays", bool: "booleans", type(None): "nulls"}


def _json_lines(path: str, lines: Iterable[str]) -> Iterator:
    for n, line in enumerate(lines, start=1):
        if line.strip():
            try:
                yield json.loads(line)
            except (ValueError, RecursionError) as e:
                yield InputError(f"{path}: line {n} is not JSON ({_json_problem(e)})")


def _json_problem(e: Exception) -> str:
    if isinstance(e, json.JSONDecodeError):
        return e.msg
    if isinstance(e, RecursionError):
        return "nested too deeply to read"
    return str(e)
