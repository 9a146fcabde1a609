"""graphkit's triple extractor on the CaRB Open IE benchmark, against a plain subject-verb-object walk.

    python benchmarks/carb.py --split dev|test [--limit N] [--output FILE]

Parses ../shared/benchmarks/carb/{split}.txt once per line (the parse is cached as a DocBin in a
temp folder, keyed by the text and the model), runs graphkit's extractor and a textacy-style SVO
baseline over the same Docs, and scores both with graphkit.eval.carb (CaRB's matching rules:
binarized tuples, token overlap, best-match recall, one-to-one precision, AUC over confidence).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from graphkit.eval import carb
from graphkit.eval.svo_baseline import svo_extractions
from graphkit.nlp import make_nlp
from graphkit.openie import carb_lines, parse_lines

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "benchmarks" / "carb"
if not DATA.is_dir():
    DATA = Path("/work/shared/benchmarks/carb")


def cached_docs(nlp: Language, lines: list[str], cache_dir: Path) -> list[Doc]:
    """Parse the lines (one Doc each), or read the parse saved by an earlier run."""
    key = hashlib.sha256("\n".join(lines).encode() + nlp.meta["name"].encode() + nlp.meta["version"].encode())
    path = cache_dir / f"carb-{key.hexdigest()[:16]}.spacy"
    if path.is_file():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(parse_lines(nlp, lines))
    cache_dir.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    return docs


def evaluate(split: str, limit: int | None, cache_dir: Path, output: Path | None) -> dict[str, carb.Score]:
    lines = (DATA / f"{split}.txt").read_text(encoding="utf-8").splitlines()
    lines = [line for line in lines if line.strip()][:limit]
    gold = carb.read_gold(DATA / "gold" / f"{split}.tsv")
    if limit is not None:
        keys = {carb.sentence_key(line) for line in lines}
        gold = {k: v for k, v in gold.items() if k in keys}
    nlp = make_nlp()
    started = time.perf_counter()
    docs = cached_docs(nlp, lines, cache_dir)
    print(f"{len(docs)} sentences parsed or read from cache in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    started = time.perf_counter()
    ours = [row for line, doc in zip(lines, docs, strict=True) for row in carb_lines(line, doc)]
    elapsed = time.perf_counter() - started
    baseline = [row for line, doc in zip(lines, docs, strict=True)
                for row in carb_lines(line, doc, extractor=svo_extractions)]
    if output is not None:
        output.write_text("".join(row + "\n" for row in ours), encoding="utf-8")
    print(f"graphkit extractor: {len(ours)} extractions in {elapsed:.2f}s", file=sys.stderr)
    return {"graphkit": carb.score(gold, carb.read_system(ours)),
            "svo baseline": carb.score(gold, carb.read_system(baseline))}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--limit", type=int, default=None, help="Only the first N sentences.")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "graphkit-carb-cache",
                        help="Folder for the parsed sentences (DocBin).")
    parser.add_argument("--output", type=Path, default=None, help="Also write graphkit's CaRB output here.")
    args = parser.parse_args(argv)
    scores = evaluate(args.split, args.limit, args.cache, args.output)
    print(f"CaRB {args.split}: {'system':<14} {'P':>6} {'R':>6} {'F1':>6} {'AUC':>6}")
    for name, s in scores.items():
        print(f"CaRB {args.split}: {name:<14} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.auc:6.3f}")


if __name__ == "__main__":
    main()
