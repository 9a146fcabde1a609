"""The allegations overview: who is linked to which allegation types, and who says so.

Actors on the left, allegation types in the middle, one edge per (actor, allegation type) as wide
as the number of events; sources ("who says so") can be switched on as a third column. The rows
are the rows of the named queries `agencies-allegations` and `who-alleges`, so the picture and the
tables always agree; only the list of documents and sentences behind each row is read from the
graph, for the tooltips.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from graphkit.atomic import atomic_write_text
from graphkit.graph.nx import to_networkx
from graphkit.types import GraphData
from graphkit.viz.page import fill_page, legend_html

__all__ = ["Link", "Overview", "allegations_overview", "render_allegations"]

_MAX_SENTENCES = 12  # per tooltip; the rest are counted


@dataclass
class Link:
    """One row of a named query: an actor (or source) and an allegation type, with the events behind it."""

    who_id: str
    who: str
    who_type: str
    allegation: str
    events: int
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (document, sentence), one per event


@dataclass
class Overview:
    """The perpetrator links (agencies-allegations) and the source links (who-alleges)."""

    perpetrators: list[Link]
    sources: list[Link]


def _links(g: nx.MultiDiGraph[str], query: str, who: str, role: str) -> list[Link]:
    from graphkit.query import run_query

    links = []
    for row in run_query(query, g, limit=None).to_dict("records"):  # the overview shows every link
        events = {v for _, v, a in g.out_edges(row[f"{who}_id"], data=True)
                  if a.get("type") == role and g.nodes[v].get("type") == row["allegation"]}
        ordered = sorted(events, key=lambda e: (str(g.nodes[e]["doc"]), int(g.nodes[e]["start"]), str(e)))
        links.append(Link(str(row[f"{who}_id"]), str(row[who]), str(row[f"{who}_type"]), str(row["allegation"]),
                          int(row["events"]), [(str(g.nodes[e]["doc"]), str(g.nodes[e]["evidence"])) for e in ordered]))
    return links


def allegations_overview(graph: GraphData | nx.MultiDiGraph[str]) -> Overview:
    """The rows of agencies-allegations and who-alleges, each with its documents and sentences."""
    g = to_networkx(graph) if isinstance(graph, GraphData) else graph
    return Overview(_links(g, "agencies-allegations", "actor", "PERPETRATOR"),
                    _links(g, "who-alleges", "source", "SOURCE"))


def _tooltip(link: Link, verb: str) -> str:
    lines = [f"{link.who} {verb} {link.allegation.replace('_', ' ')}: {link.events} "
             f"event{'s' if link.events != 1 else ''}"]
    lines += [f"[{doc}] {sentence}" for doc, sentence in link.evidence[:_MAX_SENTENCES]]
    if len(link.evidence) > _MAX_SENTENCES:
        lines.append(f"... and {len(link.evidence) - _MAX_SENTENCES} more")
    return "\n".join(lines)


def _column(links: list[Link], side: str, colours: dict[str, Any]) -> list[dict[str, Any]]:
    totals: dict[str, int] = {}
    docs: dict[str, set[str]] = {}
    first: dict[str, Link] = {}
    for link in links:
        totals[link.who_id] = totals.get(link.who_id, 0) + link.events
        docs.setdefault(link.who_id, set()).update(d for d, _ in link.evidence)
        first.setdefault(link.who_id, link)
    order = sorted(totals, key=lambda k: (-totals[k], first[k].who.casefold(), k))
    return [{"id": f"{side}:{k}", "label": first[k].who, "side": side, "row": i,
             "title": f"{first[k].who} ({first[k].who_type}): {totals[k]} events in {len(docs[k])} documents",
             "color": colours.get(first[k].who_type, {}).get("color", "#999999")}
            for i, k in enumerate(order)]


def _count(events: int) -> str:
    """An edge's number: only where it says more than the line itself (one event is the thinnest line)."""
    return str(events) if events > 1 else ""


def overview_data(overview: Overview, spec: dict[str, Any]) -> dict[str, Any]:
    """Nodes in three columns (actor, allegation, source) and one edge per query row."""
    ent = spec.get("entity_types", {})
    ev_colors = spec.get("event_types", {})
    nodes = _column(overview.perpetrators, "actor", ent) + _column(overview.sources, "source", ent)
    totals: dict[str, int] = {}
    for link in overview.perpetrators + overview.sources:
        totals.setdefault(link.allegation, 0)
    for link in overview.perpetrators:
        totals[link.allegation] += link.events
    for i, kind in enumerate(sorted(totals, key=lambda k: (-totals[k], k))):
        nodes.append({"id": f"allegation:{kind}", "label": kind.replace("_", " "), "side": "allegation", "row": i,
                      "title": f"{kind.replace('_', ' ')}: {totals[kind]} events with a named perpetrator",
                      "color": ev_colors.get(kind, "#999999")})
    edges = [{"id": f"actor:{lk.who_id}|{lk.allegation}", "from": f"actor:{lk.who_id}",
              "to": f"allegation:{lk.allegation}", "side": "actor", "events": lk.events, "label": _count(lk.events),
              "title": _tooltip(lk, "is linked to")} for lk in overview.perpetrators]
    edges += [{"id": f"source:{lk.who_id}|{lk.allegation}", "from": f"source:{lk.who_id}",
               "to": f"allegation:{lk.allegation}", "side": "source", "events": lk.events, "label": _count(lk.events),
               "title": _tooltip(lk, "reports"), "dashes": True} for lk in overview.sources]
    return {"nodes": nodes, "edges": edges}


def render_allegations(graph: GraphData, path: str | Path, *, sources: bool = False,
                       title: str = "graphkit: who is linked to what") -> Path:
    """Write the allegations overview page; `sources` shows the who-says-so column from the start."""
    from graphkit.viz.render import style

    spec = style()
    data = overview_data(allegations_overview(graph), spec)
    data["show_sources"] = sources
    note = "" if data["edges"] else "No event has a named perpetrator or source in this graph."
    legend = legend_html([(t, s.get("color", "#999")) for t, s in spec.get("entity_types", {}).items()])
    return atomic_write_text(path, fill_page("allegations.html", title=title, data=data, note=note, legend=legend))
