import csv
import json

import pytest
from typer.testing import CliRunner

from syria_corpus import queries
from syria_corpus.cli import app
from syria_corpus.filters import DATE_FORMS, Filters, SpeakerType, date_bound
from syria_corpus.store import open_db

runner = CliRunner()

ROWS = [
    ("1", "reuters", "2017-04-04", "Gas attack on Khan Sheikhoun kills dozens",
     '"Dozens of people were killed in Khan Sheikhoun in Idlib," the Syrian Observatory for Human Rights said. '
     "The White Helmets said they had rescued 20 people."),
    ("2", "sputnik", "2017-04-07", "US strikes Shayrat airbase in Homs",
     "Russian Foreign Minister Sergei Lavrov said the strike on the Shayrat airbase in Homs was an act of "
     "aggression. An activist said the base had been empty."),
    ("3", "reuters", "2016-09-17", "Coalition strike hits army in Deir ez-Zor",
     '"It was a mistake and we regret it," a US official said of the strike in Deir ez-Zor.'),
    ("4", "sana", "2017-05-01", "Water restored in Aleppo",
     "The governor of Aleppo Hussein Diab said water had been restored to the city of Aleppo."),
]  # fmt: skip


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from syria_corpus.ingest import ingest

    folder = tmp_path_factory.mktemp("filters")
    with (folder / "articles.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "outlet", "date", "title", "text"])
        writer.writerows(ROWS)
    db = folder / "corpus.db"
    ingest(db, [folder / "articles.csv"])
    return db


def cli(db, *args: str):
    return runner.invoke(app, ["--db", str(db), *args])


def articles_of(db, command: str, *args: str) -> list[str]:
    """The external ids of the articles whose quotes (or hits) a command returns."""
    result = cli(db, command, *args, "--json")
    assert result.exit_code == 0, result.output
    ids = {r["id"]: r["external_id"] for r in open_db(db).query("select id, external_id from articles")}
    return sorted({ids[r.get("article_id") or r.get("id")] for r in json.loads(result.output)})


def test_dates_months_and_years_bound_the_articles(corpus):
    assert articles_of(corpus, "quotes", "--since", "2017-04", "--until", "April 2017") == ["1", "2"]
    assert articles_of(corpus, "quotes", "--since", "2017") == ["1", "2", "4"]
    assert articles_of(corpus, "quotes", "--until", "2016") == ["3"]
    assert articles_of(corpus, "quotes", "--since", "5 April 2017", "--until", "2017-04-30") == ["2"]


def test_outlets_repeat_and_fold_case(corpus):
    assert articles_of(corpus, "quotes", "--outlet", "Reuters", "--outlet", "SANA") == ["1", "3", "4"]
    assert articles_of(corpus, "search", "strike", "--outlet", "REUTERS") == ["3"]


def test_articles_that_mention_a_place_governorate_organisation_or_person(corpus):
    assert articles_of(corpus, "quotes", "--place", "Khan Shaykhun") == ["1"]  # another spelling
    assert articles_of(corpus, "quotes", "--governorate", "idleb") == ["1"]
    assert articles_of(corpus, "quotes", "--governorate", "Homs") == ["2"]
    assert articles_of(corpus, "quotes", "--org", "SOHR") == ["1"]
    assert articles_of(corpus, "quotes", "--person", "Lavrov") == ["2"]
    assert articles_of(corpus, "search", "said", "--place", "Deir ez-Zor", "--since", "2016-09-17") == ["3"]


def test_speaker_type_and_confidence_band(corpus):
    def speakers(*args: str) -> list[tuple[str, str]]:
        rows = json.loads(cli(corpus, "quotes", *args, "--json").output)
        return sorted((r["speaker_type"], r["speaker"]) for r in rows)

    assert speakers("--speaker-type", "Unnamed") == [("unnamed", "An activist"), ("unnamed", "a US official")]
    assert speakers("--speaker-type", "person") == [("person", "Hussein Diab"), ("person", "Sergey Lavrov")]
    assert speakers("--speaker-type", "organisation") == [
        ("organisation", "Syrian Observatory for Human Rights"),
        ("organisation", "White Helmets"),
    ]
    everything = json.loads(cli(corpus, "quotes", "--json").output)
    low = json.loads(cli(corpus, "quotes", "--max-confidence", "0.6", "--json").output)
    high = json.loads(cli(corpus, "quotes", "--min-confidence", "0.6", "--json").output)
    assert {r["confidence"] <= 0.6 for r in low} == {True} and {r["confidence"] >= 0.6 for r in high} == {True}
    assert len(low) + len(high) - sum(r["confidence"] == 0.6 for r in everything) == len(everything)


def test_speakers_people_and_exports_take_the_same_filters(corpus):
    db = open_db(corpus)
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
        json.loads(line) for line in cli(corpus, "export", "quotes", "--nl", "--since", "2017-04").output.splitlines()
    ]
    assert exported == queries.quotes(db, filters=Filters(since="2017-04")) != []
    refused = cli(corpus, "export", "people", "--min-confidence", "0.5")
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
def test_a_filter_that_cannot_be_read_is_one_line(corpus, args, message):
    result = cli(corpus, *args)
    assert result.exit_code == 1
    assert result.output == f"Error: {message}\n"


def test_date_bounds():
    assert [date_bound("2016", upper=False), date_bound("2016", upper=True)] == ["2016-01-01", "2016-12-31"]
    assert date_bound("September 2016", upper=True) == "2016-09-31"
    assert date_bound("17 September 2016", upper=False) == "2016-09-17"
    assert SpeakerType.read("ORGANISATION") is SpeakerType.ORGANISATION
