"""syria-corpus: who said what, about whom, where and when, in news about the war in Syria."""

import sys

__version__ = "0.1.0"


def _import_sqlite_utils_lean() -> None:
    """sqlite-utils imports pandas and numpy, where installed, only to convert their values on insert; we
    never hand it any, and the two cost a read-only command a third of a second to start. Import it with
    them hidden (they import normally afterwards)."""
    hidden = [name for name in ("pandas", "numpy") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            del sys.modules[name]


_import_sqlite_utils_lean()
