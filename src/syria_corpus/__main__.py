"""`python -m syria_corpus` runs the command line."""

from .cli import app

app(prog_name="syria-corpus")
