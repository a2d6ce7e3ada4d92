import json

from typer.testing import CliRunner

from conftest import SHARED_OPTIONS, options_listed
from syria_corpus.cli import app
from syria_corpus.query.filters import Filters, SpeakerType
from syria_corpus.query.sources import sources
from syria_corpus.store.schema import open_db

runner = CliRunner()


def test_whom_each_outlet_quotes_with_shares(dated_corpus):
    result = runner.invoke(app, ["--db", str(dated_corpus), "sources", "--json"])
    assert result.exit_code == 0, result.output
    assert [
        (r["outlet"], r["speaker"], r["speaker_type"], r["quotes"], r["share"]) for r in json.loads(result.output)
    ] == [
        ("reuters", "Syrian Observatory for Human Rights", "organisation", 1, 0.333),
        ("reuters", "White Helmets", "organisation", 1, 0.333),
        ("reuters", "a US official", "unnamed", 1, 0.333),
        ("sana", "Hussein Diab", "person", 1, 1.0),
        ("sputnik", "An activist", "unnamed", 1, 0.5),
        ("sputnik", "Sergey Lavrov", "person", 1, 0.5),
    ]


def test_sources_take_the_filters_and_a_top(dated_corpus):
    db = open_db(dated_corpus)
    assert [r["speaker"] for r in sources(db, filters=Filters(outlets=("Reuters",), since="2017"))] == [
        "Syrian Observatory for Human Rights",
        "White Helmets",
    ]
    assert [r["speaker"] for r in sources(db, top=1, filters=Filters(speaker_type=None, until="2016"))] == [
        "a US official"
    ]


# The options `sources --help` lists, each with the values to try, crossed with --top.
SOURCES_OPTIONS = SHARED_OPTIONS | {"--top": [["--top", "1"], ["--top", "3"]]}


def test_every_option_sources_lists_with_and_without_a_top(dated_corpus, quick_cli):
    assert options_listed("sources") == set(SOURCES_OPTIONS)
    failed = []
    for top in ([], ["--top", "1"]):
        for args in [[], *(a for values in SOURCES_OPTIONS.values() for a in values)]:
            result = quick_cli(dated_corpus, "sources", *top, *args)
            if result.exit_code != 0:
                failed.append((*top, *args, result.exit_code, result.output[-200:]))
    assert failed == []
    assert [(r["outlet"], r["speaker"]) for r in sources(open_db(dated_corpus), top=1, filters=Filters(
        outlets=("Reuters", "sana"), speaker_type=SpeakerType.UNNAMED))] == [("reuters", "a US official")]  # fmt: skip
