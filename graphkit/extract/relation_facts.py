"""Building a relation fact from two mentions: shared by the relation rule modules."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from graphkit.extract.rules import add_rule
from graphkit.types import RELATION_TYPES, Mention, Provenance, Relation, checked


def make_relation(
    rule_name: str, kind: str, source: Mention, target: Mention, sent: Span, cue: str, *, past: bool = False,
    confidence: float = 0.8,
) -> Relation:
    """A relation between two mentions with its evidence sentence, naming the rule that found it."""
    start = min(source.start, target.start)
    end = max(source.end, target.end)
    rel = Relation(
        source=source.key, type=checked(kind, RELATION_TYPES, "relation type"), target=target.key,
        prov=Provenance(source.doc_id, sent.text.strip(), start, end, sent.start_char, sent.end_char),
        past=past, confidence=confidence, cue=cue,
    )
    add_rule(rel.rules, rule_name)
    return rel


def mention_span(doc: Doc, m: Mention) -> Span | None:
    """The tokens of a mention (None when its offsets fall outside the parse)."""
    return doc.char_span(m.start, m.end, alignment_mode="expand")
