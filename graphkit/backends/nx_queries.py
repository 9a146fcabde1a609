"""The named queries over the NetworkX MultiDiGraph, one plain function each.

Each returns the columns of its catalog entry in the same order, sort, filters and page as its Cypher twin.
They count and sort over QueryTables (the role edges and events as columns, built once per graph by the
backend, or here when given a bare graph); only the rows of the page are built one by one.

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

from typing import Any

import pandas as pd

from graphkit.backends.nx_tables import QueryTables
from graphkit.graph.nx import NxGraph
from graphkit.query.catalog import QUERIES
from graphkit.query.params import date_upper

__all__ = ["actor", "agencies_allegations", "timeline", "who_alleges"]

_ACTOR_TYPES = ("Organization", "Group")


def _frame(name: str, rows: list[dict[str, object]]) -> pd.DataFrame:
    columns = list(QUERIES[name].columns)
    frame = pd.DataFrame(rows, columns=columns)
    if "events" in frame:
        frame["events"] = frame["events"].astype("int64")
    return frame


def _tables(g: NxGraph | QueryTables) -> QueryTables:
    return g if isinstance(g, QueryTables) else QueryTables.build(g)


def _page(frame: pd.DataFrame, offset: int, limit: int | None) -> pd.DataFrame:
    return frame.iloc[offset:] if limit is None else frame.iloc[offset: offset + limit]


def _event_mask(events: pd.DataFrame, allegation: str | None, date_from: str | None, date_to: str | None,
                min_confidence: float | None) -> pd.Series:
    """The events the filters keep (the WHERE of the Cypher files)."""
    mask = pd.Series(True, index=events.index)
    if allegation is not None:
        mask &= events["type"] == allegation
    if date_from is not None:
        mask &= events["date"] >= date_from
    if date_to is not None:
        mask &= (events["date"] > "") & (events["date"] < date_upper(date_to))
    if min_confidence is not None:
        mask &= events["confidence"] >= min_confidence
    return mask


def _role_table(t: QueryTables, role: str, types: tuple[str, ...] | None, who: str, filters: dict[str, Any],
                offset: int, limit: int | None) -> list[dict[str, object]]:
    """One row per (entity in `role`, allegation type), most events first; `who` names the entity columns."""
    links = t.links(role)
    keep = _event_mask(links, filters.get("allegation"), filters.get("date_from"), filters.get("date_to"),
                       filters.get("min_confidence"))
    if types is not None:
        keep &= links["entity_type"].isin(types)
    if filters.get("actor") is not None:
        keep &= links["entity_id"].isin(t.entity_ids(filters["actor"]))
    links = links[keep]
    counts = links.groupby(["entity_id", "type"], sort=False).size().reset_index(name="events")
    counts = counts.sort_values(["events", "entity_id", "type"], ascending=[False, True, True], kind="stable")
    page = _page(counts, offset, limit)
    if page.empty:
        return []
    chosen = links.merge(page[["entity_id", "type"]], on=["entity_id", "type"])
    chosen = chosen.sort_values(["doc", "start", "event_id"], kind="stable")
    docs: dict[tuple[str, str], list[str]] = {}
    evidence: dict[tuple[str, str], object] = {}
    for entity_id, allegation, doc, sentence in zip(chosen["entity_id"], chosen["type"], chosen["doc"],
                                                    chosen["evidence"], strict=True):
        key = (entity_id, allegation)
        evidence.setdefault(key, sentence)  # the first event's sentence in (doc, start, id) order
        if not docs.setdefault(key, []) or docs[key][-1] != doc:
            docs[key].append(str(doc))
    names, kinds = page["entity_id"].map(t.entities["name"]), page["entity_id"].map(t.entities["type"])
    return [{f"{who}_id": entity_id, who: name, f"{who}_type": kind, "allegation": allegation, "events": int(n),
             "documents": "; ".join(docs[(entity_id, allegation)]), "evidence": evidence[(entity_id, allegation)]}
            for entity_id, allegation, n, name, kind in zip(page["entity_id"], page["type"], page["events"], names,
                                                             kinds, strict=True)]


def agencies_allegations(g: NxGraph | QueryTables, *, actor: str | None = None, allegation: str | None = None,
                         date_from: str | None = None, date_to: str | None = None,
                         min_confidence: float | None = None, offset: int = 0,
                         limit: int | None = None) -> pd.DataFrame:
    """Organizations and groups linked as perpetrators to each allegation type, most events first."""
    filters = {"actor": actor, "allegation": allegation, "date_from": date_from, "date_to": date_to,
               "min_confidence": min_confidence}
    return _frame("agencies_allegations",
                  _role_table(_tables(g), "PERPETRATOR", _ACTOR_TYPES, "actor", filters, offset, limit))


def who_alleges(g: NxGraph | QueryTables, *, actor: str | None = None, allegation: str | None = None,
                date_from: str | None = None, date_to: str | None = None, min_confidence: float | None = None,
                offset: int = 0, limit: int | None = None) -> pd.DataFrame:
    """Sources (people, organizations, groups) of each allegation type, most events first."""
    filters = {"actor": actor, "allegation": allegation, "date_from": date_from, "date_to": date_to,
               "min_confidence": min_confidence}
    return _frame("who_alleges", _role_table(_tables(g), "SOURCE", None, "source", filters, offset, limit))


_NEIGHBOUR_TYPES = {"PERPETRATOR", "VICTIM", "SOURCE", "LOCATION", "MEMBER_OF", "LEADS", "PART_OF", "LOCATED_IN",
                    "ALLIED_WITH", "OPPOSES"}


def actor(g: NxGraph | QueryTables, name: str, *, offset: int = 0, limit: int | None = None) -> pd.DataFrame:
    """Every event and typed relation of the entities named `name` (name, alias or id; any case)."""
    t = _tables(g)
    graph = t.graph
    rows = []
    for node_id in t.entity_ids(name):
        attrs = graph.nodes[node_id]
        for direction, edges in (("out", graph.out_edges(node_id, data=True)),
                                 ("in", graph.in_edges(node_id, data=True))):
            for u, v, e in edges:
                if e.get("type") not in _NEIGHBOUR_TYPES:
                    continue
                other_id = v if direction == "out" else u
                other = graph.nodes[other_id]
                is_event = other.get("kind") == "event"
                rows.append({
                    "actor_id": node_id, "actor": attrs.get("name", node_id), "relation": e["type"],
                    "direction": direction, "other_id": other_id,
                    "other": other.get("type") if is_event else other.get("name", other_id),
                    "other_type": "Event" if is_event else other.get("type", ""),
                    "doc": e.get("doc", ""), "evidence": e.get("evidence", ""),
                })
    rows.sort(key=lambda r: (r["actor_id"], r["relation"], r["direction"], r["other_id"], r["doc"], r["evidence"]))
    return _frame("actor", rows[offset:] if limit is None else rows[offset: offset + limit])


def timeline(g: NxGraph | QueryTables, *, actor: str | None = None, allegation: str | None = None,
             date_from: str | None = None, date_to: str | None = None, min_confidence: float | None = None,
             offset: int = 0, limit: int | None = None) -> pd.DataFrame:
    """Dated events in date order (then event id); `actor` keeps events where it is perpetrator or victim."""
    t = _tables(g)
    events = t.by_date
    mask = _event_mask(events, allegation, date_from, date_to, min_confidence)
    people = t.roles[t.roles["role"].isin(("PERPETRATOR", "VICTIM"))]
    if actor is not None:
        mask &= events.index.isin(people.loc[people["entity_id"].isin(t.entity_ids(actor)), "event_id"])
    chosen = _page(events[mask], offset, limit)
    names: dict[tuple[str, str], list[str]] = {}
    page_people = people[people["event_id"].isin(chosen.index)]
    for name, event_id, role in zip(page_people["entity_id"].map(t.entities["name"]), page_people["event_id"],
                                    page_people["role"], strict=True):
        names.setdefault((event_id, role), []).append(str(name))
    rows: list[dict[str, object]] = []
    for date, event_id, allegation, status, doc, evidence in zip(
            chosen["date"], chosen["id"], chosen["type"], chosen["status"], chosen["doc"], chosen["evidence"],
            strict=True):
        rows.append({
            "date": date, "event_id": event_id, "allegation": allegation, "status": status, "doc": doc,
            "perpetrators": "; ".join(sorted(names.get((event_id, "PERPETRATOR"), []))),
            "victims": "; ".join(sorted(names.get((event_id, "VICTIM"), []))), "evidence": evidence,
        })
    return _frame("timeline", rows)
