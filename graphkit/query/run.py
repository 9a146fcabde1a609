"""Run a named query on a graph in memory through the embedded NetworkX backend."""

from __future__ import annotations

import pandas as pd

from graphkit.backends.networkx import NetworkXBackend, run_nx_query
from graphkit.graph.nx import NxGraph
from graphkit.types import GraphData


def run_query(query: str, graph: GraphData | NxGraph, /, **params: object) -> pd.DataFrame:
    """Run a named query (hyphens or underscores) with its parameters on a graph.

    Returns one page: `limit` rows (DEFAULT_LIMIT, 1,000, unless given; None for all) from `offset` on, in
    the query's order, narrowed by its filters (QUERIES[name].filters: actor, allegation, date_from,
    date_to, min_confidence). frame.attrs["truncated"] is True, and a QueryTruncatedWarning is raised,
    when rows were left out.

    For example, the second page of 50 torture events dated 2019 or later:
    run_query("timeline", graph, allegation="torture", date_from="2019", limit=50, offset=50).
    """
    if isinstance(graph, GraphData):
        return NetworkXBackend(graph=graph).run(query, **params)
    return run_nx_query(query, graph, params)
