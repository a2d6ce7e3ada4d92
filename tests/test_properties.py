"""Properties over arbitrary input: nothing a file holds makes `ingest` raise anything but a one-line
CorpusError, and every offset stored for a quote or a mention indexes the text it was found in."""

from __future__ import annotations

import contextlib
import csv
import json
import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from syria_corpus.errors import CorpusError
from syria_corpus.ingest import ingest

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FRAGMENTS = [
    '"We will not leave Aleppo," Governor Hussein Diab said on Monday.',
    "\u201cThe road is open,\u201d said Ahmad Rahhal, a rebel commander in Idlib.",
    "According to the Syrian Observatory, shelling hit Deir ez-Zor.",
    '"', "\u201c", "\u201d", "'", " said ", " told Reuters ", "Assad", "Damascus", "ISIS", "\n", "\n\n", " ", ",",
    "Sputnik", "Listen Live", "21:12 GMT23 January 2021", "Tags:", "\t", "\x00", "\ufffd", "\u200f", "\u0627\u0644\u0623\u0633\u062f",
]  # fmt: skip
news = st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join)
texts = st.one_of(
    news, st.text(max_size=400), st.lists(st.one_of(news, st.text(max_size=40)), max_size=6).map(" ".join)
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
rows = st.lists(
    st.dictionaries(st.sampled_from(["id", "text", "title", "date", "outlet", "url", "note"]), json_values),
    max_size=5,
)


def ingest_quietly(path: Path) -> Path:
    db = path.parent / "corpus.db"
    with contextlib.suppress(CorpusError):
        ingest(db, [path], workers=0)
    return db


def assert_offsets_index_their_text(db: Path) -> None:
    if not db.exists():
        return
    with sqlite3.connect(db) as conn:
        articles = {
            aid: {"body": body, "title": title or "", **_lists("headline", heads), **_lists("tag", tags)}
            for aid, body, title, heads, tags in conn.execute(
                "select id, body, title, related_headlines, tags from articles"
            )
        }
        for aid, text, start, end in conn.execute("select article_id, text, start, [end] from quotes"):
            assert articles[aid]["body"][start:end] == text
        for aid, text, start, end, context in conn.execute(
            "select article_id, text, start, [end], context from mentions"
        ):
            assert articles[aid][context][start:end] == text


def _lists(kind: str, stored: str) -> dict[str, str]:
    return {f"{kind}:{n}": value for n, value in enumerate(json.loads(stored))}


@SETTINGS
@given(text=texts, encoding=st.sampled_from(["utf-8", "utf-16", "cp1252", "utf-8-sig"]))
def test_any_text_file(text: str, encoding: str):
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "page.txt"
        page.write_bytes(text.encode(encoding, "replace"))
        assert_offsets_index_their_text(ingest_quietly(page))


@SETTINGS
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".csv", ".tsv", ".jsonl", ".json", ".html"]))
def test_any_bytes(data: bytes, suffix: str):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        assert_offsets_index_their_text(ingest_quietly(path))


@SETTINGS
@given(table=rows, suffix=st.sampled_from([".csv", ".tsv", ".jsonl", ".json"]))
def test_any_table_rows(table: list[dict], suffix: str):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"feed{suffix}"
        if suffix == ".jsonl":
            path.write_text("".join(json.dumps(r) + "\n" for r in table), encoding="utf-8", errors="replace")
        elif suffix == ".json":
            path.write_text(json.dumps(table), encoding="utf-8")
        else:
            columns = sorted({k for r in table for k in r}) or ["text"]
            with path.open("w", encoding="utf-8", errors="replace", newline="") as f:
                writer = csv.writer(f, delimiter="\t" if suffix == ".tsv" else ",")
                writer.writerow(columns)
                writer.writerows([[r.get(c) for c in columns] for r in table])
        assert_offsets_index_their_text(ingest_quietly(path))
