from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_aa24c89156c6ffa1.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from syria_corpus.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory) -> Path:
    """The seed ingested once; tests that only read share it."""
    from syria_corpus.ingest import ingest

    path = tmp_path_factory.mktemp("seed") / "corpus.db"
    ingest(path, [SEED])
    return path


@pytest.fixture
def fresh_db(tmp_path, seed_db) -> Path:
    """A writable copy of the seed database."""
    path = tmp_path / "corpus.db"
    shutil.copy(seed_db, path)
    return path
