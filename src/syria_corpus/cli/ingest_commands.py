"""Writing commands: ingest and upgrade."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from ..display import for_console, shown
from ..export.formats import write_rows
from ..limits import MAX_WORKERS, STALLED_WORKER_SECONDS

if TYPE_CHECKING:
    from ..ingest import DocumentResult
from .common import _fail, app, err, handle_errors, warn


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
    from ..store.schema import upgrade

    applied = upgrade(ctx.obj["db"])
    what = f"upgraded ({', '.join(applied)})" if applied else "already up to date"
    err.print(for_console(f"{shown(ctx.obj['db'])}: {what}"), highlight=False, soft_wrap=True)


@app.command("ingest")
@handle_errors
def ingest_cmd(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Files and folders: .txt, .html, .docx, .warc, .warc.gz, .wacz, .csv, .tsv, .jsonl, .json."
        ),
    ],
    model: Annotated[
        str | None, typer.Option("--model", envvar="SYRIA_CORPUS_MODEL", help="spaCy model to use.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Re-extract documents already stored.")] = False,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", "-w", min=0, max=MAX_WORKERS, help="Processes for the NLP step (0: in this process)."
        ),
    ] = 1,
    worker_timeout: Annotated[
        float,
        typer.Option(
            "--worker-timeout",
            metavar="SECONDS",
            min=1.0,
            max=10.0**6,
            help="A worker that finishes nothing in this long is killed and its documents are tried again.",
        ),
    ] = STALLED_WORKER_SECONDS,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            metavar="ADDRESS",
            help="Run the NLP step on a Dask cluster: a scheduler's address (tcp://host:8786), or local:N for "
            "N worker processes here. Needs the dask extra: pip install 'syria-corpus\\[dask]'.",
        ),
    ] = None,
    dask_read: Annotated[
        bool,
        typer.Option(
            "--dask-read",
            help="With --dask: the workers read the files (not tables or web archives) from storage they share with this machine, "
            "which only checks each file's sha256 first; paths travel, not texts.",
        ),
    ] = False,
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
    from ..ingest import ingest  # spaCy loads only for the command that needs it
    from ..read.tables import Columns

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
            worker_timeout=worker_timeout, dask=dask, dask_read=dask_read, on_start=on_start, on_document=on_document,
        )  # fmt: skip
    for w in summary.warnings:
        warn(w)
    statuses = ("added", "replaced", "unchanged", "failed")
    counts = ", ".join(f"{summary.count(s)} {s}" for s in statuses if summary.count(s))
    if len(summary.kinds) > 1:  # what each kind of file gave, where the run read more than one
        counts += " (" + ", ".join(f"{n} {kind}" for kind, n in sorted(summary.kinds.items())) + ")"
    if not quiet and summary.total > summary.KEPT:
        err.print(for_console(f"Ingested into {shown(ctx.obj['db'])}: {counts}"), highlight=False, soft_wrap=True)
    elif not quiet:
        rows = [
            {"path": r.path, "status": r.status, "article": r.article_id, "quotes": r.quotes, "people": r.people,
             "places": r.places, "orgs": r.orgs}
            for r in summary.results
        ]  # fmt: skip
        write_rows(rows, "table", sys.stdout, title=f"Ingested into {shown(ctx.obj['db'])}: {counts}")
    if failed := summary.count("failed"):
        _fail(f"{failed} of {summary.total} documents could not be ingested (warnings above); the rest are stored", 3)
