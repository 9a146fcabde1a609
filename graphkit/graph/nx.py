"""GraphData as a NetworkX MultiDiGraph (the embedded backend's store); see docs/graph-model.md."""

from __future__ import annotations

from typing import TypeAlias

import networkx as nx

from graphkit.types import ROLE_EDGES, GraphData, Provenance

# the embedded store: node ids are entity, event and document ids
NxGraph: TypeAlias = "nx.MultiDiGraph[str]"


def _prov(p: Provenance) -> dict[str, object]:
    return {"doc": p.doc_id, "evidence": p.sentence, "start": p.start, "end": p.end}


def edge_key(kind: str, doc: str, start: int) -> str:
    return f"{kind}|{doc}|{start}"


def to_networkx(graph: GraphData) -> NxGraph:
    g: NxGraph = nx.MultiDiGraph()
    for d in graph.documents:
        g.add_node(d.id, kind="document", label="Document", id=d.id, title=d.title or "", url=d.url or "",
                   date=d.date or "", sha256=d.sha256)
    for e in graph.entities:
        g.add_node(e.id, kind="entity", label=e.type, id=e.id, name=e.name, type=e.type, subtype=e.subtype or "",
                   aliases=list(e.aliases), docs=list(e.docs), mentions=e.mentions,
                   merge_reasons=list(e.merge_reasons), decisions=list(e.decisions))
    for ev in graph.events:
        g.add_node(ev.id, kind="event", label="Event", id=ev.id, type=ev.type, doc=ev.doc_id, trigger=ev.trigger,
                   date=ev.date or "", status=ev.status, evidence=ev.prov.sentence, start=ev.prov.start,
                   end=ev.prov.end, confidence=ev.confidence)
        if ev.doc_id in g:
            g.add_edge(ev.id, ev.doc_id, key=edge_key("REPORTED_IN", ev.doc_id, 0), type="REPORTED_IN")
        for role, kind in ROLE_EDGES.items():
            for entity_id in getattr(ev, role):
                if entity_id in g:
                    g.add_edge(entity_id, ev.id, key=edge_key(kind, ev.doc_id, ev.prov.start), type=kind,
                               **_prov(ev.prov))
    for e in graph.entities:
        for doc in e.docs:
            if doc in g:
                g.add_edge(e.id, doc, key=edge_key("MENTIONED_IN", doc, 0), type="MENTIONED_IN")
    for r in graph.relations:
        if r.source in g and r.target in g:
            g.add_edge(r.source, r.target, key=edge_key(r.type, r.prov.doc_id, r.prov.start), type=r.type,
                       past=r.past, confidence=r.confidence, cue=r.cue, **_prov(r.prov))
    for t in graph.triples:
        if t.subject_key and t.object_key and t.subject_key in g and t.object_key in g \
                and t.subject_key != t.object_key:
            key = edge_key("TRIPLE", t.prov.doc_id, t.prov.start) + "|" + t.relation
            g.add_edge(t.subject_key, t.object_key, key=key, type="TRIPLE", relation=t.relation,
                       confidence=t.confidence, **_prov(t.prov))
    return g
