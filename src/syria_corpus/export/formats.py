"""Writing rows in the formats sqlite-utils users know: csv, tsv, json, nl (JSON lines) and a rich table."""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..display import visible
from ..errors import CorpusError, OutputError

FORMATS = ("table", "csv", "tsv", "json", "nl", "geojson")
BINARY_FORMATS = ("xlsx", "parquet")
SHORT_CELL = 16  # characters: ids (16 hex), ISO dates, counts
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may run as a formula


@contextmanager
def output_file(path: Path, database: Path | None = None, *, binary: bool = False) -> Iterator[TextIO]:
    """A file written beside `path` and renamed into place only when complete, so a failed export
    leaves what was there before; `-` is standard output. The database itself (or its journal files) is never a target."""
    mode, text = ("wb", {}) if binary else ("w", {"encoding": "utf-8", "newline": ""})
    if str(path) == "-":  # `-o -`: standard output, as `-` means for every Unix tool
        yield sys.stdout.buffer if binary else sys.stdout
        return
    if database is not None and _same_file(path, database):
        raise CorpusError(f"{path}: that is the corpus database; choose another output file")
    target = Path(path)
    if target.is_file() and not (os.access(target, os.W_OK) and target.stat().st_mode & 0o222):
        raise OutputError(f"{path}: cannot write (the file is read-only); nothing was changed there")
    if target.exists() and not target.is_file():  # a device or a pipe (/dev/stdout): written as it is
        try:
            with target.open(mode, **text) as f:
                yield f
        except OSError as e:
            raise OutputError(f"{path}: cannot write ({e.strerror or e})") from None
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as e:
        raise OutputError(f"{path}: cannot write ({e.strerror or e})") from None
    try:
        with os.fdopen(fd, mode, **text) as f:
            yield f
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write ({e.strerror or e}); nothing was changed there") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _same_file(path: Path, database: Path) -> bool:
    db = Path(database)
    for candidate in (db, *(db.with_name(db.name + s) for s in ("-wal", "-shm", "-journal"))):
        if Path(path).resolve() == candidate.resolve():
            return True
        try:
            if Path(path).exists() and candidate.exists() and os.path.samefile(path, candidate):
                return True
        except OSError:
            continue
    return False


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def plain(value: object) -> object:
    """A cell's value as a file holds it: a list or an object as JSON text, styled text as its words."""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value.plain if isinstance(value, Text) else value


def _cell(value: object) -> str:
    return "" if value is None else str(plain(value))


def with_columns(rows: Iterable[dict], columns: list[str] | None) -> tuple[list[str], Iterator[dict]]:
    """The columns to write (the first row's keys unless given) and every row, the first one included."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return columns or [], iter(())
    return columns or list(first), chain([first], rows)


def _whole(column: str) -> bool:
    """An id or a date: never cut, never wrapped."""
    return column == "id" or column.endswith(("_id", "date", "published"))


def _fit(columns: list[str], cells: list[list[Text]], width: int) -> list[int]:
    """Column widths that fit the terminal: ids and dates whole; the others share what is left fairly (a
    column shorter than its share keeps its width, the longer ones split the rest), cut with an ellipsis."""
    longest = [max([len(c), *(row[i].cell_len for row in cells)]) for i, c in enumerate(columns)]
    whole = {i for i, c in enumerate(columns) if _whole(c)}
    room = width - 3 * (len(columns) - 1) - sum(longest[i] for i in whole)
    widths = list(longest)
    rest = sorted((i for i in range(len(columns)) if i not in whole), key=lambda i: longest[i])
    for k, i in enumerate(rest):
        widths[i] = max(3, min(longest[i], room // (len(rest) - k)))
        room -= widths[i]
    return widths


def defuse(value: object) -> object:
    """A text cell a spreadsheet would run as a formula (`=HYPERLINK(...)`, `@SUM(...)`) made inert with
    a leading apostrophe; anything else as it is."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def write_rows(
    rows: Iterable[dict],
    fmt: str,
    out: TextIO,
    *,
    columns: list[str] | None = None,
    title: str | None = None,
    safe_formulas: bool = False,
    wide: bool = False,
    width: int | None = None,
) -> int:
    """Write rows to `out`, streaming (a table excepted: it needs every row to size its columns);
    returns how many were written. `safe_formulas` defuses CSV and TSV cells a spreadsheet would run.
    A table fits its terminal (or `width`): short columns such as ids whole on one line, long text cut
    with an ellipsis; `wide` shows every cell whole, wrapped."""
    columns, everything = with_columns(rows, columns)
    n = 0
    if fmt in ("csv", "tsv"):
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        plain = (str, int, float, type(None))  # the csv module writes these as they are
        for r in everything:
            cells = [v if isinstance(v, plain) else _cell(v) for v in map(r.get, columns)]
            writer.writerow(map(defuse, cells) if safe_formulas else cells)
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
    elif fmt == "geojson":
        out.write('{"type": "FeatureCollection", "features": [')
        for r in everything:
            if r.get("lat") is None or r.get("lon") is None:
                continue
            point = {"type": "Point", "coordinates": [r["lon"], r["lat"]]}
            properties = {c: r.get(c) for c in columns if c not in ("lat", "lon")}
            feature = {"type": "Feature", "geometry": point, "properties": properties}
            out.write(("," if n else "") + "\n  " + json.dumps(feature, ensure_ascii=False))
            n += 1
        out.write("\n]}\n" if n else "]}\n")
    elif fmt == "table":
        cells = [
            [v if isinstance(v := r.get(c), Text) else Text(visible(_cell(v))) for c in columns] for r in everything
        ]
        console = Console(file=out, width=width or (None if out.isatty() else 200), emoji=False)
        table = Table(
            title=Text(visible(title)) if title else None,
            header_style="bold",
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
        )
        widths = _fit(columns, cells, console.width)
        for i, c in enumerate(columns):
            if _whole(c):
                table.add_column(c, no_wrap=True, min_width=widths[i])
            elif wide:
                table.add_column(c, overflow="fold")
            else:
                table.add_column(c, width=widths[i], no_wrap=True, overflow="ellipsis")
        for row in cells:
            table.add_row(*row)
        n = len(cells)
        console.print(table)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return n
