"""Commands that write whole tables and networks to files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..display import for_console
from ..export.formats import output_file, with_columns
from ..limits import MAX_ROWS
from ..query import queries
from ..query.event_rows import EVENT_COLUMNS, all_events
from ..query.filters import NO_FILTERS, Filters, choose
from .common import _emit, _fail, _reader, app, err, handle_errors, warn
from .options import ALL_FILTERS, DEFAULT_OUTPUT, TEXT_FORMATS, Output, filter_options, output_options


@app.command("network")
@handle_errors
@filter_options(*ALL_FILTERS)
def network_cmd(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("-o", "--output", help="The file: .graphml or .gexf (for Gephi).")],
    kind: Annotated[
        str, typer.Option("--kind", help="cooccurrence (who is named with whom) or quotes (who quotes whom).")
    ] = "cooccurrence",
    top: Annotated[
        int, typer.Option("--top", min=2, max=MAX_ROWS, help="cooccurrence: people and organisations kept.")
    ] = 200,
    filters: Filters = NO_FILTERS,
) -> None:
    """A network for Gephi: people and organisations linked by the articles they share, or outlets linked
    to the speakers they quote (`network -o quotes.gexf --kind quotes --since 2016`)."""
    from ..query.network import GraphFormat, Kind, build, write

    fmt = GraphFormat.of(output)
    graph = build(_reader(ctx), choose(Kind, kind, "network kind"), top=top, filters=filters)
    with output_file(output, ctx.obj["db"], binary=True) as f:
        write(graph, f, fmt)
    err.print(
        for_console(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges written to {output}"),
        highlight=False,
    )


@app.command("export")
@handle_errors
@output_options(default="csv", formats=(*TEXT_FORMATS, "xlsx", "parquet", "geojson"))
@filter_options(*ALL_FILTERS)
def export_cmd(
    ctx: typer.Context,
    table_name: Annotated[str, typer.Argument(metavar="TABLE", help="quotes, events, people, places, orgs, articles or mentions.")],
    filters: Filters = NO_FILTERS, out: Output = DEFAULT_OUTPUT,
) -> None:  # fmt: skip
    """Export a whole table (CSV unless another format is chosen), or what passes the filters. Every
    format streams: a million quotes keep memory flat."""
    exports = {"quotes": queries.EXPORTS["quotes"], "events": all_events} | queries.EXPORTS
    if table_name not in exports:
        _fail(f"no table {table_name!r}: choose one of {', '.join(exports)}")
    if table_name != "quotes":
        filters.refuse_quote_filters("export quotes with them")
    if out.format == "geojson" and table_name != "places":
        _fail("--geojson exports places: export places --geojson")
    rows = exports[table_name](_reader(ctx), filters=filters)
    columns = {"quotes": queries.QUOTE_COLUMNS, "events": EVENT_COLUMNS}.get(table_name)
    if out.format in ("xlsx", "parquet"):
        _export_binary(ctx, rows, out.format, out.path, columns, table_name)
        return
    _emit(ctx, rows, out, columns=columns)


def _export_binary(ctx: typer.Context, rows, fmt: str, output: Path | None, columns: list[str] | None, sheet: str):
    from ..export.workbooks import write_parquet, write_xlsx

    if output is None:
        _fail(f"--{fmt} writes a file: name it with -o FILE")
    columns, everything = with_columns(rows, columns)
    with output_file(output, ctx.obj["db"], binary=True) as f:
        if fmt == "xlsx" and (cut := write_xlsx(everything, f, columns, sheet).cut):
            warn(
                f"{cut} cell{'s' if cut > 1 else ''} longer than Excel's 32,767 characters cut and ending in '…'; "
                "--csv or --parquet keeps them whole"
            )
        else:
            write_parquet(everything, f, columns)
