"""Commands that answer questions: stats, search, quotes, speakers, entities, profiles, timeline, sources, kwic."""

from __future__ import annotations

import json
import re
import shutil
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from ..display import for_console, visible
from ..errors import NotFound
from ..export.formats import write_rows
from ..limits import CONTEXT_CHARS, MAX_COUNT, MAX_ROWS
from ..query import queries
from ..query.filters import NO_FILTERS, Filters, choose
from ..query.search_syntax import SYNTAX
from ..query.suggest import person_miss, speaker_miss
from .common import (
    ExactOpt,
    LimitOpt,
    ObjectJsonOpt,
    _emit,
    _output,
    _reader,
    app,
    handle_errors,
    note,
)
from .options import ALL_FILTERS, ARTICLE_FILTERS, DEFAULT_OUTPUT, Output, filter_options, output_options


@app.command()
@handle_errors
@output_options(json_help="Output a JSON object.")
def stats(ctx: typer.Context, out: Output = DEFAULT_OUTPUT) -> None:
    """Counts of articles, quotes, speakers, people, places and organisations, and articles per outlet."""
    result = queries.stats(_reader(ctx))
    if out.format == "json":
        with _output(ctx, out.path) as f:
            f.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        return
    rows = [{"what": k, "count": v} for k, v in result.items() if k != "outlets"]
    rows += [{"what": f"outlet: {k}", "count": v} for k, v in result["outlets"].items()]
    _emit(ctx, rows, out, title="Corpus")


@app.command()
@handle_errors
@output_options()
@filter_options(*ARTICLE_FILTERS)
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help=f"What to find in article titles and bodies: {SYNTAX}.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, max=MAX_ROWS, help="At most this many articles; 0 for all.")] = 20,
    exact: ExactOpt = False,
    filters: Filters = NO_FILTERS, out: Output = DEFAULT_OUTPUT,
) -> None:  # fmt: skip
    """Full-text search over articles, best match first, with the hit highlighted in a snippet. SQLite FTS5
    syntax: "a phrase", OR, AND, NOT, prefix*, NEAR(a b, 10), brackets, title:word. A name the corpus knows
    stands for all its spellings (`Khan Shaykhun` also finds `Khan Sheikhoun`) unless --exact."""
    rows = queries.search(_reader(ctx), query, limit=limit or None, exact=exact, filters=filters)
    if out.format == "table":
        for r in rows:
            r["snippet"] = _highlight(r["snippet"])
    _emit(ctx, rows, out, title=f"Articles matching {query!r}")


@app.command("timeline")
@handle_errors
@output_options()
@filter_options(*ALL_FILTERS)
def timeline_cmd(
    ctx: typer.Context,
    query: Annotated[str | None, typer.Argument(help="Full-text search, as `search` takes it (optional).")] = None,
    count: Annotated[str, typer.Option("--count", help="What to count: articles, quotes, mentions or events.")] = "articles",
    events: Annotated[bool, typer.Option("--events", help="Count events on their own day (--count events).")] = False,
    by: Annotated[str, typer.Option("--by", help="Period: day, week, month or year.")] = "month",
    speaker: Annotated[str | None, typer.Option("--speaker", help="Count this speaker's quotes.")] = None,
    by_outlet: Annotated[bool, typer.Option("--by-outlet", help="One count per outlet in each period.")] = False,
    exact: ExactOpt = False,
    filters: Filters = NO_FILTERS, out: Output = DEFAULT_OUTPUT,
) -> None:  # fmt: skip
    """Counts of articles, quotes or mentions per day, week, month or year, as a bar chart in a terminal:
    `timeline "Khan Sheikhoun" --by day --since 2017-04`, `timeline --count quotes --speaker Lavrov --by year`,
    `timeline --count mentions --place Aleppo --by-outlet`."""
    from ..query.timeline import Counted, Unit, timeline

    if events:
        count = "events"
    what = choose(Counted, "quotes" if speaker and count == "articles" else count, "count")
    db = _reader(ctx)
    result = timeline(
        db, what, choose(Unit, by, "period"), query=query, speaker=speaker, by_outlet=by_outlet, exact=exact,
        filters=filters,
    )  # fmt: skip
    if speaker and not result.rows and not result.undated:
        note(speaker_miss(db, speaker))
    title = f"{what.value} per {by.lower()}" + (f" ({result.undated} undated left out)" if result.undated else "")
    rows = result.rows
    if out.format == "table":
        widest = max((r["count"] for r in rows), default=1)
        for r in rows:
            r["bar"] = "\u2588" * max(1, round(30 * r["count"] / widest))
    elif result.undated:  # a row with no period, so that an export never hides them
        rows = [*rows, dict.fromkeys(rows[0] if rows else ["period"]) | {"count": result.undated}]
    _emit(ctx, rows, out, title=title)


@app.command("sources")
@handle_errors
@output_options()
@filter_options(*ALL_FILTERS)
def sources_cmd(
    ctx: typer.Context,
    top: Annotated[int, typer.Option("--top", min=1, max=MAX_ROWS, help="Speakers per outlet.")] = 10,
    filters: Filters = NO_FILTERS, out: Output = DEFAULT_OUTPUT,
) -> None:  # fmt: skip
    """Whom each outlet quotes: its most-quoted speakers, with counts and shares of the outlet's quotes
    (`sources --place Aleppo --since 2016`)."""
    from ..query.sources import sources

    rows = sources(_reader(ctx), top=top, filters=filters)
    _emit(ctx, rows, out, title="Who each outlet quotes")


@app.command("kwic")
@handle_errors
@output_options()
@filter_options(*ALL_FILTERS)
def kwic_cmd(
    ctx: typer.Context,
    phrase: Annotated[str, typer.Argument(help="A word or phrase (a known name also in its other spellings).")],
    width: Annotated[int, typer.Option("--width", "-w", min=5, max=CONTEXT_CHARS, help="Characters of context either side.")] = 40,
    in_quotes: Annotated[bool, typer.Option("--quotes", help="Look in quotes, not in article bodies.")] = False,
    exact: ExactOpt = False,
    limit: LimitOpt = None,
    filters: Filters = NO_FILTERS, out: Output = DEFAULT_OUTPUT,
) -> None:  # fmt: skip
    """Keyword in context: each occurrence with the text either side and its article id, outlet and date
    (`kwic "chlorine" --since 2016 --outlet reuters`, `kwic "Khan Shaykhun" --quotes`)."""
    from itertools import islice

    from ..query.kwic import kwic

    lines = kwic(_reader(ctx), phrase, width=width, in_quotes=in_quotes, exact=exact, filters=filters)
    rows = list(islice(lines, limit)) if limit else list(lines)
    if out.format == "table":
        for r in rows:
            r["keyword"] = Text(r["keyword"], style="bold yellow")
    _emit(ctx, rows, out, title=f"{len(rows)} occurrences of {phrase!r}")


def _highlight(snippet: str) -> Text:
    text = Text()
    for i, part in enumerate(re.split(f"[{queries.HIT_START}{queries.HIT_END}]", snippet)):
        text.append(part, style="bold yellow" if i % 2 else None)
    return text


@app.command("quotes")
@handle_errors
@output_options()
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
    filters: Filters = NO_FILTERS, out: Output = DEFAULT_OUTPUT,
) -> None:  # fmt: skip
    """Quotes with their speakers, cues, kinds and confidence."""
    db = _reader(ctx)
    rows = queries.quotes(
        db, speaker=speaker, contains=contains, about=about, article=article, kind=kind, limit=limit, exact=exact,
        filters=filters,
    )  # fmt: skip
    if speaker and not rows:
        note(speaker_miss(db, speaker))
    columns = None
    if out.format == "table":  # at 80 columns the text needs the room; a wider terminal also shows kind and confidence
        roomy = shutil.get_terminal_size().columns >= 120
        columns = ["article_id", "date", "outlet", "speaker", *(["kind"] if roomy else []), "text"]
        columns += ["confidence"] if roomy else []
    _emit(ctx, rows, out, columns=columns or queries.QUOTE_COLUMNS, title=f"{len(rows)} quotes")


def _entity_command(name: str, fn, doc: str, filters_: tuple[str, ...] = ARTICLE_FILTERS) -> None:
    @handle_errors
    @output_options()
    @filter_options(*filters_)
    def command(
        ctx: typer.Context,
        limit: LimitOpt = None,
        filters: Filters = NO_FILTERS, out: Output = DEFAULT_OUTPUT,
    ) -> None:  # fmt: skip
        rows = fn(_reader(ctx), limit=limit, filters=filters)
        _emit(ctx, rows, out, title=name)

    command.__doc__ = doc
    app.command(name)(command)


_entity_command("people", queries.people, "People with their aliases, roles and mention counts.")
_entity_command(
    "speakers", queries.speakers, "Who is quoted: quote counts, outlets and mean confidence per speaker.", ALL_FILTERS
)


@app.command("places")
@handle_errors
@output_options()
@filter_options(*(f for f in ARTICLE_FILTERS if f != "governorate"))
def places_cmd(
    ctx: typer.Context,
    country: Annotated[str | None, typer.Option("--country", help="ISO country code, e.g. SY.")] = None,
    governorate: Annotated[str | None, typer.Option("--governorate", help="Syrian governorate, e.g. Idlib.")] = None,
    limit: LimitOpt = None,
    filters: Filters = NO_FILTERS, out: Output = DEFAULT_OUTPUT,
) -> None:  # fmt: skip
    """Places with country, governorate, coordinates and mention counts (--governorate: places in it)."""
    rows = queries.places(_reader(ctx), limit=limit, country=country, governorate=governorate, filters=filters)
    _emit(ctx, rows, out, title="places")


_entity_command("orgs", queries.orgs, "Organisations with their aliases and mention counts.")


@app.command("events")
@handle_errors
@output_options()
@filter_options(*ARTICLE_FILTERS)
def events_cmd(
    ctx: typer.Context,
    type_: Annotated[str | None, typer.Option("--type", help="airstrike, shelling, chemical, explosion, clash, shooting, execution, arrest, protest or other.")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="An actor category (government, opposition, isis, nusra, kurdish, coalition, turkey, israel, unknown) or words of the actor.")] = None,
    min_killed: Annotated[int | None, typer.Option("--min-killed", min=0, max=MAX_COUNT, help="Only events with at least this many killed.")] = None,
    main: Annotated[bool, typer.Option("--main", help="Only each article's main event.")] = False,
    matrix: Annotated[tuple[str, str] | None, typer.Option("--matrix", metavar="ROWS COLUMNS", help="A table instead: events per ROWS value (outlet, actor_category, type, governorate, year, claimant) with its median toll, counted by COLUMNS value, e.g. --matrix outlet actor_category.")] = None,
    limit: LimitOpt = None,
    filters: Filters = NO_FILTERS, out: Output = DEFAULT_OUTPUT,
) -> None:  # fmt: skip
    """Conflict events, oldest first: type, date, place, actor and its category, target, killed and wounded,
    who gives the toll (`events --type airstrike --governorate Idlib --since 2017-04 --min-killed 10`).
    --since, --until and --governorate are the event's own date and place."""
    from ..query.event_rows import events

    if matrix:
        from ..query.event_matrix import event_matrix

        chosen = {"type_": type_, "actor": actor, "min_killed": min_killed, "main_only": main}
        table = event_matrix(_reader(ctx), *matrix, filters=filters, **chosen)
        _emit(ctx, table[:limit] if limit else table, out, title=f"events by {matrix[0]} and {matrix[1]}")
        return
    rows = events(_reader(ctx), limit, type_=type_, actor=actor, min_killed=min_killed, main_only=main, filters=filters)
    columns = None
    if out.format == "table":
        rows = [r | {"date": r["date"] or r["date_partial"]} for r in rows]
        columns = [
            "event_id",
            "date",
            "type",
            "place",
            "actor_category",
            "actor",
            "killed_min",
            "wounded_min",
            "outlet",
            "article_id",
        ]
    _emit(ctx, rows, out, columns=columns, title=f"{len(rows)} events")


@app.command("event")
@handle_errors
@output_options()
def event_cmd(
    ctx: typer.Context,
    ref: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="An event id or event_cluster from `events`, an article id (its main event), or the first 4 or more characters of one.",
        ),
    ],
    out: Output = DEFAULT_OUTPUT,
) -> None:
    """One real event outlet by outlet: every report of it (same kind, same governorate, dates at most two
    days apart), with the date, the toll, who is blamed and who gives the figure — the disagreement in one table."""
    from ..query.event_rows import cluster

    rows = cluster(_reader(ctx), ref)
    columns = None
    if out.format == "table":
        rows = [r | {"date": r["date"] or r["date_partial"]} for r in rows]
        columns = [
            "outlet",
            "date",
            "type",
            "place",
            "killed_min",
            "killed_max",
            "actor_category",
            "actor",
            "claimant",
            "article_id",
        ]
    _emit(ctx, rows, out, columns=columns, title=f"{len(rows)} reports of one event")


@app.command()
@handle_errors
def show(
    ctx: typer.Context,
    article: Annotated[str, typer.Argument(help="Article id, id prefix or ingested path.")],
    json_: ObjectJsonOpt = False,
) -> None:
    """One article with its quotes, people, places, organisations, related headlines and tags."""
    result = queries.show(_reader(ctx), article)
    a = result["article"]
    stamp = f"{a['outlet'] or 'unknown outlet'} · {a['published'] or 'undated'} · {a['path']} · id {a['id']}"
    paged = ["page"] if any(q["page"] is not None for q in result["quotes"]) else []  # a PDF's: to cite it
    sections = [
        ("quotes", [*paged, "speaker", "kind", "cue", "text", "confidence"]),
        ("people", ["name", "role", "mentions"]),
        ("places", ["name", "country", "governorate", "mentions", "metonym"]),
        ("organisations", ["name", "mentions"]),
    ]
    out = _profile(
        result, json_, sections, for_console(a["title"] or a["id"]), f"[dim]{for_console(stamp)}", text=a["body"]
    )
    for key in ("related_headlines", "tags") if out is not None else ():
        if result[key]:
            out.print(f"[bold]{key.replace('_', ' ').capitalize()}:[/bold] " + for_console(" · ".join(result[key])))


def _profile(
    result: dict,
    json_: bool,
    sections: list[tuple[str, list[str] | None]],
    heading: str,
    facts: str,
    text: str | None = None,
) -> Console | None:
    """A record as JSON, or in a terminal: a heading, its facts, its text and a table per section (the
    console, for more lines after them)."""
    if json_:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return None
    out = Console(highlight=False, emoji=False)
    out.rule(f"[bold]{heading}")
    out.print(facts, soft_wrap=True)
    if text is not None:
        out.print(visible(text), soft_wrap=True, markup=False)  # `further [poisoned] an already …` is text, not a style
    for key, cols in sections:
        value = result[key]
        if isinstance(value, dict):
            value = [{"name": k, "articles": v} for k, v in value.items()]
        if value:
            write_rows(value, "table", sys.stdout, columns=cols, title=key.replace("_", " ").capitalize())
    return out


@app.command()
@handle_errors
def person(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name, surname or alias.")],
    json_: ObjectJsonOpt = False,
) -> None:
    """A person's profile: aliases, roles over time, quotes, outlets, who and where they appear with."""
    db = _reader(ctx)
    try:
        p = queries.person_profile(db, name)
    except NotFound:  # a name is no error: say who comes closest
        note(person_miss(db, name))
        return
    facts = f"[dim]id {for_console(p['id'])}[/dim]\nAliases: {for_console(', '.join(p['aliases']) or '—')}"
    sections = [
        ("roles", ["role", "articles", "first", "last", "undated"]),
        ("quotes", ["kind", "cue", "text", "outlet", "published", "confidence"]),
        ("outlets", None),
        ("co_mentioned_people", None),
        ("co_mentioned_places", None),
        ("events", None),
    ]
    _profile(p, json_, sections, for_console(p["person"]), facts)


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
    facts = for_console(f"{where} · {coords}\nAliases: {', '.join(p['aliases']) or '—'}")
    if p["alternatives"]:
        facts += for_console(f"\nAlso the name of: {', '.join(p['alternatives'])}")
    _profile(p, json_, [("articles", None), ("people_quoted", None), ("events", None)], for_console(p["place"]), facts)
