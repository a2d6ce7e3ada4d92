import csv
import datetime as dt
import io
import json
import sqlite3

import pytest
from typer.testing import CliRunner

from syria_corpus.cli import app

runner = CliRunner()


def cli(db, *args: str):
    result = runner.invoke(app, ["--db", str(db), *args])
    return result


def csv_rows(db, table: str) -> list[dict]:
    result = cli(db, "export", table, "--csv")
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    return str(value)


@pytest.mark.parametrize("table", ["quotes", "people", "places"])
def test_an_xlsx_export_holds_the_csv_rows_with_dates_as_dates(dated_corpus, tmp_path, table):
    import openpyxl

    out = tmp_path / f"{table}.xlsx"
    assert cli(dated_corpus, "export", table, "--xlsx", "-o", str(out)).exit_code == 0
    sheet = openpyxl.load_workbook(out)[table]
    assert sheet.freeze_panes == "A2"
    values = list(sheet.iter_rows(values_only=True))
    header, body = list(values[0]), values[1:]
    expected = csv_rows(dated_corpus, table)
    assert header == list(expected[0])
    assert [{h: as_text(v) for h, v in zip(header, row, strict=True)} for row in body] == expected
    if "date" in header:
        assert {type(row[header.index("date")]) for row in body} == {dt.datetime}


@pytest.mark.parametrize("table", ["quotes", "orgs", "mentions"])
def test_a_parquet_export_holds_the_csv_rows_in_typed_columns(dated_corpus, tmp_path, table):
    import pyarrow.parquet as pq

    out = tmp_path / f"{table}.parquet"
    assert cli(dated_corpus, "export", table, "--parquet", "-o", str(out)).exit_code == 0
    read = pq.read_table(out)
    expected = csv_rows(dated_corpus, table)
    assert read.column_names == list(expected[0])
    assert [{k: as_text(v) for k, v in row.items()} for row in read.to_pylist()] == expected
    if table == "quotes":
        assert (str(read.schema.field("date").type), str(read.schema.field("start").type)) == ("date32[day]", "int64")
        assert str(read.schema.field("confidence").type) == "double"


def test_places_as_geojson_points(dated_corpus):
    result = cli(dated_corpus, "export", "places", "--geojson")
    collection = json.loads(result.output)
    located = [r for r in csv_rows(dated_corpus, "places") if r["lat"]]
    assert [f["properties"]["name"] for f in collection["features"]] == [r["name"] for r in located]
    aleppo = collection["features"][0]
    assert (aleppo["geometry"], aleppo["properties"]["governorate"]) == (
        {"type": "Point", "coordinates": [37.16117, 36.20124]},
        "Aleppo",
    )


def test_a_text_cell_is_never_a_formula_in_a_workbook(tmp_path):
    import openpyxl

    from syria_corpus.export.workbooks import write_xlsx

    with (tmp_path / "t.xlsx").open("wb") as f:
        write_xlsx([{"text": '=HYPERLINK("http://x", "y")', "date": "2016-09-17"}], f, ["text", "date"], "quotes")
    (row,) = list(openpyxl.load_workbook(tmp_path / "t.xlsx")["quotes"].iter_rows(min_row=2, values_only=True))
    assert row == ('=HYPERLINK("http://x", "y")', dt.datetime(2016, 9, 17))
    cell = openpyxl.load_workbook(tmp_path / "t.xlsx")["quotes"]["A2"]
    assert cell.data_type == "s"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "quotes", "--xlsx"], "--xlsx writes a file: name it with -o FILE"),
        (["export", "quotes", "--geojson"], "--geojson exports places: export places --geojson"),
        (["export", "places", "--geojson", "--csv"], "choose one output format, not --csv and --geojson"),
    ],
)
def test_an_export_that_cannot_be_written_is_one_line(dated_corpus, args, message):
    result = cli(dated_corpus, *args)
    assert result.exit_code == 1
    assert result.output == f"Error: {message}\n"


def test_a_table_fits_80_columns_ids_whole_long_text_cut_and_wide_shows_all():
    from syria_corpus.export.formats import write_rows

    rows = [
        {"article_id": "00f0fdcb6c53229c", "date": "2013-10-02", "speaker": "Sergey Lavrov", "text": "word " * 40},
        {"article_id": "3897052a01a7e651", "date": "2016-08-15", "speaker": "Staffan de Mistura", "text": "short"},
    ]
    out = io.StringIO()
    write_rows(rows, "table", out, width=80)
    lines = out.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 80
    body = [line for line in lines if line.startswith(("00f0", "3897"))]
    assert len(body) == 2 and body[0].startswith("00f0fdcb6c53229c   2013-10-02   Sergey Lavrov ")
    assert body[0].rstrip().endswith("…") and body[1].rstrip().endswith("short")
    out = io.StringIO()
    write_rows(rows, "table", out, width=80, wide=True)
    text = out.getvalue()
    assert text.count("word") == 40 and "…" not in text and "00f0fdcb6c53229c" in text


def test_a_workbook_holds_wide_rows_escaped_text_and_numbers(tmp_path):
    import openpyxl

    from syria_corpus.export.workbooks import write_xlsx

    columns = [f"c{i}" for i in range(30)]
    row = {c: i for i, c in enumerate(columns)} | {"c1": "a < b & c > d\x07", "c27": None, "c29": 0.76}
    with (tmp_path / "w.xlsx").open("wb") as f:
        assert write_xlsx([row, row], f, columns, "wide").rows == 2
    values = list(openpyxl.load_workbook(tmp_path / "w.xlsx")["wide"].iter_rows(values_only=True))
    assert values[0] == tuple(columns)
    assert values[1] == values[2] == (0, "a < b & c > d", *range(2, 27), None, 28, 0.76)


def test_a_cell_past_excels_limit_is_cut_and_counted(tmp_path, fresh_db):
    import openpyxl

    from syria_corpus.export.workbooks import EXCEL_CELL, Written, write_xlsx

    rows = [{"text": "x" * 40_000}, {"text": "\U0001f600" * 20_000}, {"text": "y" * EXCEL_CELL}]
    with (tmp_path / "w.xlsx").open("wb") as f:
        assert write_xlsx(rows, f, ["text"], "long") == Written(rows=3, cut=2)
    cells = [
        row[0] for row in openpyxl.load_workbook(tmp_path / "w.xlsx")["long"].iter_rows(min_row=2, values_only=True)
    ]
    assert cells == ["x" * (EXCEL_CELL - 1) + "…", "\U0001f600" * ((EXCEL_CELL - 1) // 2) + "…", "y" * EXCEL_CELL]
    with sqlite3.connect(fresh_db) as conn:
        conn.execute("update articles set body = body || ? where rowid = 1", ["z" * EXCEL_CELL])
    out = tmp_path / "articles.xlsx"
    result = CliRunner().invoke(app, ["--db", str(fresh_db), "export", "articles", "--xlsx", "-o", str(out)])
    assert (result.exit_code, result.stderr) == (
        0,
        "Warning: 1 cell longer than Excel's 32,767 characters cut and ending in '…'; --csv or --parquet keeps them whole\n",
    )


@pytest.fixture(scope="module")
def event_dates(tmp_path_factory):
    """Events dated to the day, to a month (`1982-02`), and to a day of no known year (`--09-17`)."""
    from conftest import articles_csv
    from syria_corpus.ingest import ingest

    folder = tmp_path_factory.mktemp("event_dates")
    rows = [
        ("a", "sana", "2017-04-05", "Strike on Idlib", "An airstrike killed 20 people in Idlib on April 4, 2017, activists said."),
        ("b", "reuters", "2016-03-01", "Hama remembered", "Government shelling killed 2,000 people in Hama in February 1982, historians said."),
        ("c", "sana", "", "Deir ez-Zor strike", "An airstrike on September 17 killed 62 soldiers in Deir ez-Zor, the army said."),
    ]  # fmt: skip
    db = folder / "corpus.db"
    ingest(db, [articles_csv(folder, rows)], workers=0)
    return db


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "nl", "xlsx", "parquet"])
def test_events_export_in_every_format_with_a_date_column_of_dates(event_dates, tmp_path, fmt):
    """`date` is a whole day or empty, so every reader types it as a date; a partial date is beside it.
    Before: a traceback for XLSX and Parquet ('Invalid isoformat string: 1982-02'), text in the CSV."""
    import pandas as pd

    out = tmp_path / f"events.{fmt}"
    result = cli(event_dates, "export", "events", f"--{fmt}", "-o", str(out))
    assert (result.exit_code, result.output) == (0, "")
    if fmt in ("csv", "tsv"):
        frame = pd.read_csv(out, sep="," if fmt == "csv" else "\t", parse_dates=["date"])
    elif fmt in ("json", "nl"):
        frame = pd.read_json(out, lines=fmt == "nl", convert_dates=["date"])
    elif fmt == "xlsx":
        frame = pd.read_excel(out)
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        assert pq.read_schema(out).field("date").type == pa.date32()
        frame = pd.read_parquet(out).astype({"date": "datetime64[s]"})  # pandas holds a date32 as objects
    assert pd.api.types.is_datetime64_any_dtype(frame["date"]), frame["date"].dtype
    got = {
        r.external_id: (None if pd.isna(r.date) else r.date.strftime("%Y-%m-%d"), None if pd.isna(r.date_partial) else r.date_partial)
        for r in frame.itertuples()
    }  # fmt: skip
    assert got == {"a": ("2017-04-04", None), "b": (None, "1982-02"), "c": (None, "--09-17")}
    assert frame["main"].tolist() == [True, True, True] or fmt in ("csv", "tsv")


def test_dash_as_the_output_file_is_standard_output(dated_corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli(dated_corpus, "export", "quotes", "--csv", "-o", "-")
    assert result.exit_code == 0 and not (tmp_path / "-").exists()
    assert list(csv.DictReader(io.StringIO(result.stdout))) == csv_rows(dated_corpus, "quotes")
