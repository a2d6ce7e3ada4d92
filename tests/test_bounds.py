"""Every bound of limits.py holds: work one input asks for is refused in one line past it."""

import pytest
from typer.testing import CliRunner

from syria_corpus.cli import app
from syria_corpus.errors import CorpusError
from syria_corpus.limits import QUERY_CHARS, QUERY_WORDS
from syria_corpus.query.search_syntax import compile_query


def test_a_query_past_its_words_or_characters_is_refused():
    assert compile_query(" ".join(["Assad"] * QUERY_WORDS)).count('"Assad"') == QUERY_WORDS
    with pytest.raises(CorpusError, match=f"a query of {QUERY_WORDS + 1} words is too long: at most {QUERY_WORDS}"):
        compile_query(" ".join(["Assad"] * (QUERY_WORDS + 1)))
    with pytest.raises(CorpusError, match=f"a query of 2,001 characters is too long: at most {QUERY_CHARS:,}"):
        compile_query("x" * (QUERY_CHARS + 1))


@pytest.mark.parametrize("distance", ["-5", "١٠", "x"])
def test_a_near_distance_that_is_not_a_whole_number_is_the_syntax_line(distance):
    with pytest.raises(CorpusError, match=f"NEAR's distance '{distance}' is not a whole number of words"):
        compile_query(f"NEAR(a b, {distance})")
    assert compile_query("NEAR(a b, 5)") == 'NEAR( "a" "b" , 5 )'


@pytest.mark.parametrize("source", ["/dev/zero", "fifo"])
def test_curation_import_refuses_a_device_or_a_pipe_before_reading(fresh_db, tmp_path, source):
    import os

    if source == "fifo":
        source = str(tmp_path / "fifo")
        os.mkfifo(source)
    result = CliRunner().invoke(app, ["--db", str(fresh_db), "curation", "import", source])
    assert (result.exit_code, result.output) == (
        1,
        f"Error: {source}: not a regular file; a corrections file is read from a file\n",
    )
