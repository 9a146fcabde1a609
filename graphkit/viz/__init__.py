"""Stage 6: GraphData -> interactive HTML maps (network, allegations overview), readable, offline and safe."""

from graphkit.viz.allegations import allegations_overview, render_allegations
from graphkit.viz.image import render_image
from graphkit.viz.render import render_map, select_subgraph

__all__ = ["allegations_overview", "render_allegations", "render_image", "render_map", "select_subgraph"]
