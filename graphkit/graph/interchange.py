"""The interchange JSON of ../shared/eval/SCHEMA.md, plus provenance fields the scorer ignores."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

from graphkit.atomic import atomic_write
from graphkit.errors import GraphFileError
from graphkit.types import (
    ENTITY_TYPES,
    EVENT_TYPES,
    RELATION_TYPES,
    STATUSES,
    Article,
    Entity,
    Event,
    GraphData,
    Provenance,
    Relation,
    Triple,
)

FORMAT = "graphkit-interchange/1"


def _prov_fields(p: Provenance) -> dict[str, Any]:
    return {"doc": p.doc_id, "evidence": p.sentence, "start": p.start, "end": p.end,
            "sent_start": p.sent_start, "sent_end": p.sent_end}


def _prov(row: dict[str, Any]) -> Provenance:
    return Provenance(row.get("doc", ""), row.get("evidence", ""), int(row.get("start", 0)),
                      int(row.get("end", 0)), int(row.get("sent_start", 0)), int(row.get("sent_end", 0)))


def to_interchange(graph: GraphData) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "documents": [
            {"id": d.id, "title": d.title, "url": d.url, "date": d.date, "source": d.source,
             "sha256": d.sha256, "aliases": d.aliases, "text": d.text}
            for d in graph.documents
        ],
        "entities": [
            {"id": e.id, "name": e.name, "type": e.type, "subtype": e.subtype, "aliases": e.aliases,
             "docs": e.docs, "mentions": e.mentions, "merge_reasons": e.merge_reasons,
             "decisions": e.decisions, "rules": e.rules}
            for e in graph.entities
        ],
        "events": [
            {"id": e.id, "type": e.type, "doc": e.doc_id, "perpetrators": e.perpetrators, "victims": e.victims,
             "sources": e.sources, "locations": e.locations, "date": e.date, "status": e.status,
             "trigger": e.trigger, "confidence": round(e.confidence, 3), "negated": e.negated,
             "rules": e.rules, "role_rules": e.role_rules, "role_confidence": e.role_confidence,
             **_prov_fields(e.prov)}
            for e in graph.events
        ],
        "relations": [
            {"source": r.source, "type": r.type, "target": r.target, "past": r.past,
             "confidence": round(r.confidence, 3), "cue": r.cue, "rules": r.rules, **_prov_fields(r.prov)}
            for r in graph.relations
        ],
        "triples": [
            {"subject": t.subject, "relation": t.relation, "object": t.object, "subject_id": t.subject_key,
             "object_id": t.object_key, "negated": t.negated, "confidence": round(t.confidence, 3),
             **_prov_fields(t.prov)}
            for t in graph.triples
        ],
    }


def from_interchange(data: dict[str, Any]) -> GraphData:
    """Read a graph written by to_interchange (or a gold file: missing fields take defaults)."""
    try:
        return GraphData(
            documents=[
                Article(id=d["id"], text=d.get("text") or "", title=d.get("title"), url=d.get("url"),
                        date=d.get("date"), source=d.get("source"), sha256=d.get("sha256") or "",
                        aliases=list(d.get("aliases") or []))
                for d in data.get("documents", [])
            ],
            entities=[
                Entity(id=e["id"], name=e.get("name", e["id"]), type=e.get("type", "Group"),
                       subtype=e.get("subtype"), aliases=list(e.get("aliases") or []), docs=list(e.get("docs") or []),
                       mentions=int(e.get("mentions") or 0), merge_reasons=list(e.get("merge_reasons") or []),
                       decisions=list(e.get("decisions") or []), rules=list(e.get("rules") or []))
                for e in data.get("entities", [])
            ],
            events=[
                Event(id=e["id"], type=e["type"], doc_id=e.get("doc", ""), trigger=e.get("trigger", ""),
                      prov=_prov(e), perpetrators=list(e.get("perpetrators") or []),
                      victims=list(e.get("victims") or []), sources=list(e.get("sources") or []),
                      locations=list(e.get("locations") or []), date=e.get("date"),
                      status=e.get("status") or "alleged", confidence=float(e.get("confidence", 1.0)),
                      negated=bool(e.get("negated", False)), rules=list(e.get("rules") or []),
                      role_rules={str(k): list(v) for k, v in (e.get("role_rules") or {}).items()},
                      role_confidence={str(k): float(v) for k, v in (e.get("role_confidence") or {}).items()})
                for e in data.get("events", [])
            ],
            relations=[
                Relation(source=r["source"], type=r["type"], target=r["target"], prov=_prov(r),
                         past=bool(r.get("past", False)), confidence=float(r.get("confidence", 1.0)),
                         cue=r.get("cue", ""), rules=list(r.get("rules") or []))
                for r in data.get("relations", [])
            ],
            triples=[
                Triple(subject=t["subject"], relation=t["relation"], object=t["object"], prov=_prov(t),
                       subject_key=t.get("subject_id"), object_key=t.get("object_id"),
                       negated=bool(t.get("negated", False)), confidence=float(t.get("confidence", 1.0)))
                for t in data.get("triples", [])
            ],
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise GraphFileError(f"not a graphkit graph file: {type(exc).__name__} {exc}") from exc


def save_graph(graph: GraphData, path: str | Path) -> Path:
    """Write atomically, so an interrupted run never leaves half a graph file."""
    return atomic_write(path, lambda fh: _dump_lines(to_interchange(graph), fh))


def _dump_lines(data: dict[str, Any], fh: IO[str]) -> None:
    """One JSON object with each list item on a line of its own: readable and greppable like an indented
    file, yet each item goes through json's C encoder (indent= makes json fall back to Python, 10x slower
    on a graph of a thousand documents)."""
    encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder, not one per item as json.dumps makes
    fh.write("{")
    for n, (key, value) in enumerate(data.items()):
        fh.write(("," if n else "") + "\n" + json.dumps(key) + ": ")
        if isinstance(value, list) and value:
            fh.write("[\n" + ",\n".join(map(encode, value)) + "\n]")
        else:
            fh.write(encode(value))
    fh.write("\n}\n")


def load_graph(path: str | Path) -> GraphData:
    path = Path(path)
    if path.is_dir():
        path = path / "graph.json"
    if not path.is_file():
        raise GraphFileError(f"{path}: no graph file (run `graphkit run INPUT --out DIR` first)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise GraphFileError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from exc
    if not isinstance(data, dict) or "entities" not in data:
        raise GraphFileError(f"{path}: not a graphkit graph file (no 'entities')")
    return from_interchange(data)


def validate_interchange(data: dict[str, Any]) -> list[str]:
    """Problems that make a graph file disagree with SCHEMA.md (empty when it is valid)."""
    problems: list[str] = []
    ids = [e.get("id") for e in data.get("entities", [])]
    if len(ids) != len(set(ids)):
        problems.append("entity ids are not unique")
    known = set(ids)
    for e in data.get("entities", []):
        if e.get("type") not in ENTITY_TYPES:
            problems.append(f"entity {e.get('id')}: type {e.get('type')!r}")
        if not isinstance(e.get("aliases", []), list) or not isinstance(e.get("docs", []), list):
            problems.append(f"entity {e.get('id')}: aliases and docs must be lists")
    docs = {d.get("id") for d in data.get("documents", [])}
    for ev in data.get("events", []):
        if ev.get("type") not in EVENT_TYPES:
            problems.append(f"event {ev.get('id')}: type {ev.get('type')!r}")
        if ev.get("status") not in STATUSES:
            problems.append(f"event {ev.get('id')}: status {ev.get('status')!r}")
        if ev.get("doc") not in docs:
            problems.append(f"event {ev.get('id')}: unknown doc {ev.get('doc')!r}")
        for role in ("perpetrators", "victims", "sources", "locations"):
            for ref in ev.get(role, []):
                if ref not in known:
                    problems.append(f"event {ev.get('id')}: {role} refers to unknown entity {ref!r}")
    for r in data.get("relations", []):
        if r.get("type") not in RELATION_TYPES:
            problems.append(f"relation type {r.get('type')!r}")
        if r.get("source") not in known or r.get("target") not in known:
            problems.append(f"relation {r.get('source')}-{r.get('type')}->{r.get('target')}: unknown entity")
    return problems
