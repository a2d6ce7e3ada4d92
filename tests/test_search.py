import json

import pytest
from typer.testing import CliRunner

from syria_corpus.cli import app
from syria_corpus.errors import CorpusError
from syria_corpus.query import queries
from syria_corpus.query.search_syntax import SYNTAX, compile_query
from syria_corpus.store.schema import open_db

runner = CliRunner()

ARTICLES = {
    "a_Sheikhoun": "Chemical attack on Khan Sheikhoun\n\nA chemical attack on Khan Sheikhoun in Idlib province killed "
    "86 people on Tuesday, the Syrian Observatory for Human Rights said.",
    "b_Shaykhun": "Sarin used in Khan Shaykhun\n\nInvestigators said sarin was used in the attack on Khan Shaykhun. "
    "Daesh fighters were not involved.",
    "c_Raqqa": "Air strikes on Raqqa\n\nCoalition air strikes hit ISIS positions in Raqqa, activists said. The "
    "attack was not chemical.",
    "d_Deir": "Aid reaches Deir ez-Zor\n\nThe United Nations said aid reached Deir ez-Zor on Friday.",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from syria_corpus.ingest import ingest

    folder = tmp_path_factory.mktemp("search")
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    db = folder / "corpus.db"
    ingest(db, sorted(folder.glob("*.txt")))
    return db


def found(db, query: str, *args: str) -> list[str]:
    """The articles a search finds, by their file's last word."""
    result = runner.invoke(app, ["--db", str(db), "search", query, "--json", "-n", "0", *args])
    assert result.exit_code == 0, result.output
    names = {r["id"]: r["name"] for r in open_db(db).query("select id, path as name from articles")}
    return sorted(names[r["id"]].rsplit("_", 1)[-1].removesuffix(".txt") for r in json.loads(result.output))


def test_fts5_syntax_passes_through(corpus):
    assert found(corpus, '"chemical attack"') == ["Sheikhoun"]
    assert found(corpus, '"attack chemical"') == []
    assert found(corpus, "sarin OR Raqqa") == ["Raqqa", "Shaykhun"]
    assert found(corpus, "attack NOT sarin") == ["Raqqa", "Sheikhoun"]
    assert found(corpus, "chem*") == ["Raqqa", "Sheikhoun"]
    assert found(corpus, "NEAR(chemical Idlib, 6)") == ["Sheikhoun"]
    assert found(corpus, "NEAR(chemical Idlib, 2)") == []
    assert found(corpus, "(sarin OR Idlib) AND attack") == ["Shaykhun", "Sheikhoun"]
    assert found(corpus, "title:sarin") == ["Shaykhun"] and found(corpus, "title:Investigators") == []
    assert found(corpus, "ez-Zor") == ["Deir"]  # a word FTS5 cannot take bare is a phrase


def test_a_known_name_stands_for_every_spelling_unless_exact(corpus):
    assert found(corpus, "Khan Shaykhun") == ["Shaykhun", "Sheikhoun"]
    assert found(corpus, "Khan Shaykhun", "--exact") == ["Shaykhun"]
    assert found(corpus, "Khan Shaykhun sarin") == ["Shaykhun"]
    assert found(corpus, "Dayr az-Zawr") == ["Deir"]  # a spelling only the gazetteer knows
    assert found(corpus, "Dayr az-Zawr", "--exact") == []
    assert found(corpus, "Daesh") == ["Raqqa", "Shaykhun"]  # ISIS is the Islamic State too


def test_search_finds_every_article_of_the_place_command(corpus):
    db = open_db(corpus)
    place = {r["article_id"] for r in queries.place_profile(db, "Khan Sheikhoun")["articles"]}
    assert {r["id"] for r in queries.search(db, "Khan Shaykhun", limit=None)} == place != set()


def test_the_hit_is_highlighted_in_a_snippet(corpus):
    (row,) = queries.search(open_db(corpus), "sarin", exact=True)
    assert (
        row["snippet"]
        == "Investigators said «sarin» was used in the attack on Khan Shaykhun. Daesh fighters were not involved."
    )


def test_quotes_about_takes_the_same_syntax_and_spellings(corpus):
    db = open_db(corpus)
    assert [q["text"] for q in queries.quotes(db, about="sarin OR Fri*")] == [
        "aid reached Deir ez-Zor on Friday",
        "sarin was used in the attack on Khan Shaykhun",
    ]
    assert [q["speaker"] for q in queries.quotes(db, about="Khan Sheikhoun")] == ["Investigators"]
    assert queries.quotes(db, about="Khan Sheikhoun", exact=True) == []
    assert [q["speaker"] for q in queries.quotes(db, about="Dayr az-Zawr")] == ["United Nations"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"chemical attack', """a " in '"chemical attack' is not closed"""),
        ("(sarin OR chlorine", "the brackets in '(sarin OR chlorine' do not pair up"),
        ("sarin)", "the brackets in 'sarin)' do not pair up"),
        ("sarin OR", "OR in 'sarin OR' needs something to search for on each side"),
        ("NOT sarin", "NOT in 'NOT sarin' needs something to search for on each side"),
        ("sarin AND OR chlorine", "AND OR in 'sarin AND OR chlorine': two operators in a row"),
        ("***", "'***' has nothing to search for"),
        ("%", "'%' has nothing to search for"),  # punctuation the index keeps no word of
        ("^", "'^' has nothing to search for"),
        ("  ", "nothing to search for in '  '"),
    ],
)
def test_a_malformed_search_is_one_line_that_shows_the_syntax(corpus, query, message):
    result = runner.invoke(app, ["--db", str(corpus), "search", query])
    assert result.exit_code == 1
    assert result.output == f"Error: {message}; the syntax: {SYNTAX}\n"


def test_a_column_quotes_do_not_have_is_refused_in_one_line(corpus):
    result = runner.invoke(app, ["--db", str(corpus), "quotes", "--about", "title:sarin"])
    assert result.exit_code == 1
    assert result.output == (
        "Error: cannot search for 'title:sarin' (no such column: title); the syntax: " + SYNTAX + "\n"
    )


def test_the_query_fts5_receives():
    spellings = {"khan shaykhun": ["Khan Sheikhoun", "Khan Shaykhun"]}.get

    def compiled(query: str) -> str:
        return compile_query(query, lambda name: spellings(name.lower(), []))

    assert compiled("Khan Shaykhun chemical") == '("Khan Shaykhun" OR "Khan Sheikhoun") AND "chemical"'
    assert compiled('"Khan Shaykhun"*') == '"Khan Shaykhun"*'
    assert compiled("al-Assad OR U.S.") == '"al-Assad" OR "U.S."'
    assert compiled("NEAR(Khan Shaykhun, 3)") == 'NEAR( "Khan" "Shaykhun" , 3 )'
    assert compiled("(a OR b) c") == '( "a" OR "b" ) AND "c"'
    assert compile_query("Khan Shaykhun", None) == '"Khan" AND "Shaykhun"'
    assert compile_query("Assad, Putin", None) == compile_query("Assad,Putin", None) == '"Assad" AND "Putin"'
    with pytest.raises(CorpusError):
        compiled("a OR")
