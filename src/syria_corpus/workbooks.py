"""Exports for analysts' tools: an Excel workbook (XlsxWriter, written row by row) and Parquet (pyarrow,
written in batches), both streaming so that a million rows keep memory flat. Lists and objects become
JSON text; dates become dates; a text cell is always text, never a formula."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from itertools import islice
from typing import BinaryIO

from .errors import CorpusError

BATCH = 5_000
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
    """One sheet named after the table, its header frozen; `date` cells are dates, text stays text.
    XlsxWriter in constant-memory mode writes each row as it comes."""
    xlsxwriter = _module("xlsxwriter", "xlsx")
    options = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
               "strings_to_numbers": False, "in_memory": False}  # fmt: skip
    book = xlsxwriter.Workbook(out, options)
    ws = book.add_worksheet(sheet[:31])
    ws.freeze_panes(1, 0)
    ws.write_row(0, 0, columns, book.add_format({"bold": True}))
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    dates = [i for i, c in enumerate(columns) if c in DATE_COLUMNS]
    n = 0
    for n, r in enumerate(rows, start=1):
        for i, c in enumerate(columns):
            value = _plain(r.get(c))
            if value is None:
                continue
            if i in dates and isinstance(value, str):
                ws.write_datetime(n, i, dt.datetime.fromisoformat(value), date_format)
            elif isinstance(value, str):
                ws.write_string(n, i, value)  # `=HYPERLINK(…)` in a quote is text, not a formula
            else:
                ws.write_number(n, i, value)
    book.close()
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
