"""Every bound on the work one input may ask for, named once: a number a user types is refused outside
its range when the command line is read, a file or a query past its size is refused with one line, and
`serve` caps what any one request may cost. None of these is reached by a real corpus or question."""

from __future__ import annotations

import stat
from pathlib import Path

from .errors import InputError

MAX_WORKERS = 256  # processes for the NLP step, here or in a local Dask cluster
MAX_ROWS = 10**9  # what -n, --top and their kin may ask for: more rows than any corpus holds
MAX_COUNT = 10**9  # killed, wounded and other counts a filter compares with
CONTEXT_CHARS = 10**5  # context either side of a keyword in context: more than any article
CURATION_FILE_BYTES = 64 * 2**20  # a corrections file: millions of corrections
QUERY_WORDS = 64  # words (and operators) of one search query
QUERY_CHARS = 2_000  # characters of one search query
STALLED_WORKER_SECONDS = 600.0  # a worker that finishes no page in this long is killed and its pages retried
SERVE_TIME_MS = 5_000  # CPU of one query or page in `serve`
SERVE_VALUE_BYTES = 16 * 2**20  # the largest string or blob one of serve's queries may build
SERVE_RESPONSE_BYTES = 64 * 2**20  # the largest response `serve` sends


def read_regular_file(path: Path, limit: int, what: str) -> bytes:
    """The bytes of a regular file of at most `limit` bytes: a device (`/dev/zero`), a FIFO or a larger
    file is refused before it is read, so reading can neither block nor fill memory."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: not a regular file; {what} is read from a file")
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise InputError(f"{path}: cannot be read ({e.strerror or e})") from None
    if len(data) > limit:
        raise InputError(f"{path}: larger than {limit // 2**20} MiB; {what} is never that large")
    return data
