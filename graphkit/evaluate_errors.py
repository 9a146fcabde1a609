"""The errors behind the scores: each miss and false hit with its document, names and evidence.

A score says how much is wrong; this says what, so that misses can be sorted into causes (the actor is
not found at all, the document has no event of that type, or both are there but not attached).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graphkit.evaluate import NAMED_TYPES, align
from graphkit.names import scorer_key
from graphkit.types import UNDIRECTED_RELATIONS

_ROLES = {"links": "perpetrators", "sources": "sources"}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass(frozen=True)
class ErrorItem:
    measure: str  # entities | links | sources | doc_events | relations
    kind: str  # miss | false
    names: str  # the fact in words: "DGCIM -> torture"
    docs: tuple[str, ...]
    evidence: tuple[str, ...]
    cause: str = ""  # misses of links and sources: actor-missing | no-event | not-attached

    def format(self) -> str:
        head = f"[{self.measure} {self.kind}{' ' + self.cause if self.cause else ''}] {self.names}"
        lines = [head + (f"  ({', '.join(self.docs)})" if self.docs else "")]
        lines.extend(f"    | {_short(s)}" for s in self.evidence[:3])
        return "\n".join(lines)


def _short(text: str, width: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _name_sentences(texts: dict[str, str], doc: str, names: set[str]) -> list[str]:
    """Sentences of a document that name the actor (any of its folded names)."""
    out = []
    for sentence in _SENTENCE_END.split(texts.get(doc, "")):
        folded = f" {scorer_key(sentence)} "
        if any(n and f" {n} " in folded for n in names):
            out.append(sentence.strip())
    return out[:3]


def find_errors(gold: dict[str, Any], system: dict[str, Any]) -> list[ErrorItem]:
    """Every miss and false hit of every measure, scored as `graphkit.evaluate.score` scores them."""
    gold_ents, sys_ents = gold["entities"], system["entities"]
    mapping = align(gold_ents, sys_ents)
    back = {gid: sid for sid, gid in mapping.items()}
    texts = {d["id"]: d.get("text") or "" for d in system.get("documents", [])}

    def ref(sid: str) -> str:
        return mapping.get(sid, "sys:" + str(sid))

    def gold_name(gid: str) -> str:
        return str(gold_ents.get(gid, {}).get("name", gid))

    def sys_name(key: str) -> str:
        if key.startswith("sys:"):
            sid = key[4:]
            return f"{sys_ents.get(sid, {}).get('name', sid)} (unmatched)"
        return gold_name(key)

    def folded_names(gid: str) -> set[str]:
        g = gold_ents.get(gid, {})
        return {scorer_key(n) for n in [g.get("name", ""), *(g.get("aliases") or [])]} - {""}

    out: list[ErrorItem] = []
    matched = set(mapping.values())
    for gid, g in sorted(gold_ents.items()):
        if g.get("type") in NAMED_TYPES and gid not in matched:
            docs = tuple(g.get("docs") or [])
            ev = [s for d in docs for s in _name_sentences(texts, d, folded_names(gid))]
            out.append(ErrorItem("entities", "miss", f"{g.get('name')} ({g.get('type')})", docs, tuple(ev)))
    for sid, s in sorted(sys_ents.items()):
        if sid not in mapping and s.get("type") in NAMED_TYPES:
            out.append(ErrorItem("entities", "false", f"{s.get('name')} ({s.get('type')})",
                                 tuple(s.get("docs") or []), ()))

    sys_doc_types = {(e.get("doc"), e["type"]) for e in system["events"]}
    for measure, role in _ROLES.items():
        out.extend(_pair_errors(measure, role, gold, system, ref, sys_name, gold_name, texts, folded_names,
                                sys_doc_types, matched, back))

    gold_docs: dict[tuple[Any, str], list[str]] = defaultdict(list)
    for e in gold["events"]:
        gold_docs[(e.get("doc"), e["type"])].append(e.get("evidence") or "")
    sys_docs: dict[tuple[Any, str], list[str]] = defaultdict(list)
    for e in system["events"]:
        sys_docs[(e.get("doc"), e["type"])].append(e.get("evidence") or "")
    for key in sorted(set(gold_docs) - set(sys_docs), key=str):
        out.append(ErrorItem("doc_events", "miss", key[1], (str(key[0]),), tuple(x for x in gold_docs[key] if x)))
    for key in sorted(set(sys_docs) - set(gold_docs), key=str):
        out.append(ErrorItem("doc_events", "false", key[1], (str(key[0]),), tuple(x for x in sys_docs[key] if x)))

    def rel_key(r: dict[str, Any], resolve: Callable[[str], str]) -> tuple[str, str, str]:
        s, t = resolve(r["source"]), resolve(r["target"])
        if r["type"] in UNDIRECTED_RELATIONS and t < s:
            s, t = t, s
        return s, r["type"], t

    gold_rels: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in gold["relations"]:
        gold_rels[rel_key(r, lambda x: x)].append(r)
    sys_rels: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in system["relations"]:
        sys_rels[rel_key(r, ref)].append(r)
    for rkey in sorted(set(gold_rels) - set(sys_rels)):
        rows = gold_rels[rkey]
        out.append(ErrorItem("relations", "miss", f"{gold_name(rkey[0])} {rkey[1]} {gold_name(rkey[2])}",
                             tuple(str(r.get("doc", "")) for r in rows), tuple(r.get("evidence") or "" for r in rows)))
    for rkey in sorted(set(sys_rels) - set(gold_rels)):
        rows = sys_rels[rkey]
        out.append(ErrorItem("relations", "false", f"{sys_name(rkey[0])} {rkey[1]} {sys_name(rkey[2])}",
                             tuple(str(r.get("doc", "")) for r in rows), tuple(r.get("evidence") or "" for r in rows)))
    return out


def _pair_errors(measure: str, role: str, gold: dict[str, Any], system: dict[str, Any],
                 ref: Callable[[str], str], sys_name: Callable[[str], str], gold_name: Callable[[str], str],
                 texts: dict[str, str], folded_names: Callable[[str], set[str]],
                 sys_doc_types: set[tuple[Any, str]], matched: set[str], back: dict[str, str]) -> list[ErrorItem]:
    """Misses and false hits of (actor, event type) pairs, a miss with its likely cause."""
    gold_pairs: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for e in gold["events"]:
        for x in e.get(role) or []:
            gold_pairs[(x, e["type"])].append(e)
    sys_pairs: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for e in system["events"]:
        for x in e.get(role) or []:
            sys_pairs[(ref(x), e["type"])].append(e)
    sys_ents = system["entities"]
    out: list[ErrorItem] = []
    for key in sorted(set(gold_pairs) - set(sys_pairs)):
        events = gold_pairs[key]
        docs = tuple(sorted({str(e.get("doc")) for e in events}))
        actor_docs = set(sys_ents.get(back.get(key[0], ""), {}).get("docs") or [])
        if key[0] not in matched or not actor_docs & set(docs):
            cause = "actor-missing"
        elif not any((d, key[1]) in sys_doc_types for d in docs):
            cause = "no-event"
        else:
            cause = "not-attached"
        evidence = [e.get("evidence") or "" for e in events if e.get("evidence")]
        if not evidence:
            evidence = [s for d in docs for s in _name_sentences(texts, d, folded_names(key[0]))]
        out.append(ErrorItem(measure, "miss", f"{gold_name(key[0])} -> {key[1]}", docs, tuple(evidence), cause))
    for key in sorted(set(sys_pairs) - set(gold_pairs)):
        events = sys_pairs[key]
        out.append(ErrorItem(measure, "false", f"{sys_name(key[0])} -> {key[1]}",
                             tuple(sorted({str(e.get("doc")) for e in events})),
                             tuple(e.get("evidence") or "" for e in events)))
    return out


def format_errors(items: list[ErrorItem]) -> str:
    """Errors grouped by measure, with a count of misses by cause."""
    lines: list[str] = []
    for measure in ("entities", "links", "sources", "doc_events", "relations"):
        mine = [i for i in items if i.measure == measure]
        misses = [i for i in mine if i.kind == "miss"]
        causes: dict[str, int] = defaultdict(int)
        for i in misses:
            if i.cause:
                causes[i.cause] += 1
        tally = ", ".join(f"{c} {n}" for c, n in sorted(causes.items()))
        lines.append(f"== {measure}: {len(misses)} misses{' (' + tally + ')' if tally else ''}, "
                     f"{len(mine) - len(misses)} false hits")
        lines.extend(i.format() for i in mine)
    return "\n".join(lines)
