"""Commands that write whole tables and networks to files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .. import queries
from ..export import output_file, with_columns
from ..filters import NO_FILTERS, Filters, choose
from .common import (
    CsvOpt,
    JsonOpt,
    NlOpt,
    OutOpt,
    SafeOpt,
    TableOpt,
    TsvOpt,
    _emit,
    _fail,
    _format,
    _reader,
    app,
    err,
    handle_errors,
)
from .filter_options import ALL_FILTERS, filter_options


@app.command("network")
@handle_errors
@filter_options(*ALL_FILTERS)
def network_cmd(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("-o", "--output", help="The file: .graphml or .gexf (for Gephi).")],
    kind: Annotated[
        str, typer.Option("--kind", help="cooccurrence (who is named with whom) or quotes (who quotes whom).")
    ] = "cooccurrence",
    top: Annotated[int, typer.Option("--top", min=2, help="cooccurrence: people and organisations kept.")] = 200,
    filters: Filters = NO_FILTERS,
) -> None:
    """A network for Gephi: people and organisations linked by the articles they share, or outlets linked
    to the speakers they quote (`network -o quotes.gexf --kind quotes --since 2016`)."""
    from ..network import GraphFormat, Kind, build, write

    fmt = GraphFormat.of(output)
    graph = build(_reader(ctx), choose(Kind, kind, "network kind"), top=top, filters=filters)
    with output_file(output, ctx.obj["db"], binary=True) as f:
        write(graph, f, fmt)
    err.print(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges written to {output}", highlight=False)


@app.command("export")
@handle_errors
@filter_options(*ALL_FILTERS)
def export_cmd(
    ctx: typer.Context,
    table_name: Annotated[str, typer.Argument(metavar="TABLE", help="quotes, people, places, orgs, articles or mentions.")],
    csv: CsvOpt = False, tsv: TsvOpt = False, json_: JsonOpt = False, nl: NlOpt = False, table: TableOpt = False,
    xlsx: Annotated[bool, typer.Option("--xlsx", help="An Excel workbook (with -o): header frozen, dates as dates.")] = False,
    parquet: Annotated[bool, typer.Option("--parquet", help="A Parquet file (with -o), typed columns.")] = False,
    geojson: Annotated[bool, typer.Option("--geojson", help="places: GeoJSON points of those with coordinates.")] = False,
    output: OutOpt = None, safe: SafeOpt = False, filters: Filters = NO_FILTERS,
) -> None:  # fmt: skip
    """Export a whole table (CSV unless another format is chosen), or what passes the filters. Every
    format streams: a million quotes keep memory flat."""
    if table_name not in queries.EXPORTS:
        _fail(f"no table {table_name!r}: choose one of {', '.join(queries.EXPORTS)}")
    if table_name != "quotes" and filters.quotes()[0]:
        _fail("--speaker-type, --min-confidence and --max-confidence filter quotes: export quotes with them")
    if geojson and table_name != "places":
        _fail("--geojson exports places: export places --geojson")
    special = [name for name, on in (("xlsx", xlsx), ("parquet", parquet), ("geojson", geojson)) if on]
    if len(special) > 1 or special and any((csv, tsv, json_, nl, table)):
        _fail("choose one output format")
    rows = queries.EXPORTS[table_name](_reader(ctx), filters=filters)
    columns = queries.QUOTE_COLUMNS if table_name == "quotes" else None
    if special and special[0] != "geojson":
        _export_binary(ctx, rows, special[0], output, columns, table_name)
        return
    fmt = special[0] if special else _format(csv, tsv, json_, nl, table, default="csv", safe=safe)
    _emit(ctx, rows, fmt, output, columns=columns, safe=safe)


def _export_binary(ctx: typer.Context, rows, fmt: str, output: Path | None, columns: list[str] | None, sheet: str):
    from ..workbooks import write_parquet, write_xlsx

    if output is None:
        _fail(f"--{fmt} writes a file: name it with -o FILE")
    columns, everything = with_columns(rows, columns)
    with output_file(output, ctx.obj["db"], binary=True) as f:
        if fmt == "xlsx":
            write_xlsx(everything, f, columns, sheet)
        else:
            write_parquet(everything, f, columns)
