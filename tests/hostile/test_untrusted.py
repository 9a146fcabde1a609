"""Untrusted names and sentences: stored verbatim, read back equal, never run as code."""

from __future__ import annotations

import dataclasses
import json

import networkx as nx
import pytest

from graphkit.graph import export_graph, load_graph, save_graph, to_networkx
from graphkit.graph.interchange import from_interchange, to_interchange
from tests.hostile.strings import HOSTILE, hostile_graph


def test_hostile_strings_survive_the_graph_file_verbatim(tmp_path):
    g = hostile_graph()
    again = load_graph(save_graph(g, tmp_path / "graph.json"))
    assert [e.name for e in again.entities] == list(HOSTILE)
    assert [e.aliases for e in again.entities] == [e.aliases for e in g.entities]
    assert [d.title for d in again.documents] == list(HOSTILE)
    assert [ev.prov for ev in again.events] == [ev.prov for ev in g.events]
    assert [r.cue for r in again.relations] == list(HOSTILE)
    assert [(t.subject, t.relation, t.object) for t in again.triples] == [(s, s, s) for s in HOSTILE]
    assert to_interchange(again) == to_interchange(g)


def test_hostile_strings_are_networkx_attributes_verbatim():
    g = to_networkx(hostile_graph())
    names = [g.nodes[f"ent-{i}"]["name"] for i in range(len(HOSTILE))]
    assert names == list(HOSTILE)
    evidence = {d["evidence"] for _, _, d in g.edges(data=True) if d.get("type") == "ALLIED_WITH"}
    assert evidence == set(HOSTILE)
    assert g.number_of_nodes() == 3 * len(HOSTILE)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_hostile_strings_export_to_xml_formats(tmp_path, fmt):
    path = export_graph(hostile_graph(), tmp_path / f"g.{fmt}", fmt)
    g = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    names = {d.get("name").replace("\r\n", "\n") for _, d in g.nodes(data=True) if d.get("kind") == "entity"}
    # XML 1.0 cannot hold NUL, and some XML readers turn \r\n into \n; the rest comes back as it went in
    assert names == {s.replace("\x00", "").replace("\r\n", "\n") for s in HOSTILE}


def test_hostile_strings_in_graph_json_are_plain_json(tmp_path):
    path = save_graph(hostile_graph(), tmp_path / "graph.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert from_interchange(data) == dataclasses.replace(hostile_graph())
