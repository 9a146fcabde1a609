"""Node positions computed once in Python, so the page draws a still picture with physics off.

A force layout in the browser takes minutes on thousands of nodes and moves under the reader's
eyes; igraph's Fruchterman-Reingold (C, with a grid for big graphs) places 20,000 nodes in about a
second. Each connected component is laid out on its own and the components are packed in rows,
biggest first, so small islands fill the canvas instead of drifting to its edges.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Iterable
from typing import TypeVar

import igraph
import networkx as nx

__all__ = ["layout_positions"]

N = TypeVar("N", bound=Hashable)

_SPACING = 110.0  # world units per node along a side (about one label wide at the initial zoom)
_GRID_FROM = 600  # nodes in a component from which Fruchterman-Reingold with a grid is used


def _component_layout(g: nx.Graph[N], nodes: list[N], seed: int, aspect: float
                      ) -> list[tuple[float, float]]:
    """Fruchterman-Reingold positions of one connected component, centred and scaled to its size."""
    n = len(nodes)
    if n == 1:
        return [(0.0, 0.0)]
    index = {node: i for i, node in enumerate(nodes)}
    edges = {(min(index[u], index[v]), max(index[u], index[v])) for u, v in g.subgraph(nodes).edges() if u != v}
    ig = igraph.Graph(n=n, edges=sorted(edges))
    rng = random.Random(seed)
    side = math.sqrt(n)  # igraph's grid expects about unit spacing: all nodes in one cell is quadratic
    start = [[rng.uniform(-side, side), rng.uniform(-side, side)] for _ in range(n)]
    if n < _GRID_FROM:  # Kamada-Kawai spreads hub-and-spoke drawings evenly; too slow beyond a few hundred
        kk = ig.layout_kamada_kawai(seed=start, maxiter=50 * n).coords
        # then a few rounds of Fruchterman-Reingold, which pushes apart the nodes KK leaves bunched at hubs
        coords = ig.layout_fruchterman_reingold(seed=kk, niter=200, start_temp=math.sqrt(n) / 4).coords
    else:
        coords = ig.layout_fruchterman_reingold(seed=start, niter=300, grid=True).coords
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    side = _SPACING * math.sqrt(n)
    stretch = math.sqrt(aspect)  # a wide canvas: spread along x, squeeze along y
    return [((x - cx) / span * side * stretch, (y - cy) / span * side / stretch) for x, y in zip(xs, ys, strict=True)]


def _pack(blocks: Iterable[tuple[list[N], list[tuple[float, float]]]], aspect: float
          ) -> dict[N, tuple[float, float]]:
    """Shelf-pack component drawings (biggest first) into rows of a box about `aspect` wide per tall."""
    placed = list(blocks)
    sizes = []
    for _, pts in placed:
        w = max(p[0] for p in pts) - min(p[0] for p in pts) + _SPACING
        h = max(p[1] for p in pts) - min(p[1] for p in pts) + _SPACING
        sizes.append((w, h))
    area = sum(w * h for w, h in sizes)
    row_width = max(max(w for w, _ in sizes), math.sqrt(area * aspect))
    pos: dict[N, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for (nodes, pts), (w, h) in zip(placed, sizes, strict=True):
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        ox = x + w / 2 - (max(p[0] for p in pts) + min(p[0] for p in pts)) / 2
        oy = y + h / 2 - (max(p[1] for p in pts) + min(p[1] for p in pts)) / 2
        for node, (px, py) in zip(nodes, pts, strict=True):
            pos[node] = (round(px + ox, 1), round(py + oy, 1))
        x += w
        row_height = max(row_height, h)
    return pos


def layout_positions(g: nx.Graph[N], *, aspect: float = 1.4, seed: int = 7) -> dict[N, tuple[float, float]]:
    """x, y of every node of `g` in world units (about 110 per node on a side); the same graph gives the same picture.

    Example:
        >>> import networkx as nx
        >>> pos = layout_positions(nx.path_graph(3))
        >>> sorted(pos) == [0, 1, 2] and pos == layout_positions(nx.path_graph(3))
        True
    """
    if g.number_of_nodes() == 0:
        return {}
    undirected = g.to_undirected(as_view=True) if g.is_directed() else g
    components = sorted((sorted(c, key=str) for c in nx.connected_components(undirected)),
                        key=lambda c: (-len(c), str(c[0])))
    # igraph draws from its random number generator (Python's random module by default) while it lays out:
    # give it a seeded one for the time of the call, so the same graph always gives the same picture
    igraph.set_random_number_generator(random.Random(seed))
    try:
        blocks = [(nodes, _component_layout(undirected, nodes, seed + i, aspect))
                  for i, nodes in enumerate(components)]
    finally:
        igraph.set_random_number_generator(random)
    return _pack(blocks, aspect)
