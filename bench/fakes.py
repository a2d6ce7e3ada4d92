"""The whole FA-KES corpus as the audits read it: an existing ingest, or one made now."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

CORPUS = ROOT.parent / "shared" / "corpora" / "fakes_articles.csv"


def fakes_db(path: str | None):
    """The database at `path`, or the corpus ingested into a temporary one (two workers)."""
    from syria_corpus.store.schema import open_db

    if path:
        return open_db(Path(path), create=False)
    from syria_corpus.ingest import ingest

    db_path = Path(tempfile.mkdtemp()) / "fakes.db"
    ingest(db_path, [CORPUS], workers=2)
    return open_db(db_path, create=False)
