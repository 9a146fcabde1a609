"""run_pipeline(): the stages in order, and nothing else, so notebooks can run them one by one."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from graphkit.atomic import atomic_write
from graphkit.config import Settings
from graphkit.decisions import Decision
from graphkit.errors import GraphFileError, GraphkitError, InputError
from graphkit.gc_pause import gc_paused
from graphkit.graph import build_graph, save_graph
from graphkit.ingest import iter_articles
from graphkit.parallel import Extracted, extract_stream
from graphkit.resolve import resolve
from graphkit.store import STORE_NAME, ResultStore
from graphkit.types import Article, DocResult, GraphData

log = logging.getLogger(__name__)


@dataclass
class RunOutputs:
    graph: GraphData
    files: dict[str, Path] = field(default_factory=dict)
    added: list[str] = field(default_factory=list)  # ids of documents extracted in this run
    replaced: list[str] = field(default_factory=list)  # ids whose text changed (their old facts are gone)
    skipped: int = 0  # documents already in the output folder with the same text


def _checked(results: Iterable[DocResult]) -> list[DocResult]:
    results = list(results)
    if not results:
        raise GraphkitError("no document could be extracted (see the warnings above)")
    return results


def extract_articles(
    articles: Iterable[Article],
    settings: Settings | None = None,
    *,
    on_document: Callable[[DocResult], None] | None = None,
) -> list[DocResult]:
    """Extract every article (stages 1-2; workers as settings say); an empty result is an error."""
    settings = settings or Settings.from_env()

    def results() -> Iterator[DocResult]:
        for item in extract_stream(articles, settings):
            if on_document is not None:
                on_document(item.result)
            yield item.result

    return _checked(results())


def build_from_articles(
    articles: Iterable[Article],
    settings: Settings | None = None,
    *,
    on_document: Callable[[DocResult], None] | None = None,
    decisions: Sequence[Decision] = (),
) -> GraphData:
    """Extract, resolve (applying human decisions) and build: articles (a list or any iterable) in, GraphData out."""
    results = extract_articles(articles, settings, on_document=on_document)
    return build_graph(results, resolve(results, decisions))


def write_triples(graph: GraphData, path: Path) -> Path:
    """One JSON line per triple with its provenance; written atomically."""

    def write(fh: IO[str]) -> None:
        encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder, not one per line as json.dumps makes
        for t in graph.triples:
            row = {"subject": t.subject, "relation": t.relation, "object": t.object,
                   "subject_id": t.subject_key, "object_id": t.object_key, "negated": t.negated,
                   "confidence": round(t.confidence, 3), "doc": t.prov.doc_id, "sentence": t.prov.sentence,
                   "start": t.prov.start, "end": t.prov.end}
            fh.write(encode(row) + "\n")

    return atomic_write(path, write)


def extract_to_store(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    settings: Settings | None = None,
    *,
    on_document: Callable[[DocResult], None] | None = None,
    on_articles: Callable[[list[Article]], None] | None = None,
    on_extracted: Callable[[Extracted], None] | None = None,
    fresh: bool = False,
) -> tuple[RunOutputs, ResultStore]:
    """Extract the documents of the inputs that out_dir's results store lacks (or holds with another text)."""
    settings = settings or Settings.from_env()
    inputs = list(inputs)
    out = Path(out_dir)
    if fresh and (out / STORE_NAME).exists():
        (out / STORE_NAME).unlink()
    store = ResultStore(out)
    stream: Iterable[Article] = iter_articles(inputs)
    if on_articles is not None:  # the caller wants the list first (it holds the corpus in memory)
        listed = list(stream)
        on_articles(listed)
        stream = listed
    outputs = RunOutputs(graph=GraphData())
    seen_any = False

    def todo() -> Iterator[Article]:
        nonlocal seen_any
        for article in stream:
            seen_any = True
            status = store.status(article)
            if status == "known":
                outputs.skipped += 1
                continue
            if status == "replaced":
                outputs.replaced.append(article.id)
            yield article

    try:
        for n, item in enumerate(extract_stream(todo(), settings), start=1):
            store.add(item.result)
            outputs.added.append(item.result.article.id)
            if n % settings.chunk_size == 0:
                store.flush()
            if on_document is not None:
                on_document(item.result)
            if on_extracted is not None:
                on_extracted(item)
    finally:
        store.close()
    if not seen_any and not len(store):
        raise InputError("no articles could be read from " + ", ".join(map(str, inputs)))
    if outputs.skipped:
        log.info("%d documents already in %s with the same text; not parsed again", outputs.skipped, out)
    stale = store.stale()
    if stale:
        log.warning("%d of %d documents in %s were extracted by another version of graphkit's rules or data "
                    "(first: %s); their facts are kept as they were. Run again with --fresh (and every input) "
                    "to extract all of them with this version", len(stale), len(store), out, stale[0])
    return outputs, store


def run_pipeline(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    settings: Settings | None = None,
    *,
    on_document: Callable[[DocResult], None] | None = None,
    on_articles: Callable[[list[Article]], None] | None = None,
    on_extracted: Callable[[Extracted], None] | None = None,
    write_map: bool = True,
    fresh: bool = False,
    decisions: Sequence[Decision] = (),
) -> RunOutputs:
    """Read, extract, resolve, build; write graph.json, triples.jsonl, map.html and allegations.html into
    out_dir.

    out_dir keeps every document's extraction results (results.jsonl): a later run into the same
    folder parses only documents whose text is new, and the graph is rebuilt over all of them.
    """
    outputs, store = extract_to_store(inputs, out_dir, settings, on_document=on_document,
                                      on_articles=on_articles, on_extracted=on_extracted, fresh=fresh)
    out = Path(out_dir)
    with gc_paused():  # every stored result is read and the whole graph built (see gc_pause)
        results = _checked(store.results())
        outputs.graph = graph = build_graph(results, resolve(results, decisions))
        files = {"graph": save_graph(graph, out / "graph.json"),
                 "triples": write_triples(graph, out / "triples.jsonl")}
    if write_map:
        from graphkit.viz import render_map

        files["map"] = render_map(graph, out / "map.html")
        files["allegations map"] = render_map(graph, out / "allegations.html", view="allegations")
    outputs.files = files
    return outputs


def resolve_again(graph_path: str | Path, decisions: Sequence[Decision], *, write_map: bool = True) -> RunOutputs:
    """Resolve the stored extraction results next to graph.json (results.jsonl) again with decisions; rewrite
    the graph files there.

    Nothing is re-extracted, so the mentions, and with them every id not touched by a decision, stay as they were.
    """
    path = Path(graph_path)
    out, graph_file = (path, path / "graph.json") if path.is_dir() else (path.parent, path)
    if not (out / STORE_NAME).is_file():
        raise GraphFileError(f"{out / STORE_NAME}: no extraction results (written by `graphkit run`; run it again)")
    with gc_paused():
        results = list(ResultStore(out).results())
        graph = build_graph(results, resolve(results, decisions))
        files = {"graph": save_graph(graph, graph_file), "triples": write_triples(graph, out / "triples.jsonl")}
    if write_map:
        from graphkit.viz import render_map

        files["map"] = render_map(graph, out / "map.html")
        files["allegations map"] = render_map(graph, out / "allegations.html", view="allegations")
    return RunOutputs(graph=graph, files=files)
