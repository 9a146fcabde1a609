#!/usr/bin/env python3
"""What each rule is worth: the scores without the facts only that rule found, on the whole gold and halves.

    python tools/ablate_rules.py --gold GOLD_DIR --graph graph.json [--half-a PREFIX ...] [--rules NAME ...]

A rule right in one document only is a special case, not a method; this shows what dropping one costs
before it is dropped. The ablation is done on the graph after the fact: a participant found by that rule
alone leaves its event, an event whose only trigger rule it is goes, a relation found by it alone goes.
Entity, coreference, merge and status rules change the graph upstream and are not ablated here.
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphkit.evaluate import load_annotations, score  # noqa: E402
from graphkit.evaluate_rules import count_by_rule, registered_rules  # noqa: E402

MEASURES = ("links", "sources", "doc_events", "relations")
HALF_A = ("0", "a01", "a02", "a03", "a04", "b01", "b02", "b03", "b04", "c01", "c02", "c03", "c04",
          "d01", "d02", "d03", "d04")  # the seeds and the development files numbered 1-4


def without(system: dict[str, Any], name: str, kinds: dict[str, str]) -> dict[str, Any]:
    out = copy.deepcopy(system)
    events = []
    for e in out["events"]:
        triggers = [r for r in e.get("rules") or [] if kinds.get(r) == "trigger"]
        if triggers == [name]:
            continue
        for key, names in (e.get("role_rules") or {}).items():
            if names == [name]:
                role, _, entity = key.partition("|")
                e[role] = [x for x in e.get(role) or [] if x != entity]
        events.append(e)
    out["events"] = events
    out["relations"] = [r for r in out["relations"] if (r.get("rules") or []) != [name]]
    return out


def subset(data: dict[str, Any], docs: set[str]) -> dict[str, Any]:
    entities = {k: dict(v, docs=[d for d in v.get("docs") or [] if d in docs]) for k, v in data["entities"].items()}
    return {"entities": {k: v for k, v in entities.items() if v["docs"]},
            "events": [e for e in data["events"] if e.get("doc") in docs],
            "relations": [r for r in data["relations"] if r.get("doc") in docs],
            "documents": [d for d in data.get("documents", []) if d.get("id") in docs]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", required=True, type=Path)
    ap.add_argument("--graph", required=True, type=Path)
    ap.add_argument("--half-a", nargs="*", default=list(HALF_A), help="document id prefixes of half A")
    ap.add_argument("--rules", nargs="*", help="only these rules (default: every rule that produced a fact)")
    args = ap.parse_args(argv)
    gold, system = load_annotations(args.gold), load_annotations(args.graph)
    kinds = registered_rules()
    counts = {c.name: c for c in count_by_rule(gold, system)}
    names = args.rules or [n for n, c in counts.items()
                           if c.produced and kinds.get(n) in ("trigger", "role", "source", "relation")]
    docs = {e.get("doc") for e in gold["events"]} | {d.get("id") for d in gold.get("documents", [])}
    halves = {"all": docs, "A": {d for d in docs if d.startswith(tuple(args.half_a))}}
    halves["B"] = docs - halves["A"]
    golds = {h: subset(gold, ds) for h, ds in halves.items()}

    def scores(graph: dict[str, Any]) -> dict[str, dict[str, float]]:
        out = {}
        for h, ds in halves.items():
            s = score(golds[h], subset(graph, ds), within_documents=True)
            out[h] = {m: getattr(s, m).f1 for m in MEASURES}
        return out

    base = scores(system)
    print("F1 change without the rule's own facts (entities aligned within documents); + means the rule helps")
    print(f"{'rule':34} {'docs':>4} {'right in':>8}  " + "  ".join(f"{m:>17}" for m in MEASURES))
    for name in sorted(names, key=lambda n: (kinds.get(n, ""), n)):
        after = scores(without(system, name, kinds))
        cells = []
        for m in MEASURES:
            deltas = [base[h][m] - after[h][m] for h in ("all", "A", "B")]
            cells.append("" if not any(deltas) else "/".join(f"{d:+.3f}" for d in deltas))
        c = counts[name]
        print(f"{name:34} {c.docs:4d} {c.right_docs:8d}  " + "  ".join(f"{x:>17}" for x in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
