from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_aa24c89156c6ffa1.txt"
SHARED = ROOT.parent / "shared"


def docs_folder(tmp_path: Path, texts: dict[str, str]) -> Path:
    """A folder of UTF-8 text documents, one per name."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def ingested(tmp_path: Path, texts: dict[str, str]) -> Path:
    """A corpus database ingested in-process from a folder of these documents."""
    from syria_corpus.ingest import ingest

    db = tmp_path / "corpus.db"
    ingest(db, [docs_folder(tmp_path, texts)], workers=0)
    return db


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


def shared_verdict(paths: tuple[Path, ...], ci: bool) -> tuple[str, str] | None:
    """What a test that needs files of ../shared does when some are missing: skip in a user's clone,
    fail in CI, where ../shared is always laid beside the repository."""
    missing = [str(p) for p in paths if not Path(p).exists()]
    if not missing:
        return None
    return ("fail" if ci else "skip"), f"needs {', '.join(missing)} (../shared beside the repository)"


def require_shared(*paths: Path) -> None:
    if (verdict := shared_verdict(paths, bool(os.environ.get("CI")))) is not None:
        action, message = verdict
        (pytest.fail if action == "fail" else pytest.skip)(message)


@pytest.fixture(autouse=True)
def _shared_files(request):
    if (marker := request.node.get_closest_marker("shared")) is not None:
        require_shared(*marker.args)
