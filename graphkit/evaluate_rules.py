"""Rule by rule: how many facts each registered rule produced on gold documents, and how many were right.

What counts as a rule's fact depends on its kind: a role or source rule its (actor, event type) pairs,
a trigger rule its (document, event type) pairs, a status rule its (document, type, status) triples, a
relation rule its relation triples, an entity, coreference or merge rule the named entities it found.
The counts are what calibration turns into each rule's confidence.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from graphkit.evaluate import NAMED_TYPES, align
from graphkit.types import UNDIRECTED_RELATIONS

_GOLD_ROLE = {"perpetrators": "perpetrators", "victims": "victims", "sources": "sources"}


@dataclass(frozen=True)
class RuleCount:
    name: str
    kind: str
    produced: int
    right: int
    docs: int = 0  # documents where it produced a fact
    right_docs: int = 0  # documents where one of its facts was right

    @property
    def precision(self) -> float:
        return self.right / self.produced if self.produced else 0.0


def registered_rules() -> dict[str, str]:
    """Every registered rule's name -> kind (importing the extractors registers them all)."""
    import graphkit.extract  # noqa: F401  (registers the rules)
    import graphkit.resolve  # noqa: F401
    from graphkit.extract.rules import RULES

    return {name: r.kind for name, r in sorted(RULES.items())}


def count_by_rule(gold: dict[str, Any], system: dict[str, Any]) -> list[RuleCount]:
    """One RuleCount per registered rule (and per rule name found in the graph but no longer registered)."""
    gold_docs = {d.get("id") for d in gold.get("documents", [])} | {e.get("doc") for e in gold["events"]}
    gold_docs |= {r.get("doc") for r in gold["relations"]}
    mapping = align(gold["entities"], system["entities"])

    def ref(sid: str) -> str:
        return mapping.get(sid, "sys:" + str(sid))

    gold_pairs = {role: {(x, e["type"]) for e in gold["events"] for x in e.get(role) or []} for role in _GOLD_ROLE}
    gold_doc_types = {(e.get("doc"), e["type"]) for e in gold["events"]}
    gold_status = {(e.get("doc"), e["type"], e.get("status", "alleged")) for e in gold["events"]}
    gold_rels = {_rel(r, lambda x: x) for r in gold["relations"]}
    gold_named = {gid for gid, g in gold["entities"].items() if g.get("type") in NAMED_TYPES}

    produced: dict[str, set[Any]] = defaultdict(set)
    right: dict[str, set[Any]] = defaultdict(set)

    docs: dict[str, set[str]] = defaultdict(set)
    right_docs: dict[str, set[str]] = defaultdict(set)

    def credit(name: str, fact: Any, ok: bool, doc: str) -> None:
        produced[name].add(fact)
        docs[name].add(doc)
        if ok:
            right[name].add(fact)
            right_docs[name].add(doc)

    kinds = registered_rules()
    for e in system["events"]:
        if e.get("doc") not in gold_docs:
            continue
        doc_type = (e.get("doc"), e["type"])
        for name in e.get("rules") or []:
            if kinds.get(name) == "status":
                fact = (*doc_type, e.get("status", "alleged"))
                credit(name, fact, fact in gold_status, e["doc"])
            else:
                credit(name, doc_type, doc_type in gold_doc_types, e["doc"])
        for key, names in (e.get("role_rules") or {}).items():
            role, _, entity_id = key.partition("|")
            if role not in gold_pairs:
                continue
            pair = (ref(entity_id), e["type"])
            for name in names:
                credit(name, (role, pair), pair in gold_pairs[role], e["doc"])
    for r in system["relations"]:
        if r.get("doc") not in gold_docs:
            continue
        triple = _rel(r, ref)
        for name in r.get("rules") or []:
            credit(name, triple, triple in gold_rels, r["doc"])
    for sid, s in system["entities"].items():
        if not set(s.get("docs") or []) & gold_docs or s.get("type") not in NAMED_TYPES:
            continue
        for doc in sorted(set(s.get("docs") or []) & gold_docs):  # an entity is found in each of its documents
            for name in s.get("rules") or []:
                credit(name, sid, mapping.get(sid) in gold_named, doc)
    names = set(kinds) | set(produced)
    return [RuleCount(n, kinds.get(n, "?"), len(produced[n]), len(right[n]), len(docs[n]), len(right_docs[n]))
            for n in sorted(names)]


def _rel(r: dict[str, Any], resolve: Any) -> tuple[str, str, str]:
    s, t = resolve(r["source"]), resolve(r["target"])
    if r["type"] in UNDIRECTED_RELATIONS and t < s:
        s, t = t, s
    return s, r["type"], t


def format_by_rule(counts: list[RuleCount]) -> str:
    """One line per rule; "one document" flags a rule that is right in a single document only, which on
    these articles is a special case rather than a method."""
    lines = [f"{'rule':34} {'kind':9} {'produced':>8} {'right':>6} {'precision':>9} {'docs':>5} {'right in':>8}"]
    for c in sorted(counts, key=lambda c: (c.kind, c.name)):
        precision = f"{c.precision:.3f}" if c.produced else "-"
        flag = "  one document" if c.right_docs == 1 else ""
        lines.append(f"{c.name:34} {c.kind:9} {c.produced:8d} {c.right:6d} {precision:>9} {c.docs:5d} "
                     f"{c.right_docs:8d}{flag}")
    return "\n".join(lines)
