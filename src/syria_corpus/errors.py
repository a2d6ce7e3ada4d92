"""Errors a user can act on: each carries a one-line message the CLI prints as is, and the exit status
that tells a script what kind of failure it was."""

import signal


class CorpusError(Exception):
    """Base class: anything raised as this is reported without a traceback."""

    exit_code = 1


class InputError(CorpusError):
    """A document or path that cannot be read."""


class NotFound(CorpusError):
    """No entity in the corpus by that name: a correction of it can wait for an ingest that brings it."""


class AlreadyDone(CorpusError):
    """A correction the corpus already reflects (`merge` of what is one entity): a file of corrections
    imported again passes over it."""


class StoreError(CorpusError):
    """The database cannot be opened, read or written."""

    exit_code = 4


class OutputError(CorpusError):
    """An output file the system will not let us write."""

    exit_code = 5


class ModelError(CorpusError):
    """No usable spaCy model."""


STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)  # what `kill`, a scheduler or a closed terminal sends


class Stopped(KeyboardInterrupt):
    """A signal to stop (`kill`, a scheduler's SIGTERM, a closed terminal's SIGHUP) ends a command as Ctrl-C
    does: its workers stopped, what it stored complete, one line, exit 128 + the signal's number."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
