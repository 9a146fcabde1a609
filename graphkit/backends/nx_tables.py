"""The role edges and events of a NetworkX graph as columns, built once, so the named queries filter,
count and sort with pandas instead of walking a million edges in Python on every call.

Example:
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("dgcim", kind="entity", name="DGCIM", type="Organization", aliases=["Counterintelligence"])
    >>> g.add_node("e1", kind="event", type="torture", doc="d1", start=5, evidence="They tortured.", date="")
    >>> _ = g.add_edge("dgcim", "e1", type="PERPETRATOR", doc="d1", start=5)
    >>> tables = QueryTables.build(g)
    >>> tables.roles.values.tolist(), sorted(tables.entity_ids("counterintelligence"))
    ([['dgcim', 'e1', 'PERPETRATOR']], ['dgcim'])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from graphkit.graph.nx import NxGraph
from graphkit.query.keys import entity_keys, name_key

ROLES = ("PERPETRATOR", "VICTIM", "SOURCE")  # the entity -> event edges the queries count
_EVENT_COLUMNS = ("type", "doc", "start", "date", "status", "evidence", "confidence")


@dataclass
class QueryTables:
    """events: one row per event (index: event id); roles: one row per role edge (entity_id, event_id, role);
    entities: name and type by id; names: the keys of names and aliases (graphkit.query.keys) -> entity ids."""

    graph: NxGraph
    events: pd.DataFrame
    roles: pd.DataFrame
    entities: pd.DataFrame
    names: dict[str, set[str]] = field(default_factory=dict)
    _links: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, g: NxGraph) -> QueryTables:
        """One pass over the nodes and the in-edges of the events."""
        event_rows: dict[str, list[object]] = {c: [] for c in ("id", *_EVENT_COLUMNS)}
        role_rows: dict[str, list[str]] = {"entity_id": [], "event_id": [], "role": []}
        entity_rows: dict[str, list[object]] = {"id": [], "name": [], "type": []}
        names: dict[str, set[str]] = {}
        kinds: dict[str, object] = {}
        for node, attrs in g.nodes(data=True):
            kind = attrs.get("kind")
            kinds[node] = kind
            if kind == "entity":
                name = attrs.get("name", node)
                entity_rows["id"].append(node)
                entity_rows["name"].append(name)
                entity_rows["type"].append(attrs.get("type", ""))
                aliases = attrs.get("aliases")
                for key in entity_keys(str(name), aliases if isinstance(aliases, list) else []):
                    names.setdefault(key, set()).add(node)
            elif kind == "event":
                event_rows["id"].append(node)
                for column in _EVENT_COLUMNS:
                    event_rows[column].append(attrs.get(column))
        pred = g.pred
        for event_id in event_rows["id"]:
            for source, edges in pred[str(event_id)].items():
                if kinds.get(source) != "entity":
                    continue
                for attrs in edges.values():
                    role = attrs.get("type")
                    if role in ROLES:
                        role_rows["entity_id"].append(source)
                        role_rows["event_id"].append(str(event_id))
                        role_rows["role"].append(role)
        events = pd.DataFrame(event_rows).set_index("id", drop=False).rename_axis(None)
        events["date"] = events["date"].fillna("").astype(str)
        events["evidence"] = events["evidence"].fillna("")
        events["status"] = events["status"].fillna("")
        # Neo4j stores confidence rounded to 3 places: filter on the same figure
        events["confidence"] = pd.to_numeric(events["confidence"], errors="coerce").fillna(1.0).round(3)
        entities = pd.DataFrame(entity_rows).set_index("id", drop=False).rename_axis(None)
        return cls(g, events, pd.DataFrame(role_rows), entities, names)

    @cached_property
    def by_date(self) -> pd.DataFrame:
        """The dated events in the timeline's order (date, then id): a filter keeps the order."""
        dated = self.events[self.events["date"] > ""]
        return dated.sort_values(["date", "id"], kind="stable")

    def links(self, role: str) -> pd.DataFrame:
        """Distinct (entity, event) pairs of one role with the event's columns (allegation, doc, start, ...)."""
        if role not in self._links:
            pairs = self.roles.loc[self.roles["role"] == role, ["entity_id", "event_id"]].drop_duplicates()
            events = self.events.loc[pairs["event_id"]]
            self._links[role] = pd.DataFrame({
                "entity_id": pairs["entity_id"].to_numpy(), "entity_type": pairs["entity_id"].map(
                    self.entities["type"]).to_numpy(), "event_id": pairs["event_id"].to_numpy(),
                **{column: events[column].to_numpy() for column in _EVENT_COLUMNS}})
        return self._links[role]

    def entity_ids(self, text: str) -> set[str]:
        """Entities named `text` (name or alias, any case) or whose id it is, as the Cypher files match them."""
        found = set(self.names.get(name_key(text), set()))
        if text in self.entities.index:
            found.add(text)
        return found
