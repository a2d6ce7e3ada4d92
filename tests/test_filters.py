import json

import pytest
from typer.testing import CliRunner

from syria_corpus.cli import app
from syria_corpus.errors import CorpusError
from syria_corpus.query import queries
from syria_corpus.query.filters import DATE_FORMS, Filters, SpeakerType, choose, date_bound
from syria_corpus.store.schema import open_db

runner = CliRunner()


def cli(db, *args: str):
    return runner.invoke(app, ["--db", str(db), *args])


def articles_of(db, command: str, *args: str) -> list[str]:
    """The external ids of the articles whose quotes (or hits) a command returns."""
    result = cli(db, command, *args, "--json")
    assert result.exit_code == 0, result.output
    ids = {r["id"]: r["external_id"] for r in open_db(db).query("select id, external_id from articles")}
    return sorted({ids[r.get("article_id") or r.get("id")] for r in json.loads(result.output)})


def test_dates_months_and_years_bound_the_articles(dated_corpus):
    assert articles_of(dated_corpus, "quotes", "--since", "2017-04", "--until", "April 2017") == ["1", "2"]
    assert articles_of(dated_corpus, "quotes", "--since", "2017") == ["1", "2", "4"]
    assert articles_of(dated_corpus, "quotes", "--until", "2016") == ["3"]
    assert articles_of(dated_corpus, "quotes", "--since", "5 April 2017", "--until", "2017-04-30") == ["2"]


def test_outlets_repeat_and_fold_case(dated_corpus):
    assert articles_of(dated_corpus, "quotes", "--outlet", "Reuters", "--outlet", "SANA") == ["1", "3", "4"]
    assert articles_of(dated_corpus, "search", "strike", "--outlet", "REUTERS") == ["3"]


def test_articles_that_mention_a_place_governorate_organisation_or_person(dated_corpus):
    assert articles_of(dated_corpus, "quotes", "--place", "Khan Shaykhun") == ["1"]  # another spelling
    assert articles_of(dated_corpus, "quotes", "--governorate", "idleb") == ["1"]
    assert articles_of(dated_corpus, "quotes", "--governorate", "Homs") == ["2"]
    assert articles_of(dated_corpus, "quotes", "--org", "SOHR") == ["1"]
    assert articles_of(dated_corpus, "quotes", "--person", "Lavrov") == ["2"]
    assert articles_of(dated_corpus, "search", "said", "--place", "Deir ez-Zor", "--since", "2016-09-17") == ["3"]


def test_speaker_type_and_confidence_band(dated_corpus):
    def speakers(*args: str) -> list[tuple[str, str]]:
        rows = json.loads(cli(dated_corpus, "quotes", *args, "--json").output)
        return sorted((r["speaker_type"], r["speaker"]) for r in rows)

    assert speakers("--speaker-type", "Unnamed") == [("unnamed", "An activist"), ("unnamed", "a US official")]
    assert speakers("--speaker-type", "person") == [("person", "Hussein Diab"), ("person", "Sergey Lavrov")]
    assert speakers("--speaker-type", "organisation") == [
        ("organisation", "Syrian Observatory for Human Rights"),
        ("organisation", "White Helmets"),
    ]
    everything = json.loads(cli(dated_corpus, "quotes", "--json").output)
    low = json.loads(cli(dated_corpus, "quotes", "--max-confidence", "0.6", "--json").output)
    high = json.loads(cli(dated_corpus, "quotes", "--min-confidence", "0.6", "--json").output)
    assert {r["confidence"] <= 0.6 for r in low} == {True} and {r["confidence"] >= 0.6 for r in high} == {True}
    assert len(low) + len(high) - sum(r["confidence"] == 0.6 for r in everything) == len(everything)


def test_speakers_people_and_exports_take_the_same_filters(dated_corpus):
    db = open_db(dated_corpus)
    april = Filters(since="2017-04", until="2017-04")
    assert sorted(r["speaker"] for r in queries.speakers(db, filters=april)) == [
        "An activist",
        "Sergey Lavrov",
        "Syrian Observatory for Human Rights",
        "White Helmets",
    ]
    assert [r["name"] for r in queries.people(db, filters=april)] == ["Sergey Lavrov"]
    assert [r["name"] for r in queries.people(db)] == ["Hussein Diab", "Sergey Lavrov"]
    exported = [
        json.loads(line)
        for line in cli(dated_corpus, "export", "quotes", "--nl", "--since", "2017-04").output.splitlines()
    ]
    assert exported == queries.quotes(db, filters=Filters(since="2017-04")) != []
    refused = cli(dated_corpus, "export", "people", "--min-confidence", "0.5")
    assert refused.exit_code == 1
    assert refused.output == (
        "Error: --speaker-type, --min-confidence and --max-confidence filter quotes: export quotes with them\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["quotes", "--since", "2017-13"], f"cannot read '2017-13' as a date: write {DATE_FORMS}"),
        (["quotes", "--until", "soon"], f"cannot read 'soon' as a date: write {DATE_FORMS}"),
        (
            ["quotes", "--speaker-type", "robot"],
            "no speaker type 'robot': choose one of person, organisation, place, unnamed",
        ),
        (["speakers", "--place", "Atlantis"], "no place named 'Atlantis' in the corpus"),
        (["people", "--org", "Spectre"], "no organisation named 'Spectre' in the corpus"),
        (
            ["search", "strike", "--governorate", "Narnia"],
            "no governorate 'Narnia': choose one of Aleppo, Deir ez-Zor, Homs, Idlib",
        ),
    ],
)
def test_a_filter_that_cannot_be_read_is_one_line(dated_corpus, args, message):
    result = cli(dated_corpus, *args)
    assert result.exit_code == 1
    assert result.output == f"Error: {message}\n"


def test_date_bounds():
    assert [date_bound("2016", upper=False), date_bound("2016", upper=True)] == ["2016-01-01", "2016-12-31"]
    assert date_bound("September 2016", upper=True) == "2016-09-31"
    assert date_bound("17 September 2016", upper=False) == "2016-09-17"
    assert [date_bound("2017-04-04T00:00", upper=u) for u in (False, True)] == ["2017-04-04", "2017-04-04"]
    assert date_bound("2017-04-04T23:59:59+03:00", upper=True) == "2017-04-04"
    assert [date_bound("\u0662\u0660\u0661\u0667", upper=u) for u in (False, True)] == ["2017-01-01", "2017-12-31"]
    assert date_bound("\u06f2\u06f0\u06f1\u06f6-\u06f0\u06f9", upper=False) == "2016-09-01"  # Persian digits
    assert choose(SpeakerType, "ORGANISATION", "speaker type") is SpeakerType.ORGANISATION


@pytest.mark.parametrize("speaker", ["Lavrov", "an activist", "Hussein Diab"])
def test_a_much_quoted_speaker_walks_the_articles_in_the_same_order(dated_corpus, monkeypatch, speaker):
    db = open_db(dated_corpus)
    sorted_ = queries.quotes(db, speaker=speaker, limit=3, filters=Filters(since="2016"))
    assert sorted_ and [q["date"] for q in sorted_] == sorted(q["date"] for q in sorted_)
    monkeypatch.setattr(queries, "MANY_MATCHES", 0)
    assert queries.quotes(db, speaker=speaker, limit=3, filters=Filters(since="2016")) == sorted_
    assert queries.quotes(db, speaker=speaker) == queries.quotes(db, speaker=speaker, limit=100)


def test_a_confidence_that_is_not_a_number_is_refused(dated_corpus):
    result = cli(dated_corpus, "quotes", "--min-confidence", "nan")
    assert result.exit_code == 1
    assert result.output.strip() == "Error: --min-confidence must be a number from 0 to 1, not nan"
    with pytest.raises(CorpusError, match="--max-confidence must be a number from 0 to 1, not nan"):
        Filters(max_confidence=float("nan"))


@pytest.fixture(scope="module")
def arabiya_corpus(dated_corpus, tmp_path_factory):
    """The dated corpus with SANA's article as Al Arabiya's and Reuters' 2016 one as Al-Araby's, as FA-KES names them."""
    import shutil

    path = tmp_path_factory.mktemp("arabiya") / "corpus.db"
    shutil.copy(dated_corpus, path)
    with open_db(path) as db:
        db.execute("update articles set outlet = 'arabiya' where external_id = '4'")
        db.execute("update articles set outlet = 'alaraby' where external_id = '3'")
        db.conn.commit()
    return path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["quotes", "--outlet", "Al Arabiya"], "no outlet 'Al Arabiya'; did you mean arabiya?"),
        (["timeline", "--outlet", "arabiya", "--outlet", "Reuter"], "no outlet 'Reuter'; did you mean reuters?"),
        (["sources", "--outlet", "BBC"], "no outlet 'BBC': choose one of alaraby, arabiya, reuters, sputnik"),
        (["quotes", "--governorate", "Idleb"], None),  # the gazetteer's spelling
        (["kwic", "said", "--governorate", "Idlb"], "no governorate 'Idlb'; did you mean Idlib?"),
        (["events", "--governorate", "Dara"], "no governorate 'Dara': choose one of Aleppo, Deir ez-Zor, Homs, Idlib"),
        (["timeline", "--events", "--governorate", "Hom"], "no governorate 'Hom'; did you mean Homs?"),
        (["places", "--governorate", "Deir ez Zor"], None),
        (["places", "--governorate", "Deir e-Zr"], "no governorate 'Deir e-Zr'; did you mean Deir ez-Zor?"),
        (["events", "--type", "airstrikes"], "no event type 'airstrikes'; did you mean airstrike?"),
        (["events", "--actor", "goverment"], "no actor 'goverment'; did you mean government?"),
        (["events", "--actor", "United"], None),  # words of an actor: the United States
        (["events", "--actor", "Hezbollah"], "no actor 'Hezbollah': choose one of coalition, israel, turkey, isis, "
         "nusra, kurdish, opposition, government, unknown"),
        (["quotes", "--speaker-type", "persons"], "no speaker type 'persons'; did you mean person?"),
        (["speakers", "--speaker-type", "org"], "no speaker type 'org'; did you mean organisation?"),
        (["quotes", "--kind", "indirekt"], "no quote kind 'indirekt'; did you mean indirect?"),
    ],
)  # fmt: skip
def test_a_closed_vocabulary_value_that_matches_nothing_names_the_nearest(arabiya_corpus, args, message):
    result = cli(arabiya_corpus, *args, "--json")
    assert (result.exit_code, result.output) == ((1, f"Error: {message}\n") if message else (0, result.stdout))


@pytest.mark.parametrize(
    ("args", "note"),
    [
        (["quotes", "--speaker", "Lavrof"], "no speaker 'Lavrof'; closest: Sergey Lavrov (1 quote)"),
        (["quotes", "--speaker", "Diaab", "--since", "2017"], "no speaker 'Diaab'; closest: Hussein Diab (1 quote)"),
        (["quotes", "--speaker", "activists"], "no speaker 'activists'; closest: An activist (1 quote)"),
        (["quotes", "--speaker", "Zuckerberg"], "no speaker 'Zuckerberg'"),
        (["timeline", "--speaker", "Lavrof"], "no speaker 'Lavrof'; closest: Sergey Lavrov (1 quote)"),
        (["person", "Lavrof"], "no person 'Lavrof'; closest: Sergey Lavrov (1 article)"),
    ],
)
def test_a_name_that_matches_no_one_is_a_note_of_the_closest(dated_corpus, args, note):
    result = cli(dated_corpus, *args, "--json")
    assert (result.exit_code, result.stderr) == (0, f"{note}\n")
    assert result.stdout in ("[]\n", "")


def test_a_name_that_matches_is_no_note_though_the_filters_leave_nothing(dated_corpus):
    result = cli(dated_corpus, "quotes", "--speaker", "Lavrov", "--until", "2016", "--json")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "[]\n", "")


def test_the_nearest_values(dated_corpus):
    from syria_corpus.query.suggest import nearest, person_miss, speaker_miss, unknown

    assert nearest("Al Arabiya", ["ahram", "alaraby", "arabiya", "alalam"]) == ["arabiya"]
    assert nearest("Sputnik News", ["sputnik", "reuters"]) == ["sputnik"]
    assert nearest("xyz", ["sputnik", "reuters"]) == []
    assert str(unknown("period", "decade", ["day", "week", "month", "year"])) == (
        "no period 'decade': choose one of day, week, month, year"
    )
    assert (
        str(unknown("outlet", "Alarabiya", ["alaraby", "arabiya"]))
        == "no outlet 'Alarabiya'; did you mean alaraby or arabiya?"
    )
    db = open_db(dated_corpus)
    assert speaker_miss(db, "Lavrov") is None
    assert speaker_miss(db, "White Helmet") == "no speaker 'White Helmet'; closest: White Helmets (1 quote)"
    assert person_miss(db, "Sergei Lavrof") == "no person 'Sergei Lavrof'; closest: Sergey Lavrov (1 article)"
