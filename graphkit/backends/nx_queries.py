"""The named queries over the NetworkX MultiDiGraph, one plain function each.

Each returns the columns of its catalog entry in the same order and sort as its Cypher twin.

Example:
    >>> from graphkit.backends.nx_queries import agencies_allegations
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("dgcim", kind="entity", name="DGCIM", type="Organization", aliases=[])
    >>> g.add_node("e1", kind="event", type="torture", doc="d1", start=5, evidence="DGCIM tortured them.", date="")
    >>> _ = g.add_edge("dgcim", "e1", type="PERPETRATOR", doc="d1", evidence="DGCIM tortured them.", start=5)
    >>> agencies_allegations(g)[["actor", "allegation", "events"]].values.tolist()
    [['DGCIM', 'torture', 1]]
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from graphkit.graph.nx import NxGraph
from graphkit.query.catalog import QUERIES

__all__ = ["actor", "agencies_allegations", "timeline", "who_alleges"]

_ACTOR_TYPES = ("Organization", "Group")


def _frame(name: str, rows: list[dict[str, object]]) -> pd.DataFrame:
    columns = list(QUERIES[name].columns)
    frame = pd.DataFrame(rows, columns=columns)
    if "events" in frame:
        frame["events"] = frame["events"].astype("int64")
    return frame


def _events(g: NxGraph) -> dict[str, dict[str, object]]:
    return {n: a for n, a in g.nodes(data=True) if a.get("kind") == "event"}


def _role_table(g: NxGraph, role: str, types: tuple[str, ...] | None, who: str) -> list[dict[str, object]]:
    """One row per (entity in `role`, allegation type); `who` names the entity columns (actor, source)."""
    events = _events(g)
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for u, v, attrs in g.edges(data=True):
        if attrs.get("type") != role or v not in events:
            continue
        if types is not None and g.nodes[u].get("type") not in types:
            continue
        if v not in groups[(u, str(events[v]["type"]))]:
            groups[(u, str(events[v]["type"]))].append(v)
    rows = []
    for (entity_id, allegation), ev_ids in groups.items():
        evs = sorted((events[e] for e in ev_ids), key=lambda a: (a["doc"], a["start"], a.get("id", "")))
        node = g.nodes[entity_id]
        rows.append({
            f"{who}_id": entity_id, who: node.get("name", entity_id), f"{who}_type": node.get("type", ""),
            "allegation": allegation, "events": len(evs), "documents": "; ".join(sorted({str(e["doc"]) for e in evs})),
            "evidence": evs[0].get("evidence", ""),
        })
    rows.sort(key=lambda r: (-int(r["events"]), r[f"{who}_id"], r["allegation"]))
    return rows


def agencies_allegations(g: NxGraph) -> pd.DataFrame:
    """Organizations and groups linked as perpetrators to each allegation type."""
    return _frame("agencies_allegations", _role_table(g, "PERPETRATOR", _ACTOR_TYPES, "actor"))


def who_alleges(g: NxGraph) -> pd.DataFrame:
    """Sources (people, organizations, groups) of each allegation type."""
    return _frame("who_alleges", _role_table(g, "SOURCE", None, "source"))


_NEIGHBOUR_TYPES = {"PERPETRATOR", "VICTIM", "SOURCE", "LOCATION", "MEMBER_OF", "LEADS", "PART_OF", "LOCATED_IN",
                    "ALLIED_WITH", "OPPOSES"}


def _matches(attrs: dict[str, object], node_id: str, name: str) -> bool:
    wanted = name.lower()
    aliases = attrs.get("aliases")
    names = [str(attrs.get("name", "")), *(str(a) for a in (aliases if isinstance(aliases, list) else []))]
    return node_id == name or any(n.lower() == wanted for n in names)


def actor(g: NxGraph, name: str) -> pd.DataFrame:
    """Every event and typed relation of the entities named `name` (name, alias or id; any case)."""
    rows = []
    for node_id, attrs in g.nodes(data=True):
        if attrs.get("kind") != "entity" or not _matches(attrs, str(node_id), name):
            continue
        for direction, edges in (("out", g.out_edges(node_id, data=True)), ("in", g.in_edges(node_id, data=True))):
            for u, v, e in edges:
                if e.get("type") not in _NEIGHBOUR_TYPES:
                    continue
                other_id = v if direction == "out" else u
                other = g.nodes[other_id]
                is_event = other.get("kind") == "event"
                rows.append({
                    "actor_id": node_id, "actor": attrs.get("name", node_id), "relation": e["type"],
                    "direction": direction, "other_id": other_id,
                    "other": other.get("type") if is_event else other.get("name", other_id),
                    "other_type": "Event" if is_event else other.get("type", ""),
                    "doc": e.get("doc", ""), "evidence": e.get("evidence", ""),
                })
    rows.sort(key=lambda r: (r["actor_id"], r["relation"], r["direction"], r["other_id"], r["doc"], r["evidence"]))
    return _frame("actor", rows)


def timeline(g: NxGraph) -> pd.DataFrame:
    """Dated events in date order."""
    rows = []
    for ev_id, attrs in _events(g).items():
        if not attrs.get("date"):
            continue
        names: dict[str, list[str]] = {"PERPETRATOR": [], "VICTIM": []}
        for u, _, e in g.in_edges(ev_id, data=True):
            if e.get("type") in names:
                names[e["type"]].append(str(g.nodes[u].get("name", u)))
        rows.append({
            "date": attrs["date"], "event_id": ev_id, "allegation": attrs["type"], "status": attrs.get("status", ""),
            "doc": attrs.get("doc", ""), "perpetrators": "; ".join(sorted(names["PERPETRATOR"])),
            "victims": "; ".join(sorted(names["VICTIM"])), "evidence": attrs.get("evidence", ""),
        })
    rows.sort(key=lambda r: (r["date"], r["event_id"]))
    return _frame("timeline", rows)
