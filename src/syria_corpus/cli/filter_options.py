"""The filter options every query command shares, declared once: `@filter_options(...)` adds them to a
command and hands the command one `Filters` record, as sqlite-utils' `output_options` adds its flags."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any

import typer

from ..filters import DATE_FORMS, Filters, SpeakerType, choose

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


def filter_options(*names: str) -> Callable:
    """Give a command the named filter options; it receives them as `filters: Filters`."""

    def decorate(fn: Callable) -> Callable:
        signature = inspect.signature(fn, eval_str=True)
        kept = [p for p in signature.parameters.values() if p.name != "filters"]
        added = [
            inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=_OPTIONS[n]) for n in names
        ]

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            values = {n: kwargs.pop(n, None) for n in names}
            kwargs["filters"] = _filters(**values)
            return fn(*args, **kwargs)

        wrapper.__signature__ = signature.replace(parameters=kept + added)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in kept + added}
        return wrapper

    return decorate


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
