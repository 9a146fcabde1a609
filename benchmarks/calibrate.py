#!/usr/bin/env python3
"""Refit graphkit/data/calibration.yaml: each rule's facts and right facts on the development set.

    python benchmarks/calibrate.py [--docs DIR ...] [--gold DIR ...] [--out FILE]

Runs graphkit on the development articles (the seeds and tests/data/corpus/dev by default), scores every
rule's facts against the gold (tests/data/gold/seeds and tests/data/gold/dev) as `graphkit evaluate
--by-rule` does, and writes the counts; graphkit turns them into each rule's confidence.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "seeds", ROOT / "tests" / "data" / "corpus" / "dev"]
GOLD = [ROOT / "tests" / "data" / "gold" / "seeds", ROOT / "tests" / "data" / "gold" / "dev"]
OUT = ROOT / "graphkit" / "data" / "calibration.yaml"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", nargs="+", type=Path, default=DOCS)
    ap.add_argument("--gold", nargs="+", type=Path, default=GOLD)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)

    from graphkit.evaluate import load_annotations
    from graphkit.evaluate_rules import count_by_rule, format_by_rule
    from graphkit.graph import save_graph
    from graphkit.ingest import load_articles
    from graphkit.pipeline import build_from_articles

    # the article texts only (a folder also holds its SOURCES.md)
    articles = load_articles([str(f) for d in args.docs for f in sorted(d.glob("*.txt"))])
    graph = build_from_articles(list(articles))
    with tempfile.TemporaryDirectory() as tmp:
        gold_dir = Path(tmp) / "gold"
        gold_dir.mkdir()
        for folder in args.gold:
            for f in sorted(folder.glob("*.json")):
                shutil.copy(f, gold_dir / f.name)
        graph_file = save_graph(graph, Path(tmp) / "graph.json")
        counts = count_by_rule(load_annotations(gold_dir), load_annotations(graph_file))
    rules = {c.name: {"kind": c.kind, "produced": c.produced, "right": c.right,
                      "precision": round(c.precision, 3)} for c in counts if c.produced}
    header = ("# Each rule's facts on the development set (seeds + tests/data/corpus/dev) and how many the gold\n"
              "# confirms; written by benchmarks/calibrate.py, read by graphkit/calibration.py. Do not edit by hand.\n")
    body = {"documents": len(articles), "rules": rules}
    args.out.write_text(header + yaml.safe_dump(body, sort_keys=True, allow_unicode=True), encoding="utf-8")
    print(format_by_rule(counts))
    print(f"wrote {args.out} ({len(rules)} rules)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
