"""What every command shares: the app, its global options, output flags, one-line errors, and the
ways to open the corpus."""

from __future__ import annotations

import functools
import os
import signal
import sqlite3
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from typer._click.exceptions import ClickException, NoArgsIsHelpError
from typer.core import TyperGroup
from typer.exceptions import Abort

from ..display import for_console, shown
from ..errors import STOP_SIGNALS, CorpusError, OutputError, Stopped, StoreError
from ..export.formats import output_file, write_rows
from ..limits import MAX_ROWS
from ..store.connect import explain_error, open_readonly
from .options import Output


class OneLineErrors(TyperGroup):
    """The README's promise for usage errors too: a bad option or argument is one line and exit 1 (click
    would draw a box and exit 2); a command group called bare shows its help."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except NoArgsIsHelpError as e:
            e.show()
            sys.exit(0)
        except ClickException as e:
            where = f"; see `{e.ctx.command_path} --help`" if getattr(e, "ctx", None) else ""
            err.print(
                f"[red]Error:[/red] {for_console(e.format_message().rstrip('.'))}{where}",
                highlight=False,
                soft_wrap=True,
            )
            sys.exit(1)
        except Abort:
            err.print("[red]Error:[/red] interrupted", highlight=False)
            sys.exit(130)
        sys.exit(code or 0)


app = typer.Typer(
    cls=OneLineErrors,
    help="Who said what, about whom, where and when: a SQLite corpus of news about the war in Syria.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, emoji=False)

ObjectJsonOpt = Annotated[bool, typer.Option("--json", help="Output a JSON object.")]
OutOpt = Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file instead of standard output.")]
LimitOpt = Annotated[
    int | None, typer.Option("--limit", "-n", min=0, max=MAX_ROWS, help="At most this many rows; 0 for all.")
]
ExactOpt = Annotated[
    bool, typer.Option("--exact", help="Search for the names as written, not for every spelling the corpus knows.")
]


def warn(message: str) -> None:
    """A warning on one line however wide the terminal, so that a log can be grepped for it."""
    err.print(f"[yellow]Warning:[/yellow] {for_console(message)}", highlight=False, soft_wrap=True)


def note(message: str | None) -> None:
    """A line on stderr beside an answer (`no speaker 'Lavrof'; closest: …`), out of the way of what is piped."""
    if message:
        err.print(for_console(message), highlight=False, soft_wrap=True)


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[red]Error:[/red] {for_console(message)}", highlight=False, soft_wrap=True)
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
        except UnicodeEncodeError as e:  # a lone surrogate: an argument's bytes that are not UTF-8
            _fail(f"{e.object[max(0, e.start - 20) : e.end + 20]!r}: not UTF-8 text; give names and words as UTF-8")
        except BrokenPipeError:  # `syria-corpus quotes | head`: the reader has all it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None
        except OSError as e:
            where = f"{shown(e.filename)}: " if e.filename else ""
            _fail(f"{where}{e.strerror or e}", OutputError.exit_code)
        except Stopped as e:
            _fail(
                f"stopped by {signal.Signals(e.signum).name}; every article stored so far is complete", 128 + e.signum
            )
        except KeyboardInterrupt:
            _fail("interrupted; every article stored so far is complete", 130)

    return wrapper


def _stop(signum: int, frame) -> None:
    raise Stopped(signum)


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
    if threading.current_thread() is threading.main_thread():  # only the main thread may set handlers
        for stop in STOP_SIGNALS:
            signal.signal(stop, _stop)
    ctx.obj = {"db": db, "wide": wide}


@contextmanager
def _output(ctx: typer.Context, path: Path | None):
    if path is None:
        yield sys.stdout
        return
    with output_file(path, ctx.obj["db"]) as f:
        yield f


def _emit(ctx: typer.Context, rows, out: Output, columns: list[str] | None = None, title: str | None = None) -> None:
    with _output(ctx, out.path) as f:
        write_rows(rows, out.format, f, columns=columns, title=title, safe_formulas=out.safe, wide=ctx.obj["wide"])


def _reader(ctx: typer.Context):
    return open_readonly(ctx.obj["db"])


def _writer(ctx: typer.Context):
    from ..store.schema import open_db

    return open_db(ctx.obj["db"], create=False)
