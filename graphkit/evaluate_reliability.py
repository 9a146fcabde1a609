"""Does the confidence mean what it says? Facts binned by confidence, against how often each bin was right.

A fact is what the scorer counts (an (actor, event type) link or source, a (document, event type) pair, a
relation triple); its confidence is the one a `--min-confidence` threshold would test it by: the best of
its occurrences, an occurrence of a participant counting the lower of its own and its event's confidence
(evaluate.confident_part drops both). Well calibrated, the facts of the 0.7-0.9 bin are right 70-90 %
of the time. Brier score and expected calibration error (ECE) sum the table up in one number each.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphkit.evaluate import align
from graphkit.types import UNDIRECTED_RELATIONS

MEASURES = ("links", "sources", "doc_events", "relations")
EDGES = (0.0, 0.3, 0.5, 0.7, 0.9, 1.0)
THRESHOLDS = (0.5, 0.7, 0.9)  # the bin edges meet the thresholds 0.5, 0.7 and 0.9
_ROLE = {"links": "perpetrators", "sources": "sources"}

Scored = list[tuple[float, bool]]  # (confidence, right) per fact


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    count: int
    mean_confidence: float
    precision: float


def scored_facts(gold: dict[str, Any], system: dict[str, Any], within_documents: bool = False) -> dict[str, Scored]:
    """Per measure, each system fact's confidence and whether the gold has it (entities aligned as by
    evaluate.score)."""
    mapping = align(gold["entities"], system["entities"], within_documents)

    def ref(sid: str) -> str:
        return mapping.get(sid, "sys:" + str(sid))

    best: dict[str, dict[Any, float]] = {m: {} for m in MEASURES}

    def keep(measure: str, fact: Any, conf: float) -> None:
        table = best[measure]
        table[fact] = max(conf, table.get(fact, 0.0))

    for e in system["events"]:
        event_conf = float(e.get("confidence", 1.0))
        keep("doc_events", (e.get("doc"), e["type"]), event_conf)
        role_conf = e.get("role_confidence") or {}
        for measure, role in _ROLE.items():
            for x in e.get(role) or []:
                conf = min(event_conf, float(role_conf.get(f"{role}|{x}", event_conf)))
                keep(measure, (ref(x), e["type"]), conf)
    for r in system["relations"]:
        keep("relations", _triple(r, ref), float(r.get("confidence", 1.0)))

    truth: dict[str, set[Any]] = {
        "doc_events": {(e.get("doc"), e["type"]) for e in gold["events"]},
        "relations": {_triple(r, lambda x: x) for r in gold["relations"]},
    }
    for measure, role in _ROLE.items():
        truth[measure] = {(x, e["type"]) for e in gold["events"] for x in e.get(role) or []}
    return {m: sorted((conf, fact in truth[m]) for fact, conf in best[m].items()) for m in MEASURES}


def _triple(r: dict[str, Any], resolve: Any) -> tuple[str, str, str]:
    s, t = resolve(r["source"]), resolve(r["target"])
    if r["type"] in UNDIRECTED_RELATIONS and t < s:
        s, t = t, s
    return s, r["type"], t


def bins(scored: Scored, edges: tuple[float, ...] = EDGES) -> list[Bin]:
    """Facts by confidence bin (the last bin holds 1.0): how many, their mean confidence, how many right."""
    out = []
    for i, (low, high) in enumerate(zip(edges, edges[1:], strict=False)):
        last = i == len(edges) - 2
        inside = [(c, ok) for c, ok in scored if low <= c < high or (last and c == high)]
        n = len(inside)
        out.append(Bin(low, high, n, sum(c for c, _ in inside) / n if n else 0.0,
                       sum(ok for _, ok in inside) / n if n else 0.0))
    return out


def brier(scored: Scored) -> float:
    """Mean squared gap between confidence and outcome (0 is perfect; always saying 0.5 gives 0.25)."""
    return sum((c - ok) ** 2 for c, ok in scored) / len(scored) if scored else 0.0


def ece(scored: Scored, edges: tuple[float, ...] = EDGES) -> float:
    """Expected calibration error: the bins' gaps between mean confidence and precision, weighted by size."""
    total = len(scored)
    return sum(b.count * abs(b.mean_confidence - b.precision) for b in bins(scored, edges)) / total if total else 0.0


def format_reliability(gold: dict[str, Any], system: dict[str, Any], within_documents: bool = False) -> str:
    """The reliability table of every measure, with its Brier score and ECE."""
    return format_scored(scored_facts(gold, system, within_documents))


def format_scored(by_measure: dict[str, Scored]) -> str:
    lines = [f"{'measure':11} {'confidence':>10} {'facts':>6} {'mean conf':>9} {'precision':>9}"]
    for measure, scored in by_measure.items():
        for b in bins(scored):
            cells = f"{b.mean_confidence:9.3f} {b.precision:9.3f}" if b.count else f"{'-':>9} {'-':>9}"
            lines.append(f"{measure:11} {b.low:4.1f}-{b.high:<4.1f}  {b.count:6d} {cells}")
        lines.append(f"{measure:11} {'all':>10} {len(scored):6d}  Brier {brier(scored):.3f}  ECE {ece(scored):.3f}")
        kept = []
        for t in THRESHOLDS:
            above = [ok for c, ok in scored if c >= t]
            kept.append(f">={t}: {len(above)} facts, {sum(above) / len(above):.0%} right" if above else f">={t}: none")
        lines.append(f"{measure:11} {'kept':>10}  " + "; ".join(kept))
    return "\n".join(lines)
