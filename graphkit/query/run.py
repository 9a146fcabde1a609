"""Run a named query on a graph in memory through the embedded NetworkX backend."""

from __future__ import annotations

import pandas as pd

from graphkit.backends.networkx import NetworkXBackend, run_nx_query
from graphkit.graph.nx import NxGraph
from graphkit.types import GraphData


def run_query(query: str, graph: GraphData | NxGraph, /, **params: object) -> pd.DataFrame:
    """Run a named query (hyphens or underscores) with its parameters on a graph."""
    if isinstance(graph, GraphData):
        return NetworkXBackend(graph=graph).run(query, **params)
    return run_nx_query(query, graph, params)
