#!/usr/bin/env python3
"""Refit the confidences: rule counts (graphkit/data/calibration.yaml) and per-kind models (confidence_model.yaml).

    python benchmarks/calibrate.py [--docs DIR ...] [--gold DIR ...] [--out FILE] [--model-out FILE]

Extracts the development articles once (the seeds and tests/data/corpus/dev by default), labels every fact
against the gold (tests/data/gold/seeds and tests/data/gold/dev), and fits, per fact kind, a logistic model
over the features of graphkit.calibration. To see whether it holds on articles it has not seen, it fits on
half A (seeds and files numbered 1-4) and measures on half B, and the reverse, against the rules' plain
noisy-or fitted the same way; each kind keeps whichever has the lower Brier score out of sample. The final
counts and models are fitted on the whole set. Prints the reliability tables; deterministic, seconds.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "seeds", ROOT / "tests" / "data" / "corpus" / "dev"]
GOLD = [ROOT / "tests" / "data" / "gold" / "seeds", ROOT / "tests" / "data" / "gold" / "dev"]
OUT = ROOT / "graphkit" / "data" / "calibration.yaml"
MODEL_OUT = ROOT / "graphkit" / "data" / "confidence_model.yaml"
FIRST_HALF = re.compile(r"^([0-9]|.0[1-4]_)")  # seeds and files numbered 1-4
L2 = 2.0
FOLDS = 5

sys.path.insert(0, str(ROOT))

from graphkit.calibration import (  # noqa: E402
    KINDS,
    ROLES,
    Calibration,
    DocContext,
    RuleStats,
    calibrate_event,
    calibrate_relation,
    relation_features,
    role_features,
    trigger_features,
)
from graphkit.calibration_fit import Row, fit_logistic  # noqa: E402
from graphkit.evaluate import align, format_thresholds, load_annotations  # noqa: E402
from graphkit.evaluate_reliability import (  # noqa: E402
    MEASURES,
    Scored,
    brier,
    format_reliability,
    format_scored,
    scored_facts,
)
from graphkit.evaluate_rules import count_by_rule, format_by_rule, registered_rules  # noqa: E402
from graphkit.lexicons import ConfidenceModel  # noqa: E402
from graphkit.types import RELATION_TYPES, UNDIRECTED_RELATIONS, DocResult, Resolution  # noqa: E402

FEATURES = {
    "trigger": ("rules_logit", "extra_rules", "has_perpetrator", "has_source", "has_victim", "sentences",
                "confirmed"),
    "perpetrators": ("rules_logit", "extra_rules", "group", "known", "mentions", "actor_body", "event_logit"),
    "victims": ("rules_logit", "extra_rules", "group", "known", "mentions", "event_logit"),
    "sources": ("rules_logit", "extra_rules", "group", "known", "mentions", "monitor", "event_logit", "confirmed"),
    "relation": ("rules_logit", "source_group", "target_group", "source_known", "target_known", "source_person",
                 *(f"type_{t}" for t in RELATION_TYPES)),
}
MEASURE_KIND = {"doc_events": "trigger", "links": "perpetrators", "sources": "sources", "relations": "relation"}


@dataclasses.dataclass
class Corpus:
    """The extraction, done once: per-document results with their feature contexts, and the resolution."""

    results: list[DocResult]
    contexts: list[DocContext]
    resolution: Resolution
    kinds: dict[str, str]
    tmp: Path

    def system(self) -> dict[str, Any]:
        """The graph as `graphkit evaluate` reads it, with the confidences the results hold now."""
        from graphkit.graph import build_graph, save_graph

        return load_annotations(save_graph(build_graph(self.results, self.resolution), self.tmp / "graph.json"))

    def apply(self, cal: Calibration) -> dict[str, Any]:
        for result, ctx in zip(self.results, self.contexts, strict=True):
            for event in result.events:
                calibrate_event(event, self.kinds, ctx, cal)
            for relation in result.relations:
                calibrate_relation(relation, ctx, cal)
        return self.system()


@dataclasses.dataclass
class Labels:
    """What the gold of some documents says of the system's facts: right or not, and how often each recurs."""

    docs: set[str]
    ref: Callable[[str], str]
    doc_types: set[tuple[str, str]]
    pairs: dict[str, set[tuple[str, str]]]
    triples: set[tuple[str, str, str]]


def labels(gold: dict[str, Any], system: dict[str, Any]) -> Labels:
    mapping = align(gold["entities"], system["entities"])
    docs = {d.get("id") for d in gold["documents"]} | {e.get("doc") for e in gold["events"]}
    docs |= {r.get("doc") for r in gold["relations"]}
    return Labels({str(d) for d in docs}, lambda sid: mapping.get(sid, "sys:" + sid),
                  {(e.get("doc"), e["type"]) for e in gold["events"]},
                  {role: {(x, e["type"]) for e in gold["events"] for x in e.get(role) or []} for role in ROLES},
                  {_triple(r["source"], r["type"], r["target"]) for r in gold["relations"]})


def _triple(s: str, kind: str, t: str) -> tuple[str, str, str]:
    if kind in UNDIRECTED_RELATIONS and t < s:
        s, t = t, s
    return s, kind, t


def _weighted(rows: list[tuple[dict[str, float], bool, Any]]) -> list[Row]:
    """Each fact the scorer counts weighs one in all, however many occurrences repeat it."""
    counts = Counter(fact for _, _, fact in rows)
    return [Row(f, ok, 1.0 / counts[fact]) for f, ok, fact in rows]


def rule_counts(gold: dict[str, Any], system: dict[str, Any]) -> dict[str, RuleStats]:
    return {c.name: RuleStats(c.produced, c.right) for c in count_by_rule(gold, system) if c.produced}


def fit(corpus: Corpus, gold: dict[str, Any], system: dict[str, Any]) -> tuple[Calibration, Calibration]:
    """The model and the plain noisy-or of the rules, both from this gold's documents only.

    A fact's rule precision is a feature; measured on the fact's own document it would flatter the rules,
    so each training fact reads the precisions counted without its fold of documents (FOLDS folds).
    """
    system = subset(system, gold)
    lab = labels(gold, system)
    rules = rule_counts(gold, system)
    table = corpus.resolution.mention_to_entity
    inside = [(r, c) for r, c in zip(corpus.results, corpus.contexts, strict=True) if r.article.id in lab.docs]
    fold_of = {r.article.id: i % FOLDS for i, (r, _) in enumerate(sorted(inside, key=lambda rc: rc[0].article.id))}
    held_out = []
    for k in range(FOLDS):
        kept = {d for d, f in fold_of.items() if f != k}
        held_out.append(rule_counts(only(gold, kept), only(system, kept)))

    # the base rates first: they are the priors of rules never counted
    base: dict[str, list[tuple[dict[str, float], bool, Any]]] = {k: [] for k in KINDS}
    for result, _ in inside:
        for e in result.events:
            fact = (e.doc_id, e.type)
            base["trigger"].append(({}, fact in lab.doc_types, fact))
            for key in e.role_rules:
                role, _, mention = key.partition("|")
                if role in ROLES and mention in table:
                    pair = (lab.ref(table[mention]), e.type)
                    base[role].append(({}, pair in lab.pairs[role], pair))
        for r in result.relations:
            if r.source in table and r.target in table:
                triple = _triple(lab.ref(table[r.source]), r.type, lab.ref(table[r.target]))
                base["relation"].append(({}, triple in lab.triples, triple))
    priors = {}
    for kind, rows in base.items():
        weighted = _weighted(rows)
        total = sum(r.weight for r in weighted)
        priors[kind] = (sum(r.weight for r in weighted if r.right) + 1) / (total + 2)
    plain = Calibration(rules, {k: ConfidenceModel("noisy-or", 0.5, {}) for k in KINDS})
    models = {k: ConfidenceModel("noisy-or", round(p, 3), {}) for k, p in priors.items()}

    def rows_of(make: Callable[[DocResult, DocContext, Calibration], list[tuple[Any, ...]]]) -> list[Row]:
        return _weighted([row for result, ctx in inside
                          for row in make(result, ctx, Calibration(held_out[fold_of[result.article.id]], models))])

    def trigger_rows(result: DocResult, ctx: DocContext, cal: Calibration) -> list[tuple[Any, ...]]:
        return [(trigger_features(e, corpus.kinds, cal), (e.doc_id, e.type) in lab.doc_types, (e.doc_id, e.type))
                for e in result.events]

    models["trigger"] = _model(rows_of(trigger_rows), FEATURES["trigger"], priors["trigger"])
    for result, ctx in inside:  # the roles read their event's calibrated confidence
        cal = Calibration(held_out[fold_of[result.article.id]], models)
        for e in result.events:
            calibrate_event(e, corpus.kinds, ctx, cal)

    for role in ROLES:
        def role_rows(result: DocResult, ctx: DocContext, cal: Calibration, role: str = role) -> list[tuple[Any, ...]]:
            out = []
            for e in result.events:
                for key, names in e.role_rules.items():
                    r, _, mention = key.partition("|")
                    if r == role and mention in table:
                        pair = (lab.ref(table[mention]), e.type)
                        out.append((role_features(e, role, mention, names, ctx, cal), pair in lab.pairs[role], pair))
            return out

        models[role] = _model(rows_of(role_rows), FEATURES[role], priors[role])

    def relation_rows(result: DocResult, ctx: DocContext, cal: Calibration) -> list[tuple[Any, ...]]:
        out = []
        for r in result.relations:
            if r.source in table and r.target in table:
                triple = _triple(lab.ref(table[r.source]), r.type, lab.ref(table[r.target]))
                out.append((relation_features(r, ctx, cal), triple in lab.triples, triple))
        return out

    models["relation"] = _model(rows_of(relation_rows), FEATURES["relation"], priors["relation"])
    return Calibration(rules, models), plain


def _model(rows: list[Row], names: tuple[str, ...], prior: float) -> ConfidenceModel:
    weights = fit_logistic(rows, names, l2=L2)
    return ConfidenceModel("model", round(prior, 3), {k: round(v, 4) for k, v in weights.items()})


def choose(model: Calibration, plain: Calibration, keep: dict[str, str]) -> Calibration:
    """Per kind, the model or the rules' noisy-or (victims follow perpetrators)."""
    out = {}
    for kind in KINDS:
        which = keep.get("perpetrators" if kind == "victims" else kind, "model")
        m = model.models[kind]
        out[kind] = m if which == "model" else ConfidenceModel("noisy-or", plain.models[kind].prior, {})
    return Calibration(model.rules, out)


def subset(system: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """The part of the graph from the gold's documents, as if only they had been read (devscore's halves)."""
    return only(system, {d.get("id") for d in gold["documents"]} | {e.get("doc") for e in gold["events"]})


def only(data: dict[str, Any], docs: set[str]) -> dict[str, Any]:
    """Gold or graph restricted to some documents (an entity without a `docs` list is kept)."""
    entities = {}
    for eid, e in data["entities"].items():
        if "docs" not in e:
            entities[eid] = e
        elif kept := [d for d in e.get("docs") or [] if d in docs]:
            entities[eid] = {**e, "docs": kept}
    return {**data, "entities": entities, "documents": [d for d in data["documents"] if d.get("id") in docs],
            "events": [e for e in data["events"] if e.get("doc") in docs],
            "relations": [r for r in data["relations"] if r.get("doc") in docs]}


def split(gold_dirs: list[Path], tmp: Path) -> dict[str, dict[str, Any]]:
    """The gold of the whole set and of each half, each loaded as `graphkit evaluate` does."""
    folders = {name: tmp / f"gold-{name}" for name in ("all", "A", "B")}
    for folder in folders.values():
        folder.mkdir()
    for directory in gold_dirs:
        for f in sorted(directory.glob("*.json")):
            data = f.read_bytes()
            (folders["all"] / f.name).write_bytes(data)
            (folders["A" if FIRST_HALF.match(f.name) else "B"] / f.name).write_bytes(data)
    return {name: load_annotations(folder) for name, folder in folders.items() if any(folder.iterdir())}


def summary(title: str, gold: dict[str, Any], system: dict[str, Any]) -> dict[str, Scored]:
    """Print the reliability table and the thresholds' precision and recall; the scored facts, per measure."""
    system = subset(system, gold)
    print(f"\n== {title}\n{format_reliability(gold, system)}\n{format_thresholds(gold, system)}")
    return scored_facts(gold, system)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--docs", nargs="+", type=Path, default=DOCS)
    ap.add_argument("--gold", nargs="+", type=Path, default=GOLD)
    ap.add_argument("--out", type=Path, default=OUT, help="rule counts (calibration.yaml)")
    ap.add_argument("--model-out", type=Path, default=MODEL_OUT, help="per-kind models (confidence_model.yaml)")
    args = ap.parse_args(argv)

    from graphkit.ingest import load_articles
    from graphkit.pipeline import extract_articles
    from graphkit.resolve import resolve

    # the article texts only (a folder also holds its SOURCES.md)
    articles = list(load_articles([str(f) for d in args.docs for f in sorted(d.glob("*.txt"))]))
    results = extract_articles(articles)
    contexts = [DocContext.of([dataclasses.replace(m) for m in r.mentions]) for r in results]  # before resolution
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        corpus = Corpus(results, contexts, resolve(results), registered_rules(), tmp)
        golds = split(args.gold, tmp)
        system = corpus.system()

        # out of sample: each half scored by what was fitted on the other, the two halves pooled
        pooled: dict[str, dict[str, Scored]] = {label: {m: [] for m in MEASURES} for label in ("noisy-or", "model")}
        if "A" in golds and "B" in golds:
            for train, test in (("A", "B"), ("B", "A")):
                model, plain = fit(corpus, golds[train], system)
                for label, cal in (("noisy-or", plain), ("model", model)):
                    scored = summary(f"{label} fitted on half {train}, measured on half {test}", golds[test],
                                     corpus.apply(cal))
                    for measure in MEASURES:
                        pooled[label][measure] += scored[measure]
            for label, by_measure in pooled.items():
                print(f"\n== {label}, out of sample (A fitted -> B measured, pooled with B -> A)\n"
                      f"{format_scored(by_measure)}")
        out_of_sample = {label: {m: brier(s) for m, s in by_measure.items()} for label, by_measure in pooled.items()}
        keep = {MEASURE_KIND[m]: ("model" if out_of_sample["model"][m] <= out_of_sample["noisy-or"][m] else "noisy-or")
                for m in MEASURES}
        model, plain = fit(corpus, golds["all"], system)
        final = choose(model, plain, keep)
        summary("in sample: the noisy-or of the rules (whole set)", golds["all"], corpus.apply(plain))
        summary("in sample: the kept calibration (whole set)", golds["all"], corpus.apply(final))
        counts = count_by_rule(golds["all"], system)

    print("\nkept per kind (out-of-sample Brier, model vs noisy-or): " + ", ".join(
        f"{MEASURE_KIND[m]} {keep[MEASURE_KIND[m]]} ({out_of_sample['model'][m]:.3f} vs "
        f"{out_of_sample['noisy-or'][m]:.3f})" for m in MEASURES))
    rules = {c.name: {"kind": c.kind, "produced": c.produced, "right": c.right,
                      "precision": round(c.precision, 3)} for c in counts if c.produced}
    header = ("# Each rule's facts on the development set (seeds + tests/data/corpus/dev) and how many the gold\n"
              "# confirms; written by benchmarks/calibrate.py, read by graphkit/calibration.py. Do not edit by hand.\n")
    body = {"documents": len(articles), "rules": rules}
    args.out.write_text(header + yaml.safe_dump(body, sort_keys=True, allow_unicode=True), encoding="utf-8")
    models = {k: {"method": m.method, "prior": m.prior, "weights": dict(m.weights)} for k, m in final.models.items()}
    header = ("# Per fact kind: how its confidence is computed (a logistic model over the features of\n"
              "# graphkit.calibration, or the noisy-or of its rules) and its prior. Fitted on the\n"
              f"# {len(articles)} development articles by benchmarks/calibrate.py, which keeps the model\n"
              "# only where it is better calibrated out of sample. Do not edit by hand.\n")
    args.model_out.write_text(header + yaml.safe_dump(models, sort_keys=True), encoding="utf-8")
    print("\n" + format_by_rule(counts))
    print(f"wrote {args.out} ({len(rules)} rules) and {args.model_out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
