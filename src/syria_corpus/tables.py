"""Table inputs (CSV, TSV, JSON lines, JSON arrays): one document per row, columns mapped by name.

Column names are recognised when they are the obvious ones (`article_content`, `unit_id`, `source`, …);
the user names any others with --text-column and friends.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from itertools import chain, islice

from .errors import InputError
from .records import Document

csv.field_size_limit(2**31 - 1)

GUESSES = {
    "text": ("text", "content", "body", "article_content", "article_text", "article", "full_text", "story"),
    "title": ("title", "headline", "article_title"),
    "id": ("id", "unit_id", "external_id", "article_id", "doc_id", "uid", "guid"),
    "outlet": ("outlet", "source", "publisher", "site", "sitename", "source_name", "media", "newspaper"),
    "date": ("date", "published", "publish_date", "published_at", "pubdate", "datetime", "timestamp", "date_published"),
    "url": ("url", "link", "href", "source_url", "article_url"),
}


@dataclass
class Columns:
    """Which column holds what; None means guess from the header."""

    text: str | None = None
    title: str | None = None
    id: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None

    def resolve(self, header: list[str], path: str) -> Columns:
        lower = {h.lower().strip(): h for h in header if h}
        chosen = {}
        for f in fields(self):
            given = getattr(self, f.name)
            if given is not None:
                if given not in header:
                    raise InputError(f"{path}: no column {given!r} (columns: {', '.join(header)})")
                chosen[f.name] = given
            else:
                chosen[f.name] = next((lower[g] for g in GUESSES[f.name] if g in lower), None)
        if chosen["text"] is None:
            raise InputError(
                f"{path}: cannot tell which column holds the text; name it with --text-column "
                f"(columns: {', '.join(header)})"
            )
        return Columns(**chosen)


def read_rows(path: str, lines: Iterable[str], columns: Columns) -> Iterator[Document | InputError]:
    """Documents from a table's rows, read as they come; a row with no text is an error for that row only."""
    suffix = path.lower().rsplit(".", 1)[-1]
    if suffix in ("csv", "tsv"):
        reader = csv.DictReader(lines, delimiter="\t" if suffix == "tsv" else ",")
        header = reader.fieldnames or []
        rows: Iterator[dict] = reader
    else:
        rows, header = _json_rows(path, lines)
    cols = columns.resolve(list(header), path)
    for n, row in enumerate(rows, start=1):
        if isinstance(row, InputError):
            yield row
            continue
        if not isinstance(row, dict):
            yield InputError(f"{path}: row {n} is not an object")
            continue
        body = _cell(row, cols.text)
        ext = _cell(row, cols.id)
        where = f"{path}#{ext or n}"
        if not body or not body.strip():
            yield InputError(f"{where}: no text in column {cols.text!r}")
            continue
        meta = {k: _cell(row, getattr(cols, k)) for k in ("title", "outlet", "date", "url")}
        raw = json.dumps({"text": body, "id": ext, **meta}, ensure_ascii=False, sort_keys=True).encode()
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
            kind="text",
        )


def _cell(row: dict, column: str | None) -> str | None:
    if column is None:
        return None
    value = row.get(column)
    if value is None:
        return None
    return str(value).strip() or None


def _json_rows(path: str, lines: Iterable[str]) -> tuple[Iterator, list[str]]:
    """JSON lines one at a time (a line that is not JSON is a bad row; the header is guessed from the
    first 50), or a JSON array, which has to be parsed whole."""
    if path.lower().endswith((".jsonl", ".ndjson")):
        items = _json_lines(path, lines)
    else:
        try:
            data = json.loads("".join(lines))
        except json.JSONDecodeError as e:
            raise InputError(f"{path}: not JSON ({e.msg} at line {e.lineno})") from None
        items = iter(data if isinstance(data, list) else [data])
    head = list(islice(items, 50))
    header: list[str] = []
    for item in head:
        if isinstance(item, dict):
            header.extend(k for k in item if k not in header)
    return chain(head, items), header


def _json_lines(path: str, lines: Iterable[str]) -> Iterator:
    for n, line in enumerate(lines, start=1):
        if line.strip():
            try:
                yield json.loads(line)
            except json.JSONDecodeError as e:
                yield InputError(f"{path}: line {n} is not JSON ({e.msg})")
