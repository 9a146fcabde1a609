"""Score a graph against gold annotations in the interchange format (SCHEMA.md).

Users annotate their own articles to check graphkit on their beat. The measures are those of the
project's scorer: named entities matched one-to-one by overlapping folded names, (perpetrator,
type) links, (source, type) pairs, (document, type) pairs and typed relations.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphkit.errors import GoldFileError
from graphkit.names import scorer_key
from graphkit.types import UNDIRECTED_RELATIONS

NAMED_TYPES = frozenset({"Person", "Organization", "Location"})


def _names(entity: dict[str, Any]) -> set[str]:
    out = {scorer_key(entity.get("name", ""))}
    out.update(scorer_key(a) for a in entity.get("aliases") or [])
    out.discard("")
    return out


@dataclass(frozen=True)
class PRF:
    p: float
    r: float
    f1: float
    tp: int
    sys: int
    gold: int

    @classmethod
    def of(cls, system: set[Any], gold: set[Any]) -> PRF:
        tp = len(system & gold)
        p = tp / len(system) if system else 0.0
        r = tp / len(gold) if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return cls(round(p, 3), round(r, 3), round(f, 3), tp, len(system), len(gold))


@dataclass
class Scores:
    entities: PRF
    entity_type_accuracy: float
    links: PRF
    sources: PRF
    doc_events: PRF
    relations: PRF
    missed_entities: list[str]
    extra_entities: list[str]

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in ("entities", "entity_type_accuracy", "links", "sources", "doc_events", "relations"):
            value = getattr(self, key)
            out[key] = value if isinstance(value, float) else value.__dict__
        return out


def load_annotations(path: str | Path) -> dict[str, Any]:
    """A file or a folder of interchange JSON files, merged; an entity id seen twice unions its aliases."""
    path = Path(path)
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files or not all(f.is_file() for f in files):
        raise GoldFileError(f"{path}: no JSON files")
    merged: dict[str, Any] = {"entities": {}, "events": [], "relations": [], "documents": []}
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise GoldFileError(f"{f}: not JSON ({exc.msg} at line {exc.lineno})") from exc
        for entity in data.get("entities", []):
            known = merged["entities"].get(entity["id"])
            if known is None:
                merged["entities"][entity["id"]] = dict(entity)
                continue
            aliases = set(known.get("aliases") or []) | set(entity.get("aliases") or []) | {entity.get("name", "")}
            known["aliases"] = sorted(aliases)
            known["docs"] = sorted(set(known.get("docs") or []) | set(entity.get("docs") or []))
        for key in ("events", "relations", "documents"):
            merged[key] += data.get(key, [])
    return merged


def align(gold: dict[str, dict[str, Any]], system: dict[str, dict[str, Any]],
          within_documents: bool = False) -> dict[str, str]:
    """Greedy one-to-one matching, exact name matches and larger overlaps first: sys id -> gold id.

    The project's scorer matches by names alone, so gold groups of several documents that share a name
    ("security forces" in five countries) go to same-named system entities in id order. With
    `within_documents`, a pair must also share a document, which makes the score independent of ids."""
    gold_names = {gid: _names(g) for gid, g in gold.items()}
    gold_docs = {gid: set(g.get("docs") or []) for gid, g in gold.items()}
    candidates = []
    for sid, s in system.items():
        names = _names(s)
        docs = set(s.get("docs") or [])
        for gid, gnames in gold_names.items():
            overlap = len(names & gnames)
            if overlap and (not within_documents or docs & gold_docs[gid]):
                exact = scorer_key(s.get("name", "")) == scorer_key(gold[gid].get("name", ""))
                candidates.append((exact, overlap, sid, gid))
    candidates.sort(reverse=True)
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for _, _, sid, gid in candidates:
        if sid not in mapping and gid not in used:
            mapping[sid] = gid
            used.add(gid)
    return mapping


def score(gold: dict[str, Any], system: dict[str, Any], within_documents: bool = False) -> Scores:
    gold_ents, sys_ents = gold["entities"], system["entities"]
    mapping = align(gold_ents, sys_ents, within_documents)

    def ref(sid: str) -> str:
        return mapping.get(sid, "sys:" + str(sid))

    gold_named = {gid for gid, g in gold_ents.items() if g.get("type") in NAMED_TYPES}
    sys_named = set()
    for sid, s in sys_ents.items():
        gid = mapping.get(sid)
        if gid is not None and gold_ents[gid].get("type") not in NAMED_TYPES:
            continue  # matched an unnamed Group: neither credit nor blame
        if s.get("type") in NAMED_TYPES or gid in gold_named:
            sys_named.add(ref(sid))
    matched_named = [(sid, gid) for sid, gid in mapping.items() if gid in gold_named]
    typed_ok = sum(1 for sid, gid in matched_named if sys_ents[sid].get("type") == gold_ents[gid].get("type"))

    def pairs(events: list[dict[str, Any]], role: str, resolve: Any) -> set[tuple[str, str]]:
        return {(resolve(x), e["type"]) for e in events for x in e.get(role) or []}

    def rels(items: list[dict[str, Any]], resolve: Any) -> set[tuple[str, str, str]]:
        out = set()
        for r in items:
            s, t = resolve(r["source"]), resolve(r["target"])
            if r["type"] in UNDIRECTED_RELATIONS:
                s, t = sorted((s, t))
            out.add((s, r["type"], t))
        return out

    def same(x: str) -> str:
        return x

    matched = set(mapping.values())
    return Scores(
        entities=PRF.of(sys_named, gold_named),
        entity_type_accuracy=round(typed_ok / len(matched_named), 3) if matched_named else 0.0,
        links=PRF.of(pairs(system["events"], "perpetrators", ref), pairs(gold["events"], "perpetrators", same)),
        sources=PRF.of(pairs(system["events"], "sources", ref), pairs(gold["events"], "sources", same)),
        doc_events=PRF.of({(e.get("doc"), e["type"]) for e in system["events"]},
                          {(e.get("doc"), e["type"]) for e in gold["events"]}),
        relations=PRF.of(rels(system["relations"], ref), rels(gold["relations"], same)),
        missed_entities=sorted(g["name"] for gid, g in gold_ents.items()
                               if g.get("type") in NAMED_TYPES and gid not in matched),
        extra_entities=sorted(str(s.get("name")) for sid, s in sys_ents.items()
                              if sid not in mapping and s.get("type") in NAMED_TYPES),
    )


def evaluate(gold_path: str | Path, graph_path: str | Path, within_documents: bool = False) -> Scores:
    """Score the graph file against the gold file or folder."""
    return score(load_annotations(gold_path), load_annotations(graph_path), within_documents)


def format_scores(scores: Scores) -> str:
    lines = []
    for key, value in scores.as_dict().items():
        if isinstance(value, dict):
            lines.append(f"{key:22} P {value['p']:.3f}  R {value['r']:.3f}  F1 {value['f1']:.3f}  "
                         f"({value['tp']}/{value['sys']} sys, {value['gold']} gold)")
        else:
            lines.append(f"{key:22} {value}")
    return "\n".join(lines)


def confident_part(system: dict[str, Any], threshold: float) -> dict[str, Any]:
    """The graph keeping only facts of at least this confidence: events by their own confidence, each
    participant by its role confidence (the event's when it has none), relations by theirs."""
    events = []
    for e in system["events"]:
        if float(e.get("confidence", 1.0)) < threshold:
            continue
        conf = e.get("role_confidence") or {}
        kept = dict(e)
        for role in ("perpetrators", "victims", "sources"):
            kept[role] = [x for x in e.get(role) or []
                          if float(conf.get(f"{role}|{x}", e.get("confidence", 1.0))) >= threshold]
        events.append(kept)
    relations = [r for r in system["relations"] if float(r.get("confidence", 1.0)) >= threshold]
    return {**system, "events": events, "relations": relations}


def format_thresholds(gold: dict[str, Any], system: dict[str, Any],
                      thresholds: tuple[float, ...] = (0.5, 0.7, 0.9)) -> str:
    """Precision and recall of the event and relation measures at each confidence threshold."""
    measures = ("links", "sources", "doc_events", "relations")
    lines = ["min confidence  " + "  ".join(f"{m:>19}" for m in measures)]
    for t in thresholds:
        s = score(gold, confident_part(system, t))
        cells = [f"P {getattr(s, m).p:.3f} R {getattr(s, m).r:.3f}" for m in measures]
        lines.append(f"{t:>14.1f}  " + "  ".join(f"{c:>19}" for c in cells))
    return "\n".join(lines)
