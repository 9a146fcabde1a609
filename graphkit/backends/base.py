"""The backend seam: every store graphkit writes to and queries answers to this one small protocol."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import pandas as pd

from graphkit.types import GraphData


@dataclass
class WriteStats:
    """What a write did (a backend that cannot count leaves the counters at zero)."""

    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0
    rows: int = 0
    batches: int = 0

    def add(self, counters: Any, rows: int) -> None:
        self.nodes_created += counters.nodes_created
        self.relationships_created += counters.relationships_created
        self.properties_set += counters.properties_set
        self.rows += rows
        self.batches += 1

    def __str__(self) -> str:
        return (f"{self.rows} rows in {self.batches} batches: {self.nodes_created} nodes and "
                f"{self.relationships_created} relationships created, {self.properties_set} properties set")


@runtime_checkable
class Backend(Protocol):
    """Write a graph, run a named query (catalog name, hyphens or underscores) with its parameters, close.

    run() returns one page (limit, default 1,000, None for all; offset) of the query's answer, narrowed by
    the filters its catalog entry lists, and marks a cut page (graphkit.query.params.finish_page)."""

    name: str

    def write(self, graph: GraphData) -> WriteStats: ...

    def run(self, query: str, /, **params: object) -> pd.DataFrame: ...

    def close(self) -> None: ...
