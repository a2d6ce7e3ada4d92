import pytest
from typer.testing import CliRunner

from conftest import QUOTE_FILTERS, SHARED_OPTIONS, cli_json, options_listed
from syria_corpus.cli import app
from syria_corpus.query.filters import Filters
from syria_corpus.query.timeline import Counted, Unit, timeline
from syria_corpus.store.schema import open_db

runner = CliRunner()


def rows(db, *args: str) -> list[dict]:
    return cli_json(db, "timeline", *args)


def test_articles_per_month_year_and_day(dated_corpus):
    assert rows(dated_corpus) == [
        {"period": "2016-09", "count": 1},
        {"period": "2017-04", "count": 2},
        {"period": "2017-05", "count": 1},
    ]
    assert rows(dated_corpus, "--by", "YEAR") == [{"period": "2016", "count": 1}, {"period": "2017", "count": 3}]
    assert rows(dated_corpus, "--by", "day", "--since", "2017-04", "--until", "2017-04") == [
        {"period": "2017-04-04", "count": 1},
        {"period": "2017-04-07", "count": 1},
    ]
    assert rows(dated_corpus, "--by", "week", "--until", "2016") == [{"period": "2016-W37", "count": 1}]


def test_a_search_a_speaker_and_outlets(dated_corpus):
    assert rows(dated_corpus, "strike", "--by", "year", "--by-outlet") == [
        {"period": "2016", "outlet": "reuters", "count": 1},
        {"period": "2017", "outlet": "sputnik", "count": 1},
    ]
    assert rows(dated_corpus, "--speaker", "Lavrov") == [{"period": "2017-04", "count": 1}]
    assert rows(dated_corpus, "--count", "quotes", "--by", "year") == [
        {"period": "2016", "count": 1},
        {"period": "2017", "count": 5},
    ]


def test_mentions_of_one_place_and_the_undated(dated_corpus):
    db = open_db(dated_corpus)
    aleppo = timeline(db, Counted.MENTIONS, Unit.YEAR, filters=Filters(place="Aleppo"))
    assert (aleppo.rows, aleppo.undated) == ([{"period": "2017", "count": 3}], 0)  # title, governor of, city of


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "decade"], "no period 'decade': choose one of day, week, month, year"),
        (["--count", "words"], "no count 'words': choose one of articles, quotes, mentions, events"),
        (["--count", "mentions", "--speaker", "Lavrov"], "--speaker counts quotes: use it with --count quotes"),
    ],
)
def test_a_timeline_that_cannot_be_drawn_is_one_line(dated_corpus, args, message):
    result = runner.invoke(app, ["--db", str(dated_corpus), "timeline", *args])
    assert result.exit_code == 1
    assert result.output == f"Error: {message}\n"


def test_weeks_are_iso_weeks():
    from syria_corpus.query.timeline import _iso_week

    assert [_iso_week(d) for d in ("2017-01-01", "2017-01-02", "2016-09-17")] == ["2016-W52", "2017-W01", "2016-W37"]


def test_undated_articles_are_a_row_of_their_own_in_an_export(dated_corpus, tmp_path):
    import shutil

    path = tmp_path / "corpus.db"
    shutil.copy(dated_corpus, path)
    with open_db(path) as db:
        db.execute("update articles set date = null where external_id = '4'")
        db.conn.commit()
        assert timeline(db, unit=Unit.YEAR).undated == 1
    assert rows(path, "--by", "year") == [
        {"period": "2016", "count": 1},
        {"period": "2017", "count": 2},
        {"period": None, "count": 1},
    ]


def test_many_matches_walk_the_date_index_with_the_same_counts(dated_corpus, monkeypatch):
    from syria_corpus.query import queries

    looked_up = rows(dated_corpus, "strike OR killed", "--by", "year", "--by-outlet")
    monkeypatch.setattr(queries, "MANY_MATCHES", 0)
    assert rows(dated_corpus, "strike OR killed", "--by", "year", "--by-outlet") == looked_up
    assert sum(r["count"] for r in looked_up) == 3
    # a query FTS5 refuses takes the plain path, where the refusal becomes one line for the user
    assert queries.article_walk(open_db(dated_corpus), '"strike') == ""


def test_events_count_on_their_own_day(dated_corpus):
    assert rows(dated_corpus, "--events", "--by", "year") == [
        {"period": "2016", "count": 1},
        {"period": "2017", "count": 2},
    ]
    assert rows(dated_corpus, "--count", "events", "--by", "day", "--since", "2017-04-05") == [
        {"period": "2017-04-07", "count": 1}
    ]
    assert rows(dated_corpus, "--events", "--governorate", "homs", "--by", "year") == [{"period": "2017", "count": 1}]
    assert rows(dated_corpus, "strike", "--events", "--by", "year") == [
        {"period": "2016", "count": 1},
        {"period": "2017", "count": 1},
    ]


# The options `timeline --help` lists besides --count and --by-outlet, each with the values to try: every
# --count, with and without --by-outlet, is crossed with each of them.
TIMELINE_OPTIONS = SHARED_OPTIONS | {
    "query": [["strike"]],
    "--events": [["--events"]],
    "--by": [["--by", "day"], ["--by", "week"], ["--by", "year"]],
    "--speaker": [["--speaker", "Lavrov"]],
    "--exact": [["Khan Shaykhun", "--exact"]],
}
PRODUCT = [
    (count.value, by_outlet, args)
    for count in Counted
    for by_outlet in ([], ["--by-outlet"])
    for args in [[], *(a for values in TIMELINE_OPTIONS.values() for a in values)]
]


def test_the_product_covers_every_option_timeline_lists():
    assert options_listed("timeline") == {*TIMELINE_OPTIONS, "--count", "--by-outlet"}


def _refusal(count: str, args: list[str]) -> str | None:
    """The one line a combination that cannot be counted gets: a speaker's quotes or a quote filter
    counting anything but quotes (--events counts events, --speaker alone quotes)."""
    counted = "events" if "--events" in args else "quotes" if "--speaker" in args and count == "articles" else count
    if counted == "quotes":
        return None
    if "--speaker" in args:
        return "--speaker counts quotes: use it with --count quotes"
    if set(args) & set(QUOTE_FILTERS):
        return "--speaker-type, --min-confidence and --max-confidence filter quotes: use them with --count quotes"
    return None


def test_every_count_by_outlet_or_not_with_every_option(dated_corpus, quick_cli):
    failed = []
    for count, by_outlet, args in PRODUCT:
        result = quick_cli(dated_corpus, "timeline", "--count", count, *by_outlet, *args)
        refused = _refusal(count, args)
        expected = (1, f"Error: {refused}\n") if refused else (0, None)
        if (result.exit_code, result.output if refused else None) != expected:
            failed.append((count, *by_outlet, *args, result.exit_code, result.output[-200:]))
    assert failed == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--count", "quotes", "--by-outlet"],
            [
                {"period": "2016-09", "outlet": "reuters", "count": 1},
                {"period": "2017-04", "outlet": "reuters", "count": 2},
                {"period": "2017-04", "outlet": "sputnik", "count": 2},
                {"period": "2017-05", "outlet": "sana", "count": 1},
            ],
        ),
        (
            ["--count", "quotes", "--by-outlet", "--by", "year", "--speaker-type", "unnamed"],
            [{"period": "2016", "outlet": "reuters", "count": 1}, {"period": "2017", "outlet": "sputnik", "count": 1}],
        ),
        (
            ["--count", "mentions", "--by-outlet", "--by", "year", "--place", "Aleppo"],
            [{"period": "2017", "outlet": "sana", "count": 3}],
        ),
        (
            ["--events", "--by-outlet", "--by", "year", "--outlet", "reuters"],
            [{"period": "2016", "outlet": "reuters", "count": 1}, {"period": "2017", "outlet": "reuters", "count": 1}],
        ),
    ],
)
def test_counts_by_outlet_of_quotes_mentions_and_events(dated_corpus, args, expected):
    assert rows(dated_corpus, *args) == expected
