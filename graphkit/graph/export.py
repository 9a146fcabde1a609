"""Export a graph as interchange JSON, GraphML or GEXF (Gephi, yEd, Cytoscape)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx

from graphkit.atomic import atomic_write
from graphkit.errors import GraphkitError
from graphkit.graph.interchange import save_graph
from graphkit.graph.nx import NxGraph, to_networkx
from graphkit.types import GraphData

FORMATS = ("json", "graphml", "gexf")


# characters XML 1.0 cannot hold at all (not even escaped): C0 controls but tab and newlines, FFFE, FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(value: object) -> object:
    return _xml_str(value) if isinstance(value, str) else value


def _xml_str(value: str) -> str:
    return _NOT_XML.sub("", value)


def _flat(g: NxGraph) -> NxGraph:
    """GraphML and GEXF hold scalars only: lists become '; '-joined strings, None becomes ''.

    Characters XML cannot hold (NUL and other control characters) are left out of every string.
    """
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
            out[k] = _xml_text(out[k])
        return out

    for n, attrs in g.nodes(data=True):
        flat.add_node(_xml_str(n), **clean(attrs))
    for u, v, k, attrs in g.edges(keys=True, data=True):
        flat.add_edge(_xml_str(u), _xml_str(v), key=_xml_str(k), **clean(attrs))
    return flat


def export_graph(graph: GraphData, path: str | Path, fmt: str = "json") -> Path:
    path = Path(path)
    if fmt not in FORMATS:
        raise GraphkitError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "json":
        return save_graph(graph, path)
    flat = _flat(to_networkx(graph))
    lines = nx.generate_graphml(flat) if fmt == "graphml" else nx.generate_gexf(flat)
    header = "<?xml version='1.0' encoding='utf-8'?>\n"
    return atomic_write(path, lambda fh: fh.writelines([header, *(line + "\n" for line in lines)]))
