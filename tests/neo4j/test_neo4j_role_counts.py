"""The role counts (:RoleCount) the Neo4j writer keeps for the role tables: exact after a load, a reload,
a sync that replaces or deletes documents and entities, a load cut short, and on a graph an older
writer left without them; and the role tables read off them give what NetworkX gives."""

from __future__ import annotations

import dataclasses
import warnings

import pandas as pd
import pytest

from graphkit.backends import neo4j_counts
from graphkit.backends.neo4j import (
    Neo4jConnectionError,
    _query_text,
    count_graph,
    run_cypher,
    run_named_query,
    sync_graph,
    write_graph,
)
from graphkit.query import QUERIES, cypher_text, run_query
from graphkit.query.catalog import cypher_variant
from graphkit.query.params import query_params
from graphkit.types import Article, Entity, Event, Provenance
from tests.neo4j.test_neo4j_incremental import _CutAfter
from tests.query_graph import ALLEGATIONS, CASES, HOSTILE, paging_graph

pytestmark = pytest.mark.neo4j

ROLE_TABLES = ("agencies_allegations", "who_alleges")


def _stored(driver) -> list[tuple]:
    records = driver.execute_query("MATCH (c:RoleCount) RETURN properties(c) AS p").records
    return sorted(tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in r["p"].items()))
                  for r in records)


def _expected(graph) -> list[tuple]:
    return sorted(tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in row.items()))
                  for row in neo4j_counts.summary_rows(graph))


def _changed(graph):
    """The paging graph with document p1 rewritten (its events now name other perpetrators and a new
    type) and the entity person_d gone from every event (sync deletes it)."""
    graph = dataclasses.replace(graph, documents=[dataclasses.replace(d) for d in graph.documents])
    graph.documents[1] = dataclasses.replace(graph.documents[1], sha256="f" * 64)
    events = []
    for ev in graph.events:
        ev = dataclasses.replace(ev, perpetrators=[p for p in ev.perpetrators if p != "person_d"],
                                 victims=[v for v in ev.victims if v != "person_d"])
        if ev.doc_id == "p1":
            ev = dataclasses.replace(ev, perpetrators=["group_c"], type="killing")
        events.append(ev)
    events.append(Event("p1:new", "torture", "p1", "beat", Provenance("p1", "Made-up: a new act.", 900, 905),
                        perpetrators=["agency_a"], sources=["ngo_e"], date="2020-05"))
    entities = [e for e in graph.entities if e.id != "person_d"]
    relations = [r for r in graph.relations if "person_d" not in (r.source, r.target)]
    return dataclasses.replace(graph, events=events, entities=entities, relations=relations)


def _same_tables(driver, graph) -> int:
    """Every role-table case of the paging tests answers on Neo4j as on NetworkX; returns how many ran."""
    checked = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in ROLE_TABLES:
            for params in [{"limit": None}, *CASES[name]]:
                expected = run_query(name, graph, **params)
                got = run_named_query(driver, name, params)
                pd.testing.assert_frame_equal(expected.reset_index(drop=True), got.reset_index(drop=True),
                                              check_dtype=not expected.empty)
                checked += 1
    return checked


def test_counts_are_exact_after_a_load_and_a_reload(neo4j_driver):
    graph = paging_graph()
    write_graph(neo4j_driver, graph)
    assert neo4j_counts.counts_fresh(neo4j_driver)
    assert _stored(neo4j_driver) == _expected(graph) != []
    counts = count_graph(neo4j_driver)
    write_graph(neo4j_driver, graph)  # the same graph again: the same counts, nothing twice
    assert _stored(neo4j_driver) == _expected(graph)
    assert count_graph(neo4j_driver) == counts
    sync_graph(neo4j_driver, graph)  # nothing changed: nothing recounted wrongly
    assert _stored(neo4j_driver) == _expected(graph)


def test_counts_follow_a_sync_that_replaces_a_document_and_deletes_an_entity(neo4j_driver):
    graph = paging_graph()
    for doc in graph.documents:
        doc.sha256 = doc.id * 32
    sync_graph(neo4j_driver, graph)
    changed = _changed(graph)
    before = {row["id"]: row["events"] for row in neo4j_counts.summary_rows(graph)}
    after = {row["id"]: row["events"] for row in neo4j_counts.summary_rows(changed)}
    assert before != after and "PERPETRATOR:person_d:torture" in before  # the change moves counts
    sync_graph(neo4j_driver, changed)
    assert neo4j_counts.counts_fresh(neo4j_driver)
    assert _stored(neo4j_driver) == _expected(changed)
    assert _same_tables(neo4j_driver, changed) > 10


@pytest.mark.parametrize("load", [write_graph, sync_graph])
@pytest.mark.parametrize("cut", [2, 6])
def test_a_load_cut_short_leaves_counts_stale_and_the_tables_right_until_the_next_load(neo4j_driver, load, cut):
    graph = paging_graph()
    changed = _changed(graph)
    for doc in changed.documents:
        doc.sha256 = "e" * 64  # every document changed: a sync rewrites them all
    load(neo4j_driver, graph, batch_size=4)
    load(neo4j_driver, changed, batch_size=4)
    uncut = _stored(neo4j_driver)  # write_graph adds to what is there; sync_graph replaces
    if load is sync_graph:
        assert uncut == _expected(changed)
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    load(neo4j_driver, graph, batch_size=4)
    with pytest.raises(Neo4jConnectionError, match="run the same load again"):
        load(_CutAfter(neo4j_driver, cut), changed, batch_size=4)
    assert not neo4j_counts.counts_fresh(neo4j_driver)  # the tables count the edges meanwhile
    params = query_params(QUERIES["agencies_allegations"], {}).values
    assert _query_text(neo4j_driver, "agencies_allegations", params, None) == cypher_text("agencies_allegations")
    load(neo4j_driver, changed, batch_size=4)
    assert neo4j_counts.counts_fresh(neo4j_driver)
    assert _stored(neo4j_driver) == uncut


def test_a_graph_from_an_older_writer_answers_right_and_gets_counts_on_the_next_load(neo4j_driver):
    graph = paging_graph()
    write_graph(neo4j_driver, graph)
    neo4j_driver.execute_query("MATCH (n) WHERE n:RoleCount OR n:GraphkitState DETACH DELETE n")
    assert not neo4j_counts.counts_fresh(neo4j_driver)
    assert _same_tables(neo4j_driver, graph) > 10  # counted from the edges
    bigger = dataclasses.replace(graph, documents=[*graph.documents, Article(id="p9", text="", title="More")],
                                 events=[*graph.events, Event("p9:ev", "torture", "p9", "beat",
                                                              Provenance("p9", "Made-up: more.", 0, 4),
                                                              perpetrators=["agency_b"])])
    write_graph(neo4j_driver, bigger)  # touches agency_b only, but every entity is recounted
    assert _stored(neo4j_driver) == _expected(bigger)
    assert _same_tables(neo4j_driver, bigger) > 10


def test_the_role_table_variants_equal_the_counting_ones_and_networkx(neo4j_driver):
    """The counted variant (no filters but $actor, $allegation and a kept level of $min_confidence), the
    confident one (the same at any other threshold) and the dated one (a date range) give the rows of the
    query's own file, which counts every role edge."""
    graph = paging_graph()
    write_graph(neo4j_driver, graph)
    picked = {"counted": 0, "confident": 0, "dated": 0}
    for name in ROLE_TABLES:
        for params in [{"limit": None}, {"limit": 2, "offset": 1}, {"allegation": "torture"}, {"actor": HOSTILE},
                       {"actor": "the alpha", "allegation": "killing"}, {"allegation": "detention", "offset": 1},
                       {"actor": "nobody at all"}, {"date_from": "2019-02", "actor": "the alpha", "limit": 2},
                       {"date_to": "2019", "allegation": "torture", "min_confidence": 0.6},
                       # the thresholds the counts are kept for, alone and with the other counted filters
                       {"min_confidence": 0.5}, {"min_confidence": 0.9, "limit": 2, "offset": 1},
                       {"min_confidence": 0.7, "allegation": "killing"}, {"min_confidence": 0.7, "actor": "the alpha"},
                       {"min_confidence": 0.55},
                       # thresholds no level is kept for: counted from the confidences the counts hold
                       *({"min_confidence": t, **more} for t in (0.0, 0.5, 0.65, 0.701, 0.9, 1.0)
                         for more in ({}, {"limit": 2}, {"limit": 3, "offset": 2}, {"allegation": "torture"},
                                      {"allegation": "killing", "limit": 1, "offset": 1}, {"actor": "the alpha"},
                                      {"actor": "watch epsilon", "allegation": "detention"}, {"actor": HOSTILE},
                                      {"actor": "nobody at all"}, {"date_from": "2019", "limit": 2})),
                       *CASES[name]]:
            checked = query_params(QUERIES[name], params)
            text = _query_text(neo4j_driver, name, checked.values, None)
            slow = run_cypher(neo4j_driver, cypher_text(name), checked.cypher())
            for variant in picked:
                if text == cypher_variant(name, variant):
                    picked[variant] += 1
                    fast = run_cypher(neo4j_driver, text, checked.cypher())
                    pd.testing.assert_frame_equal(fast, slow, check_dtype=not slow.empty)
            assert (text == cypher_variant(name, "counted")) == neo4j_counts.answers(name, checked.values)
            assert (text == cypher_variant(name, "confident")) == neo4j_counts.answers_by_confidences(
                name, checked.values)
    assert picked["counted"] >= 20 and picked["confident"] >= 100 and picked["dated"] >= 20, picked
    assert _same_tables(neo4j_driver, graph) > 10


def _operators(plan, path=()):
    here = (*path, plan["operatorType"].split("@")[0])
    yield here, str(plan.get("args", {}).get("Details", ""))
    for child in plan.get("children", []):
        yield from _operators(child, here)


@pytest.mark.parametrize("filters", [{}, *({"min_confidence": t} for t in neo4j_counts.LEVELS)])
@pytest.mark.parametrize("name", ROLE_TABLES)
def test_the_unfiltered_role_table_pages_off_the_rank_index(neo4j_driver, name, filters):
    """The first page is read in index order: no sort between the `rank` index seek and the LIMIT; with
    a confidence threshold the counts are kept for (LEVELS), too (the counts of that level)."""
    write_graph(neo4j_driver, paging_graph())
    checked = query_params(QUERIES[name], filters)
    assert _query_text(neo4j_driver, name, checked.values, None) == cypher_variant(name, "counted")
    params = checked.cypher()
    plan = neo4j_driver.execute_query("EXPLAIN " + cypher_variant(name, "counted"), params).summary.plan
    seeks = [path for path, details in _operators(plan)
             if path[-1] == "NodeIndexSeekByRange" and "RoleCount(rank)" in details]
    assert len(seeks) == 1, list(_operators(plan))
    branch = seeks[0][len(seeks[0]) - 1 - seeks[0][::-1].index("Union"):]
    assert "Limit" in branch and "Top" not in branch and "Sort" not in branch, branch


@pytest.mark.parametrize("name", ROLE_TABLES)
def test_the_dated_role_table_reads_the_events_off_the_date_index(neo4j_driver, name):
    write_graph(neo4j_driver, paging_graph())
    params = query_params(QUERIES[name], {"date_from": "2019", "date_to": "2019"}).cypher()
    fresh_plan = "EXPLAIN CYPHER replan=force "  # not one cached when the graph's statistics were others
    plan = neo4j_driver.execute_query(fresh_plan + cypher_variant(name, "dated"), params).summary.plan
    # a seek or a scan of the index, as the hint's range allows: either way the events come off Event(date)
    seeks = [details for path, details in _operators(plan) if path[-1].startswith("NodeIndex")]
    assert any("Event(date)" in details for details in seeks), list(_operators(plan))
    assert not any(path[-1] == "DirectedRelationshipTypeScan" for path, _ in _operators(plan))


def _profiled(plan, path=()):
    here = (*path, plan["operatorType"].split("@")[0])
    yield here, str(plan.get("args", {}).get("Details", "")), int(plan.get("rows", 0))
    for child in plan.get("children", []):
        yield from _profiled(child, here)


@pytest.mark.parametrize(("name", "filters"), [
    ("agencies_allegations", {"min_confidence": 0.5, "limit": 1}), ("who_alleges", {"min_confidence": 0.5, "limit": 1}),
    ("agencies_allegations", {"min_confidence": 0.5, "limit": 1, "allegation": "killing"})])
def test_a_threshold_with_no_level_reads_only_the_counts_that_can_reach_its_page(neo4j_driver, name, filters):
    """At a threshold no level is kept for, the counts are read off `rank` (or `arank`) from the most events
    down to the least count at the threshold among the first ones (and of the counts of one event, at most
    a page): not every count of the role, and no role edge but the page's."""
    graph = paging_graph()
    write_graph(neo4j_driver, graph)
    checked = query_params(QUERIES[name], filters)
    text = _query_text(neo4j_driver, name, checked.values, None)
    assert text == cypher_variant(name, "confident")
    plan = neo4j_driver.execute_query("PROFILE " + text, checked.cypher()).summary.profile
    ops = list(_profiled(plan))
    index = "RoleCount(arank)" if "allegation" in filters else "RoleCount(rank)"
    seeks = [rows for path, details, rows in ops if path[-1] == "NodeIndexSeekByRange" and index in details]
    # the first counts, then the range of two events or more that can reach the page, and those of one event
    assert len(seeks) == 3, ops
    role = "PERPETRATOR" if name == "agencies_allegations" else "SOURCE"
    of_role = [r for r in neo4j_counts.summary_rows(graph) if r["role"] == role and r["level"] == ""
               and r["allegation"] == filters.get("allegation", r["allegation"])]
    assert 0 < sum(seeks[1:]) < len(of_role), (seeks, len(of_role))
    # (the name scan is planned, fed by an empty list without $actor)
    assert not any(path[-1] in ("DirectedRelationshipTypeScan", "NodeByLabelScan") and rows
                   for path, _, rows in ops), ops
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the page is cut on purpose
        pd.testing.assert_frame_equal(run_named_query(neo4j_driver, name, filters).reset_index(drop=True),
                                      run_query(name, graph, **filters).reset_index(drop=True))


def test_counts_without_confidences_are_stale_and_recounted_on_the_next_load(neo4j_driver):
    """A database the writer before the confidences left (their state id, counts without `confidences`)
    answers every threshold from the edges, and the next load recounts every entity."""
    graph = paging_graph()
    write_graph(neo4j_driver, graph)
    neo4j_driver.execute_query("MATCH (c:RoleCount) REMOVE c.confidences")
    neo4j_driver.execute_query("MATCH (s:GraphkitState {id: $id}) SET s.id = 'role_counts_2'",
                               {"id": neo4j_counts.STATE_ID})
    assert not neo4j_counts.counts_fresh(neo4j_driver)
    for name in ROLE_TABLES:
        params = query_params(QUERIES[name], {"min_confidence": 0.5}).values
        assert _query_text(neo4j_driver, name, params, None) == cypher_text(name)
    assert _same_tables(neo4j_driver, graph) > 10
    write_graph(neo4j_driver, dataclasses.replace(graph, events=graph.events[:1]))  # touches one entity's edges
    assert neo4j_counts.counts_fresh(neo4j_driver)
    assert _stored(neo4j_driver) == _expected(graph)  # every entity recounted, with its confidences
    assert _same_tables(neo4j_driver, graph) > 10


def _with_single_events(graph):
    """The paging graph with counts of one event: entities (organizations and persons, ids sorting before
    and after the others) each the perpetrator and source of one event, on both sides of the thresholds."""
    kinds = ("Organization", "Person", "Group")
    entities = [*graph.entities, *(Entity(f"{prefix}solo_{i}", f"Solo {prefix}{i}", kinds[i % 3], docs=["p4"])
                                   for prefix in ("a", "z") for i in range(6))]
    events = list(graph.events)
    for n, entity in enumerate(e.id for e in entities[len(graph.entities):]):
        events.append(Event(f"p4:solo{n}", ALLEGATIONS[n % 3], "p4", "act",
                            Provenance("p4", f"Made-up: a single act {n}.", 1000 + n, 1004 + n),
                            perpetrators=[entity], sources=[entity], confidence=(0.55, 0.9, 0.7, 0.65)[n % 4]))
    # and one entity with two events, one on each side of 0.6: it counts one there, among the single ones
    events.append(Event("p4:pair0", "torture", "p4", "act", Provenance("p4", "Made-up: the pair, first.", 2000, 2004),
                        perpetrators=["msolo"], sources=["msolo"], confidence=0.5))
    events.append(Event("p4:pair1", "torture", "p4", "act", Provenance("p4", "Made-up: the pair, next.", 2010, 2014),
                        perpetrators=["msolo"], sources=["msolo"], confidence=0.8))
    entities.append(Entity("msolo", "Middle Solo", "Group", docs=["p4"]))
    return dataclasses.replace(graph, entities=entities, events=events)


def test_counts_of_one_event_come_in_order_with_the_others_at_any_threshold(neo4j_driver):
    """In a graph where most counts have one event (as large ones do), the pages at thresholds no level is
    kept for read only a page of those: the rows still equal NetworkX and the edge-counting file, on
    every page boundary."""
    graph = _with_single_events(paging_graph())
    write_graph(neo4j_driver, graph)
    checked = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in ROLE_TABLES:
            for threshold in (0.0, 0.6, 0.66, 0.75, 0.95):
                whole = run_query(name, graph, limit=None, min_confidence=threshold)
                for params in [{"limit": None}, *({"limit": limit, "offset": offset}
                                                  for limit in (1, 4, 9) for offset in range(0, len(whole) + 1, 3)),
                               {"allegation": "torture", "limit": 3},
                               {"allegation": "killing", "limit": 2, "offset": 2},
                               {"actor": "middle solo"}]:
                    params = {**params, "min_confidence": threshold}
                    expected = run_query(name, graph, **params).reset_index(drop=True)
                    got = run_named_query(neo4j_driver, name, params).reset_index(drop=True)
                    pd.testing.assert_frame_equal(expected, got, check_dtype=not expected.empty)
                    values = query_params(QUERIES[name], params)
                    assert _query_text(neo4j_driver, name, values.values, None) == cypher_variant(name, "confident")
                    slow = run_cypher(neo4j_driver, cypher_text(name), values.cypher())
                    fast = run_cypher(neo4j_driver, cypher_variant(name, "confident"), values.cypher())
                    pd.testing.assert_frame_equal(fast, slow, check_dtype=not slow.empty)
                    checked += 1
    assert checked > 100
