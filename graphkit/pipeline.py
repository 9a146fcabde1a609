"""run_pipeline(): the stages in order, and nothing else, so notebooks can run them one by one."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from graphkit.atomic import atomic_write
from graphkit.config import Settings
from graphkit.decisions import Decision
from graphkit.errors import GraphkitError
from graphkit.extract import extract_all
from graphkit.graph import build_graph, save_graph
from graphkit.ingest import load_articles
from graphkit.nlp import make_nlp
from graphkit.records import FILENAME as RECORDS_FILE
from graphkit.records import read_records, write_records
from graphkit.resolve import resolve
from graphkit.types import Article, DocResult, GraphData

log = logging.getLogger(__name__)


@dataclass
class RunOutputs:
    graph: GraphData
    files: dict[str, Path] = field(default_factory=dict)


def extract_articles(
    articles: list[Article],
    settings: Settings | None = None,
    *,
    on_document: Callable[[DocResult], None] | None = None,
) -> list[DocResult]:
    """Extract every article (stages 1-2); an empty result is an error."""
    settings = settings or Settings.from_env()
    nlp = make_nlp(settings)
    results = list(
        extract_all(nlp, articles, batch_size=settings.batch_size, min_confidence=settings.min_confidence,
                    on_done=on_document)
    )
    if not results:
        raise GraphkitError("no document could be extracted (see the warnings above)")
    return results


def build_from_articles(
    articles: list[Article],
    settings: Settings | None = None,
    *,
    on_document: Callable[[DocResult], None] | None = None,
    decisions: Sequence[Decision] = (),
) -> GraphData:
    """Extract, resolve (applying human decisions) and build: articles in, GraphData out."""
    results = extract_articles(articles, settings, on_document=on_document)
    return build_graph(results, resolve(results, decisions))


def write_triples(graph: GraphData, path: Path) -> Path:
    """One JSON line per triple with its provenance; written atomically."""

    def write(fh: IO[str]) -> None:
        for t in graph.triples:
            row = {"subject": t.subject, "relation": t.relation, "object": t.object,
                   "subject_id": t.subject_key, "object_id": t.object_key, "negated": t.negated,
                   "confidence": round(t.confidence, 3), "doc": t.prov.doc_id, "sentence": t.prov.sentence,
                   "start": t.prov.start, "end": t.prov.end}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")

    return atomic_write(path, write)


def run_pipeline(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    settings: Settings | None = None,
    *,
    on_document: Callable[[DocResult], None] | None = None,
    on_articles: Callable[[list[Article]], None] | None = None,
    write_map: bool = True,
    decisions: Sequence[Decision] = (),
) -> RunOutputs:
    """Read, extract, resolve, build; write graph.json, triples.jsonl, extraction.jsonl, map.html and
    allegations.html into out_dir."""
    articles = load_articles(inputs)
    if on_articles is not None:
        on_articles(articles)
    results = extract_articles(articles, settings, on_document=on_document)
    graph = build_graph(results, resolve(results, decisions))
    out = Path(out_dir)
    files = {"graph": save_graph(graph, out / "graph.json"), "triples": write_triples(graph, out / "triples.jsonl"),
             "extraction": write_records(results, out / RECORDS_FILE)}
    if write_map:
        from graphkit.viz import render_map

        files["map"] = render_map(graph, out / "map.html")
        files["allegations map"] = render_map(graph, out / "allegations.html", view="allegations")
    return RunOutputs(graph=graph, files=files)


def resolve_again(graph_path: str | Path, decisions: Sequence[Decision], *, write_map: bool = True) -> RunOutputs:
    """Resolve the extraction records next to graph.json again with decisions; rewrite the graph files there.

    Nothing is re-extracted, so the mentions, and with them every id not touched by a decision, stay as they were.
    """
    path = Path(graph_path)
    out, graph_file = (path, path / "graph.json") if path.is_dir() else (path.parent, path)
    results = read_records(out / RECORDS_FILE)
    graph = build_graph(results, resolve(results, decisions))
    files = {"graph": save_graph(graph, graph_file), "triples": write_triples(graph, out / "triples.jsonl")}
    if write_map:
        from graphkit.viz import render_map

        files["map"] = render_map(graph, out / "map.html")
        files["allegations map"] = render_map(graph, out / "allegations.html", view="allegations")
    return RunOutputs(graph=graph, files=files)
