import shutil

import pytest

from syria_corpus.query import queries, sources
from syria_corpus.store import curation
from syria_corpus.store.schema import open_db
from syria_corpus.store.summaries import refresh_summaries, summary_current


def live(monkeypatch, fn, *args, **kwargs):
    """What a query answers from the quotes themselves, the summary set aside."""
    with monkeypatch.context() as m:
        m.setattr(queries, "summary_current", lambda db: False)
        m.setattr(sources, "summary_current", lambda db: False)
        return fn(*args, **kwargs)


@pytest.fixture
def dated(dated_corpus, tmp_path):
    path = tmp_path / "corpus.db"
    shutil.copy(dated_corpus, path)
    return open_db(path)


def test_ingest_leaves_a_current_summary_that_answers_as_the_quotes_do(dated, monkeypatch):
    assert summary_current(dated)
    assert queries.speakers(dated) == live(monkeypatch, queries.speakers, dated) != []
    assert sources.sources(dated) == live(monkeypatch, sources.sources, dated) != []
    assert queries.stats(dated) == live(monkeypatch, queries.stats, dated)
    assert (queries.stats(dated)["speakers"], queries.stats(dated)["direct_quotes"]) == (6, 2)


def test_a_curation_makes_the_summary_stale_until_it_is_rebuilt(dated, monkeypatch):
    curation.rename(dated, "Sergey Lavrov", "Sergei Lavrov")
    assert not summary_current(dated)
    assert "Sergei Lavrov" in [r["speaker"] for r in queries.speakers(dated)]  # answered from the quotes
    refresh_summaries(dated)
    assert summary_current(dated)
    assert queries.speakers(dated) == live(monkeypatch, queries.speakers, dated)
    dated.execute("delete from quotes where speaker = 'An activist'")
    assert not summary_current(dated)
    assert "An activist" not in [r["speaker"] for r in queries.speakers(dated)]
