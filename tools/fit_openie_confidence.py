"""Fit the open-triple confidence weights (data/lexicons/openie_confidence.yaml) on CaRB dev.

    python tools/fit_openie_confidence.py [--split dev] [--l2 0.01]

Each extraction's target is its best CaRB precision against the gold tuples of its sentence; a
logistic model over graphkit.extract.confidence.features is fitted to it by gradient descent,
and the weights are printed as YAML. Fit on dev only: test is for reporting.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import carb as bench  # noqa: E402

from graphkit.eval import carb  # noqa: E402
from graphkit.extract.confidence import features  # noqa: E402
from graphkit.extract.triples import extractions  # noqa: E402
from graphkit.nlp import make_nlp  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=("dev",))
    parser.add_argument("--l2", type=float, default=0.01)
    parser.add_argument("--steps", type=int, default=20000)
    args = parser.parse_args()
    nlp = make_nlp()
    lines = [line for line in (bench.DATA / f"{args.split}.txt").read_text().splitlines() if line.strip()]
    docs = bench.cached_docs(nlp, lines, Path(tempfile.gettempdir()) / "graphkit-carb-cache")
    gold = carb.read_gold(bench.DATA / "gold" / f"{args.split}.tsv")
    rows: list[dict[str, float]] = []
    targets: list[float] = []
    for line, doc in zip(lines, docs, strict=True):
        golds = gold.get(carb.sentence_key(line), [])
        for ex in extractions(doc):
            c = ex.candidate
            pred = carb.Tuple(ex.relation, tuple(ex.arguments))
            rows.append(features(c.features, c.relation, c.arguments, c.heads, c.predicate, len(ex.sentence)))
            targets.append(max((carb.match(g, pred)[0] for g in golds), default=0.0))
    names = sorted({k for r in rows for k in r})
    x = np.array([[r.get(n, 0.0) for n in names] for r in rows])
    y = np.array(targets)
    w, b = np.zeros(len(names)), 0.0
    for _ in range(args.steps):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        grad = p - y
        w -= 0.5 * (x.T @ grad / len(y) + args.l2 * w)
        b -= 0.5 * grad.mean()
    print(f"bias: {b:.3f}")
    for n, v in zip(names, w, strict=True):
        print(f"{n}: {v:.3f}")


if __name__ == "__main__":
    main()
