"""run_pipeline(): the stages in order, and nothing else, so notebooks can run them one by one."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graphkit.config import Settings
from graphkit.errors import GraphkitError
from graphkit.extract import extract_all
from graphkit.graph import build_graph, save_graph
from graphkit.ingest import load_articles
from graphkit.nlp import make_nlp
from graphkit.resolve import resolve
from graphkit.types import Article, DocResult, GraphData

log = logging.getLogger(__name__)


@dataclass
class RunOutputs:
    graph: GraphData
    files: dict[str, Path] = field(default_factory=dict)


def build_from_articles(
    articles: list[Article],
    settings: Settings | None = None,
    *,
    on_document: Callable[[DocResult], None] | None = None,
) -> GraphData:
    """Extract, resolve and build: articles in, GraphData out."""
    settings = settings or Settings.from_env()
    nlp = make_nlp(settings)
    results = list(
        extract_all(nlp, articles, batch_size=settings.batch_size, min_confidence=settings.min_confidence,
                    on_done=on_document)
    )
    if not results:
        raise GraphkitError("no document could be extracted (see the warnings above)")
    return build_graph(results, resolve(results))


def write_triples(graph: GraphData, path: Path) -> Path:
    """One JSON line per triple with its provenance; written atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        for t in graph.triples:
            row = {"subject": t.subject, "relation": t.relation, "object": t.object,
                   "subject_id": t.subject_key, "object_id": t.object_key, "negated": t.negated,
                   "confidence": round(t.confidence, 3), "doc": t.prov.doc_id, "sentence": t.prov.sentence,
                   "start": t.prov.start, "end": t.prov.end}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    os.replace(tmp, path)
    return path


def run_pipeline(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    settings: Settings | None = None,
    *,
    on_document: Callable[[DocResult], None] | None = None,
    on_articles: Callable[[list[Article]], None] | None = None,
    write_map: bool = True,
) -> RunOutputs:
    """Read, extract, resolve, build; write graph.json, triples.jsonl, map.html and allegations.html into out_dir."""
    articles = load_articles(inputs)
    if on_articles is not None:
        on_articles(articles)
    graph = build_from_articles(articles, settings, on_document=on_document)
    out = Path(out_dir)
    files = {"graph": save_graph(graph, out / "graph.json"), "triples": write_triples(graph, out / "triples.jsonl")}
    if write_map:
        from graphkit.viz import render_map

        files["map"] = render_map(graph, out / "map.html")
        files["allegations map"] = render_map(graph, out / "allegations.html", view="allegations")
    return RunOutputs(graph=graph, files=files)
