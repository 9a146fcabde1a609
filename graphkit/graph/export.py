"""Export a graph as interchange JSON, GraphML or GEXF (Gephi, yEd, Cytoscape)."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from graphkit.errors import GraphkitError
from graphkit.graph.interchange import save_graph
from graphkit.graph.nx import NxGraph, to_networkx
from graphkit.types import GraphData

FORMATS = ("json", "graphml", "gexf")


def _flat(g: NxGraph) -> NxGraph:
    """GraphML and GEXF hold scalars only: lists become '; '-joined strings, None becomes ''."""
    flat: NxGraph = nx.MultiDiGraph()

    def clean(attrs: dict[str, object]) -> dict[str, object]:
        out: dict[str, object] = {}
        for k, v in attrs.items():
            if isinstance(v, list | tuple):
                out[k] = "; ".join(map(str, v))
            elif isinstance(v, dict):
                out[k] = json.dumps(v, ensure_ascii=False)
            elif v is None:
                out[k] = ""
            else:
                out[k] = v
        return out

    for n, attrs in g.nodes(data=True):
        flat.add_node(n, **clean(attrs))
    for u, v, k, attrs in g.edges(keys=True, data=True):
        flat.add_edge(u, v, key=k, **clean(attrs))
    return flat


def export_graph(graph: GraphData, path: str | Path, fmt: str = "json") -> Path:
    path = Path(path)
    if fmt not in FORMATS:
        raise GraphkitError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "json":
        return save_graph(graph, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    flat = _flat(to_networkx(graph))
    if fmt == "graphml":
        nx.write_graphml(flat, path)
    else:
        nx.write_gexf(flat, path)
    return path
