"""The embedded backend: a NetworkX MultiDiGraph built from GraphData, saved as graph.json, no server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from graphkit.backends import nx_queries
from graphkit.backends.base import WriteStats
from graphkit.backends.nx_tables import QueryTables
from graphkit.errors import UnsupportedQueryError
from graphkit.graph.interchange import load_graph, save_graph
from graphkit.graph.nx import NxGraph, to_networkx
from graphkit.query.catalog import get_spec
from graphkit.query.params import finish_page, query_params
from graphkit.types import GraphData


def run_nx_query(query: str, g: NxGraph | QueryTables, params: dict[str, object]) -> pd.DataFrame:
    """A named query on a MultiDiGraph (or its prebuilt QueryTables): the function of nx_queries named like
    the catalog entry, with the checked filters and one page (limit, offset; see graphkit.query.params)."""
    spec = get_spec(query)
    checked = query_params(spec, params)
    func: Any = getattr(nx_queries, spec.name, None)
    if func is None:
        raise UnsupportedQueryError(f"the networkx backend has no query {spec.name}")
    fetch = None if checked.limit is None else checked.limit + 1
    frame: pd.DataFrame = func(g, **checked.values, offset=checked.offset, limit=fetch)
    return finish_page(frame, checked, spec.name)


class NetworkXBackend:
    """A graph file (or a graph in memory) as a backend: write() saves graph.json, run() queries it."""

    name = "networkx"

    def __init__(self, path: str | Path | None = None, graph: GraphData | None = None) -> None:
        self.path = Path(path) if path is not None else None
        if self.path is not None and self.path.suffix != ".json":
            self.path = self.path / "graph.json"
        self._graph = graph
        self._nx: NxGraph | None = None
        self._tables: QueryTables | None = None

    @classmethod
    def open(cls, target: str, **_: Any) -> NetworkXBackend:
        return cls(target.removeprefix("file://"))

    @property
    def graph(self) -> GraphData:
        if self._graph is None:
            if self.path is None:
                raise UnsupportedQueryError("no graph: give a graph file or write one first")
            self._graph = load_graph(self.path)
        return self._graph

    def networkx(self) -> NxGraph:
        if self._nx is None:
            self._nx = to_networkx(self.graph)
        return self._nx

    def tables(self) -> QueryTables:
        """The graph's role edges and events as columns, built on the first query and kept for the next."""
        if self._tables is None:
            self._tables = QueryTables.build(self.networkx())
        return self._tables

    def write(self, graph: GraphData) -> WriteStats:
        self._graph, self._nx, self._tables = graph, None, None
        g = self.networkx()
        if self.path is not None:
            save_graph(graph, self.path)
        return WriteStats(nodes_created=g.number_of_nodes(), relationships_created=g.number_of_edges(),
                          rows=g.number_of_nodes() + g.number_of_edges(), batches=1)

    def run(self, query: str, /, **params: object) -> pd.DataFrame:
        return run_nx_query(query, self.tables(), params)

    def close(self) -> None:
        self._nx, self._tables = None, None
