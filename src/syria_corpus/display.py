"""Text that any terminal or file can take, whatever bytes a file name or a scraped page holds."""

from __future__ import annotations

import os
from pathlib import Path


def shown(path: str | Path | bytes) -> str:
    """A path as text that can always be printed and stored: bytes of a file name that are not UTF-8
    become backslash escapes instead of an error."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def printable(text: str) -> str:
    """Text that any terminal or file can take: a path's undecodable bytes, carried as lone surrogates,
    become backslash escapes."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
