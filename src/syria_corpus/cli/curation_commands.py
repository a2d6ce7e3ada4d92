"""Your corrections: aliases, merges, renames, retypes, deletions, and sharing them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..display import for_console
from ..limits import CURATION_FILE_BYTES, read_regular_file
from ..store.summaries import refresh_summaries
from .common import OutOpt, _fail, _output, _reader, _writer, app, err, handle_errors

if TYPE_CHECKING:
    from ..store import curation


def _curation():
    """The store's curation module, imported by the command that corrects (not at every command's start)."""
    from ..store import curation

    return curation


alias_app = typer.Typer(help="Aliases you give entities; applied again on every ingest.", no_args_is_help=True)
entity_app = typer.Typer(
    help="Correct entities; corrections are kept and applied again on every ingest.", no_args_is_help=True
)
curation_app = typer.Typer(help="Share corrections: export them to a JSON file, import a team's.", no_args_is_help=True)
app.add_typer(alias_app, name="alias")
app.add_typer(entity_app, name="entity")
app.add_typer(curation_app, name="curation")
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Show what would change; change nothing.")]


def _correct(ctx: typer.Context, what: str, correction: Callable[..., curation.Change], *args: object) -> None:
    """Apply a correction, say what it changed, and bring the speaker summary up to date with it, through
    one connection to the corpus."""
    db = _writer(ctx)
    change = correction(db, *args)
    e = change.entity
    err.print(for_console(f"{what} {e['name']} ({e['id']}); {change.describe()}"), highlight=False, soft_wrap=True)
    refresh_summaries(db)


@alias_app.command("add")
@handle_errors
def alias_add(
    ctx: typer.Context,
    alias: Annotated[str, typer.Argument(help="The other name, e.g. Assad.")],
    name: Annotated[str, typer.Argument(help="The entity it names, e.g. 'Bashar al-Assad'.")],
    dry_run: DryRunOpt = False,
) -> None:
    """Make ALIAS a name of NAME (an entity already called ALIAS is merged into NAME)."""
    _correct(ctx, f"{alias!r} names", _curation().add_alias, alias, name, dry_run)


@alias_app.command("remove")
@handle_errors
def alias_remove(
    ctx: typer.Context,
    alias: Annotated[str, typer.Argument(help="The alias to take back.")],
    name: Annotated[str, typer.Argument(help="The entity that has it.")],
    dry_run: DryRunOpt = False,
) -> None:
    """Take ALIAS away from NAME, now and on every later ingest."""
    _correct(ctx, f"{alias!r} no longer names", _curation().remove_alias, alias, name, dry_run)


@app.command()
@handle_errors
def merge(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="The entity to merge away.")],
    target: Annotated[str, typer.Argument(help="The entity it is the same as.")],
    dry_run: DryRunOpt = False,
) -> None:
    """Merge SOURCE into TARGET: mentions, quotes and aliases move; SOURCE's name becomes an alias."""
    _correct(ctx, f"merged {source!r} into", _curation().merge, source, target, dry_run)


@app.command()
@handle_errors
def unmerge(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="The entity that was merged away (its old name or id).")],
    target: Annotated[str, typer.Argument(help="The entity it was merged into.")],
    dry_run: DryRunOpt = False,
) -> None:
    """Undo a merge: SOURCE comes back with the mentions, quotes and aliases it had."""
    _correct(ctx, "restored", _curation().unmerge, source, target, dry_run)


@entity_app.command("rename")
@handle_errors
def entity_rename(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(help="Current name (or alias, or id).")],
    new: Annotated[str, typer.Argument(help="New canonical name.")],
    dry_run: DryRunOpt = False,
) -> None:
    """Give an entity a new canonical name; the old one stays as an alias."""
    _correct(ctx, f"renamed {old!r} to", _curation().rename, old, new, dry_run)


@entity_app.command("retype")
@handle_errors
def entity_retype(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name, alias or id.")],
    type_: Annotated[str, typer.Argument(metavar="TYPE", help="person, org or place.")],
    dry_run: DryRunOpt = False,
) -> None:
    """Make an entity a person, an organisation or a place."""
    _correct(ctx, f"now a {type_.lower()}:", _curation().retype, name, type_, dry_run)


@entity_app.command("delete")
@handle_errors
def entity_delete(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name, alias or id.")],
    dry_run: DryRunOpt = False,
) -> None:
    """Delete an entity that is not one; its quotes stay, unattributed; later ingests do not bring it back."""
    _correct(ctx, "deleted", _curation().delete, name, dry_run)


@curation_app.command("export")
@handle_errors
def curation_export(ctx: typer.Context, output: OutOpt = None) -> None:
    """Every correction, in order, as JSON (keep it under version control, share it with a team)."""
    with _output(ctx, output) as out:
        out.write(json.dumps(_curation().export_curation(_reader(ctx)), indent=2, ensure_ascii=False) + "\n")


@curation_app.command("import")
@handle_errors
def curation_import(
    ctx: typer.Context, path: Annotated[Path, typer.Argument(help="A file written by `curation export`.")]
) -> None:
    """Apply a file of corrections; those whose entities this corpus lacks wait for a later ingest."""
    data = read_regular_file(path, CURATION_FILE_BYTES, "a corrections file")
    try:
        records = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        _fail(f"{path}: not a readable corrections file ({e})")
    if not isinstance(records, list):
        _fail(f"{path}: not a corrections file (expected a JSON list)")
    done = _curation().import_curation(db := _writer(ctx), records)
    refresh_summaries(db)
    err.print(
        f"{done.applied} corrections applied, {done.in_effect} already in effect, {done.waiting} waiting for an "
        "ingest to bring their entities",
        highlight=False,
        soft_wrap=True,
    )
