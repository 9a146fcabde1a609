"""Extraction throughput against the parser itself, workers, graph building, memory, incremental runs.

    python benchmarks/throughput.py [--docs 1000] [--memory-docs 1000,10000] [--json]

A synthetic corpus is drawn from the sentences of seeds/ (N documents of --sentences sentences,
fixed seed). In one run it measures:
- raw: nlp.pipe over the texts with the same model and components graphkit uses (the limit);
- graphkit extraction (parse + rules) with 1 worker and with 2, in tokens/s;
- graph building (resolution + build_graph) in edges/s;
- peak memory of a streaming run (JSONL in, results store out, no graph) for each --memory-docs N,
  each in its own subprocess;
- an incremental run adding 1 document to the --docs graph against the full run.
A benchmark, not a test: it prints numbers; the targets are in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphkit.config import Settings  # noqa: E402

_SENTENCE = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")


def seed_sentences() -> list[str]:
    """Sentences of the sample articles (lines of fewer than five words, like bylines, are left out)."""
    out: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for para in path.read_text(encoding="utf-8").split("\n"):
            out.extend(s.strip() for s in _SENTENCE.split(para) if len(s.split()) >= 5)
    return out


def corpus(n: int, sentences: int, seed: int = 11) -> Iterator[dict[str, str]]:
    """N documents of `sentences` seed sentences each, as JSONL rows (made lazily)."""
    pool = seed_sentences()
    rnd = random.Random(seed)
    for i in range(n):
        picks = rnd.sample(range(len(pool)), sentences)
        yield {"id": f"bench-{i:06d}", "text": " ".join(pool[j] for j in sorted(picks)) + "\n"}


def write_corpus(path: Path, n: int, sentences: int, seed: int = 11) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for row in corpus(n, sentences, seed):
            fh.write(json.dumps(row) + "\n")
    return path


def _timed_extraction(articles: list, settings: Settings) -> tuple[float, int, list]:
    from graphkit.parallel import extract_stream

    start = time.perf_counter()
    items = list(extract_stream(articles, settings))
    return time.perf_counter() - start, sum(x.tokens for x in items), [x.result for x in items]


def memory_child(jsonl: str, workers: int) -> None:
    """Stream a JSONL corpus into a results store (no graph) and print peak RSS in MiB as JSON."""
    from graphkit.pipeline import extract_to_store

    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        outputs, _ = extract_to_store([jsonl], out, Settings(workers=workers))
        seconds = time.perf_counter() - start
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"docs": len(outputs.added), "parent_mib": round(me, 1), "worker_mib": round(kids, 1),
                      "seconds": round(seconds, 1)}))


def measure_memory(n: int, sentences: int, workers: int, tmp: Path) -> dict[str, float]:
    jsonl = write_corpus(tmp / f"memory-{n}.jsonl", n, sentences)
    result = subprocess.run([sys.executable, __file__, "--memory-child", str(jsonl), "--workers", str(workers)],
                            capture_output=True, text=True, check=True)
    row: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000, help="documents for the speed and incremental runs")
    ap.add_argument("--sentences", type=int, default=8, help="seed sentences per document")
    ap.add_argument("--memory-docs", default="1000,10000", help="corpus sizes for peak memory (comma-separated)")
    ap.add_argument("--memory-workers", type=int, default=2)
    ap.add_argument("--memory-sentences", type=int, default=0, help="sentences per document there (0: --sentences)")
    ap.add_argument("--skip", default="", help="comma-separated parts to skip: raw,workers,graph,memory,incremental")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    ap.add_argument("--memory-child", help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.memory_child:
        memory_child(args.memory_child, args.workers)
        return
    import logging

    logging.disable(logging.WARNING)
    from graphkit import names
    from graphkit.graph import build_graph
    from graphkit.ingest import iter_articles
    from graphkit.parallel import model_for
    from graphkit.pipeline import run_pipeline
    from graphkit.resolve import resolve

    skip = set(filter(None, args.skip.split(",")))
    report: dict[str, object] = {"docs": args.docs, "sentences_per_doc": args.sentences}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        jsonl = write_corpus(tmp / "corpus.jsonl", args.docs, args.sentences)
        articles = list(iter_articles([jsonl]))
        settings = Settings(workers=1)
        nlp = model_for(settings)  # loaded once, outside every timing, as are the data files
        from graphkit import lexicons

        lexicons.load_all()
        texts = [a.text for a in articles]
        list(nlp.pipe(texts[:20], batch_size=settings.batch_size))  # warm up
        if "raw" not in skip:
            start = time.perf_counter()
            tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=settings.batch_size))
            raw_s = time.perf_counter() - start
            report.update(tokens=tokens, raw_seconds=round(raw_s, 2), raw_tokens_per_s=round(tokens / raw_s))
        one_s, tokens, results = _timed_extraction(articles, settings)
        report.update(tokens=tokens, graphkit_1_seconds=round(one_s, 2), graphkit_1_tokens_per_s=round(tokens / one_s))
        if "raw" not in skip:
            report["ratio_vs_raw"] = round(raw_s / one_s, 3)
        if "workers" not in skip:
            two_s, _, two_results = _timed_extraction(articles, Settings(workers=2))
            report.update(graphkit_2_seconds=round(two_s, 2), graphkit_2_tokens_per_s=round(tokens / two_s),
                          speedup_2_workers=round(one_s / two_s, 3))
            assert [r.article.id for r in two_results] == [r.article.id for r in results]
        if "graph" not in skip:
            from graphkit.backends.neo4j import relationship_rows

            start = time.perf_counter()
            graph = build_graph(results, resolve(results))
            build_s = time.perf_counter() - start
            edges = sum(len(rows) for rows in relationship_rows(graph).values())
            report.update(graph_seconds=round(build_s, 2), edges=edges, edges_per_s=round(edges / build_s))
        del results
        if "incremental" not in skip:
            out = tmp / "out"
            start = time.perf_counter()
            run_pipeline([jsonl], out, Settings(workers=2), write_map=False)
            full_s = time.perf_counter() - start
            extra = tmp / "new.jsonl"
            extra.write_text(json.dumps(next(corpus(1, args.sentences, seed=99)) | {"id": "new-doc"}) + "\n",
                             encoding="utf-8")
            # a real incremental run is a new process: start it without the name foldings the full run cached
            names._fold_cached.cache_clear()
            names._ACCENTLESS.clear()
            start = time.perf_counter()
            inc = run_pipeline([jsonl, extra], out, Settings(workers=2), write_map=False)
            inc_s = time.perf_counter() - start
            assert inc.added == ["new-doc"] and inc.skipped == args.docs
            report.update(full_run_seconds=round(full_s, 2), incremental_seconds=round(inc_s, 2),
                          incremental_fraction=round(inc_s / full_s, 4))
        if "memory" not in skip:
            sizes = [int(x) for x in args.memory_docs.split(",") if x]
            per_doc = args.memory_sentences or args.sentences
            report["memory_sentences_per_doc"] = per_doc
            rows = {n: measure_memory(n, per_doc, args.memory_workers, tmp) for n in sizes}
            report["memory"] = {str(n): row for n, row in rows.items()}
            if len(sizes) >= 2:
                small, big = rows[min(sizes)], rows[max(sizes)]
                total = lambda r: r["parent_mib"] + r["worker_mib"]  # noqa: E731
                report[f"memory_ratio_{max(sizes)}_{min(sizes)}"] = round(total(big) / total(small), 3)
                report["memory_ratio_10k_1k"] = report[f"memory_ratio_{max(sizes)}_{min(sizes)}"]
    # other work on the machine takes cores from the workers: say how busy it was
    report["load_average_1_5_15"] = [round(x, 1) for x in os.getloadavg()]
    report["cpus"] = os.cpu_count()
    if args.json:
        print(json.dumps(report))
        return
    width = max(len(k) for k in report)
    for key, value in report.items():
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
