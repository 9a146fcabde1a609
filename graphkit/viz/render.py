"""The network map: entities and events as nodes, placed in Python, names readable at first sight.

Names and sentences are untrusted: every label and tooltip is plain text (vis-network shows a
string title as text), the data JSON is embedded with <, > and & escaped, and the page loads no
script or style from the network (vis-network is inlined from the pyvis package).

What makes the first view readable: nodes with no link are left out (with a note) unless asked
for; positions come from layout.py, so the page opens still, with physics off; the names of the
nodes that matter most (links + documents) are drawn at the initial zoom and the rest appear on
zoom or hover; edge labels appear only on hover or close zoom.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from graphkit import lexicons
from graphkit.graph.nx import to_networkx
from graphkit.names import fold
from graphkit.types import RELATION_TYPES, ROLE_EDGES, GraphData
from graphkit.viz.layout import layout_positions
from graphkit.viz.page import fill_page, legend_html

log = logging.getLogger(__name__)

__all__ = ["Selection", "render_map", "select", "select_subgraph", "style"]


def style() -> dict[str, Any]:
    """Colours, shapes and label settings of the maps (data/viz_style.yaml)."""
    return lexicons.viz_style()


_ROLE_KINDS = frozenset(ROLE_EDGES.values())
_MAP_EDGES = {*_ROLE_KINDS, *RELATION_TYPES}  # no document, mention or raw-triple edges


def _graph(graph: GraphData) -> nx.MultiDiGraph[str]:
    """The map's view of the one NetworkX form of the graph: entities, events, roles and relations."""
    full = to_networkx(graph)
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node, a in full.nodes(data=True):
        if a["kind"] == "entity":
            g.add_node(node, kind="entity", type=a["type"], name=a["name"], docs=a["docs"], aliases=a["aliases"],
                       merge_reasons=a["merge_reasons"], decisions=a["decisions"])
        elif a["kind"] == "event":
            g.add_node(node, kind="event", type=a["type"], name=a["type"].replace("_", " "), docs=[a["doc"]],
                       status=a["status"], date=a["date"] or None, evidence=a["evidence"])
    for u, v, a in full.edges(data=True):
        kind = a["type"]
        if kind not in _MAP_EDGES:
            continue
        label = kind.lower() if kind in _ROLE_KINDS else kind
        extra = {"past": a["past"]} if kind in RELATION_TYPES else {}
        g.add_edge(u, v, label=label, evidence=a["evidence"], doc=a["doc"], **extra)
    return g


@dataclass
class Selection:
    """The nodes to draw, and what was left out: nodes with no link, and what the cap cut."""

    graph: nx.MultiDiGraph[str]
    isolated: int = 0
    dropped_nodes: int = 0
    dropped_edges: int = 0


def select(
    graph: GraphData,
    *,
    focus: str | None = None,
    depth: int = 1,
    types: Sequence[str] | None = None,
    allegation: str | None = None,
    min_docs: int = 0,
    max_nodes: int = 1500,
    show_isolated: bool = False,
) -> Selection:
    """Apply the focus and filters, leave out unlinked nodes (unless show_isolated), then cap by degree."""
    g = _graph(graph)
    if focus:
        wanted = fold(focus)
        centres = [n for n, a in g.nodes(data=True)
                   if n == focus or fold(str(a.get("name", ""))) == wanted
                   or any(fold(x) == wanted for x in a.get("aliases") or [])]
        keep: set[str] = set()
        undirected = g.to_undirected(as_view=True)
        for c in centres:
            keep.update(nx.single_source_shortest_path_length(undirected, c, cutoff=depth * 2))
        g = g.subgraph(keep).copy()
    if allegation:
        events = {n for n, a in g.nodes(data=True) if a["kind"] == "event" and a["type"] == allegation}
        linked = {u for ev in events for u in g.predecessors(ev)}
        g = g.subgraph(events | linked).copy()
    if types:
        g = g.subgraph([n for n, a in g.nodes(data=True) if a["kind"] == "event" or a["type"] in types]).copy()
    if min_docs:
        g = g.subgraph([n for n, a in g.nodes(data=True)
                        if a["kind"] == "event" or len(a.get("docs") or []) >= min_docs]).copy()
    isolated = 0
    if not show_isolated:
        lone = [n for n in g if g.degree(n) == 0]
        isolated = len(lone)
        g.remove_nodes_from(lone)
    dropped_nodes = dropped_edges = 0
    if g.number_of_nodes() > max_nodes:
        ranked = sorted(g.nodes, key=lambda n: (-g.degree(n), str(n)))[:max_nodes]
        before_nodes, before_edges = g.number_of_nodes(), g.number_of_edges()
        g = g.subgraph(ranked).copy()
        dropped_nodes, dropped_edges = before_nodes - g.number_of_nodes(), before_edges - g.number_of_edges()
    return Selection(g, isolated, dropped_nodes, dropped_edges)


def select_subgraph(graph: GraphData, **options: Any) -> tuple[nx.MultiDiGraph[str], int, int]:
    """The nodes to draw, and how many nodes and edges the cap left out (see `select` for the options)."""
    sel = select(graph, **options)
    return sel.graph, sel.dropped_nodes, sel.dropped_edges


def _tooltip(attrs: dict[str, Any]) -> str:
    lines = [f"{attrs.get('name')} ({attrs.get('type')})"]
    if attrs["kind"] == "event":
        lines.append(f"status: {attrs.get('status')}" + (f", date: {attrs['date']}" if attrs.get("date") else ""))
        lines.append(f"[{attrs['docs'][0]}] {attrs.get('evidence', '')}")
    else:
        if attrs.get("aliases"):
            lines.append("also: " + ", ".join(attrs["aliases"][:6]))
        lines.append("documents: " + ", ".join(attrs.get("docs") or []))
        # why these names are one node: human decisions first, then the rules that merged them
        for why in [*(attrs.get("decisions") or []), *(attrs.get("merge_reasons") or [])][:4]:
            lines.append("why: " + why)
    return "\n".join(lines)


def importance(g: nx.MultiDiGraph[str], node: str) -> int:
    """How much a node matters on the map: its links plus the documents that name it."""
    return int(g.degree(node)) + len(g.nodes[node].get("docs") or [])


def labelled_first(g: nx.MultiDiGraph[str], count: int) -> list[str]:
    """The entities whose names are drawn at the initial zoom: the `count` most important, ties by name."""
    entities = [n for n, a in g.nodes(data=True) if a["kind"] == "entity"]
    return sorted(entities, key=lambda n: (-importance(g, n), fold(str(g.nodes[n].get("name", ""))), str(n)))[:count]


def network_data(sel: Selection, spec: dict[str, Any]) -> dict[str, Any]:
    """The nodes and edges of the page, with positions and label tiers."""
    g = sel.graph
    ent_style = spec.get("entity_types", {})
    ev_colors = spec.get("event_types", {})
    labels = spec.get("labels", {})
    top = set(labelled_first(g, int(labels.get("at_first_sight", 25))))
    pos = layout_positions(g)
    nodes: list[dict[str, Any]] = []
    for node, attrs in g.nodes(data=True):
        if attrs["kind"] == "event":
            color, shape, size = ev_colors.get(attrs["type"], "#999999"), spec.get("event_shape", "star"), 10
        else:
            entity = ent_style.get(attrs["type"], {})
            color, shape = entity.get("color", "#999999"), entity.get("shape", "dot")
            size = 8 + 2 * min(len(attrs.get("docs") or []), 5) + min(g.degree(node), 12)
        x, y = pos[node]
        nodes.append({"id": str(node), "label": str(attrs.get("name")), "title": _tooltip(attrs), "color": color,
                      "shape": shape, "size": size, "category": attrs["type"], "x": x, "y": y,
                      "tier": "top" if node in top else "minor"})
    edges = [{"from": str(u), "to": str(v), "label": str(a.get("label", "")),
              "title": f"{a.get('label', '')}: [{a.get('doc')}] {a.get('evidence')}",
              "dashes": bool(a.get("past")), "arrows": "to"}
             for u, v, a in g.edges(data=True)]
    return {"nodes": nodes, "edges": edges, "labels": labels}


def network_note(sel: Selection) -> str:
    """What the page leaves out, in a sentence for the reader."""
    parts = []
    if sel.isolated:
        parts.append(f"{sel.isolated} nodes with no link are left out (--show-isolated keeps them).")
    if sel.dropped_nodes:
        parts.append(f"Showing the {sel.graph.number_of_nodes()} most connected nodes; "
                     f"{sel.dropped_nodes} nodes and {sel.dropped_edges} edges left out (--max-nodes).")
    return " ".join(parts)


def _legend(spec: dict[str, Any]) -> str:
    items = [(t, s.get("color", "#999")) for t, s in spec.get("entity_types", {}).items()]
    items += [(t.replace("_", " "), c) for t, c in spec.get("event_types", {}).items()]
    return legend_html(items)


def render_map(
    graph: GraphData,
    path: str | Path,
    *,
    view: str = "network",
    focus: str | None = None,
    depth: int = 1,
    types: Sequence[str] | None = None,
    allegation: str | None = None,
    min_docs: int = 0,
    max_nodes: int = 1500,
    show_isolated: bool = False,
    sources: bool = False,
    title: str | None = None,
) -> Path:
    """Write a self-contained HTML map of `graph` to `path`: the network view or the allegations overview.

    The network view takes the focus and filter options; the allegations overview takes `sources`
    (show who says so as a third column from the start).
    """
    if view == "allegations":
        from graphkit.viz.allegations import render_allegations

        if focus or types or allegation or min_docs or show_isolated:
            log.warning("the focus and filter options apply to the network view; the allegations view shows all")

        return render_allegations(graph, path, sources=sources, title=title or "graphkit: who is linked to what")
    if view != "network":
        from graphkit.errors import GraphkitError

        raise GraphkitError(f"no map view named {view!r}; known views: network, allegations")
    spec = style()
    sel = select(graph, focus=focus, depth=depth, types=types, allegation=allegation, min_docs=min_docs,
                 max_nodes=max_nodes, show_isolated=show_isolated)
    page = fill_page("page.html", title=title or "graphkit map", data=network_data(sel, spec),
                     note=network_note(sel), legend=_legend(spec))
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
