"""Write a self-contained pyvis map: colours by type, events as nodes, evidence in tooltips.

Names and sentences are untrusted: every label and tooltip is plain text (vis-network shows a
string title as text), the data JSON is embedded with <, > and & escaped, and the page loads no
script or style from the network (vis-network is inlined from the pyvis package).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from graphkit import lexicons
from graphkit.graph.nx import to_networkx
from graphkit.names import fold
from graphkit.types import RELATION_TYPES, ROLE_EDGES, GraphData


def _style() -> dict:
    return lexicons.viz_style()


_MAP_EDGES = {*ROLE_EDGES.values(), *RELATION_TYPES}  # no document, mention or raw-triple edges


def _graph(graph: GraphData) -> nx.MultiDiGraph:
    """The map's view of the one NetworkX form of the graph: entities, events, roles and relations."""
    full = to_networkx(graph)
    g = nx.MultiDiGraph()
    for node, a in full.nodes(data=True):
        if a["kind"] == "entity":
            g.add_node(node, kind="entity", type=a["type"], name=a["name"], docs=a["docs"], aliases=a["aliases"])
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


_ROLE_KINDS = frozenset(ROLE_EDGES.values())


def select_subgraph(
    graph: GraphData,
    *,
    focus: str | None = None,
    depth: int = 1,
    types: Sequence[str] | None = None,
    allegation: str | None = None,
    min_docs: int = 0,
    max_nodes: int = 1500,
) -> tuple[nx.MultiDiGraph, int, int]:
    """The nodes to draw, and how many nodes and edges the cap left out."""
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
    dropped_nodes = dropped_edges = 0
    if g.number_of_nodes() > max_nodes:
        ranked = sorted(g.nodes, key=lambda n: (-g.degree(n), str(n)))[:max_nodes]
        before_nodes, before_edges = g.number_of_nodes(), g.number_of_edges()
        g = g.subgraph(ranked).copy()
        dropped_nodes, dropped_edges = before_nodes - g.number_of_nodes(), before_edges - g.number_of_edges()
    return g, dropped_nodes, dropped_edges


def _tooltip(attrs: dict, g: nx.MultiDiGraph, node: str) -> str:
    lines = [f"{attrs.get('name')} ({attrs.get('type')})"]
    if attrs["kind"] == "event":
        lines.append(f"status: {attrs.get('status')}" + (f", date: {attrs['date']}" if attrs.get("date") else ""))
        lines.append(f"[{attrs['docs'][0]}] {attrs.get('evidence', '')}")
    else:
        if attrs.get("aliases"):
            lines.append("also: " + ", ".join(attrs["aliases"][:6]))
        lines.append("documents: " + ", ".join(attrs.get("docs") or []))
    return "\n".join(lines)


def render_map(
    graph: GraphData,
    path: str | Path,
    *,
    focus: str | None = None,
    depth: int = 1,
    types: Sequence[str] | None = None,
    allegation: str | None = None,
    min_docs: int = 0,
    max_nodes: int = 1500,
    title: str = "graphkit map",
) -> Path:
    style = _style()
    g, dropped_nodes, dropped_edges = select_subgraph(
        graph, focus=focus, depth=depth, types=types, allegation=allegation, min_docs=min_docs, max_nodes=max_nodes
    )
    net = Network(height="100%", width="100%", directed=True, cdn_resources="local")
    ent_style = style.get("entity_types", {})
    ev_colors = style.get("event_types", {})
    for node, attrs in g.nodes(data=True):
        if attrs["kind"] == "event":
            color, shape = ev_colors.get(attrs["type"], "#999999"), style.get("event_shape", "star")
            group = attrs["type"]
            size = 12
        else:
            spec = ent_style.get(attrs["type"], {})
            color, shape, group = spec.get("color", "#999999"), spec.get("shape", "dot"), attrs["type"]
            size = 10 + 4 * len(attrs.get("docs") or []) + min(g.degree(node), 20)
        net.add_node(str(node), label=str(attrs.get("name")), title=_tooltip(attrs, g, node), color=color,
                     shape=shape, size=size, category=group)
    for u, v, attrs in g.edges(data=True):
        tip = f"[{attrs.get('doc')}] {attrs.get('evidence')}"
        net.add_edge(str(u), str(v), label=attrs.get("label", ""), title=tip,
                     dashes=bool(attrs.get("past")), arrows="to")
    data = {"nodes": net.nodes, "edges": net.edges}
    note = ""
    if dropped_nodes:
        note = (f"Showing the {g.number_of_nodes()} most connected nodes; "
                f"{dropped_nodes} nodes and {dropped_edges} edges left out.")
    page = _page(title, data, style, note)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out


def _safe_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _asset(name: str) -> str:
    return (resources.files("pyvis") / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")


def _page(title: str, data: dict, style: dict, note: str) -> str:
    legend = [(t, s.get("color", "#999"), s.get("shape", "dot")) for t, s in style.get("entity_types", {}).items()]
    event_shape = style.get("event_shape", "star")
    legend += [(t.replace("_", " "), c, event_shape) for t, c in style.get("event_types", {}).items()]
    legend_html = "".join(
        f'<li><span class="swatch" style="background:{html.escape(c)}"></span>{html.escape(t)}</li>'
        for t, c, _ in legend
    )
    page = (resources.files("graphkit") / "viz" / "assets" / "page.html").read_text(encoding="utf-8")
    values = {"DATA": _safe_json(data), "VIS_JS": _asset("vis-network.min.js"), "VIS_CSS": _asset("vis-network.css"),
              "LEGEND": legend_html, "NOTE": html.escape(note), "TITLE": html.escape(title)}
    # one pass: text put in (names, sentences) is never scanned again for a placeholder
    page = re.sub(r"@@([A-Z_]+)@@", lambda m: values[m.group(1)], page)
    return page
