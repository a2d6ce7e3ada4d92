"""`serve`: the corpus in a browser."""

from __future__ import annotations

from typing import Annotated

import typer

from ..display import for_console
from .common import app, err, handle_errors, warn


@app.command()
@handle_errors
def serve(
    ctx: typer.Context,
    port: Annotated[int, typer.Option("--port", "-p", help="Port to listen on.", min=1, max=65535)] = 8001,
    host: Annotated[
        str,
        typer.Option("--host", help="Address to listen on; anything but localhost shows the corpus to the network."),
    ] = "127.0.0.1",
    open_browser: Annotated[bool, typer.Option("--open", help="Open the home page in a browser.")] = False,
    tiles: Annotated[
        str | None,
        typer.Option(
            "--tiles",
            help="Map tile URL template ({z}/{x}/{y}), or 'none' to ask no tile server; markers show either way.",
        ),
    ] = None,
) -> None:
    """Browse the corpus in a browser (Datasette, read-only): facets, full-text search with the CLI's
    syntax, stored queries, maps of places and events, each article with its quotes highlighted.

    Example: syria-corpus serve --open   then   curl 'http://127.0.0.1:8001/corpus/quotes.json?outlet=sana'
    """
    from ..web.serve import network_warning, url_of
    from ..web.serve import serve as serve_corpus

    def ready() -> None:
        if warning := network_warning(host):
            warn(warning)
        err.print(
            for_console(f"Serving {ctx.obj['db']} at {url_of(host, port)} (Ctrl-C to stop)"),
            highlight=False,
            soft_wrap=True,
        )

    serve_corpus(ctx.obj["db"], host=host, port=port, open_browser=open_browser, tiles=tiles, on_ready=ready)
