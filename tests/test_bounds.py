"""Every bound of limits.py holds: work one input asks for is refused in one line past it."""

import re

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


def _numeric_options():
    """Every integer option of every command, read from the app so that a new one is covered too."""
    from typer import _click as click
    from typer.main import get_command

    def walk(group, prefix=()):
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                yield from walk(command, (*prefix, name))
            elif " ".join((*prefix, name)) != "serve":
                for param in command.params:
                    if param.param_type_name == "option" and isinstance(param.type, click.types._NumberParamTypeBase):
                        args = ["Assad" for p in command.params if p.param_type_name == "argument" and p.required]
                        yield [*prefix, name, *args, param.opts[0]]

    return list(walk(get_command(app)))


@pytest.mark.parametrize("value", [str(10**20), "-1", "1e400"])
@pytest.mark.parametrize("command", _numeric_options(), ids=" ".join)
def test_a_number_out_of_range_is_one_usage_line(fresh_db, command, value):
    """`--dask` and `--port` aside, a number out of range is refused when the line is read, so no command
    takes a count it cannot hold (`OverflowError` from SQLite, `islice`, a `datatype mismatch`)."""
    result = CliRunner().invoke(app, ["--db", str(fresh_db), *command, value])
    assert result.exit_code == 1, result.output
    assert re.fullmatch(rf"Error: Invalid value for '{command[-1]}'[^\n]*\n", result.stderr), result.stderr
