import json
import sqlite3

import pytest
from typer.testing import CliRunner

from conftest import docs_folder, ingested
from syria_corpus.cli import app
from syria_corpus.errors import CorpusError
from syria_corpus.ingest import ingest
from syria_corpus.names import fold
from syria_corpus.store.connect import MIGRATIONS
from syria_corpus.store.linking import fuller
from syria_corpus.store.schema import migrations, open_db

runner = CliRunner()

DOCS = {
    "a.txt": (
        'Rebels shelled Aleppo on Monday. "Nine people were killed in the market," Rami Abdel Rahman, head of '
        "the Syrian Observatory for Human Rights, told AFP. Omar Hamdan, a local council member, said the town of "
        "Douma was also hit."
    ),
    "b.txt": (
        '"The shelling went on all night," Rami Abdul-Rahman said on Tuesday. Government forces advanced near Idlib, '
        "the Peoples Protection Units said."
    ),
    "c.txt": "Fighters of the People's Protection Units entered the village. Omar Hamdan met officials in Damascus.",
}


@pytest.fixture
def corpus(tmp_path):
    folder = docs_folder(tmp_path, DOCS)
    db = tmp_path / "corpus.db"
    ingest(db, [folder])
    return db, folder


def run(db, *args):
    return runner.invoke(app, ["--db", str(db), *args])


def people(db) -> dict:
    return {p["name"]: p for p in json.loads(run(db, "people", "--json").output)}


def test_fold():
    assert fold("People's Protection Units") == fold("Peoples Protection Units") == "peoples protection units"
    assert fold("Ḩamāh") == "hamah" and fold("the Kremlin") == "kremlin"


def test_spelling_variants_of_one_person_and_one_group_are_one_entity(corpus):
    db, _ = corpus
    ppl = people(db)
    assert "Rami Abdul-Rahman" not in ppl
    assert ppl["Rami Abdel Rahman"]["articles"] == 2
    assert "Rami Abdul-Rahman" in ppl["Rami Abdel Rahman"]["aliases"]
    speakers = {q["speaker"] for q in json.loads(run(db, "quotes", "--kind", "direct", "--json").output)}
    assert speakers == {"Rami Abdel Rahman"}
    orgs = [o["name"] for o in json.loads(run(db, "orgs", "--json").output) if "Protection" in o["name"]]
    assert len(orgs) == 1


def test_curation_is_applied_now_and_on_reingest(corpus):
    db, folder = corpus
    result = run(db, "entity", "rename", "Rami Abdel Rahman", "Rami Abdulrahman")
    assert result.exit_code == 0, result.output
    assert "Rami Abdulrahman" in people(db)
    merged = run(db, "merge", "Omar Hamdan", "Rami Abdulrahman")
    assert merged.exit_code == 0, merged.output
    ppl = people(db)
    assert "Omar Hamdan" not in ppl and "Omar Hamdan" in ppl["Rami Abdulrahman"]["aliases"]
    assert ppl["Rami Abdulrahman"]["articles"] == 3
    ingest(db, [folder], force=True)
    again = people(db)
    assert "Omar Hamdan" not in again and "Rami Abdel Rahman" not in again
    assert again["Rami Abdulrahman"]["articles"] == 3
    assert {q["speaker"] for q in json.loads(run(db, "quotes", "--kind", "direct", "--json").output)} == {
        "Rami Abdulrahman"
    }


def test_alias_add_merges_an_entity_known_by_that_name(corpus):
    db, folder = corpus
    result = run(db, "alias", "add", "YPG", "People's Protection Units")
    assert result.exit_code == 0, result.output
    (ypg,) = [o for o in json.loads(run(db, "orgs", "--json").output) if "Protection" in o["name"]]
    assert "YPG" in ypg["aliases"]


def test_unknown_names_are_one_line_errors(corpus):
    db, _ = corpus
    result = run(db, "merge", "Nobody Here", "Rami Abdel Rahman")
    assert result.exit_code == 1 and result.output == "Error: no entity named 'Nobody Here'\n"
    result = run(db, "person", "Nobody Here")  # a name is no error: a note of the closest, none here
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "no person 'Nobody Here'\n")


def test_person_and_place_profiles(corpus):
    db, _ = corpus
    p = json.loads(run(db, "person", "Abdul-Rahman", "--json").output)
    assert p["person"] == "Rami Abdel Rahman"
    assert [r["role"] for r in p["roles"]] == ["head of the Syrian Observatory for Human Rights"]
    assert len(p["quotes"]) == 2
    # he gives the toll of the shelling of Aleppo (the night's shelling he tells of has no toll to cite him for)
    assert [(e["type"], e["place"], e["killed_min"], e["claimant"]) for e in p["events"]] == [
        ("shelling", "Aleppo", 9, "Rami Abdel Rahman")
    ]
    place = json.loads(run(db, "place", "Duma", "--json").output)
    assert (place["place"], place["governorate"], place["country"]) == ("Douma", "Rif Dimashq", "SY")
    a_txt = next(q["article_id"] for q in p["quotes"] if q["path"].endswith("a.txt"))
    assert [a["article_id"] for a in place["articles"]] == [a_txt]
    aleppo = json.loads(run(db, "place", "Aleppo", "--json").output)
    # no date: the files state none, so `on Monday` names no day
    assert [{k: e[k] for k in ("date", "type", "actor_category", "actor", "killed_min")} for e in aleppo["events"]] == [
        {"date": None, "type": "shelling", "actor_category": "opposition", "actor": "Rebels", "killed_min": 9}
    ]


def test_places_filter_by_country_and_governorate(corpus):
    db, _ = corpus
    sy = {p["name"] for p in json.loads(run(db, "places", "--country", "sy", "--json").output)}
    assert {"Aleppo", "Douma", "Idlib", "Damascus"} <= sy
    idlib = [p["name"] for p in json.loads(run(db, "places", "--governorate", "idlib", "--json").output)]
    assert idlib == ["Idlib"]


def test_database_from_the_first_schema_is_migrated_in_place(tmp_path):
    import sqlite_utils

    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="m002_linking")
    db["articles"].insert({"id": "abc", "path": "x.txt", "body": "text", "published": "2016-09-17T10:05:00"})
    db["articles"].insert({"id": "abd", "path": "y.txt", "body": "text", "published": "2016-09"})
    db["entities"].insert({"id": "place:a", "type": "place", "name": "A", "kind": "town", "lat": 35.0, "lon": 36.0})
    db["entities"].insert({"id": "place:b", "type": "place", "name": "B", "kind": "district", "governorate": "Homs"})
    db.close()
    db = open_db(path)
    assert [m.name for m in migrations.applied(db)] == list(MIGRATIONS)
    assert db.cached_counts(["articles", "entities"]) == {"articles": 2, "entities": 2}
    assert db["articles"].get("abc")["primary_place"] is None
    assert db["articles"].get("abc")["source"] == "x.txt"
    dates = [(r["id"], r["date"], r["published_precision"]) for r in db["articles"].rows]
    assert dates == [("abc", "2016-09-17", "day"), ("abd", None, "month")]
    assert "context" in db["mentions"].columns_dict
    assert [(r["id"], r["geo_precision"]) for r in db["entities"].rows] == [
        ("place:a", "point"),
        ("place:b", "governorate"),
    ]


def test_find_entity_ambiguity(corpus):
    from syria_corpus.store.curation import add_alias
    from syria_corpus.store.lookup import find_entity

    db, _ = corpus
    conn = open_db(db)
    add_alias(conn, "Abu Rami", "Rami Abdel Rahman")
    add_alias(conn, "Abu Rami", "Omar Hamdan")
    with pytest.raises(CorpusError) as e:
        find_entity(conn, "Abu Rami")
    assert str(e.value) == (
        "'Abu Rami' names 2 entities: Omar Hamdan (person, person:omar-hamdan), Rami Abdel Rahman (person, "
        "person:rami-abdel-rahman); use the id"
    )
    assert find_entity(conn, "person:omar-hamdan")["name"] == "Omar Hamdan"


def test_speaker_matches_whole_names_and_aliases_never_substrings(tmp_path):
    db = ingested(
        tmp_path,
        {
            "a.txt": '"We will stay in Qusayr until the last day," Ahmed Khalil said.',
            "b.txt": '"Reconciliation is the only way forward," Ali Haidar said.',
            "c.txt": '"The shelling went on all night," Rami Abdel Rahman told AFP.',
        },
    )

    def speakers(*args):
        return [q["speaker"] for q in json.loads(run(db, "quotes", *args, "--json").stdout)]

    assert speakers("--speaker", "Ali") == ["Ali Haidar"]
    assert speakers("--speaker", "khalil") == ["Ahmed Khalil"]
    assert speakers("--speaker", "Abdel Rahman") == speakers("--speaker", "Ábdel Ráhman") == ["Rami Abdel Rahman"]
    assert speakers("--speaker", "Rahman Abdel") == []
    assert speakers("--speaker", "%") == speakers("--speaker", "_") == []
    assert speakers("--article", "_") == []
    assert run(db, "quotes", "--outlet", "%").output == "Error: no outlet '%': the corpus has none\n"


def test_a_fuller_spelling_becomes_the_canonical_name_everywhere(tmp_path):
    db = ingested(
        tmp_path,
        {
            "a.txt": '"The cordon holds," Chris Garver said on Monday.',
            "b.txt": '"Fighters are leaving the towns," Christopher Garver said.',
            "c.txt": '"We will win," Ibrahim al-Assad said. "We will stay," Bashar al-Assad said.',
        },
    )
    quotes = json.loads(run(db, "quotes", "--json").output)
    assert sorted(q["speaker"] for q in quotes) == [
        "Bashar al-Assad", "Christopher Garver", "Christopher Garver", "Ibrahim al-Assad"
    ]  # fmt: skip
    assert people(db)["Christopher Garver"]["aliases"] == ["Chris Garver"]
    assert [q["speaker"] for q in json.loads(run(db, "quotes", "--speaker", "Assad", "--json").output)] == [
        "Bashar al-Assad"
    ]


def test_close_spellings_of_one_name_link_and_namesakes_do_not(tmp_path):
    names = ["Rami Abdel Rahman", "Rami Abdulrahman", "Rami Abdurrahman", "Ahmad Haddad", "Ahmad Hamdan",
             "Abu Mohammad al-Golani", "Abu Omar al-Golani", "Omran al-Zoubi", "Omran Zoabi"]  # fmt: skip
    db = ingested(
        tmp_path, {f"{n}.txt": f'"The road to Aleppo is open," {name} said on day {n}.' for n, name in enumerate(names)}
    )
    quotes = json.loads(run(db, "quotes", "--json").output)
    speakers = [q["speaker"] for q in sorted(quotes, key=lambda q: q["path"])]
    assert speakers == [
        "Rami Abdel Rahman", "Rami Abdel Rahman", "Rami Abdel Rahman", "Ahmad Haddad", "Ahmad Hamdan",
        "Abu Mohammad al-Jolani", "Abu Omar al-Golani", "Omran al-Zoubi", "Omran al-Zoubi",
    ]  # fmt: skip


def test_a_misspelling_finds_the_knowledge_base_person_before_it_appears(tmp_path):
    db = ingested(tmp_path, {"a.txt": '"We will act," Barrack Obama said on Monday.'})
    assert [q["speaker"] for q in json.loads(run(db, "quotes", "--json").output)] == ["Barack Obama"]


def test_only_a_known_given_name_is_a_fuller_spelling():
    assert fuller("Christopher Garver", "Chris Garver")
    assert fuller("Benjamin Jealous", "Ben Jealous")
    assert not fuller("Human Abedin", "Huma Abedin")  # a typo, not her full name


def test_a_kunya_or_a_given_name_alone_names_someone_of_one_article(tmp_path):
    from conftest import ingested

    db = ingested(
        tmp_path,
        {
            "a.txt": "Abu Mustafa, a rebel commander, said the front was quiet near Idlib on Monday.",
            "b.txt": "Abu Mustafa, a baker in Douma, said bread had run out in the town on Friday.",
            "c.txt": "Mustafa Hamdan, a resident of Douma, said bread had run out in the town on Friday.",
            "d.txt": "Mustafa Hamdan, a resident of Douma, said the shelling had stopped by Sunday.",
        },
    )
    rows = (
        sqlite3.connect(db)
        .execute("select name, articles from entities where type = 'person' order by name")
        .fetchall()
    )
    assert rows == [("Abu Mustafa", 1), ("Abu Mustafa", 1), ("Mustafa Hamdan", 2)]


def test_a_persons_distinct_roles_with_how_many_articles_and_their_first_and_last_dates(tmp_path):
    from conftest import ingested

    said = "said the town had been shelled overnight and that at least five people had been killed."
    db = ingested(
        tmp_path,
        {
            "a.txt": f"Published July 21 2015\n\nHoms Governor Talal Barazi {said}",
            "b.txt": f"Published March 2 2016\n\nHoms Governor Talal Barazi {said}",
            "c.txt": f"Homs governor Talal Barazi {said}",
            "d.txt": f"Published May 5 2017\n\nSyrian Trade Minister Talal Barazi {said}",
        },
    )
    p = json.loads(run(db, "person", "Talal Barazi", "--json").output)
    assert p["roles"] == [
        {"role": "Homs Governor", "articles": 3, "first": "2015-07-21", "last": "2016-03-02", "undated": 1},
        {"role": "Syrian Trade Minister", "articles": 1, "first": "2017-05-05", "last": "2017-05-05", "undated": 0},
    ]
