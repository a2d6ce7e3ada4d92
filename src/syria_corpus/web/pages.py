"""The pages the plugin adds: an article with its quotes highlighted and its entities linked, and search
with the CLI's syntax and highlighted hits. Each reads through the query module, as the CLI does."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import quote

from datasette.utils.asgi import Response
from markupsafe import Markup

from ..errors import CorpusError
from ..limits import SERVE_TIME_MS
from ..query import queries
from ..store.connect import Reader
from .marks import HIT, highlighted, marked, mention_spans, quote_spans

ARTICLE_PAGE = "/-/articles/"
SEARCH_PAGE = "/-/search"


T = TypeVar("T")


def within_time(read: Callable[[sqlite3.Connection], T]) -> Callable[[sqlite3.Connection], T]:
    """`read`, stopped by SQLite once it has run SERVE_TIME_MS: Datasette bounds its own SQL pages so, not
    the pages a plugin adds."""

    def bounded(conn: sqlite3.Connection) -> T:
        deadline = time.monotonic() + SERVE_TIME_MS / 1000
        conn.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
        try:
            return read(conn)
        except sqlite3.OperationalError as e:
            if "interrupted" not in str(e):
                raise
            raise CorpusError(
                f"this took longer than {SERVE_TIME_MS / 1000:g} s and was stopped; ask for less"
            ) from None
        finally:
            conn.set_progress_handler(None, 0)

    return bounded


def url_quote(value: object) -> str | None:
    return None if value is None else quote(str(value), safe="")


async def article_page(datasette, request) -> Response:
    """The article: its facts, then its body with each quote marked (speaker on hover) and each mention
    linking to its entity's row."""
    database = datasette.get_database()
    article_id = request.url_vars["article_id"]

    def read(conn: sqlite3.Connection) -> dict:
        db = Reader(conn)
        shown = queries.show(db, article_id)
        shown["mentions"] = queries.body_mentions(db, shown["article"]["id"])
        return shown

    try:
        shown = await database.execute_fn(within_time(read))
    except CorpusError as e:
        return Response.html(await error_page(datasette, request, str(e), 404), status=404)
    art = shown["article"]

    def entity_url(entity_id: str) -> str:
        return datasette.urls.row(database.name, "entities", url_quote(entity_id))

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
    database = datasette.get_database()
    q = request.args.get("q", "").strip()
    rows, error = [], None
    if q:
        try:
            rows = await database.execute_fn(
                within_time(lambda conn: queries.search(Reader(conn), q, limit=100, marks=HIT))
            )
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


async def error_page(datasette, request, message: str, status: int) -> str:
    return await datasette.render_template(
        "error.html", {"ok": False, "error": message, "status": status, "title": None}, request=request
    )
