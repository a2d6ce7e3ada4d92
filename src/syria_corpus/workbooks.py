"""Exports for analysts' tools: an Excel workbook (openpyxl, written row by row) and Parquet (pyarrow,
written in batches), both streaming so that a million rows keep memory flat. Lists and objects become
JSON text; dates become dates; a text cell is always text, never a formula."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from itertools import islice
from typing import BinaryIO

from .errors import CorpusError

BATCH = 20_000
DATE_COLUMNS = frozenset({"date"})
_EXTRA = "pip install 'syria-corpus[exports]'"


def _module(name: str, fmt: str):
    try:
        return __import__(name, fromlist=["_"])
    except ImportError:
        raise CorpusError(f"--{fmt} needs {name.split('.')[0]}: {_EXTRA}") from None


def _plain(value: object) -> object:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return getattr(value, "plain", value)  # rich Text


def write_xlsx(rows: Iterable[dict], out: BinaryIO, columns: list[str], sheet: str) -> int:
    """One sheet named after the table, its header frozen; `date` cells are dates, text stays text."""
    openpyxl = _module("openpyxl", "xlsx")
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet(sheet[:31])
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for c in columns:
        cell = WriteOnlyCell(ws, value=c)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    n = 0
    for r in rows:
        cells = []
        for c in columns:
            value = _plain(r.get(c))
            if c in DATE_COLUMNS and isinstance(value, str):
                cell = WriteOnlyCell(ws, value=dt.date.fromisoformat(value))
                cell.number_format = "yyyy-mm-dd"
            else:
                cell = WriteOnlyCell(ws, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # `=HYPERLINK(…)` in a quote is text, not a formula
            cells.append(cell)
        ws.append(cells)
        n += 1
    book.save(out)
    return n


def write_parquet(rows: Iterable[dict], out: BinaryIO, columns: list[str]) -> int:
    """Columns typed from what they hold (text, integer, real, date), written a batch at a time."""
    pa = _module("pyarrow", "parquet")
    pq = _module("pyarrow.parquet", "parquet")
    rows = iter(rows)
    writer, schema, n = None, None, 0
    while batch := list(islice(rows, BATCH)):
        data = {c: [_plain(r.get(c)) for r in batch] for c in columns}
        for c in DATE_COLUMNS & set(columns):
            data[c] = [dt.date.fromisoformat(v) if isinstance(v, str) else None for v in data[c]]
        if schema is None:
            schema = pa.schema([(c, _arrow_type(pa, data[c])) for c in columns])
            writer = pq.ParquetWriter(out, schema)
        for field in schema:
            if field.type == pa.string():
                data[field.name] = [v if v is None or isinstance(v, str) else str(v) for v in data[field.name]]
        writer.write_table(pa.table(data, schema=schema))
        n += len(batch)
    if writer is None:
        writer = pq.ParquetWriter(out, pa.schema([(c, pa.string()) for c in columns]))
    writer.close()
    return n


def _arrow_type(pa, values: list):
    """The type of a column by its first batch: a column of ints and floats is real, one of dates a date."""
    kinds = {type(v) for v in values if v is not None}
    if kinds == {dt.date}:
        return pa.date32()
    if kinds and kinds <= {int, bool}:
        return pa.int64()
    if kinds and kinds <= {int, float}:
        return pa.float64()
    return pa.string()
