"""Errors a user can act on: each carries a one-line message the CLI prints as is."""


class CorpusError(Exception):
    """Base class: anything raised as this is reported without a traceback."""


class InputError(CorpusError):
    """A document or path that cannot be read."""


class StoreError(CorpusError):
    """The database cannot be opened, read or written."""


class ModelError(CorpusError):
    """No usable spaCy model."""
