"""Writing rows in the formats sqlite-utils users know: csv, tsv, json, nl (JSON lines) and a rich table."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from itertools import chain
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

FORMATS = ("table", "csv", "tsv", "json", "nl")


def _cell(value: object) -> str:
    if isinstance(value, Text):
        return value.plain
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write_rows(
    rows: Iterable[dict], fmt: str, out: TextIO, *, columns: list[str] | None = None, title: str | None = None
) -> int:
    """Write rows to `out`, streaming (a table excepted: it needs every row to size its columns);
    returns how many were written."""
    rows = iter(rows)
    first = next(rows, None)
    if columns is None:
        columns = list(first) if first is not None else []
    everything = chain([first], rows) if first is not None else iter(())
    n = 0
    if fmt in ("csv", "tsv"):
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        plain = (str, int, float, type(None))  # the csv module writes these as they are
        for r in everything:
            writer.writerow([v if isinstance(v, plain) else _cell(v) for v in map(r.get, columns)])
            n += 1
    elif fmt == "json":
        out.write("[")
        for r in everything:
            out.write(("," if n else "") + "\n  " + json.dumps({c: r.get(c) for c in columns}, ensure_ascii=False))
            n += 1
        out.write("\n]\n" if n else "]\n")
    elif fmt == "nl":
        for r in everything:
            out.write(json.dumps({c: r.get(c) for c in columns}, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "table":
        table = Table(title=title, show_lines=False, header_style="bold")
        for c in columns:
            table.add_column(c, overflow="fold")
        for r in everything:
            table.add_row(*(v if isinstance(v := r.get(c), Text) else Text(_cell(v)) for c in columns))
            n += 1
        Console(file=out, width=None if out.isatty() else 200).print(table)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return n
