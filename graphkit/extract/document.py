"""Run every extractor over one parsed document, and over a stream of articles."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from graphkit.calibration import calibrate_event, calibrate_relation, keep_confident
from graphkit.extract.coref import coreferent_mentions
from graphkit.extract.entities import mentions
from graphkit.extract.events import events, merge_document_events
from graphkit.extract.mention_index import MentionIndex
from graphkit.extract.relations import relations
from graphkit.extract.rules import RULES
from graphkit.extract.triples import triples
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
    found_events = merge_document_events(list(events(doc, article.id, index)), names)
    for event in found_events:
        calibrate_event(event, kinds)
    result.events = [keep_confident(e, min_confidence) for e in found_events if e.confidence >= min_confidence]
    found_relations = list(relations(doc, index, found))
    for relation in found_relations:
        calibrate_relation(relation)
    result.relations = [r for r in found_relations if r.confidence >= min_confidence]
    return result


def extract_all(
    nlp: Language,
    articles: Iterable[Article],
    *,
    batch_size: int = 16,
    min_confidence: float = 0.0,
    on_done: Callable[[DocResult], None] | None = None,
) -> Iterator[DocResult]:
    """Parse articles with nlp.pipe and extract each; a document that fails is logged and skipped."""
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        try:
            result = extract_doc(doc, article, min_confidence=min_confidence)
        except Exception as exc:  # one bad document must not stop the run
            log.warning("%s: extraction failed (%s: %s); skipped", article.id, type(exc).__name__, exc)
            continue
        if on_done is not None:
            on_done(result)
        yield result
