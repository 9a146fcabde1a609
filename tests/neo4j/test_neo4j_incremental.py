"""Incremental Neo4j loads: after adding and replacing documents the database equals a fresh load of the graph."""

from __future__ import annotations

import pytest

from graphkit.backends.neo4j import count_graph, sync_graph, write_graph
from graphkit.config import Settings
from graphkit.pipeline import run_pipeline
from tests.scale.corpus import write_folder

pytestmark = pytest.mark.neo4j


def _snapshot(driver) -> tuple:
    rels = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, r.doc AS doc, r.start AS start, "
        "r.evidence AS evidence ORDER BY a, t, b, doc, start").records
    nodes = driver.execute_query("MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS p ORDER BY id")
    return ([tuple(r.values()) for r in rels],
            [(r["id"], sorted(r["labels"]), sorted((k, str(v)) for k, v in r["p"].items())) for r in nodes.records])


def test_neo4j_sync_adds_and_replaces_like_a_fresh_load(neo4j_driver, tmp_path, nlp):
    folder = write_folder(tmp_path / "in", range(0, 3))
    out = tmp_path / "out"
    first = run_pipeline([folder], out, Settings(), write_map=False)
    sync_graph(neo4j_driver, first.graph)
    loaded = count_graph(neo4j_driver)
    assert sync_graph(neo4j_driver, first.graph).relationships_created == 0  # nothing new: nothing written
    assert count_graph(neo4j_driver) == loaded

    write_folder(folder, range(3, 5))  # two new documents
    (folder / "doc001.txt").write_text(  # and one changed text
        "Agents of the intelligence service abducted the union leader Ramiro Benavides in Tucupita. "
        "His family said that the agents tortured him.\n", encoding="utf-8")
    second = run_pipeline([folder], out, Settings(), write_map=False)
    assert second.replaced == ["doc001"] and len(second.added) == 3
    stats = sync_graph(neo4j_driver, second.graph)
    assert 0 < stats.rows
    incremental = _snapshot(neo4j_driver)

    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    write_graph(neo4j_driver, second.graph)
    assert incremental == _snapshot(neo4j_driver)
    names = {r["n"] for r in neo4j_driver.execute_query("MATCH (e:Entity) RETURN e.name AS n").records}
    assert "Ramiro Benavides" in names and "Ines Caballero" not in names
