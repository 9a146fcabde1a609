"""Extraction over a stream of articles: in this process, in worker processes, or on a Dask cluster.

Every way hands the same chunks (`chunk_size` articles) to `extract_chunk`, which parses them with
nlp.pipe and extracts each document; a process loads the model once and keeps it. Results come
back in input order, with at most a few chunks in flight, so memory does not grow with the corpus.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any

from spacy.language import Language

from graphkit.config import Settings
from graphkit.types import Article, DocResult

log = logging.getLogger(__name__)

_MODELS: dict[tuple[str | None], Language] = {}


@dataclass
class Extracted:
    """One document's result and the number of tokens parsed (for tokens per second)."""

    result: DocResult
    tokens: int


def model_for(settings: Settings) -> Language:
    """The pipeline for these settings, loaded once per process."""
    key = (settings.model,)
    if key not in _MODELS:
        from graphkit.nlp import make_nlp

        _MODELS[key] = make_nlp(settings)
    return _MODELS[key]


def extract_chunk(settings: Settings, articles: list[Article]) -> list[Extracted]:
    """Parse and extract a chunk of articles; a document that fails is logged and left out."""
    from graphkit.extract.document import extract_doc

    nlp = model_for(settings)
    out: list[Extracted] = []
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=settings.batch_size):
        try:
            result = extract_doc(doc, article, min_confidence=settings.min_confidence)
        except Exception as exc:  # one bad document must not stop the run
            log.warning("%s: extraction failed (%s: %s); skipped", article.id, type(exc).__name__, exc)
            continue
        out.append(Extracted(result, len(doc)))
    return out


def chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while batch := list(islice(it, size)):
        yield batch


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def _ordered(executor: Executor, settings: Settings, batches: Iterable[list[Article]],
             in_flight: int) -> Iterator[Extracted]:
    """Submit chunks keeping `in_flight` pending; yield results in submission order."""
    pending: deque[Future[list[Extracted]]] = deque()
    it = iter(batches)
    try:
        for batch in it:
            pending.append(executor.submit(extract_chunk, settings, batch))
            if len(pending) >= in_flight:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def extract_stream(
    articles: Iterable[Article],
    settings: Settings,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
) -> Iterator[Extracted]:
    """Extracted documents in input order. workers=1 runs here; more use processes; scheduler uses Dask."""
    batches = chunks(articles, settings.chunk_size)
    scheduler = scheduler or settings.scheduler
    if scheduler:
        yield from _dask_stream(batches, settings, scheduler)
        return
    n = workers or settings.workers or default_workers()
    first = next(batches, None)
    second = next(batches, None) if n > 1 else None
    if second is None:  # one chunk (or one worker): starting processes would cost more than it saves
        for batch in chain([first] if first else [], batches):
            yield from extract_chunk(settings, batch)
        return
    assert first is not None
    batches = chain([first, second], batches)
    # fork where there is fork: the workers share the model loaded here (copy on write) and need no
    # `if __name__ == "__main__"` guard in the caller's script or notebook
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    if context.get_start_method() == "fork":
        from graphkit import lexicons

        model_for(settings)
        lexicons.load_all()
    with ProcessPoolExecutor(max_workers=n, mp_context=context) as pool:
        yield from _ordered(pool, settings, batches, in_flight=2 * n)


def _dask_stream(batches: Iterable[list[Article]], settings: Settings, address: str) -> Iterator[Extracted]:
    try:
        from distributed import Client
    except ImportError as exc:
        from graphkit.errors import GraphkitError

        raise GraphkitError("--scheduler needs Dask: pip install 'graphkit[dask]'") from exc
    client: Any = Client(address, set_as_default=False)  # type: ignore[no-untyped-call]
    try:
        n = max(1, len(client.scheduler_info().get("workers", {})))
        executor = client.get_executor(pure=False)
        yield from _ordered(executor, settings, batches, in_flight=2 * n)
    finally:
        client.close()
