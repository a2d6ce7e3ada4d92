import pytest
from typer.testing import CliRunner

from conftest import QUOTE_FILTERS, SHARED_OPTIONS, cli_json, options_listed
from syria_corpus.cli import app

runner = CliRunner()


def lines(db, *args: str) -> list[dict]:
    return cli_json(db, "kwic", *args)


def test_each_occurrence_with_its_context_and_citation(dated_corpus):
    (line,) = lines(dated_corpus, "Khan Shaykhun", "--width", "20")  # written Khan Sheikhoun
    assert {k: v for k, v in line.items() if k != "article_id"} == {
        "outlet": "reuters",
        "date": "2017-04-04",
        "left": "ople were killed in",
        "keyword": "Khan Sheikhoun",
        "right": 'in Idlib," the Syri',
    }
    assert lines(dated_corpus, "Khan Shaykhun", "--exact") == []
    assert [(r["date"], r["keyword"], r["right"]) for r in lines(dated_corpus, "strike", "-w", "15")] == [
        ("2016-09-17", "strike", "in Deir ez-Zor"),
        ("2017-04-07", "strike", "on the Shayrat"),
    ]
    assert [r["date"] for r in lines(dated_corpus, "strike", "--since", "2017")] == ["2017-04-07"]


def test_in_quotes_each_line_names_its_quote(dated_corpus):
    (line,) = lines(dated_corpus, "regret", "--quotes", "-w", "12")
    assert (line["left"], line["keyword"], line["right"], len(line["quote_id"])) == (
        "take and we",
        "regret",
        "it,",
        16,
    )


@pytest.mark.parametrize("phrase", ["", "  ", "--"])
def test_nothing_to_find_is_one_line(dated_corpus, phrase):
    result = runner.invoke(app, ["--db", str(dated_corpus), "kwic", "--", phrase])
    assert result.exit_code == 1
    assert result.output == f"Error: nothing to find in {' '.join(phrase.split())!r}\n"


def test_many_matches_walk_the_date_index_in_the_same_order(tmp_path, monkeypatch):
    from syria_corpus.ingest import ingest
    from syria_corpus.query import kwic as module
    from syria_corpus.query import queries
    from syria_corpus.store.connect import open_readonly

    rows = [
        ("b", "2017-04-07", "A strike hit Idlib."),
        ("u", "", "A strike hit Homs."),
        ("a", "2016-09-17", "A strike hit Deir ez-Zor."),
    ]
    (tmp_path / "a.csv").write_text("id,date,text\n" + "".join(f"{i},{d},{t}\n" for i, d, t in rows), encoding="utf-8")
    ingest(tmp_path / "c.db", [tmp_path / "a.csv"])
    db = open_readonly(tmp_path / "c.db")
    expected = [("2016-09-17", "Deir ez-Zor."), ("2017-04-07", "Idlib."), (None, "Homs.")]
    assert [(r["date"], r["right"]) for r in module.kwic(db, "hit", width=15)] == expected
    monkeypatch.setattr(queries, "MANY_MATCHES", 0)
    assert [(r["date"], r["right"]) for r in module.kwic(db, "hit", width=15)] == expected


# The options `kwic --help` lists besides --quotes, each with the values to try; each is tried in article
# bodies and in quotes. A quote filter on article bodies is refused: no line would be a quote.
KWIC_OPTIONS = SHARED_OPTIONS | {
    "phrase": [["Khan Shaykhun"], ["said"]],
    "--width": [["--width", "5"]],
    "--exact": [["--exact"]],
    "--limit": [["-n", "1"], ["-n", "0"]],
}


def test_every_option_kwic_lists_in_bodies_and_in_quotes(dated_corpus, quick_cli):
    assert options_listed("kwic") == {*KWIC_OPTIONS, "--quotes"}
    failed = []
    for in_quotes in ([], ["--quotes"]):
        for args in [[], *(a for values in KWIC_OPTIONS.values() for a in values)]:
            phrase = [] if args and not args[0].startswith("-") else ["strike"]
            result = quick_cli(dated_corpus, "kwic", *phrase, *args, *in_quotes)
            refused = not in_quotes and set(args) & set(QUOTE_FILTERS)
            expected = (1, QUOTES_ONLY) if refused else (0, None)
            if (result.exit_code, result.output if refused else None) != expected:
                failed.append((*in_quotes, *args, result.exit_code, result.output[-200:]))
    assert failed == []
    (line,) = lines(dated_corpus, "restored", "--quotes", "--speaker-type", "person", "--outlet", "SANA", "-w", "12")
    assert (line["outlet"], line["left"], line["keyword"], line["right"]) == (
        "sana",
        "er had been",
        "restored",
        "to the city",
    )


QUOTES_ONLY = "Error: --speaker-type, --min-confidence and --max-confidence filter quotes: use them with --quotes\n"
