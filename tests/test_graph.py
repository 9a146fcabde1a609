import json

import networkx as nx

from graphkit.graph import export_graph, load_graph, save_graph, to_networkx
from graphkit.types import Article, Entity, Event, GraphData, Provenance, Relation, Triple


def tiny_graph() -> GraphData:
    p = Provenance("d1", "The DGCIM tortured opponents in Caracas.", 4, 30, 0, 40)
    return GraphData(
        documents=[Article(id="d1", text="The DGCIM tortured opponents in Caracas.", title="T")],
        entities=[
            Entity("dgcim", "DGCIM", "Organization", docs=["d1"]),
            Entity("opponents", "opponents", "Group", docs=["d1"]),
            Entity("caracas", "Caracas", "Location", docs=["d1"]),
            Entity("maduro", "Nicolás Maduro", "Person", aliases=["Maduro"], docs=["d1"]),
        ],
        events=[Event("d1:ev1", "torture", "d1", "tortured", p, perpetrators=["dgcim"], victims=["opponents"],
                      locations=["caracas"], date="2019-03-20")],
        relations=[Relation("maduro", "LEADS", "dgcim", p, past=True)],
        triples=[Triple("The DGCIM", "tortured", "opponents", p, "dgcim", "opponents")],
    )


def test_graph_interchange_round_trip(tmp_path):
    g = tiny_graph()
    path = save_graph(g, tmp_path / "graph.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["events"][0]["perpetrators"] == ["dgcim"]
    assert data["events"][0]["evidence"].startswith("The DGCIM")
    again = load_graph(path)
    assert again.events[0].prov == g.events[0].prov
    assert again.relations[0].past is True
    assert [e.id for e in again.entities] == [e.id for e in g.entities]


def test_graph_networkx_has_nodes_roles_and_provenance():
    g = to_networkx(tiny_graph())
    assert g.nodes["d1:ev1"]["kind"] == "event"
    roles = {(u, v, d["type"]) for u, v, d in g.edges(data=True)}
    assert ("dgcim", "d1:ev1", "PERPETRATOR") in roles
    assert ("opponents", "d1:ev1", "VICTIM") in roles
    assert ("caracas", "d1:ev1", "LOCATION") in roles
    assert ("maduro", "dgcim", "LEADS") in roles
    assert ("dgcim", "opponents", "TRIPLE") in roles
    [leads] = [d for _, _, d in g.edges(data=True) if d["type"] == "LEADS"]
    assert leads["doc"] == "d1" and leads["start"] == 4


def test_graph_exports_graphml_and_gexf_that_networkx_reads_back(tmp_path):
    for fmt in ("graphml", "gexf"):
        path = export_graph(tiny_graph(), tmp_path / f"g.{fmt}", fmt)
        back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
        assert back.number_of_nodes() == 6  # 4 entities, 1 event, 1 document
        assert "Maduro" in str(back.nodes["maduro"])


def test_graph_file_has_each_item_on_a_line_of_its_own(tmp_path):
    """graph.json is written item by item (json's C encoder) yet stays line-oriented like an indented file."""
    g = tiny_graph()
    text = save_graph(g, tmp_path / "graph.json").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert any(line.startswith('{"id": "maduro"') and "Nicolás Maduro" in line for line in lines)
    assert sum(line.startswith('{"id": "d1:ev1"') for line in lines) == 1
    assert json.loads(text)["entities"][3]["name"] == "Nicolás Maduro"
    assert load_graph(tmp_path / "graph.json") == load_graph(save_graph(load_graph(tmp_path / "graph.json"),
                                                                        tmp_path / "again.json"))
