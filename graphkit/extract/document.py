"""Run every extractor over one parsed document, and over a stream of articles."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from graphkit.calibration import DocContext, calibrate_event, calibrate_relation, keep_confident
from graphkit.extract.chunks import CHUNK_CHARS, split_text
from graphkit.extract.coref import coreferent_mentions
from graphkit.extract.entities import mentions
from graphkit.extract.events import events, merge_document_events
from graphkit.extract.mention_index import MentionIndex
from graphkit.extract.relations import relations
from graphkit.extract.rules import RULES
from graphkit.extract.triples import triples
from graphkit.ingest.language import detect_language, language_name
from graphkit.names import scorer_key
from graphkit.types import Article, DocResult

log = logging.getLogger(__name__)


def extract_doc(doc: Doc, article: Article, *, min_confidence: float = 0.0) -> DocResult:
    found = mentions(doc, article.id)
    found = sorted(found + coreferent_mentions(doc, article.id, found), key=lambda m: m.start)
    index = MentionIndex(doc, found)
    result = DocResult(article=article, mentions=found)
    result.triples = [t for t in triples(doc, article.id, index) if t.confidence >= min_confidence]
    kinds = {name: r.kind for name, r in RULES.items()}
    names = {m.key: m.canonical_id or scorer_key(m.canonical_name or m.text) for m in found}
    people = frozenset(m.key for m in found if m.type == "Person")
    found_events = merge_document_events(list(events(doc, article.id, index)), names, people)
    context = DocContext.of(found)
    for event in found_events:
        calibrate_event(event, kinds, context)
    result.events = [keep_confident(e, min_confidence) for e in found_events if e.confidence >= min_confidence]
    found_relations = list(relations(doc, index, found))
    for relation in found_relations:
        calibrate_relation(relation, context)
    result.relations = [r for r in found_relations if r.confidence >= min_confidence]
    return result


def extract_all(
    nlp: Language,
    articles: Iterable[Article],
    *,
    batch_size: int = 16,
    min_confidence: float = 0.0,
    on_done: Callable[[DocResult], None] | None = None,
    chunk_chars: int = CHUNK_CHARS,
) -> Iterator[DocResult]:
    """Parse articles with nlp.pipe and extract each; a document that fails is logged and skipped.

    Articles in another language than the model's are skipped with a warning; long articles are
    parsed in pieces of at most chunk_chars (and nlp.max_length) and joined back into one Doc.
    """
    limit = max(1, min(chunk_chars, nlp.max_length))
    for doc, article in _parsed(nlp, readable_articles(nlp, articles), batch_size, limit):
        try:
            result = extract_doc(doc, article, min_confidence=min_confidence)
        except Exception as exc:  # one bad document must not stop the run
            reason = " ".join(str(exc).split())[:300]  # one line, even for multi-line library messages
            log.warning("%s: extraction failed (%s: %s); skipped", article.id, type(exc).__name__, reason)
            continue
        if on_done is not None:
            on_done(result)
        yield result


def readable_articles(nlp: Language, articles: Iterable[Article]) -> Iterator[Article]:
    """The articles the model can read: empty ones and ones in another language are warned about."""
    for article in articles:
        if not article.text.strip():
            log.warning("%s: no text left after removing web clutter; skipped", article.source or article.id)
            continue
        lang = detect_language(article.text)
        if lang is not None and nlp.lang not in (lang, "xx"):
            log.warning("%s: looks like %s (%s), not %s; skipped (pass --model with a spaCy model for %s to "
                        "read it)", article.source or article.id, language_name(lang), lang,
                        language_name(nlp.lang or ""), lang)
            continue
        yield article


def _parsed(nlp: Language, articles: Iterable[Article], batch_size: int,
            limit: int) -> Iterator[tuple[Doc, Article]]:
    """(Doc, article) pairs; a long text is parsed piece by piece and the pieces joined exactly."""

    def pieces() -> Iterator[tuple[str, tuple[Article, int]]]:
        for article in articles:
            spans = split_text(article.text, limit)
            if len(spans) > 1:
                log.warning("%s: %d characters; parsed in %d pieces", article.source or article.id,
                            len(article.text), len(spans))
            for start, end in spans:
                yield article.text[start:end], (article, len(spans))

    parts: list[Doc] = []
    for doc, (article, count) in nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size):
        parts.append(doc)
        if len(parts) < count:
            continue
        whole = parts[0] if count == 1 else Doc.from_docs(parts, ensure_whitespace=False,
                                                                exclude=["tensor"])  # type: ignore[call-arg]
        parts = []
        yield whole, article
