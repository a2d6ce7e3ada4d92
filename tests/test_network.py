import pytest
from typer.testing import CliRunner

from syria_corpus.cli import app

runner = CliRunner()


def graph(db, path, *args: str):
    import networkx as nx

    result = runner.invoke(app, ["--db", str(db), "network", "-o", str(path), *args])
    assert result.exit_code == 0, result.output
    return (nx.read_graphml if path.suffix == ".graphml" else nx.read_gexf)(path)


def test_who_is_named_with_whom_as_graphml(dated_corpus, tmp_path):
    g = graph(dated_corpus, tmp_path / "names.graphml")
    assert sorted((n, d["type"], d["mentions"]) for n, d in g.nodes(data=True)) == [
        ("org:syrian-observatory-for-human-rights", "organisation", 1),
        ("org:white-helmets", "organisation", 1),
        ("person:hussein-diab", "person", 1),
        ("person:sergey-lavrov", "person", 1),
    ]
    assert list(g.edges(data="weight")) == [("org:syrian-observatory-for-human-rights", "org:white-helmets", 1)]
    assert (
        len(graph(dated_corpus, tmp_path / "spring.graphml", "--since", "2017-04-05", "--until", "2017-04-30").nodes)
        == 1
    )


def test_who_quotes_whom_as_gexf(dated_corpus, tmp_path):
    g = graph(dated_corpus, tmp_path / "quotes.gexf", "--kind", "quotes")
    edges = sorted(
        (g.nodes[a]["label"], g.nodes[b]["label"], g.nodes[b]["type"], w) for a, b, w in g.edges(data="weight")
    )
    assert edges == [
        ("reuters", "Syrian Observatory for Human Rights", "organisation", 1),
        ("reuters", "White Helmets", "organisation", 1),
        ("reuters", "a US official", "unnamed", 1),
        ("sana", "Hussein Diab", "person", 1),
        ("sputnik", "An activist", "unnamed", 1),
        ("sputnik", "Sergey Lavrov", "person", 1),
    ]
    assert g.is_directed()


@pytest.mark.parametrize(
    ("name", "args", "message"),
    [
        ("n.txt", [], "{tmp}/n.txt: name the file .graphml or .gexf"),
        ("n.gexf", ["--kind", "friends"], "no network kind 'friends': choose one of cooccurrence, quotes"),
    ],
)
def test_a_network_that_cannot_be_written_is_one_line(dated_corpus, tmp_path, name, args, message):
    result = runner.invoke(app, ["--db", str(dated_corpus), "network", "-o", str(tmp_path / name), *args])
    assert result.exit_code == 1
    assert result.output == f"Error: {message.format(tmp=tmp_path)}\n"
