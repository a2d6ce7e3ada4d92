"""The `syria-corpus` command: a thin shell over the library. Each command parses options, calls one
library function and formats its result; one module per group of commands, registered in the order
`--help` lists them."""

# ruff: noqa: I001, F401
from . import ingest_commands
from . import query_commands
from . import export_commands
from . import curation_commands
from . import web_commands
from .common import app

__all__ = ["app"]
