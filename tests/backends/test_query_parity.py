"""Every named query gives the same DataFrame on NetworkX and on Neo4j: the seeds graph, and a made-up
graph with ties, dates of every precision and hostile names, through pages and filters."""

import warnings

import pandas as pd
import pytest

from graphkit.backends.neo4j import run_named_query, write_graph
from graphkit.query import QUERIES, run_query
from tests.query_graph import CASES, paging_graph

pytestmark = [pytest.mark.neo4j, pytest.mark.model]


def _params(name, graph):
    if "name" in QUERIES[name].params:
        return {"name": "Nicolás Maduro"}
    return {}


def _same(graph, driver, name, params):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the pages cut on purpose
        nx_frame = run_query(name, graph, **params)
        neo_frame = run_named_query(driver, name, params)
    pd.testing.assert_frame_equal(nx_frame.reset_index(drop=True), neo_frame.reset_index(drop=True),
                                  check_dtype=not nx_frame.empty)
    assert nx_frame.attrs == neo_frame.attrs
    return nx_frame


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_parity_networkx_and_neo4j(neo4j_driver, seeds_run, name):
    graph = seeds_run[0].graph
    write_graph(neo4j_driver, graph)
    params = _params(name, graph)
    whole = _same(graph, neo4j_driver, name, {**params, "limit": None})
    assert len(whole) > 0
    _same(graph, neo4j_driver, name, {**params, "limit": 2, "offset": 1})
    if QUERIES[name].filters:
        allegation = str(whole["allegation"].iloc[0])
        assert len(_same(graph, neo4j_driver, name, {**params, "allegation": allegation})) > 0
        _same(graph, neo4j_driver, name, {**params, "min_confidence": 0.6, "date_from": "2000"})


def test_query_parity_pages_and_filters_on_a_made_up_graph(neo4j_driver):
    graph = paging_graph()
    write_graph(neo4j_driver, graph)
    checked = 0
    for name, cases in CASES.items():
        base = {"name": "Guard Alpha"} if name == "actor" else {}
        assert len(_same(graph, neo4j_driver, name, {**base, "limit": None})) > 3
        for params in cases:
            _same(graph, neo4j_driver, name, params)
            checked += 1
    assert checked == sum(len(c) for c in CASES.values())


def test_query_parity_timeline_pages_in_date_index_order(neo4j_driver):
    """The schema setup indexes Event.date, and the timeline's plan reads its page off that index."""
    write_graph(neo4j_driver, paging_graph())
    indexes = {r["name"] for r in neo4j_driver.execute_query("SHOW INDEXES YIELD name").records}
    assert "graphkit_event_date" in indexes
    from graphkit.query import cypher_text
    from graphkit.query.params import query_params

    params = query_params(QUERIES["timeline"], {}).cypher()
    plan = neo4j_driver.execute_query("EXPLAIN " + cypher_text("timeline"), params).summary.plan

    def operators(p, path=()):
        here = (*path, p["operatorType"].split("@")[0])
        yield here, str(p.get("args", {}).get("Details", ""))
        for child in p.get("children", []):
            yield from operators(child, here)

    reads = [path for path, details in operators(plan)
             if path[-1] in ("NodeIndexSeekByRange", "NodeIndexScan") and "Event(date)" in details]
    assert len(reads) == 1, list(operators(plan))
    # the operators between the index read and its branch of the UNION (the other branch, for $actor,
    # sorts the named entities' few events): date order from the index, only ties sorted
    path = reads[0]
    branch = path[len(path) - 1 - path[::-1].index("Union"):] if "Union" in path else path
    assert "PartialTop" in branch and "Top" not in branch and "Sort" not in branch, branch
