"""The Neo4j writer and queries against a real Neo4j 5 server."""

import dataclasses

import pytest

from graphkit.backends.neo4j import (
    Neo4jConnectionError,
    Neo4jSettings,
    connect,
    count_graph,
    run_cypher,
    write_graph,
)
from graphkit.errors import SchemaError
from graphkit.types import Entity, Provenance, Relation
from tests.test_graph import tiny_graph

pytestmark = pytest.mark.neo4j

EVIL = "x'}) DETACH DELETE n //"


def _props(driver):
    records = driver.execute_query("MATCH (n) RETURN n.id AS id, properties(n) AS p ORDER BY id").records
    return [(r["id"], sorted(r["p"].items())) for r in records]


def test_neo4j_write_twice_changes_nothing(neo4j_driver):
    g = tiny_graph()
    first = write_graph(neo4j_driver, g)
    assert first.nodes_created == 6
    counts, props = count_graph(neo4j_driver), _props(neo4j_driver)
    second = write_graph(neo4j_driver, g)
    assert second.nodes_created == 0 and second.relationships_created == 0
    assert count_graph(neo4j_driver) == counts and _props(neo4j_driver) == props


def test_neo4j_bigger_graph_adds_only_what_is_new(neo4j_driver):
    g = tiny_graph()
    write_graph(neo4j_driver, g)
    before = count_graph(neo4j_driver)
    bigger = dataclasses.replace(g, entities=[*g.entities, Entity("oas", "OAS", "Organization", docs=["d1"])],
                                 relations=[*g.relations, Relation("maduro", "OPPOSES", "oas", g.relations[0].prov)])
    stats = write_graph(neo4j_driver, bigger)
    assert stats.nodes_created == 1 and stats.relationships_created == 2  # OPPOSES + MENTIONED_IN
    after = count_graph(neo4j_driver)
    assert after["nodes"] == before["nodes"] + 1


def test_neo4j_untrusted_names_and_sentences_are_stored_literally(neo4j_driver):
    g = tiny_graph()
    g.entities.append(Entity("evil", EVIL, "Person", docs=["d1"]))
    g.events[0].prov = Provenance("d1", "MATCH (n) DETACH DELETE n; RETURN '\"", 0, 5)
    write_graph(neo4j_driver, g)
    names = run_cypher(neo4j_driver, "MATCH (e:Person {id: 'evil'}) RETURN e.name AS name")
    assert names["name"].tolist() == [EVIL]
    assert count_graph(neo4j_driver)["nodes"] == 7


def test_neo4j_unknown_type_is_refused_before_any_write(neo4j_driver):
    g = tiny_graph()
    g.entities.append(Entity("x", "X", "Weapon`) DETACH DELETE n //"))
    with pytest.raises(SchemaError):
        write_graph(neo4j_driver, g)
    assert count_graph(neo4j_driver)["nodes"] == 0


def test_neo4j_read_queries_cannot_write(neo4j_driver):
    from graphkit.errors import GraphkitError

    with pytest.raises(GraphkitError):
        run_cypher(neo4j_driver, "CREATE (n:Entity {id: 'sneaky'}) RETURN n")
    assert count_graph(neo4j_driver)["nodes"] == 0


def test_neo4j_connection_errors_are_clear(neo4j_settings):
    wrong = dataclasses.replace(neo4j_settings, password="not-the-password")
    with pytest.raises(Neo4jConnectionError, match="wrong password"):
        connect(wrong)
    with pytest.raises(Neo4jConnectionError, match="cannot reach"):
        connect(Neo4jSettings(uri="bolt://127.0.0.1:1", password="x"))
    with pytest.raises(Neo4jConnectionError, match="does not exist"):
        connect(dataclasses.replace(neo4j_settings, database="nosuchdb"))


def test_neo4j_cli_load_twice_leaves_identical_counts_and_queries_run(neo4j_settings, neo4j_driver, tmp_path, runner,
                                                                      monkeypatch):
    from graphkit.cli import cli
    from graphkit.graph import save_graph

    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.password)
    graph = save_graph(tiny_graph(), tmp_path / "graph.json")
    args = ["load", "--graph", str(graph), "--neo4j-uri", neo4j_settings.uri]
    assert runner.invoke(cli, args).exit_code == 0
    first = count_graph(neo4j_driver)
    result = runner.invoke(cli, args)
    assert result.exit_code == 0 and "0 nodes and 0 relationships created" in result.output
    assert count_graph(neo4j_driver) == first
    result = runner.invoke(cli, ["query", "agencies-allegations", "--neo4j-uri", neo4j_settings.uri, "--format", "csv"])
    assert result.exit_code == 0 and "dgcim,DGCIM,Organization,torture,1" in result.output
    result = runner.invoke(cli, ["cypher", "MATCH (e:Event) RETURN e.type AS type", "--neo4j-uri", neo4j_settings.uri])
    assert "torture" in result.output


def test_neo4j_nodes_say_why_names_are_one(neo4j_driver):
    g = tiny_graph()
    g.entities[3].merge_reasons = ["'Maduro' is the surname of 'Nicolás Maduro'"]
    g.entities[3].decisions = ["decision 'same' on 'Maduro' and 'Nicolás Maduro' by analyst"]
    write_graph(neo4j_driver, g)
    row = run_cypher(neo4j_driver, "MATCH (e:Person {id: $id}) RETURN e.merge_reasons AS why, e.decisions AS d",
                     {"id": "maduro"})
    assert row["why"][0] == g.entities[3].merge_reasons and row["d"][0] == g.entities[3].decisions
