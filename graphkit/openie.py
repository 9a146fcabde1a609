"""Open IE over plain sentences: one Doc per input line, CaRB's tabbed output and JSON lines.

`graphkit triples --sentences` and benchmarks/carb.py call these; the extraction itself is
graphkit.extract.triples, the same extractor whose triples end up in the graph.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from graphkit.errors import InputError
from graphkit.extract.triples import Extraction, extractions
from graphkit.ingest import load_articles

Extractor = Callable[[Doc], list[Extraction]]
log = logging.getLogger(__name__)


def parse_lines(nlp: Language, lines: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    """One Doc per line, never re-split: each line is taken to be one sentence."""
    yield from nlp.pipe((line.rstrip("\r\n") for line in lines), batch_size=batch_size)


def _clean(text: str) -> str:
    return " ".join(text.split())  # a tab or newline inside an argument would break the columns


def carb_lines(sentence: str, doc: Doc, extractor: Extractor = extractions) -> list[str]:
    """CaRB system rows: sentence, confidence, relation, arg1, arg2...; the sentence exactly as given."""
    rows = []
    for ex in extractor(doc):
        cols = [sentence, f"{ex.confidence:.4f}", _clean(ex.relation), *(_clean(a) for a in ex.arguments)]
        rows.append("\t".join(cols))
    return rows


def jsonl_record(ex: Extraction, doc_id: str, sentence: str, sentence_start: int) -> dict[str, Any]:
    return {
        "doc": doc_id, "sentence": sentence, "sentence_start": sentence_start,
        "subject": ex.subject, "relation": ex.readable_relation, "arguments": ex.arguments[1:],
        "start": ex.start, "end": ex.end, "negated": ex.negated, "confidence": round(ex.confidence, 4),
    }


def sentence_records(nlp: Language, lines: Iterable[str], fmt: str) -> Iterator[str]:
    """Output lines for one-sentence-per-line input, in 'carb' or 'jsonl' format; blank lines are
    skipped, and jsonl names each sentence by its line number ("line-3")."""
    numbered = [(n, line.rstrip("\r\n")) for n, line in enumerate(lines, start=1) if line.strip()]
    texts = [line for _, line in numbered]
    for (n, line), doc in zip(numbered, parse_lines(nlp, texts), strict=True):
        if fmt == "carb":
            if "\t" in line:
                log.warning("line %d holds a tab: written with a space in the sentence column", n)
                line = line.replace("\t", " ")
            yield from carb_lines(line, doc)
        else:
            for ex in extractions(doc):
                yield json.dumps(jsonl_record(ex, f"line-{n}", line, 0), ensure_ascii=False)


def article_records(nlp: Language, articles: Iterable[Any], fmt: str) -> Iterator[str]:
    """Output lines for articles: every sentence of every article, with provenance in jsonl."""
    for doc, article in nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=16):
        for ex in extractions(doc):
            sent = ex.sentence
            if fmt == "carb":
                cols = [_clean(ex.sentence_text), f"{ex.confidence:.4f}", _clean(ex.relation),
                        *(_clean(a) for a in ex.arguments)]
                yield "\t".join(cols)
            else:
                yield json.dumps(jsonl_record(ex, article.id, ex.sentence_text, sent.start_char),
                                 ensure_ascii=False)


def read_sentence_lines(source: str | Path) -> list[str]:
    """The lines of a file (or stdin for '-'), split on newlines only: a line is never re-split."""
    if str(source) == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{source}: cannot read sentences ({exc})") from exc
    return [line.removesuffix("\r") for line in text.removesuffix("\n").split("\n")]


def extract_source(nlp: Language, source: str | Path, *, sentences: bool, fmt: str) -> Iterator[str]:
    """What `graphkit triples` prints: CaRB rows or JSON lines, from sentences or from articles."""
    if fmt not in ("carb", "jsonl"):
        raise ValueError(f"unknown triples format {fmt!r} (carb or jsonl)")
    if sentences:
        return sentence_records(nlp, read_sentence_lines(source), fmt)
    return article_records(nlp, load_articles([source]), fmt)
