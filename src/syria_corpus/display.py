"""Text that any terminal or file can take, whatever bytes a file name or a scraped page holds."""

from __future__ import annotations

import os
import re
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


# C0 and C1 controls but newline and tab, DEL, and the bidirectional overrides: what could move the cursor,
# clear the screen, set a window title, write the clipboard or reorder a line
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """Text as a terminal may show it: `printable`, with every control character written out (`\\x1b`),
    so scraped data can never drive the terminal."""
    return _CONTROL.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}", printable(text)
    )


def for_console(text: object) -> str:
    """Data inside a rich markup string (`f"[red]Error:[/red] {for_console(message)}"`): `visible`, with its
    brackets escaped, so `[/x]` in a title is text, not a style, and never an error."""
    from rich.markup import escape

    return escape(visible(str(text)))
