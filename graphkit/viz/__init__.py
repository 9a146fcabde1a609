"""Stage 6: GraphData -> an interactive HTML map (pyvis), readable, offline and safe."""

from graphkit.viz.render import render_map, select_subgraph

__all__ = ["render_map", "select_subgraph"]
