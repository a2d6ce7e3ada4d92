"""The Datasette plugin `serve` installs: the article and search pages (`pages`), links from every row to
its article, the SQL functions the stored queries use, a read-only guard and error pages without
internals."""

from __future__ import annotations

import re
import sqlite3
import sys
import traceback

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from ..limits import SERVE_RESPONSE_BYTES, SERVE_VALUE_BYTES
from .pages import ARTICLE_PAGE, SEARCH_PAGE, article_page, error_page, search_page, url_quote


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    """No value one query builds may pass SERVE_VALUE_BYTES (`zeroblob(400000000)` fails at once)."""
    conn.create_function("url_quote", 1, url_quote, deterministic=True)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, SERVE_VALUE_BYTES)


@hookimpl
def render_cell(value: object, column: str, table: str | None) -> Markup | None:
    """Every article id, wherever it is shown, opens the article page."""
    if column == "article_id" or (table == "articles" and column == "id"):
        label = value.get("label") if isinstance(value, dict) else None
        aid = value.get("value") if isinstance(value, dict) else value
        if isinstance(aid, str):
            return Markup(f'<a href="{ARTICLE_PAGE}{escape(url_quote(aid))}">{escape(label or aid)}</a>')
    return None


@hookimpl
def asgi_wrapper():
    """The corpus is served to be read: a request that could change anything is refused before Datasette
    sees it (the database is opened immutable as well), and no response grows past SERVE_RESPONSE_BYTES:
    the rest of a larger one is cut off."""

    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] == "http" and scope["method"] not in ("GET", "HEAD", "OPTIONS"):
                body = b"405: this corpus is served read-only\n"
                headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"allow", b"GET, HEAD, OPTIONS")]
                await send({"type": "http.response.start", "status": 405, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
            sent = 0

            async def capped(message):
                nonlocal sent
                if message["type"] == "http.response.body":
                    if sent >= SERVE_RESPONSE_BYTES:
                        return
                    body = message.get("body", b"")[: SERVE_RESPONSE_BYTES - sent]
                    sent += len(body)
                    more = message.get("more_body", False) and sent < SERVE_RESPONSE_BYTES
                    message = {**message, "body": body, "more_body": more}
                await send(message)

            await app(scope, receive, capped)

        return read_only

    return wrap


_PATH = re.compile(r"(?<![\w.:])/(?:[\w.-]+/)+[\w.-]*")


@hookimpl
def handle_exception(datasette, request, exception: Exception):
    """Replaces Datasette's error page (`serve` unregisters it): that one prints a traceback with rich,
    which fails outside an `except` block, so the error page itself failed; and a server error's message
    can name files. A page says what went wrong in one line, never where."""
    from datasette.utils.asgi import Base400
    from datasette.views.base import DatasetteError

    async def page() -> Response:
        if isinstance(exception, Base400 | DatasetteError):
            status = exception.status
            message = exception.args[0] if isinstance(exception, Base400) else exception.message
        else:
            status, message = 500, f"the server failed to answer ({type(exception).__name__})"
            traceback.print_exception(exception, file=sys.stderr)
        message = _PATH.sub("…", str(message))
        if request.path.endswith(".json"):
            return Response.json({"ok": False, "error": message, "status": status}, status=status)
        return Response.html(await error_page(datasette, request, message, status), status=status)

    return page


@hookimpl
def menu_links(datasette) -> list[dict]:
    database = datasette.get_database()
    return [
        {"href": SEARCH_PAGE, "label": "Search the articles"},
        {"href": datasette.urls.path(f"/{database.name}/place_map"), "label": "Places on a map"},
        {"href": datasette.urls.path(f"/{database.name}/event_map"), "label": "Events on a map"},
    ]


@hookimpl
def register_routes() -> list:
    return [(r"^/-/articles/(?P<article_id>[^/]+)$", article_page), (r"^/-/search$", search_page)]
