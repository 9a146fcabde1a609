"""Building a relation fact from two mentions: shared by the relation rule modules."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from graphkit.extract.entity_repair import governments
from graphkit.extract.mention_index import MentionIndex
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


def government_mention(index: MentionIndex, items: list[Mention], gov_id: str | None) -> Mention | None:
    """The first mention of that government in the document (relations join mentions, not ids)."""
    if gov_id is None:
        return None
    return next((m for m in items if m.canonical_id == gov_id and m.type == "Organization"), None)


def home_government_id(index: MentionIndex) -> str | None:
    """The gazetteer id of the government of the country the document is about."""
    return governments().get(index.home_country or "")
