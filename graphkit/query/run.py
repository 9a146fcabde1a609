"""Run a named query on the embedded NetworkX graph (the Neo4j side is graphkit.backends.neo4j_backend)."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from graphkit.errors import QueryParameterError, UnsupportedQueryError
from graphkit.graph.nx import to_networkx
from graphkit.query import nx_queries
from graphkit.query.catalog import get_spec
from graphkit.types import GraphData


def run_query(query: str, graph: GraphData | nx.MultiDiGraph, /, **params: object) -> pd.DataFrame:
    """Run a named query (hyphens or underscores) with its parameters on a graph."""
    spec = get_spec(query)
    missing = [p for p in spec.params if params.get(p) in (None, "")]
    if missing:
        raise QueryParameterError(f"query {spec.name.replace('_', '-')} needs: {', '.join(missing)}")
    func = getattr(nx_queries, spec.name, None)
    if func is None:
        raise UnsupportedQueryError(f"the networkx backend has no query {spec.name}")
    g = to_networkx(graph) if isinstance(graph, GraphData) else graph
    return func(g, **{p: params[p] for p in spec.params})
