import json
import re

from graphkit.types import Entity, Event, GraphData, Provenance, Relation
from graphkit.viz import render_map, select_subgraph
from tests.test_graph import tiny_graph

EVIL_NAME = "<img src=x onerror=alert(1)>"


def _data(html: str) -> dict:
    return json.loads(re.search(r"const DATA = (.*);\n", html).group(1))


def test_map_has_every_entity_and_event_as_a_node(tmp_path):
    html = render_map(tiny_graph(), tmp_path / "m.html").read_text(encoding="utf-8")
    data = _data(html)
    assert len(data["nodes"]) == 5  # 4 entities + 1 event
    labels = {e["label"] for e in data["edges"]}
    assert {"perpetrator", "victim", "location", "LEADS"} <= labels


def test_map_loads_nothing_from_the_network(tmp_path):
    html = render_map(tiny_graph(), tmp_path / "m.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=", html)


def test_map_escapes_untrusted_names_and_sentences(tmp_path):
    g = tiny_graph()
    g.entities.append(Entity("evil", EVIL_NAME, "Person", docs=["d1"]))
    g.events[0].perpetrators.append("evil")  # linked, so the map draws it
    g.events[0].prov = type(g.events[0].prov)("d1", "He said <script>alert(2)</script>.", 0, 5)
    html = render_map(g, tmp_path / "m.html").read_text(encoding="utf-8")
    assert EVIL_NAME not in html and "<script>alert(2)" not in html
    data = _data(html)
    assert any(n["label"] == EVIL_NAME for n in data["nodes"])  # shown literally, as text


def test_map_focus_types_allegation_and_cap(tmp_path):
    g = tiny_graph()
    sub, _, _ = select_subgraph(g, focus="maduro", depth=1)
    assert "maduro" in sub and "dgcim" in sub
    sub, _, _ = select_subgraph(g, types=["Organization"])
    assert {n for n, a in sub.nodes(data=True) if a["kind"] == "entity"} == {"dgcim"}
    sub, _, _ = select_subgraph(g, allegation="killing")
    assert sub.number_of_nodes() == 0
    big = GraphData(entities=[Entity(f"e{i}", f"E{i}", "Person", docs=["d"]) for i in range(30)])
    html = render_map(big, tmp_path / "big.html", max_nodes=10, show_isolated=True).read_text(encoding="utf-8")
    assert len(_data(html)["nodes"]) == 10
    assert "20 nodes" in html


def test_map_leaves_out_unlinked_nodes_and_says_so(tmp_path):
    g = tiny_graph()
    g.entities += [Entity("lone1", "Nobody Linked", "Person", docs=["d1"]), Entity("lone2", "source", "Group")]
    html = render_map(g, tmp_path / "m.html").read_text(encoding="utf-8")
    ids = {n["id"] for n in _data(html)["nodes"]}
    assert ids == {"dgcim", "opponents", "caracas", "maduro", "d1:ev1"}
    assert "2 nodes with no link are left out" in html
    html = render_map(g, tmp_path / "all.html", show_isolated=True).read_text(encoding="utf-8")
    assert {"lone1", "lone2"} <= {n["id"] for n in _data(html)["nodes"]}
    assert "no link" not in html


def test_map_positions_every_node_and_labels_the_most_linked_first(tmp_path):
    hub = [Entity("hub", "Hub Agency", "Organization", docs=["d1", "d2"])]
    spokes = [Entity(f"s{i}", f"Spoke {i}", "Person", docs=["d1"]) for i in range(40)]
    rels = [Relation("hub", "MEMBER_OF" if i % 2 else "LEADS", f"s{i}", Provenance("d1", "x", 0, 1))
            for i in range(40)]
    html = render_map(GraphData(entities=hub + spokes, relations=rels), tmp_path / "m.html").read_text(encoding="utf-8")
    data = _data(html)
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == 41
    again = render_map(GraphData(entities=hub + spokes, relations=rels), tmp_path / "again.html")
    assert _data(again.read_text(encoding="utf-8")) == data  # the same graph, the same picture
    tiers = {n["id"]: n["tier"] for n in data["nodes"]}
    assert tiers["hub"] == "top"
    assert sum(t == "top" for t in tiers.values()) == data["labels"]["at_first_sight"]


def test_allegations_overview_rows_are_the_query_rows_with_their_sentences():
    from graphkit.query import run_query
    from graphkit.viz import allegations_overview

    g = tiny_graph()
    second = Provenance("d1", "Another sentence about the DGCIM.", 50, 60)
    g.events.append(Event("d1:ev2", "torture", "d1", "beat", second, perpetrators=["dgcim"], sources=["maduro"]))
    overview = allegations_overview(g)
    frame = run_query("agencies-allegations", g)
    assert [(lk.who_id, lk.allegation, lk.events) for lk in overview.perpetrators] == [
        (r.actor_id, r.allegation, r.events) for r in frame.itertuples()]
    [link] = overview.perpetrators
    assert link.events == 2 and [s for _, s in link.evidence] == [g.events[0].prov.sentence, second.sentence]
    assert [(lk.who_id, lk.allegation, lk.events) for lk in overview.sources] == [("maduro", "torture", 1)]


def test_allegations_page_has_one_edge_per_row_and_escapes_names(tmp_path):
    g = tiny_graph()
    g.entities.append(Entity("evil", EVIL_NAME, "Group", docs=["d1"]))
    g.events[0].perpetrators.append("evil")
    html = render_map(g, tmp_path / "a.html", view="allegations").read_text(encoding="utf-8")
    assert EVIL_NAME not in html
    data = _data(html)
    assert sorted((e["from"], e["to"], e["events"]) for e in data["edges"]) == [
        ("actor:dgcim", "allegation:torture", 1), ("actor:evil", "allegation:torture", 1)]
    assert any(n["label"] == EVIL_NAME for n in data["nodes"])


def test_map_tooltip_says_why_names_are_one_node(tmp_path):
    g = tiny_graph()
    g.entities[3].merge_reasons = ["'Maduro' is the surname of 'Nicolás Maduro'"]
    g.entities[3].decisions = ["decision 'same' on 'Maduro' and 'Nicolás Maduro' by analyst"]
    data = _data(render_map(g, tmp_path / "m.html").read_text(encoding="utf-8"))
    title = next(n["title"] for n in data["nodes"] if n["label"] == "Nicolás Maduro")
    assert "why: decision 'same'" in title and "why: 'Maduro' is the surname" in title
