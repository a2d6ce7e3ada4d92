"""The Datasette plugin `serve` installs: an article page with its quotes highlighted and its entities
linked, a search page with the CLI's syntax and highlighted hits, links from every row to its article,
and the SQL functions the stored queries use."""

from __future__ import annotations

import re
import sqlite3
import sys
import traceback
from urllib.parse import quote

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from .. import queries
from ..errors import CorpusError
from ..store.connect import Reader
from .marks import HIT, highlighted, marked, mention_spans, quote_spans

ARTICLE_PAGE = "/-/articles/"
SEARCH_PAGE = "/-/search"


def _url_quote(value: object) -> str | None:
    return None if value is None else quote(str(value), safe="")


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function("url_quote", 1, _url_quote, deterministic=True)


@hookimpl
def render_cell(value: object, column: str, table: str | None) -> Markup | None:
    """Every article id, wherever it is shown, opens the article page."""
    if column == "article_id" or (table == "articles" and column == "id"):
        label = value.get("label") if isinstance(value, dict) else None
        aid = value.get("value") if isinstance(value, dict) else value
        if isinstance(aid, str):
            return Markup(f'<a href="{ARTICLE_PAGE}{escape(_url_quote(aid))}">{escape(label or aid)}</a>')
    return None


@hookimpl
def asgi_wrapper():
    """The corpus is served to be read: a request that could change anything is refused before Datasette
    sees it (the database is opened immutable as well)."""

    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] == "http" and scope["method"] not in ("GET", "HEAD", "OPTIONS"):
                body = b"405: this corpus is served read-only\n"
                headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"allow", b"GET, HEAD, OPTIONS")]
                await send({"type": "http.response.start", "status": 405, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
            await app(scope, receive, send)

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
        return Response.html(await _error(datasette, request, message, status), status=status)

    return page


@hookimpl
def menu_links(datasette) -> list[dict]:
    database = _database(datasette)
    return [
        {"href": SEARCH_PAGE, "label": "Search the articles"},
        {"href": datasette.urls.path(f"/{database.name}/place_map"), "label": "Places on a map"},
        {"href": datasette.urls.path(f"/{database.name}/event_map"), "label": "Events on a map"},
    ]


@hookimpl
def register_routes() -> list:
    return [(r"^/-/articles/(?P<article_id>[^/]+)$", article_page), (r"^/-/search$", search_page)]


def _database(datasette):
    return datasette.get_database()


async def article_page(datasette, request) -> Response:
    """The article: its facts, then its body with each quote marked (speaker on hover) and each mention
    linking to its entity's row."""
    database = _database(datasette)
    article_id = request.url_vars["article_id"]

    def read(conn: sqlite3.Connection) -> dict:
        db = Reader(conn)
        shown = queries.show(db, article_id)
        shown["mentions"] = queries.body_mentions(db, shown["article"]["id"])
        return shown

    try:
        shown = await database.execute_fn(read)
    except CorpusError as e:
        return Response.html(await _error(datasette, request, str(e), 404), status=404)
    art = shown["article"]

    def entity_url(entity_id: str) -> str:
        return datasette.urls.row(database.name, "entities", _url_quote(entity_id))

    spans = quote_spans(shown["quotes"]) + mention_spans(shown["mentions"], entity_url)
    body = Markup(marked(art["body"] or "", spans))
    return Response.html(
        await datasette.render_template(
            "syria_article.html",
            {"article": art, "body": body, "shown": shown, "database": database.name},
            request=request,
        )
    )


async def search_page(datasette, request) -> Response:
    """Full-text search with the CLI's syntax, each known name standing for all its spellings; a query
    FTS5 cannot take is one line saying what is wrong."""
    database = _database(datasette)
    q = request.args.get("q", "").strip()
    rows, error = [], None
    if q:
        try:
            rows = await database.execute_fn(lambda conn: queries.search(Reader(conn), q, limit=100, marks=HIT))
        except CorpusError as e:
            error = str(e)
    for row in rows:
        row["snippet"] = Markup(highlighted(row["snippet"]))
    return Response.html(
        await datasette.render_template(
            "syria_search.html",
            {"q": q, "rows": rows, "error": error, "database": database.name, "article_page": ARTICLE_PAGE},
            request=request,
        ),
        status=400 if error else 200,
    )


async def _error(datasette, request, message: str, status: int) -> str:
    return await datasette.render_template(
        "error.html", {"ok": False, "error": message, "status": status, "title": None}, request=request
    )
