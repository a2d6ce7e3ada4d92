"""The `syria-corpus` command: a thin shell over the library. Each command parses options, calls one
library function and formats its result."""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import sqlite3
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from . import curation, queries
from .cli_options import ALL_FILTERS, ARTICLE_FILTERS, filter_options
from .errors import CorpusError, OutputError, StoreError
from .export import output_file, write_rows
from .filters import NO_FILTERS, Filters, choose
from .read import printable, shown
from .search_syntax import SYNTAX
from .store import explain_error, open_db, open_readonly, refresh_summaries

if TYPE_CHECKING:
    from .ingest import DocumentResult

app = typer.Typer(
    help="Who said what, about whom, where and when: a SQLite corpus of news about the war in Syria.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)

CsvOpt = Annotated[bool, typer.Option("--csv", help="Output CSV.")]
TsvOpt = Annotated[bool, typer.Option("--tsv", help="Output TSV.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Output a JSON array.")]
ObjectJsonOpt = Annotated[bool, typer.Option("--json", help="Output a JSON object.")]
NlOpt = Annotated[bool, typer.Option("--nl", help="Output newline-delimited JSON.")]
TableOpt = Annotated[bool, typer.Option("--table", help="Output a table (the default in a terminal).")]
OutOpt = Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file instead of standard output.")]
SafeOpt = Annotated[
    bool,
    typer.Option(
        "--safe-formulas", help="CSV/TSV: prefix cells starting with = + - @ with ' so spreadsheets do not run them."
    ),
]
LimitOpt = Annotated[int | None, typer.Option("--limit", "-n", help="At most this many rows.")]
ExactOpt = Annotated[
    bool, typer.Option("--exact", help="Search for the names as written, not for every spelling the corpus knows.")
]


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[red]Error:[/red] {printable(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def handle_errors(fn):
    """Every failure a user can meet is one line on stderr, never a traceback, with an exit status by
    kind: 1 bad input or usage, 4 the database, 5 the operating system, 130 Ctrl-C. A closed pipe
    (`| head`) ends the command quietly."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except CorpusError as e:
            _fail(str(e), e.exit_code)
        except sqlite3.Error as e:
            ctx = kwargs.get("ctx")
            _fail(str(explain_error(str(ctx.obj["db"]) if ctx else "the database", e)), StoreError.exit_code)
        except BrokenPipeError:  # `syria-corpus quotes | head`: the reader has all it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None
        except OSError as e:
            where = f"{shown(e.filename)}: " if e.filename else ""
            _fail(f"{where}{e.strerror or e}", OutputError.exit_code)
        except KeyboardInterrupt:
            _fail("interrupted; every article stored so far is complete", 130)

    return wrapper


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[Path, typer.Option("--db", envvar="SYRIA_CORPUS_DB", help="The corpus database.")] = Path(
        "corpus.db"
    ),
    wide: Annotated[
        bool, typer.Option("--wide", help="Tables: every cell whole, wrapped, not cut to the terminal's width.")
    ] = False,
) -> None:
    ctx.obj = {"db": db, "wide": wide}


def _format(
    csv: bool, tsv: bool, json_: bool, nl: bool, table: bool, default: str | None = None, safe: bool = False
) -> str:
    chosen = [name for name, on in (("csv", csv), ("tsv", tsv), ("json", json_), ("nl", nl), ("table", table)) if on]
    if len(chosen) > 1:
        _fail(f"choose one output format, not {' and '.join('--' + c for c in chosen)}")
    fmt = chosen[0] if chosen else default or ("table" if sys.stdout.isatty() else "json")
    if safe and fmt not in ("csv", "tsv"):
        _fail("--safe-formulas is for --csv and --tsv output")
    return fmt


@contextmanager
def _output(ctx: typer.Context, path: Path | None):
    if path is None:
        yield sys.stdout
        return
    with output_file(path, ctx.obj["db"]) as f:
        yield f


def _emit(
    ctx: typer.Context,
    rows,
    fmt: str,
    output: Path | None,
    columns: list[str] | None = None,
    title: str | None = None,
    safe: bool = False,
) -> None:
    with _output(ctx, output) as out:
        write_rows(rows, fmt, out, columns=columns, title=title, safe_formulas=safe, wide=ctx.obj.get("wide", False))


def _reader(ctx: typer.Context):
    return open_readonly(ctx.obj["db"])


def _writer(ctx: typer.Context):
    return open_db(ctx.obj["db"], create=False)


def _progress_bar(disable: bool):
    """The ingest progress bar (rich.progress loads only for ingest)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn

    class Rate(ProgressColumn):
        """Documents per second."""

        def render(self, task) -> Text:
            return Text(f"{task.speed:.1f} docs/s" if task.speed else "", style="cyan")

    return Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), Rate(), TimeRemainingColumn(),
        TextColumn("{task.description}"), console=err, disable=disable, transient=True,
    )  # fmt: skip


@app.command("upgrade")
@handle_errors
def upgrade_cmd(ctx: typer.Context) -> None:
    """Bring a corpus made by an older syria-corpus to this version (queries never change a database)."""
    from .store import upgrade

    applied = upgrade(ctx.obj["db"])
    what = f"upgraded ({', '.join(applied)})" if applied else "already up to date"
    err.print(f"{shown(ctx.obj['db'])}: {what}", highlight=False, soft_wrap=True)


@app.command("ingest")
@handle_errors
def ingest_cmd(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files and folders: .txt, .html, .csv, .tsv, .jsonl, .json.")],
    model: Annotated[
        str | None, typer.Option("--model", envvar="SYRIA_CORPUS_MODEL", help="spaCy model to use.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Re-extract documents already stored.")] = False,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=0, help="Processes for the NLP step (0: in this process).")
    ] = 1,
    glob: Annotated[
        str | None, typer.Option("--glob", help="Only files in folders matching this, e.g. '*.html'.")
    ] = None,
    text_column: Annotated[
        str | None, typer.Option("--text-column", help="Table column with the article text.")
    ] = None,
    title_column: Annotated[str | None, typer.Option("--title-column")] = None,
    id_column: Annotated[str | None, typer.Option("--id-column", help="Kept as the article's external_id.")] = None,
    outlet_column: Annotated[str | None, typer.Option("--outlet-column")] = None,
    date_column: Annotated[str | None, typer.Option("--date-column")] = None,
    url_column: Annotated[str | None, typer.Option("--url-column")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
) -> None:
    """Read documents, extract quotes, people, places and organisations, and store them."""
    from .ingest import ingest  # spaCy loads only for the command that needs it
    from .tables import Columns

    columns = Columns(text_column, title_column, id_column, outlet_column, date_column, url_column)
    progress = _progress_bar(disable=quiet or not err.is_terminal)
    task = None

    def on_start(total: int | None) -> None:
        nonlocal task
        task = progress.add_task("", total=total)

    def on_document(r: DocumentResult) -> None:
        progress.update(task, advance=1, description=Path(r.path).name)

    with progress:
        summary = ingest(
            ctx.obj["db"], paths, model=model, force=force, columns=columns, glob=glob, workers=workers,
            on_start=on_start, on_document=on_document,
        )  # fmt: skip
    for w in summary.warnings:
        err.print(f"[yellow]Warning:[/yellow] {printable(w)}", highlight=False, soft_wrap=True)
    statuses = ("added", "replaced", "unchanged", "failed")
    counts = ", ".join(f"{summary.count(s)} {s}" for s in statuses if summary.count(s))
    if not quiet and summary.total > summary.KEPT:
        err.print(f"Ingested into {shown(ctx.obj['db'])}: {counts}", highlight=False, soft_wrap=True)
    elif not quiet:
        rows = [
            {"path": r.path, "status": r.status, "article": r.article_id, "quotes": r.quotes, "people": r.people,
             "places": r.places, "orgs": r.orgs}
            for r in summary.results
        ]  # fmt: skip
        write_rows(rows, "table", sys.stdout, title=f"Ingested into {shown(ctx.obj['db'])}: {counts}")
    if failed := summary.count("failed"):
        _fail(f"{failed} of {summary.total} documents could not be ingested (warnings above); the rest are stored", 3)


@app.command()
@handle_errors
def stats(
    ctx: typer.Context,
    csv: CsvOpt = False, tsv: TsvOpt = False, json_: JsonOpt = False, nl: NlOpt = False, table: TableOpt = False,
    output: OutOpt = None, safe: SafeOpt = False,
) -> None:  # fmt: skip
    """Counts of articles, quotes, speakers, people, places and organisations, and articles per outlet."""
    result = queries.stats(_reader(ctx))
    fmt = _format(csv, tsv, json_, nl, table, safe=safe)
    if fmt == "json":
        with _output(ctx, output) as out:
            out.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        return
    rows = [{"what": k, "count": v} for k, v in result.items() if k != "outlets"]
    rows += [{"what": f"outlet: {k}", "count": v} for k, v in result["outlets"].items()]
    _emit(ctx, rows, fmt, output, title="Corpus", safe=safe)


@app.command()
@handle_errors
@filter_options(*ARTICLE_FILTERS)
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help=f"What to find in article titles and bodies: {SYNTAX}.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="At most this many articles; 0 for all.")] = 20,
    exact: ExactOpt = False,
    csv: CsvOpt = False, tsv: TsvOpt = False, json_: JsonOpt = False, nl: NlOpt = False, table: TableOpt = False,
    output: OutOpt = None, safe: SafeOpt = False, filters: Filters = NO_FILTERS,
) -> None:  # fmt: skip
    """Full-text search over articles, best match first, with the hit highlighted in a snippet. SQLite FTS5
    syntax: "a phrase", OR, AND, NOT, prefix*, NEAR(a b, 10), brackets, title:word. A name the corpus knows
    stands for all its spellings (`Khan Shaykhun` also finds `Khan Sheikhoun`) unless --exact."""
    rows = queries.search(_reader(ctx), query, limit=limit or None, exact=exact, filters=filters)
    fmt = _format(csv, tsv, json_, nl, table, safe=safe)
    if fmt == "table":
        for r in rows:
            r["snippet"] = _highlight(r["snippet"])
    _emit(ctx, rows, fmt, output, title=f"Articles matching {query!r}", safe=safe)


@app.command("timeline")
@handle_errors
@filter_options(*ALL_FILTERS)
def timeline_cmd(
    ctx: typer.Context,
    query: Annotated[str | None, typer.Argument(help="Full-text search, as `search` takes it (optional).")] = None,
    count: Annotated[str, typer.Option("--count", help="What to count: articles, quotes or mentions.")] = "articles",
    by: Annotated[str, typer.Option("--by", help="Period: day, week, month or year.")] = "month",
    speaker: Annotated[str | None, typer.Option("--speaker", help="Count this speaker's quotes.")] = None,
    by_outlet: Annotated[bool, typer.Option("--by-outlet", help="One count per outlet in each period.")] = False,
    exact: ExactOpt = False,
    csv: CsvOpt = False, tsv: TsvOpt = False, json_: JsonOpt = False, nl: NlOpt = False, table: TableOpt = False,
    output: OutOpt = None, safe: SafeOpt = False, filters: Filters = NO_FILTERS,
) -> None:  # fmt: skip
    """Counts of articles, quotes or mentions per day, week, month or year, as a bar chart in a terminal:
    `timeline "Khan Sheikhoun" --by day --since 2017-04`, `timeline --count quotes --speaker Lavrov --by year`,
    `timeline --count mentions --place Aleppo --by-outlet`."""
    from .timeline import Counted, Unit, timeline

    what = choose(Counted, "quotes" if speaker and count == "articles" else count, "count")
    result = timeline(
        _reader(ctx), what, choose(Unit, by, "period"), query=query, speaker=speaker, by_outlet=by_outlet,
        exact=exact, filters=filters,
    )  # fmt: skip
    fmt = _format(csv, tsv, json_, nl, table, safe=safe)
    title = f"{what.value} per {by.lower()}" + (f" ({result.undated} undated left out)" if result.undated else "")
    rows = result.rows
    if fmt == "table":
        widest = max((r["count"] for r in rows), default=1)
        for r in rows:
            r["bar"] = "\u2588" * max(1, round(30 * r["count"] / widest))
    elif result.undated:  # a row with no period, so that an export never hides them
        rows = [*rows, dict.fromkeys(rows[0] if rows else ["period"]) | {"count": result.undated}]
    _emit(ctx, rows, fmt, output, title=title, safe=safe)


@app.command("sources")
@handle_errors
@filter_options(*ALL_FILTERS)
def sources_cmd(
    ctx: typer.Context,
    top: Annotated[int, typer.Option("--top", min=1, help="Speakers per outlet.")] = 10,
    csv: CsvOpt = False, tsv: TsvOpt = False, json_: JsonOpt = False, nl: NlOpt = False, table: TableOpt = False,
    output: OutOpt = None, safe: SafeOpt = False, filters: Filters = NO_FILTERS,
) -> None:  # fmt: skip
    """Whom each outlet quotes: its most-quoted speakers, with counts and shares of the outlet's quotes
    (`sources --place Aleppo --since 2016`)."""
    from .sources import sources

    rows = sources(_reader(ctx), top=top, filters=filters)
    _emit(ctx, rows, _format(csv, tsv, json_, nl, table, safe=safe), output, title="Who each outlet quotes", safe=safe)


@app.command("kwic")
@handle_errors
@filter_options(*ALL_FILTERS)
def kwic_cmd(
    ctx: typer.Context,
    phrase: Annotated[str, typer.Argument(help="A word or phrase (a known name also in its other spellings).")],
    width: Annotated[int, typer.Option("--width", "-w", min=5, help="Characters of context either side.")] = 40,
    in_quotes: Annotated[bool, typer.Option("--quotes", help="Look in quotes, not in article bodies.")] = False,
    exact: ExactOpt = False,
    limit: LimitOpt = None,
    csv: CsvOpt = False, tsv: TsvOpt = False, json_: JsonOpt = False, nl: NlOpt = False, table: TableOpt = False,
    output: OutOpt = None, safe: SafeOpt = False, filters: Filters = NO_FILTERS,
) -> None:  # fmt: skip
    """Keyword in context: each occurrence with the text either side and its article id, outlet and date
    (`kwic "chlorine" --since 2016 --outlet reuters`, `kwic "Khan Shaykhun" --quotes`)."""
    from itertools import islice

    from .kwic import kwic

    lines = kwic(_reader(ctx), phrase, width=width, in_quotes=in_quotes, exact=exact, filters=filters)
    rows = list(islice(lines, limit)) if limit else list(lines)
    fmt = _format(csv, tsv, json_, nl, table, safe=safe)
    if fmt == "table":
        for r in rows:
            r["keyword"] = Text(r["keyword"], style="bold yellow")
    _emit(ctx, rows, fmt, output, title=f"{len(rows)} occurrences of {phrase!r}", safe=safe)


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
    from .network import GraphFormat, Kind, build, write

    fmt = GraphFormat.of(output)
    graph = build(_reader(ctx), choose(Kind, kind, "network kind"), top=top, filters=filters)
    with output_file(output, ctx.obj["db"], binary=True) as f:
        write(graph, f, fmt)
    err.print(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges written to {output}", highlight=False)


def _highlight(snippet: str) -> Text:
    text = Text()
    for i, part in enumerate(re.split(f"[{queries.HIT_START}{queries.HIT_END}]", snippet)):
        text.append(part, style="bold yellow" if i % 2 else None)
    return text


@app.command("quotes")
@handle_errors
@filter_options(*ALL_FILTERS)
def quotes_cmd(
    ctx: typer.Context,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Speaker name, surname or any alias.")] = None,
    contains: Annotated[str | None, typer.Option("--contains", help="Text the quote contains.")] = None,
    about: Annotated[
        str | None, typer.Option("--about", help="What to find in quotes: full-text search, as `search` takes it.")
    ] = None,
    exact: ExactOpt = False,
    article: Annotated[str | None, typer.Option("--article", help="Article id (or its prefix).")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="direct or indirect.")] = None,
    limit: LimitOpt = None,
    csv: CsvOpt = False, tsv: TsvOpt = False, json_: JsonOpt = False, nl: NlOpt = False, table: TableOpt = False,
    output: OutOpt = None, safe: SafeOpt = False, filters: Filters = NO_FILTERS,
) -> None:  # fmt: skip
    """Quotes with their speakers, cues, kinds and confidence."""
    rows = queries.quotes(
        _reader(ctx), speaker=speaker, contains=contains, about=about, article=article, kind=kind, limit=limit,
        exact=exact, filters=filters,
    )  # fmt: skip
    fmt = _format(csv, tsv, json_, nl, table, safe=safe)
    columns = None
    if fmt == "table":  # at 80 columns the text needs the room; a wider terminal also shows kind and confidence
        roomy = shutil.get_terminal_size().columns >= 120
        columns = ["article_id", "date", "outlet", "speaker", *(["kind"] if roomy else []), "text"]
        columns += ["confidence"] if roomy else []
    _emit(ctx, rows, fmt, output, columns=columns or queries.QUOTE_COLUMNS, title=f"{len(rows)} quotes", safe=safe)


def _entity_command(name: str, fn, doc: str, filters_: tuple[str, ...] = ARTICLE_FILTERS) -> None:
    @handle_errors
    @filter_options(*filters_)
    def command(
        ctx: typer.Context,
        limit: LimitOpt = None,
        csv: CsvOpt = False, tsv: TsvOpt = False, json_: JsonOpt = False, nl: NlOpt = False, table: TableOpt = False,
        output: OutOpt = None, safe: SafeOpt = False, filters: Filters = NO_FILTERS,
    ) -> None:  # fmt: skip
        rows = fn(_reader(ctx), limit=limit, filters=filters)
        _emit(ctx, rows, _format(csv, tsv, json_, nl, table, safe=safe), output, title=name, safe=safe)

    command.__doc__ = doc
    app.command(name)(command)


_entity_command("people", queries.people, "People with their aliases, roles and mention counts.")
_entity_command(
    "speakers", queries.speakers, "Who is quoted: quote counts, outlets and mean confidence per speaker.", ALL_FILTERS
)


@app.command("places")
@handle_errors
@filter_options(*(f for f in ARTICLE_FILTERS if f != "governorate"))
def places_cmd(
    ctx: typer.Context,
    country: Annotated[str | None, typer.Option("--country", help="ISO country code, e.g. SY.")] = None,
    governorate: Annotated[str | None, typer.Option("--governorate", help="Syrian governorate, e.g. Idlib.")] = None,
    limit: LimitOpt = None,
    csv: CsvOpt = False, tsv: TsvOpt = False, json_: JsonOpt = False, nl: NlOpt = False, table: TableOpt = False,
    output: OutOpt = None, safe: SafeOpt = False, filters: Filters = NO_FILTERS,
) -> None:  # fmt: skip
    """Places with country, governorate, coordinates and mention counts (--governorate: places in it)."""
    rows = queries.places(_reader(ctx), limit=limit, country=country, governorate=governorate, filters=filters)
    _emit(ctx, rows, _format(csv, tsv, json_, nl, table, safe=safe), output, title="places", safe=safe)


_entity_command("orgs", queries.orgs, "Organisations with their aliases and mention counts.")


@app.command()
@handle_errors
def show(
    ctx: typer.Context,
    article: Annotated[str, typer.Argument(help="Article id, id prefix or ingested path.")],
    json_: ObjectJsonOpt = False,
) -> None:
    """One article with its quotes, people, places, organisations, related headlines and tags."""
    result = queries.show(_reader(ctx), article)
    if json_:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    a = result["article"]
    out = Console(highlight=False)
    out.rule(f"[bold]{escape(a['title'] or a['id'])}")
    stamp = f"{a['outlet'] or 'unknown outlet'} · {a['published'] or 'undated'} · {a['path']} · id {a['id']}"
    out.print(f"[dim]{escape(stamp)}")
    out.print(a["body"], soft_wrap=True, markup=False)  # `further [poisoned] an already …` is text, not a style
    for key, cols in (
        ("quotes", ["speaker", "kind", "cue", "text", "confidence"]),
        ("people", ["name", "role", "mentions"]),
        ("places", ["name", "country", "governorate", "mentions", "metonym"]),
        ("organisations", ["name", "mentions"]),
    ):
        if result[key]:
            write_rows(result[key], "table", sys.stdout, columns=cols, title=key.capitalize())
    for key in ("related_headlines", "tags"):
        if result[key]:
            out.print(f"[bold]{key.replace('_', ' ').capitalize()}:[/bold] " + escape(" · ".join(result[key])))


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
    from itertools import chain

    from .workbooks import write_parquet, write_xlsx

    if output is None:
        _fail(f"--{fmt} writes a file: name it with -o FILE")
    rows = iter(rows)
    first = next(rows, None)
    columns = columns or (list(first) if first else [])
    everything = chain([first], rows) if first is not None else iter(())
    with output_file(output, ctx.obj["db"], binary=True) as f:
        if fmt == "xlsx":
            write_xlsx(everything, f, columns, sheet)
        else:
            write_parquet(everything, f, columns)


def _profile(result: dict, json_: bool, sections: list[tuple[str, list[str] | None]], heading: str, facts: str) -> None:
    if json_:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    out = Console(highlight=False)
    out.rule(f"[bold]{heading}")
    out.print(facts, soft_wrap=True)
    for key, cols in sections:
        value = result[key]
        if isinstance(value, dict):
            value = [{"name": k, "articles": v} for k, v in value.items()]
        if value:
            write_rows(value, "table", sys.stdout, columns=cols, title=key.replace("_", " ").capitalize())


@app.command()
@handle_errors
def person(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name, surname or alias.")],
    json_: ObjectJsonOpt = False,
) -> None:
    """A person's profile: aliases, roles over time, quotes, outlets, who and where they appear with."""
    p = queries.person_profile(_reader(ctx), name)
    facts = f"[dim]id {p['id']}[/dim]\nAliases: {', '.join(p['aliases']) or '—'}"
    sections = [
        ("roles", ["role", "articles", "first", "last", "undated"]),
        ("quotes", ["kind", "cue", "text", "outlet", "published", "confidence"]),
        ("outlets", None),
        ("co_mentioned_people", None),
        ("co_mentioned_places", None),
    ]
    _profile(p, json_, sections, p["person"], facts)


@app.command()
@handle_errors
def place(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Place name in any spelling the corpus has.")],
    json_: ObjectJsonOpt = False,
) -> None:
    """A place's profile: coordinates, governorate, articles, people quoted in them."""
    p = queries.place_profile(_reader(ctx), name)
    where = ", ".join(str(x) for x in (p["kind"], p["governorate"], p["country"]) if x)
    coords = f"{p['lat']:.4f} N, {p['lon']:.4f} E" if p["lat"] is not None else "no coordinates"
    if p["geo_precision"] and p["geo_precision"] != "point":
        coords += f" (located to its {p['geo_precision']})"
    facts = f"{where} · {coords}\nAliases: {', '.join(p['aliases']) or '—'}"
    if p["alternatives"]:
        facts += f"\nAlso the name of: {', '.join(p['alternatives'])}"
    _profile(p, json_, [("articles", None), ("people_quoted", None)], p["place"], facts)


alias_app = typer.Typer(help="Aliases you give entities; applied again on every ingest.", no_args_is_help=True)
entity_app = typer.Typer(
    help="Correct entities; corrections are kept and applied again on every ingest.", no_args_is_help=True
)
curation_app = typer.Typer(help="Share corrections: export them to a JSON file, import a team's.", no_args_is_help=True)
app.add_typer(alias_app, name="alias")
app.add_typer(entity_app, name="entity")
app.add_typer(curation_app, name="curation")
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Show what would change; change nothing.")]


def _report(ctx: typer.Context, what: str, change: curation.Change) -> None:
    """Say what a correction changed, and bring the speaker summary up to date with it."""
    e = change.entity
    err.print(f"{what} {e['name']} ({e['id']}); {change.describe()}", highlight=False, soft_wrap=True)
    refresh_summaries(_writer(ctx))


@alias_app.command("add")
@handle_errors
def alias_add(
    ctx: typer.Context,
    alias: Annotated[str, typer.Argument(help="The other name, e.g. Assad.")],
    name: Annotated[str, typer.Argument(help="The entity it names, e.g. 'Bashar al-Assad'.")],
    dry_run: DryRunOpt = False,
) -> None:
    """Make ALIAS a name of NAME (an entity already called ALIAS is merged into NAME)."""
    _report(ctx, f"{alias!r} names", curation.add_alias(_writer(ctx), alias, name, dry_run))


@alias_app.command("remove")
@handle_errors
def alias_remove(
    ctx: typer.Context,
    alias: Annotated[str, typer.Argument(help="The alias to take back.")],
    name: Annotated[str, typer.Argument(help="The entity that has it.")],
    dry_run: DryRunOpt = False,
) -> None:
    """Take ALIAS away from NAME, now and on every later ingest."""
    _report(ctx, f"{alias!r} no longer names", curation.remove_alias(_writer(ctx), alias, name, dry_run))


@app.command()
@handle_errors
def merge(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="The entity to merge away.")],
    target: Annotated[str, typer.Argument(help="The entity it is the same as.")],
    dry_run: DryRunOpt = False,
) -> None:
    """Merge SOURCE into TARGET: mentions, quotes and aliases move; SOURCE's name becomes an alias."""
    _report(ctx, f"merged {source!r} into", curation.merge(_writer(ctx), source, target, dry_run))


@app.command()
@handle_errors
def unmerge(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="The entity that was merged away (its old name or id).")],
    target: Annotated[str, typer.Argument(help="The entity it was merged into.")],
    dry_run: DryRunOpt = False,
) -> None:
    """Undo a merge: SOURCE comes back with the mentions, quotes and aliases it had."""
    _report(ctx, "restored", curation.unmerge(_writer(ctx), source, target, dry_run))


@entity_app.command("rename")
@handle_errors
def entity_rename(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(help="Current name (or alias, or id).")],
    new: Annotated[str, typer.Argument(help="New canonical name.")],
    dry_run: DryRunOpt = False,
) -> None:
    """Give an entity a new canonical name; the old one stays as an alias."""
    _report(ctx, f"renamed {old!r} to", curation.rename(_writer(ctx), old, new, dry_run))


@entity_app.command("retype")
@handle_errors
def entity_retype(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name, alias or id.")],
    type_: Annotated[str, typer.Argument(metavar="TYPE", help="person, org or place.")],
    dry_run: DryRunOpt = False,
) -> None:
    """Make an entity a person, an organisation or a place."""
    _report(ctx, f"now a {type_.lower()}:", curation.retype(_writer(ctx), name, type_, dry_run))


@entity_app.command("delete")
@handle_errors
def entity_delete(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name, alias or id.")],
    dry_run: DryRunOpt = False,
) -> None:
    """Delete an entity that is not one; its quotes stay, unattributed; later ingests do not bring it back."""
    _report(ctx, "deleted", curation.delete(_writer(ctx), name, dry_run))


@curation_app.command("export")
@handle_errors
def curation_export(ctx: typer.Context, output: OutOpt = None) -> None:
    """Every correction, in order, as JSON (keep it under version control, share it with a team)."""
    with _output(ctx, output) as out:
        out.write(json.dumps(curation.export_curation(_reader(ctx)), indent=2, ensure_ascii=False) + "\n")


@curation_app.command("import")
@handle_errors
def curation_import(
    ctx: typer.Context, path: Annotated[Path, typer.Argument(help="A file written by `curation export`.")]
) -> None:
    """Apply a file of corrections; those whose entities this corpus lacks wait for a later ingest."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        _fail(f"{path}: not a readable corrections file ({e})")
    if not isinstance(records, list):
        _fail(f"{path}: not a corrections file (expected a JSON list)")
    applied, later = curation.import_curation(db := _writer(ctx), records)
    refresh_summaries(db)
    err.print(f"{applied} corrections applied, {later} kept for entities not in this corpus yet", highlight=False)
