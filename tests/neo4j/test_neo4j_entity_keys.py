"""The entity keys (:EntityKey) the Neo4j writer keeps, by which the queries find the entity an analyst
names: exact after a load, a reload, a sync that changes aliases and deletes entities, a load cut short
and on a graph an older writer left without them; the answers equal NetworkX's (accents and case
included); and the lookup is an index seek, not a scan of the entities."""

from __future__ import annotations

import dataclasses
import warnings

import pandas as pd
import pytest

from graphkit.backends import neo4j_keys
from graphkit.backends.neo4j import (
    Neo4jConnectionError,
    _query_text,
    count_graph,
    name_keys,
    run_cypher,
    run_named_query,
    sync_graph,
    write_graph,
)
from graphkit.query import QUERIES, run_query
from graphkit.query.params import query_params
from graphkit.types import Entity, Event, Provenance
from tests.neo4j.test_neo4j_incremental import _CutAfter
from tests.query_graph import HOSTILE, paging_graph

pytestmark = pytest.mark.neo4j

# names as an analyst types them: other case, accents kept or dropped, aliases, ids, a name two entities share
NAMES = ("unidad ÑÚÑEZ", "ÉLITE TACTICAL", "élite tactical", "Unidad Nunez", "İSTANBUL POLİCE", "i̇stanbul police",
         "WACHE STRASSE", "wache straße", "guard beta", "the alpha", "Alpha Force", "agency_a", "AGENCY_A",
         "Dana Delta", HOSTILE, "nobody at all", "ÜBER " + "LONG " * 1000)
NAMED_QUERIES = ("agencies_allegations", "who_alleges", "timeline", "actor")


def keyed_graph():
    """The paging graph and organizations with accented, dotted and sharp-s names, one sharing a name, and
    one whose name is too long for an index entry (stored and looked up as its digest)."""
    graph = paging_graph()
    extra = [Entity("unit_n", "Unidad Ñúñez", "Organization", aliases=["Élite Tactical"], docs=["p2"]),
             Entity("police_i", "İstanbul Police", "Organization", docs=["p3"]),
             Entity("guard_s", "Wache Straße", "Group", docs=["p4"]),
             Entity("agency_b2", "Guard Beta", "Group", docs=["p0"]),
             Entity("long_l", "Über " + "Long " * 1000, "Group", docs=["p1"])]
    events = [Event(f"p{i % 5}:k{i}", ("torture", "killing")[i % 2], f"p{i % 5}", "act",
                    Provenance(f"p{i % 5}", f"Made-up sentence k{i}.", 500 + i, 510 + i),
                    perpetrators=[e.id], victims=["person_d"], sources=[extra[(j + 1) % len(extra)].id],
                    date=f"2019-0{1 + i % 9}")
              for j, e in enumerate(extra) for i in range(3 * j, 3 * j + 3)]
    return dataclasses.replace(graph, entities=[*graph.entities, *extra], events=[*graph.events, *events])


def changed_graph(graph):
    """Aliases changed (The Alpha -> Alpha Force), unit_n gone (a sync deletes it), every document changed."""
    entities = [dataclasses.replace(e, aliases=["Alpha Force"]) if e.id == "agency_a" else e
                for e in graph.entities if e.id != "unit_n"]
    events = [dataclasses.replace(ev, perpetrators=[p for p in ev.perpetrators if p != "unit_n"],
                                  sources=[s for s in ev.sources if s != "unit_n"]) for ev in graph.events]
    documents = [dataclasses.replace(d, sha256="d" * 64) for d in graph.documents]
    return dataclasses.replace(graph, entities=entities, events=[ev for ev in events if ev.perpetrators],
                               documents=documents)


def _stored(driver) -> set[tuple]:
    records = driver.execute_query("MATCH (k:EntityKey) RETURN k.id AS id, k.key AS key, k.entity AS entity").records
    return {tuple(r.values()) for r in records}


def _expected(entities) -> set[tuple]:
    """The keys of these (id, name, aliases), as the writer is to keep them."""
    return {(f"{i}\u0001{key}", key, i) for i, name, aliases in entities
            for key in neo4j_keys.stored_keys(name, aliases)}


def _of_graph(graph) -> set[tuple]:
    return _expected((e.id, e.name, e.aliases) for e in graph.entities)


def _of_database(driver) -> set[tuple]:
    records = driver.execute_query("MATCH (n:Entity) RETURN n.id AS id, n.name AS name, n.aliases AS aliases").records
    return _expected((r["id"], r["name"], r["aliases"] or []) for r in records)


def _params(name: str, text: str) -> dict[str, object]:
    return {"name": text} if name == "actor" else {"actor": text}


def _same_as_networkx(driver, graph) -> int:
    """Every query named by every name of NAMES answers on Neo4j as on NetworkX; returns how many rows matched."""
    rows = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in NAMED_QUERIES:
            for text in NAMES:
                expected = run_query(name, graph, **_params(name, text), limit=None)
                got = run_named_query(driver, name, {**_params(name, text), "limit": None})
                pd.testing.assert_frame_equal(expected.reset_index(drop=True), got.reset_index(drop=True),
                                              check_dtype=not expected.empty, obj=f"{name} {text!r}")
                rows += len(got)
    return rows


def _keyed_equals_scan(driver) -> None:
    """On the database as it is, the lookup off the keys finds what the scan of the names finds."""
    for name in NAMED_QUERIES:
        for text in NAMES:
            checked = query_params(QUERIES[name], {**_params(name, text), "limit": None})
            query = _query_text(driver, name, checked.values, None)
            keys = name_keys(driver, checked.values, None)
            assert any(keys.values())
            scan = run_cypher(driver, query, checked.cypher())
            keyed = run_cypher(driver, query, {**checked.cypher(), **keys})
            pd.testing.assert_frame_equal(keyed, scan, check_dtype=not scan.empty, obj=f"{name} {text!r}")


def test_keys_are_exact_after_a_load_a_reload_and_a_sync_and_answer_as_networkx(neo4j_driver):
    graph = keyed_graph()
    write_graph(neo4j_driver, graph)
    assert neo4j_keys.keys_ready(neo4j_driver)
    assert _stored(neo4j_driver) == _of_graph(graph)
    assert ("agency_a\u0001the alpha", "the alpha", "agency_a") in _stored(neo4j_driver)
    # the graph's own nodes only: the keys (and the state node) are derived
    assert count_graph(neo4j_driver)["nodes"] == len(graph.documents) + len(graph.entities) + len(graph.events)
    assert _same_as_networkx(neo4j_driver, graph) > 50
    write_graph(neo4j_driver, graph)  # the same graph again: the same keys, none twice
    sync_graph(neo4j_driver, graph)
    assert _stored(neo4j_driver) == _of_graph(graph)


def test_keys_follow_changed_aliases_and_deleted_entities(neo4j_driver):
    graph = keyed_graph()
    for doc in graph.documents:
        doc.sha256 = "a" * 64
    sync_graph(neo4j_driver, graph)
    changed = changed_graph(graph)
    sync_graph(neo4j_driver, changed)
    stored = _stored(neo4j_driver)
    assert stored == _of_graph(changed)
    assert not {row for row in stored if row[2] == "unit_n" or row[1] == "the alpha"}
    assert ("agency_a\u0001alpha force", "alpha force", "agency_a") in stored
    assert _same_as_networkx(neo4j_driver, changed) > 30
    assert run_named_query(neo4j_driver, "actor", {"name": "élite tactical"}).empty  # its entity is gone


@pytest.mark.parametrize("load", [write_graph, sync_graph])
@pytest.mark.parametrize("cut", [2, 5])
def test_a_load_cut_short_leaves_keys_that_match_the_entities_written(neo4j_driver, load, cut):
    """Keys are written in the transaction of their entity: after a cut they are those of the names in the
    database, so the lookup off them finds what the scan finds; the next load completes them."""
    graph = keyed_graph()
    changed = changed_graph(graph)
    load(neo4j_driver, graph, batch_size=4)
    with pytest.raises(Neo4jConnectionError, match="run the same load again"):
        load(_CutAfter(neo4j_driver, cut), changed, batch_size=4)
    assert neo4j_keys.keys_ready(neo4j_driver)
    assert _stored(neo4j_driver) == _of_database(neo4j_driver)
    _keyed_equals_scan(neo4j_driver)
    load(neo4j_driver, changed, batch_size=4)
    assert _stored(neo4j_driver) == _of_database(neo4j_driver)
    if load is sync_graph:  # write_graph adds to what is there; sync_graph replaces
        assert _stored(neo4j_driver) == _of_graph(changed)
        assert _same_as_networkx(neo4j_driver, changed) > 30


def test_a_graph_without_keys_is_scanned_until_the_next_load_rebuilds_them(neo4j_driver):
    graph = keyed_graph()
    write_graph(neo4j_driver, graph)
    # as an older writer (or a rebuild cut short) leaves it: no keys, no state
    neo4j_driver.execute_query("MATCH (n) WHERE n:EntityKey OR (n:GraphkitState AND n.id = 'entity_keys') DELETE n")
    assert not neo4j_keys.keys_ready(neo4j_driver)
    assert name_keys(neo4j_driver, {"actor": "the alpha"}, None) == {"actor_key": None}  # the scan
    assert _same_as_networkx(neo4j_driver, graph) > 50
    changed = changed_graph(graph)
    write_graph(neo4j_driver, changed)
    assert neo4j_keys.keys_ready(neo4j_driver)
    assert _stored(neo4j_driver) == _of_database(neo4j_driver)
    assert ("unit_n\u0001élite tactical", "élite tactical", "unit_n") in _stored(neo4j_driver)  # not in `changed`


def _operators(plan):
    yield plan["operatorType"].split("@")[0], str(plan.get("args", {}).get("Details", "")), plan.get("rows", 0)
    for child in plan.get("children", []):
        yield from _operators(child)


@pytest.mark.parametrize("name", NAMED_QUERIES)
def test_the_named_entity_is_found_off_the_key_index_not_by_a_scan(neo4j_driver, name):
    write_graph(neo4j_driver, keyed_graph())
    checked = query_params(QUERIES[name], _params(name, "ÉLITE TACTICAL"))
    params = {**checked.cypher(), **name_keys(neo4j_driver, checked.values, None)}
    text = _query_text(neo4j_driver, name, checked.values, None)
    profile = neo4j_driver.execute_query("PROFILE CYPHER replan=force " + text, params).summary.profile
    operators = list(_operators(profile))
    seeks = [rows for op, details, rows in operators if op == "NodeIndexSeek" and "EntityKey(key)" in details]
    assert seeks and max(seeks) >= 1, operators
    # no entity is read by a scan of the label or of an index on it (the scan branch is planned but gets no
    # rows to run for)
    scanned = [(op, details, rows) for op, details, rows in operators
               if op.endswith("Scan") and (":Entity" in details or op == "AllNodesScan") and rows]
    assert not scanned, operators
    # the timeline reads the named entities' events, not every dated event off the Event.date index (the
    # gated branch reads at most one entry before its LIMIT 0 stops it)
    assert not [rows for op, details, rows in operators if "Event(date)" in details and rows > 1], operators


def test_the_timeline_without_actor_still_reads_its_page_off_the_date_index(neo4j_driver):
    graph = keyed_graph()
    write_graph(neo4j_driver, graph)
    checked = query_params(QUERIES["timeline"], {"limit": 3})
    text = _query_text(neo4j_driver, "timeline", checked.values, None)
    profile = neo4j_driver.execute_query("PROFILE CYPHER replan=force " + text, checked.cypher()).summary.profile
    read = [rows for op, details, rows in _operators(profile) if "Event(date)" in details]
    dated = sum(1 for ev in graph.events if ev.date)
    assert read and 0 < max(read) <= 10 < dated, list(_operators(profile))  # the page, not every dated event
