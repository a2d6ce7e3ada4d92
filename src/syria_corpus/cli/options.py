"""The options the query commands share, declared once, as sqlite-utils' `output_options` declares its
flags: `@filter_options(...)` adds filters and hands the command one `Filters` record; `@output_options()`
adds --csv, --tsv, --json, --nl, --table, -o and --safe-formulas and hands it one `Output` record."""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import CorpusError
from ..query.filters import DATE_FORMS, Filters, SpeakerType, choose

ARTICLE_FILTERS = ("since", "until", "outlet", "place", "governorate", "org", "person")
QUOTE_FILTERS = ("speaker_type", "min_confidence", "max_confidence")
ALL_FILTERS = ARTICLE_FILTERS + QUOTE_FILTERS

_OPTIONS: dict[str, Any] = {
    "since": Annotated[
        str | None, typer.Option("--since", help=f"Only articles dated on or after this: {DATE_FORMS}.")
    ],
    "until": Annotated[str | None, typer.Option("--until", help="Only articles dated on or before this.")],
    "outlet": Annotated[
        list[str] | None, typer.Option("--outlet", help="Only articles of this outlet (repeat for more).")
    ],
    "place": Annotated[
        str | None, typer.Option("--place", help="Only articles that mention this place, in any spelling.")
    ],
    "governorate": Annotated[
        str | None, typer.Option("--governorate", help="Only articles that mention a place in this governorate.")
    ],
    "org": Annotated[str | None, typer.Option("--org", help="Only articles that mention this organisation.")],
    "person": Annotated[str | None, typer.Option("--person", help="Only articles that mention this person.")],
    "speaker_type": Annotated[
        str | None,
        typer.Option(
            "--speaker-type", help=f"Only quotes of this kind of speaker: {', '.join(t.value for t in SpeakerType)}."
        ),
    ],
    "min_confidence": Annotated[
        float | None, typer.Option("--min-confidence", min=0.0, max=1.0, help="Only quotes at least this sure.")
    ],
    "max_confidence": Annotated[
        float | None, typer.Option("--max-confidence", min=0.0, max=1.0, help="Only quotes at most this sure.")
    ],
}


def _with_options(fn: Callable, record: str, options: dict[str, Any], make: Callable[..., Any]) -> Callable:
    """`fn` with `options` in place of its parameter `record`, which receives `make(**their values)`."""
    signature = inspect.signature(fn, eval_str=True)
    kept = [p for p in signature.parameters.values() if p.name != record]
    added = [
        inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=a) for n, a in options.items()
    ]

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        kwargs[record] = make(**{n: kwargs.pop(n, None) for n in options})
        return fn(*args, **kwargs)

    wrapper.__signature__ = signature.replace(parameters=kept + added)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in kept + added}
    return wrapper


def filter_options(*names: str) -> Callable:
    """Give a command the named filter options; it receives them as `filters: Filters`."""
    return lambda fn: _with_options(fn, "filters", {n: _OPTIONS[n] for n in names}, _filters)


def _filters(
    since: str | None = None,
    until: str | None = None,
    outlet: list[str] | None = None,
    speaker_type: str | None = None,
    **rest: Any,
) -> Filters:
    return Filters(
        since=since,
        until=until,
        outlets=tuple(outlet or ()),
        speaker_type=choose(SpeakerType, speaker_type, "speaker type") if speaker_type else None,
        **rest,
    )


@dataclass(frozen=True)
class Output:
    """Where and how a command writes its rows."""

    format: str  # csv, tsv, json, nl, table; xlsx, parquet, geojson where the command offers them
    path: Path | None = None
    safe: bool = False  # CSV/TSV: formulas made text


DEFAULT_OUTPUT = Output("table")  # what a command called without the decorator writes

_FORMATS = {
    "csv": "Output CSV.",
    "tsv": "Output TSV.",
    "json": "Output a JSON array.",
    "nl": "Output newline-delimited JSON.",
    "table": "Output a table (the default in a terminal).",
    "xlsx": "An Excel workbook (with -o): header frozen, dates as dates.",
    "parquet": "A Parquet file (with -o), typed columns.",
    "geojson": "places: GeoJSON points of those with coordinates.",
}
TEXT_FORMATS = ("csv", "tsv", "json", "nl", "table")


def output_options(
    *, default: str | None = None, formats: tuple[str, ...] = TEXT_FORMATS, json_help: str = ""
) -> Callable:
    """Give a command a flag per format, -o and --safe-formulas; it receives them as `out: Output`. With
    no flag the format is `default`, else a table in a terminal and JSON in a pipe."""
    options: dict[str, Any] = {
        f"as_{f}": Annotated[bool, typer.Option(f"--{f}", help=json_help if f == "json" and json_help else _FORMATS[f])]
        for f in formats
    }
    options["output"] = Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write to this file instead of standard output (`-`: standard output)."),
    ]
    if "csv" in formats:
        options["safe_formulas"] = Annotated[
            bool,
            typer.Option(
                "--safe-formulas",
                help="CSV/TSV: prefix cells starting with = + - @ with ' so spreadsheets do not run them.",
            ),
        ]

    def make(output: Path | None = None, safe_formulas: bool | None = None, **flags: bool | None) -> Output:
        chosen = [name.removeprefix("as_") for name, on in flags.items() if on]
        if len(chosen) > 1:
            raise CorpusError(f"choose one output format, not {' and '.join('--' + c for c in chosen)}")
        fmt = chosen[0] if chosen else default or ("table" if sys.stdout.isatty() else "json")
        if safe_formulas and fmt not in ("csv", "tsv"):
            raise CorpusError("--safe-formulas is for --csv and --tsv output")
        return Output(fmt, output, bool(safe_formulas))

    return lambda fn: _with_options(fn, "out", options, make)
