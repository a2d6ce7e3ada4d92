"""The seed against its hand annotation, scored by ../shared/tools/score_quotes.py (skipped without ../shared)."""

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from conftest import SHARED
from syria_corpus.cli import app

SCORER = SHARED / "tools" / "score_quotes.py"
GOLD = SHARED / "gold" / "seed_000.json"

pytestmark = pytest.mark.shared(SCORER, GOLD)


def test_seed_scorecard(seed_db, tmp_path):
    files = {}
    for table in ("quotes", "people", "places"):
        files[table] = tmp_path / f"{table}.jsonl"
        result = CliRunner().invoke(app, ["--db", str(seed_db), "export", table, "--nl", "-o", str(files[table])])
        assert result.exit_code == 0
    args = [sys.executable, str(SCORER), str(GOLD), *(f"--{t}={p}" for t, p in files.items())]
    last = subprocess.run(args, capture_output=True, text=True, check=True).stdout.splitlines()[-1]
    assert last == "attributed_f1=1.000 span_f1=1.000 people_recall=6/6 places_recall=7/7"


def test_seed_page_parts_match_gold(seed_db):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["article"]
    out = CliRunner().invoke(app, ["--db", str(seed_db), "export", "articles", "--json"]).output
    (article,) = json.loads(out)
    assert article["related_headlines"] == gold["related_headlines"]
    assert article["tags"] == gold["tags"]
    assert article["outlet"] == gold["outlet"] and article["published"] == gold["page_timestamp"]
    body = article["body"].replace("\u00a0", " ")
    assert body.startswith(gold["body_first_words"]) and body.endswith(gold["body_last_words"])


def test_seed_roles_match_gold(seed_db):
    gold = {p["name"]: p["role"] for p in json.loads(GOLD.read_text(encoding="utf-8"))["people"]}
    out = CliRunner().invoke(app, ["--db", str(seed_db), "people", "--json"]).output
    ours = {p["name"]: p["role"] for p in json.loads(out)}
    assert ours == gold
