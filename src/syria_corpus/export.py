"""Writing rows in the formats sqlite-utils users know: csv, tsv, json, nl (JSON lines) and a rich table."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
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
    """Write rows to `out`; returns how many were written."""
    rows = list(rows)
    if columns is None:
        columns = list(rows[0]) if rows else []
    if fmt in ("csv", "tsv"):
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_cell(r.get(c)) for c in columns] for r in rows)
    elif fmt == "json":
        out.write(json.dumps([{c: r.get(c) for c in columns} for r in rows], ensure_ascii=False, indent=2) + "\n")
    elif fmt == "nl":
        for r in rows:
            out.write(json.dumps({c: r.get(c) for c in columns}, ensure_ascii=False) + "\n")
    elif fmt == "table":
        table = Table(title=title, show_lines=False, header_style="bold")
        for c in columns:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*(v if isinstance(v := r.get(c), Text) else Text(_cell(v)) for c in columns))
        Console(file=out, width=None if out.isatty() else 200).print(table)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return len(rows)
