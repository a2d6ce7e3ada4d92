"""The corpus in a browser: Datasette on the corpus file, read-only, with this package's metadata, stored
queries and plugin."""

from __future__ import annotations

import os
import socket
import sqlite3
import threading
import webbrowser
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from ..errors import CorpusError
from ..limits import SERVE_TIME_MS
from ..store.connect import explain_error, open_readonly
from . import plugin
from .metadata import inspect_data, metadata

TEMPLATES = Path(__file__).parent / "templates"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
SETTINGS = {
    "suggest_facets": False,  # each suggestion is a count over the whole table: seconds on a large corpus
    "facet_time_limit_ms": 1500,
    "sql_time_limit_ms": SERVE_TIME_MS,
    "default_page_size": 50,
    "allow_download": False,
}


def url_of(host: str, port: int) -> str:
    """The address a browser opens: an IPv6 host in brackets (`http://[::1]:8001/`)."""
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def network_warning(host: str) -> str | None:
    """What a user should know before the corpus is served beyond this machine."""
    if host in LOCAL_HOSTS:
        return None
    return f"serving on {host}: anyone who can reach this machine on the network can read the whole corpus"


def _settle(path: Path) -> None:
    """Fold a left-over write-ahead log into the file: an immutable reader would not see what it holds."""
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        try:
            with closing(sqlite3.connect(path)) as conn:
                conn.execute("pragma wal_checkpoint(truncate)")
        except sqlite3.Error as e:
            raise explain_error(str(path), e) from None


def corpus_app(path: str | Path, *, tiles: str | None = None):
    """A Datasette for the corpus at `path` (checked as queries check it: a corpus, of this version)."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    from .counts import CountingOnce

    path = Path(path)
    reader = open_readonly(path)
    reader.close()
    _settle(path)
    name = path.stem
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        meta = metadata(conn, name, tiles=tiles)
        inspected = inspect_data(conn, path, name)
    if not pm.is_registered(plugin):
        pm.register(plugin, name="syria_corpus")
        if (default_errors := pm.get_plugin("datasette.handle_exception")) is not None:
            pm.unregister(default_errors)
    datasette = Datasette(
        immutables=[str(path)],
        metadata=meta,
        inspect_data=inspected,
        settings=SETTINGS,
        template_dir=str(TEMPLATES),
    )
    datasette.remove_database(name)
    datasette.add_database(CountingOnce(datasette, path=str(path), is_mutable=False), name=name)
    return datasette


def serve(
    path: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8001,
    open_browser: bool = False,
    tiles: str | None = None,
    on_ready: Callable[[], None] | None = None,
) -> None:
    """Serve the corpus until interrupted; `on_ready` once the corpus and the address are known good."""
    import uvicorn

    app = corpus_app(path, tiles=tiles).app()
    try:  # uvicorn reports a port it cannot take in a log and exits: find out first, in one line
        socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET).close()
    except OSError as e:
        raise CorpusError(f"cannot serve on {host}:{port}: {os.strerror(e.errno) if e.errno else e}") from None
    if on_ready:
        on_ready()
    if open_browser:
        url = url_of("localhost" if host in LOCAL_HOSTS else host, port)
        threading.Timer(1.0, webbrowser.open, [url]).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")
