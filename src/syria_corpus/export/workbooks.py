"""Exports for analysts' tools: an Excel workbook (its XML written row by row) and Parquet (pyarrow,
written in batches), both streaming so that a million rows keep memory flat. Lists and objects become
JSON text; dates become dates; a text cell is always text, never a formula."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from typing import BinaryIO

from ..errors import CorpusError
from .formats import plain

BATCH = 5_000
DATE_COLUMNS = frozenset({"date"})
_EXTRA = "pip install 'syria-corpus[exports]'"


def _module(name: str, fmt: str):
    try:
        return __import__(name, fromlist=["_"])
    except ImportError:
        raise CorpusError(f"--{fmt} needs {name.split('.')[0]}: {_EXTRA}") from None


@dataclass
class Written:
    """What a workbook holds: its rows, and how many of its cells were cut to Excel's limit."""

    rows: int = 0
    cut: int = 0


def write_xlsx(rows: Iterable[dict], out: BinaryIO, columns: list[str], sheet: str) -> Written:
    """One sheet named after the table, its header frozen and bold; `date` cells are dates, text is
    always text (inline strings: never a formula), cut to the 32,767 characters Excel holds in a cell.
    The sheet's XML is written row by row into the zip, so memory stays flat; a writing library's
    per-cell objects would cost minutes for a million rows."""
    import zipfile

    written = Written()
    dates = [c in DATE_COLUMNS for c in columns]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        for name, xml in _XLSX_PARTS.items():
            book.writestr(name, xml.format(sheet=_text(sheet[:31])))
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(_SHEET_START)
            letters = [_column_letters(i) for i in range(len(columns))]
            f.write(
                (
                    '<row r="1">'
                    + "".join(
                        f'<c r="{x}1" t="inlineStr" s="2"><is><t>{_text(c)}</t></is></c>'
                        for x, c in zip(letters, columns, strict=True)
                    )
                    + "</row>"
                ).encode()
            )
            for r in rows:
                written.rows += 1
                at = str(written.rows + 1)
                cells = [
                    _cell(x + at, _fitted(plain(r.get(c)), written), is_date)
                    for x, c, is_date in zip(letters, columns, dates, strict=True)
                ]
                f.write((f'<row r="{at}">' + "".join(cells) + "</row>").encode())
            f.write(b"</sheetData></worksheet>")
    return written


EXCEL_CELL = 32_767  # characters (UTF-16 code units) Excel holds in one cell; it refuses a longer one


def _fitted(value: object, written: Written) -> object:
    """A text over Excel's limit, cut to it and ending in '…', and counted."""
    if not isinstance(value, str) or len(value) <= EXCEL_CELL // 2:
        return value
    units = value.encode("utf-16-le")
    if len(units) <= 2 * EXCEL_CELL:
        return value
    written.cut += 1
    return units[: 2 * (EXCEL_CELL - 1)].decode("utf-16-le", "ignore") + "…"  # "ignore": half a pair at the cut


_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EPOCH = dt.date(1899, 12, 30)


def _text(value: str) -> str:
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _ILLEGAL_XML.sub("", value) if _ILLEGAL_XML.search(value) else value


def _cell(ref: str, value: object, is_date: bool) -> str:
    if value is None:
        return ""
    if is_date and (day := _day(value)) is not None:
        return f'<c r="{ref}" s="1"><v>{(day - _EPOCH).days}</v></c>'
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{_text(str(value))}</t></is></c>'
    return f'<c r="{ref}"><v>{value!r}</v></c>'


def _column_letters(i: int) -> str:
    """`A` … `Z`, `AA` …: a column's name in a cell reference."""
    name = ""
    i += 1
    while i:
        i, rest = divmod(i - 1, 26)
        name = chr(65 + rest) + name
    return name


_SHEET_START = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
    b'state="frozen"/></sheetView></sheetViews><sheetData>'
)
_XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
        'Target="styles.xml"/></Relationships>'
    ),
    "xl/styles.xml": (  # style 1: a date (yyyy-mm-dd); style 2: bold, for the header
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    ),
}


def write_parquet(rows: Iterable[dict], out: BinaryIO, columns: list[str]) -> int:
    """Columns typed from what they hold (text, integer, real, date), written a batch at a time."""
    pa = _module("pyarrow", "parquet")
    pq = _module("pyarrow.parquet", "parquet")
    rows = iter(rows)
    writer, schema, n = None, None, 0
    while batch := list(islice(rows, BATCH)):
        data = {c: [plain(r.get(c)) for r in batch] for c in columns}
        for c in DATE_COLUMNS & set(columns):
            data[c] = [_day(v) for v in data[c]]
        if schema is None:
            schema = pa.schema([(c, _arrow_type(pa, data[c])) for c in columns])
            writer = pq.ParquetWriter(out, schema)
        for field in schema:
            data[field.name] = _fitted_to(pa, field.type, data[field.name])
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
    if kinds == {bool}:
        return pa.bool_()
    if kinds and kinds <= {int, bool}:
        return pa.int64()
    if kinds and kinds <= {int, float}:
        return pa.float64()
    return pa.string()


def _day(value: object) -> dt.date | None:
    """A `date` cell as a date: a whole day (a time of day dropped), else none; exports give a partial
    date a column of its own."""
    if isinstance(value, str) and _ISO_DAY.match(value):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?:$|T)")


def _fitted_to(pa, kind, values: list) -> list:
    """A later batch's values in the type the first batch gave the column: a whole number in a column of
    reals is real, true and false in a column of integers 1 and 0, anything in a text column its text."""
    if kind == pa.string():
        return [v if v is None or isinstance(v, str) else str(v) for v in values]
    if kind == pa.float64():
        return [float(v) if isinstance(v, int | float) else None for v in values]
    if kind == pa.int64():
        return [int(v) if isinstance(v, int) or (isinstance(v, float) and v.is_integer()) else None for v in values]
    if kind == pa.bool_():
        return [bool(v) if isinstance(v, int) else None for v in values]
    return values
