"""The canonical name of a person: the name as the person is usually called, whatever the article's
first mention adds to it."""

import json

from typer.testing import CliRunner

from conftest import ingested
from syria_corpus.cli import app
from syria_corpus.nlp.analyse import analyse
from syria_corpus.read.segment import segment

runner = CliRunner()


def _people(nlp, text: str) -> dict[str, list[str]]:
    """Canonical name -> sorted aliases of every person of the text."""
    return {e.name: sorted(e.aliases) for e in analyse(nlp, segment(text)).entities if e.type == "person"}


def test_a_generation_mark_is_an_alias_and_the_canonical_name_is_the_plain_name(nlp):
    people = _people(nlp, '"The dam will be finished," Walter Pruitt III told the council. Pruitt spoke for an hour.')
    assert people == {"Walter Pruitt": ["Pruitt", "Walter Pruitt III"]}


def test_a_generation_mark_that_tells_father_and_son_apart_stays(nlp):
    people = _people(
        nlp,
        "The choir sang as pastor Henry Dawes III spoke. His father, the Rev. Henry Dawes Jr., founded the church.",
    )
    assert set(people) == {"Henry Dawes III", "Henry Dawes Jr."}
    assert "III" not in people["Henry Dawes III"] and "Jr." not in people["Henry Dawes Jr."]


def test_a_numeral_after_a_given_name_is_a_rulers(nlp):
    assert set(_people(nlp, "Pope John Paul II visited Warsaw in June.")) == {"John Paul II"}


def test_a_person_written_with_a_generation_mark_links_by_the_same_name_only(tmp_path):
    db = ingested(
        tmp_path,
        {
            "a.txt": '"We will hold the line," Senator Ron Pickett said on Monday.',
            "b.txt": 'The family of Ronald Pickett III asked for the video. "We want the truth," Pickett said.',
            "c.txt": '"The mine stays open," Joe Hadley III said on Friday.',
            "d.txt": '"Coal is our future," Joe Hadley said in Charleston.',
        },
    )
    quotes = json.loads(runner.invoke(app, ["--db", str(db), "quotes", "--json"]).output)
    assert sorted(q["speaker"] for q in quotes) == ["Joe Hadley", "Joe Hadley", "Ron Pickett", "Ronald Pickett"]


def test_a_person_is_named_as_most_articles_write_the_given_name(tmp_path):
    db = ingested(
        tmp_path,
        {
            "a.txt": '"The bridge must be rebuilt," Dan Whitcombe said on Monday.',
            "b.txt": '"We need the money now," Daniel Whitcombe said on Tuesday.',
            "c.txt": '"The vote is on Friday," Dan Whitcombe said.',
            "d.txt": '"The cordon holds," Chris Marlowe said.',
            "e.txt": '"Fighters are leaving," Christopher Marlowe said.',
        },
    )
    quotes = json.loads(runner.invoke(app, ["--db", str(db), "quotes", "--json"]).output)
    assert sorted({q["speaker"] for q in quotes}) == ["Christopher Marlowe", "Dan Whitcombe"]
