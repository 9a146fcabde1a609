"""Stage 4: records -> GraphData (backend-neutral), its interchange JSON and NetworkX forms."""

from graphkit.graph.build import build_graph
from graphkit.graph.export import export_graph
from graphkit.graph.interchange import from_interchange, load_graph, save_graph, to_interchange
from graphkit.graph.nx import to_networkx

__all__ = [
    "build_graph",
    "export_graph",
    "from_interchange",
    "load_graph",
    "save_graph",
    "to_interchange",
    "to_networkx",
]
