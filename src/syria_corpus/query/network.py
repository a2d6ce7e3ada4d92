"""Networks for Gephi: who is named with whom (entities that share articles, weighted by how many) and
who quotes whom (outlets to the speakers they quote, weighted by quotes), written as GraphML or GEXF with
networkx. Nodes carry their type; both take the shared filters."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ..errors import CorpusError
from .filters import NO_FILTERS, Filters, SpeakerType
from .queries import filter_conditions

if TYPE_CHECKING:
    from ..store.connect import Corpus


class Kind(Enum):
    COOCCURRENCE = "cooccurrence"
    QUOTES = "quotes"


class GraphFormat(Enum):
    GRAPHML = "graphml"
    GEXF = "gexf"

    @classmethod
    def of(cls, path: Path) -> GraphFormat:
        try:
            return cls(path.suffix.lower().lstrip("."))
        except ValueError:
            raise CorpusError(f"{path}: name the file .graphml or .gexf") from None


def build(db: Corpus, kind: Kind, *, top: int = 200, filters: Filters = NO_FILTERS):
    """The graph: for co-occurrence the `top` people and organisations by mentions (in the filtered
    articles) and the articles they share; for quotes every outlet and the speakers it quotes."""
    try:
        import networkx as nx
    except ImportError:
        raise CorpusError("network needs networkx: pip install 'syria-corpus[exports]'") from None
    graph = nx.Graph() if kind is Kind.COOCCURRENCE else nx.DiGraph()
    if kind is Kind.COOCCURRENCE:
        where, params = filter_conditions(db, filters, "ae.article_id", quotes=False)
        narrowed = "".join(" and " + c for c in where)
        chosen = f"""select e.id, e.name, e.type, sum(ae.mentions) as mentions from article_entities ae
            join entities e on e.id = ae.entity_id where e.type in ('person', 'org'){narrowed}
            group by e.id order by mentions desc, e.name limit ?"""
        for id_, name, type_, mentions in db.execute(chosen, [*params, top]):
            graph.add_node(id_, label=name, type=SpeakerType.of(type_).value, mentions=mentions)
        shared = f"""
        with chosen as ({chosen}), present as (
            select ae.article_id, ae.entity_id from article_entities ae join chosen c on c.id = ae.entity_id
            where 1{narrowed}
        )
        select x.entity_id, y.entity_id, count(*) from present x join present y
          on x.article_id = y.article_id and x.entity_id < y.entity_id
        group by 1, 2"""
        for a, b, weight in db.execute(shared, [*params, top, *params]):
            graph.add_edge(a, b, weight=weight)
        return graph
    where, params = filter_conditions(db, filters, None)
    sql = f"""
    select coalesce(a.outlet, '(unknown)'), coalesce(q.speaker_id, 'unnamed:' || lower(q.speaker)),
           coalesce(e.name, min(q.speaker)), coalesce(e.type, 'unnamed'), count(*)
    from quotes q join articles a on a.id = q.article_id left join entities e on e.id = q.speaker_id
    where q.speaker is not null and q.parent_id is null{"".join(" and " + c for c in where)}
    group by 1, 2"""
    for outlet, speaker_id, speaker, type_, quotes in db.execute(sql, params):
        graph.add_node(f"outlet:{outlet}", label=outlet, type="outlet")
        graph.add_node(speaker_id, label=speaker, type=SpeakerType.of(type_).value)
        graph.add_edge(f"outlet:{outlet}", speaker_id, weight=quotes)
    return graph


def write(graph, out: BinaryIO, fmt: GraphFormat) -> None:
    import networkx as nx

    (nx.write_graphml if fmt is GraphFormat.GRAPHML else nx.write_gexf)(graph, out)
