"""Every named query gives the same DataFrame on NetworkX and on Neo4j (the seeds graph)."""

import pandas as pd
import pytest

from graphkit.backends.neo4j import run_named_query, write_graph
from graphkit.query import QUERIES, run_query

pytestmark = [pytest.mark.neo4j, pytest.mark.model]


def _params(name, graph):
    if "name" in QUERIES[name].params:
        return {"name": "Nicolás Maduro"}
    return {}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_parity_networkx_and_neo4j(neo4j_driver, seeds_run, name):
    graph = seeds_run[0].graph
    write_graph(neo4j_driver, graph)
    params = _params(name, graph)
    nx_frame = run_query(name, graph, **params)
    neo_frame = run_named_query(neo4j_driver, name, params)
    assert len(nx_frame) > 0
    pd.testing.assert_frame_equal(nx_frame.reset_index(drop=True), neo_frame.reset_index(drop=True),
                                  check_dtype=True)
