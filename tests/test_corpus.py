"""The whole FA-KES corpus (../shared/corpora/fakes_articles.csv) ingested once: corpus-level entity checks.

Skipped when ../shared is absent (failed in CI). Marked slow: `make test` runs it, plain `pytest -q` does not.
"""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SHARED, require_shared
from syria_corpus.cli import app

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


PAIRS = json.loads((Path(__file__).parent / "data" / "entity_pairs.json").read_text(encoding="utf-8"))


def _entities_named(db, name: str, unit_id: str) -> set[str]:
    """The entities the corpus gives a spelling where that article writes it."""
    rows = db.execute(
        """select distinct m.entity_id from mentions m join articles a on a.id = m.article_id
           where a.external_id = ? and m.text = ?""",
        [unit_id, name],
    )
    return {r[0] for r in rows}


def test_hand_checked_spellings_are_one_entity_and_namesakes_two(fakes_db):
    """Pairs judged by reading the FA-KES texts (tests/data/entity_pairs.json), not by the linker's rules:
    two spellings of one person, group or place are one entity; namesakes and look-alikes are two."""
    from syria_corpus.store.schema import open_db

    db = open_db(fakes_db)
    judged = []
    for p in PAIRS:
        a, b = _entities_named(db, p["a"], p["a_unit_id"]), _entities_named(db, p["b"], p["b_unit_id"])
        if a and b:
            judged.append((p["a"], p["b"], p["same"], a == b))
    assert [j for j in judged if j[2] != j[3]] == []
    assert len(judged) >= 25 and sum(j[2] for j in judged) >= 18


def test_primary_governorate_for_articles_that_mention_a_syrian_place(fakes_db):
    from syria_corpus.store.schema import open_db

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


def test_no_entity_or_quote_starts_with_page_furniture_or_is_a_credit(fakes_db):
    furniture = ("Tags", "Tag ", "Print", "Related", "Read also")
    names = [e["name"] for table in ("people", "places", "orgs") for e in export(fakes_db, table)]
    texts = [q["text"] for q in export(fakes_db, "quotes")]
    assert [n for n in names if n.startswith((*furniture, "Photo")) or n.endswith((" Photo", " Photos"))] == []
    assert [t for t in texts if t.startswith(furniture)] == []
    assert "Sonya Hepinstall" not in names  # `Editing by Stephen Powell and Sonya Hepinstall`: a Reuters credit
    assert "Stephen Powell" not in names


def test_table_rows_tags_related_headlines_and_furniture_are_found_by_the_outlet_profiles(fakes_db):
    articles = export(fakes_db, "articles")
    by_id = {a["external_id"]: a for a in articles}
    assert by_id["1915433675"]["tags"] == [  # The New Arab: `… continue. Tags Syria Free Syrian Army … Idlib The …`
        "Syria", "Free Syrian Army", "opposition groups", "Sawaiq al-Rahman", "brigade", "al-Nusra Front", "Idlib"
    ]  # fmt: skip
    assert by_id["1965495324"]["tags"] == ["Bashar al-Assad", "chemical weapons", "Angela Kane", "Damascus"]
    assert sum(1 for a in articles if a["tags"]) >= 85
    assert sum(1 for a in articles if a["related_headlines"]) >= 45
    from syria_corpus.store.schema import open_db

    furnished = open_db(fakes_db).execute("select count(*) from articles where furniture not in ('', '[]')")
    assert furnished.fetchone()[0] >= 280


def test_a_district_of_one_city_named_in_another_is_that_citys_namesake(fakes_db):
    from syria_corpus.store.schema import open_db

    rows = open_db(fakes_db).execute(
        "select id, governorate, lat is not null, geo_precision, mentions from entities where name = 'Midan'"
    )
    midan = {r[0]: r[1:] for r in rows}
    assert midan["place:midan-sy"][:3] == ("Damascus", 1, "point")
    assert midan["place:midan-aleppo-sy"][:3] == ("Aleppo", 0, "governorate")  # al-Midan of Aleppo city
    assert midan["place:midan-aleppo-sy"][3] >= 20


def test_every_article_that_states_its_date_near_the_top_gets_it_in_iso(fakes_db):
    from datetime import datetime

    articles = export(fakes_db, "articles")
    assert all(datetime.fromisoformat(a["published"]) for a in articles if a["published"])
    dated = {a["external_id"]: (a["date"], a["published_precision"]) for a in articles}
    assert dated["1965511111"] == ("2013-08-07", "day")  # `<title> Middle East Syria Military 07-08-2013 0147 PM`
    assert dated["1965495359"] == ("2017-05-18", "day")  # `<title> - Reports Sputnik … 2159 18.05.2017(updated …)`
    assert dated["1926479165"] == ("2016-07-19", "day")  # `Print this page Tuesday 19 July 2016 16:45`
    assert sum(1 for d, _ in dated.values() if d) >= 770
