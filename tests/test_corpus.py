"""The whole FA-KES corpus (../shared/corpora/fakes_articles.csv) ingested once: corpus-level entity checks.

Skipped when ../shared is absent (failed in CI). Marked slow: `make test` runs it, plain `pytest -q` does not.
"""

import itertools
import json

import pytest
from rapidfuzz import fuzz
from typer.testing import CliRunner

from conftest import SHARED, require_shared
from syria_corpus.cli import app
from syria_corpus.linking import fold, skeleton

CORPUS = SHARED / "corpora" / "fakes_articles.csv"
pytestmark = [pytest.mark.shared(CORPUS), pytest.mark.slow]


@pytest.fixture(scope="module")
def fakes_db(tmp_path_factory):
    require_shared(CORPUS)  # a module fixture runs before the per-test check
    db = tmp_path_factory.mktemp("fakes") / "corpus.db"
    result = CliRunner().invoke(app, ["--db", str(db), "ingest", "--quiet", str(CORPUS)])
    assert result.exit_code == 0, result.output
    return db


def export(db, table):
    result = CliRunner().invoke(app, ["--db", str(db), "export", table, "--json"])
    return json.loads(result.output)


def two_spellings(a: dict, b: dict) -> bool:
    """Two rows that name one thing: equal once folded (a lost possessive `s` included), close spellings,
    the same consonant skeleton, or one's full name among the other's multi-word aliases."""
    fa, fb = fold(a["name"]), fold(b["name"])
    strip = lambda s: s[:-1] if s.endswith("s") else s  # noqa: E731
    if fa == fb or strip(fa) == strip(fb):
        return True
    sa, sb = fa.replace(" ", ""), fb.replace(" ", "")
    if min(len(sa), len(sb)) >= 6 and fuzz.ratio(sa, sb) >= 92:
        return True
    if min(len(skeleton(fa)), len(skeleton(fb))) >= 5 and fa[0] == fb[0] and skeleton(fa) == skeleton(fb):
        return True
    aliases_a = {fold(x) for x in a["aliases"] if " " in x.strip()}
    aliases_b = {fold(x) for x in b["aliases"] if " " in x.strip()}
    return (" " in fa and fa in aliases_b) or (" " in fb and fb in aliases_a)


@pytest.mark.parametrize("table", ["people", "places", "orgs"])
def test_no_entity_twice_under_two_spellings_in_the_top_200(fakes_db, table):
    rows = sorted(export(fakes_db, table), key=lambda r: -r["mentions"])[:200]
    pairs = [(a["name"], b["name"]) for a, b in itertools.combinations(rows, 2) if two_spellings(a, b)]
    assert pairs == []


def test_primary_governorate_for_articles_that_mention_a_syrian_place(fakes_db):
    from syria_corpus.store import open_db

    db = open_db(fakes_db)
    total, filled = db.execute(
        """select count(*), sum(primary_governorate is not null) from articles a where exists (
             select 1 from article_entities ae join entities e on e.id = ae.entity_id
             where ae.article_id = a.id and e.type = 'place' and e.country = 'SY' and e.kind != 'country')"""
    ).fetchone()
    assert total > 700
    assert filled / total >= 0.90


def test_every_row_kept_with_its_external_id_and_outlet(fakes_db):
    articles = export(fakes_db, "articles")
    assert len(articles) >= 790
    first = next(a for a in articles if a.get("external_id") == "1914947530")
    assert (first["outlet"], first["published"], first["title"]) == (
        "nna",
        "2017-04-05",
        "Syria attack symptoms consistent with nerve agent use WHO",
    )
