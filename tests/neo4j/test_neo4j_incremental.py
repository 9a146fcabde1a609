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


class _CutAfter:
    """A driver whose sessions lose the server after `batches` written batches (a load cut short)."""

    def __init__(self, driver, batches: int) -> None:
        self._driver, self.left = driver, batches

    def __getattr__(self, name):
        return getattr(self._driver, name)

    def session(self, **kw):
        outer, real = self, self._driver.session(**kw)

        class Session:
            def __enter__(self):
                real.__enter__()
                return self

            def __exit__(self, *exc):
                return real.__exit__(*exc)

            def execute_write(self, work):
                from neo4j.exceptions import ServiceUnavailable

                if outer.left <= 0:
                    raise ServiceUnavailable("cut by the test")
                outer.left -= 1
                return real.execute_write(work)

        return Session()


def _graph_of_three_documents():
    from graphkit.types import Article, Entity, Event, GraphData, Provenance, Relation

    docs = [Article(id=f"c{i}", text=f"Text {i}.", sha256=f"{i}" * 64) for i in range(3)]
    people = [Entity(f"p{i}", f"Person {i}", "Person", docs=[f"c{i % 3}", f"c{(i + 1) % 3}"]) for i in range(12)]
    events = [Event(f"c{i % 3}:ev{i}", "detention", f"c{i % 3}", "held", Provenance(f"c{i % 3}", "Held.", i, i + 4),
                    perpetrators=[f"p{i}"], victims=[f"p{(i + 5) % 12}"]) for i in range(12)]
    relations = [Relation(f"p{i}", "MEMBER_OF", f"p{(i + 3) % 12}", Provenance(f"c{i % 3}", "A member.", i, i + 9))
                 for i in range(12)]
    return GraphData(documents=docs, entities=people, events=events, relations=relations)


@pytest.mark.parametrize("load", [write_graph, sync_graph])
@pytest.mark.parametrize("cut", [1, 4, 9])
def test_a_load_cut_between_its_create_batches_is_completed_by_the_next(neo4j_driver, load, cut):
    """Nodes and relationships of documents new to the database are CREATEd, not MERGEd: a load cut short
    after the documents, among the nodes or among the relationships must still end, once run again, in
    exactly the graph of an uncut load (nothing missing, nothing twice)."""
    from graphkit.backends.neo4j import Neo4jConnectionError

    graph = _graph_of_three_documents()
    load(neo4j_driver, graph, batch_size=4)
    clean, counts = _snapshot(neo4j_driver), count_graph(neo4j_driver)
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    with pytest.raises(Neo4jConnectionError, match="run the same load again"):
        load(_CutAfter(neo4j_driver, cut), graph, batch_size=4)
    partial = count_graph(neo4j_driver)
    assert 0 < partial["nodes"] and partial != counts
    load(neo4j_driver, graph, batch_size=4)
    assert count_graph(neo4j_driver) == counts
    assert _snapshot(neo4j_driver) == clean
    assert load(neo4j_driver, graph, batch_size=4).relationships_created == 0


def test_deleting_a_document_removes_every_relationship_carrying_it_without_role_edge_doc_indexes(neo4j_driver):
    """Only relationships between entities have a doc index; the others go with their events and documents."""
    from graphkit.backends.neo4j import delete_documents

    # a doc index an earlier version made on a role edge type is dropped by the next load
    neo4j_driver.execute_query("CREATE INDEX graphkit_victim_doc IF NOT EXISTS FOR ()-[r:VICTIM]-() ON (r.doc)")
    graph = _graph_of_three_documents()
    write_graph(neo4j_driver, graph)
    indexes = {r["name"] for r in neo4j_driver.execute_query("SHOW INDEXES YIELD name RETURN name").records}
    assert "graphkit_member_of_doc" in indexes
    assert not {"graphkit_victim_doc", "graphkit_perpetrator_doc", "graphkit_reported_in_doc",
                "graphkit_mentioned_in_doc"} & indexes

    def per_doc() -> dict[str, dict[str, int]]:
        records = neo4j_driver.execute_query(
            "MATCH ()-[r]->() RETURN r.doc AS doc, type(r) AS t, count(*) AS n").records
        out: dict[str, dict[str, int]] = {}
        for r in records:
            out.setdefault(r["doc"], {})[r["t"]] = r["n"]
        return out

    before = per_doc()
    assert set(before["c1"]) == {"PERPETRATOR", "VICTIM", "REPORTED_IN", "MENTIONED_IN", "MEMBER_OF"}
    delete_documents(neo4j_driver, ["c1"])
    after = per_doc()
    assert "c1" not in after
    assert after == {doc: kinds for doc, kinds in before.items() if doc != "c1"}
