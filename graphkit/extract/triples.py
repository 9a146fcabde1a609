"""Subject-relation-object triples: the open extractions of extract.clauses, scored and rendered.

`extractions()` gives n-ary Open IE tuples (what `graphkit triples` and the CaRB benchmark
print); `triples()` turns the same extractions into the graph's `Triple` records, with the doer
of a passive as the subject and mention keys from the MentionIndex.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from graphkit.extract.clauses import Candidate, candidates
from graphkit.extract.confidence import confidence, features
from graphkit.extract.doc_words import span_text
from graphkit.extract.mention_index import MentionIndex
from graphkit.types import Provenance, Triple


@dataclass
class Extraction:
    """One n-ary extraction: relation and arguments as text (arguments[0] is the subject)."""

    relation: str
    arguments: list[str]
    confidence: float
    negated: bool
    passive: bool
    start: int  # character offsets in the Doc covering the relation and all arguments
    end: int
    candidate: Candidate
    sentence: Span
    sentence_text: str  # built once per sentence: Span.text walks every token

    @property
    def subject(self) -> str:
        return self.arguments[0]

    @property
    def readable_relation(self) -> str:
        """The relation for people: a "be" the text leaves out (Open IE's convention) reads "is"."""
        if self.candidate.implicit.startswith("be"):
            return "is" + self.relation[2:]
        return self.relation


def _render(c: Candidate, sentence: Span, sentence_text: str) -> Extraction:
    words = [c.implicit] if c.implicit else []
    words.extend(t.text for t in c.relation)
    feats = features(c.features, c.relation, c.arguments, c.heads, c.predicate, len(sentence))
    starts = [a.start_char for a in c.arguments] + [t.idx for t in c.relation]
    ends = [a.end_char for a in c.arguments] + [t.idx + len(t) for t in c.relation]
    return Extraction(
        relation=" ".join(words),
        arguments=[span_text(a) for a in c.arguments],
        confidence=confidence(feats),
        negated=any(t.dep_ == "neg" for t in c.relation),
        passive=c.passive,
        start=min(starts),
        end=max(ends),
        candidate=c,
        sentence=sentence,
        sentence_text=sentence_text,
    )


def extractions(doclike: Doc | Span) -> list[Extraction]:
    """Open IE extractions of a sentence (or a whole Doc), duplicates removed, in text order."""
    out = []
    sentences = list(doclike.sents) if isinstance(doclike, Doc) else [doclike]
    for sentence in sentences:  # found once here, never looked up again per token
        seen: set[tuple[str, ...]] = set()
        text = span_text(sentence).strip()
        for c in candidates(sentence):
            if len(c.arguments) < 2 or not len(c.arguments[0]) or not len(c.arguments[1]):
                continue
            ex = _render(c, sentence, text)
            key = (ex.relation, *ex.arguments)
            if key not in seen:
                seen.add(key)
                out.append(ex)
    return out


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def _triple(doc_id: str, subj: Span, relation: str, rel_tokens: list[Token], obj: Span,
            heads: tuple[Token, Token], ex: Extraction, confidence: float, index: MentionIndex | None) -> Triple:
    sent = ex.sentence
    start = min(subj.start_char, obj.start_char, *(t.idx for t in rel_tokens))
    end = max(subj.end_char, obj.end_char, *(t.idx + len(t) for t in rel_tokens))
    subject_mention = index.at(heads[0]) if index else None
    object_mention = index.at(heads[1]) if index else None
    return Triple(
        subject=span_text(subj),
        relation=relation,
        object=span_text(obj),
        prov=Provenance(doc_id, ex.sentence_text, start, end, sent.start_char, sent.end_char),
        subject_key=subject_mention.key if subject_mention else None,
        object_key=object_mention.key if object_mention else None,
        negated=ex.negated,
        confidence=confidence,
    )


def triples(doclike: Doc | Span, doc_id: str = "", index: MentionIndex | None = None) -> Iterator[Triple]:
    """Yield the graph's triples in order of the predicates; the Doc is left unmodified.

    Each extraction gives its subject-relation-object triple and one more per prepositional
    argument ("arrested students in Caracas" -> arrested | students, arrested in | Caracas).
    Passive clauses with an agent are turned active ("X was tortured by Y" -> Y, was tortured by, X)
    so the subject is always the doer when the text names one.
    """
    for ex in extractions(doclike):
        c = ex.candidate
        subj, obj = c.arguments[0], c.arguments[1]
        subj_head, obj_head = c.heads[0], c.heads[1]
        rel_tokens = c.relation or [c.predicate]
        if c.agent_index == 1:
            subj, obj, subj_head, obj_head = obj, subj, obj_head, subj_head
        yield _triple(doc_id, subj, ex.readable_relation, rel_tokens, obj, (subj_head, obj_head), ex,
                      ex.confidence, index)
        if not c.core:
            continue
        for arg, head in zip(c.arguments[2:], c.heads[2:], strict=True):
            pobj = _pobj(head) if head.dep_ in ("prep", "agent") else None
            if pobj is None:
                continue
            rel = [*c.core, head]
            obj_span = arg[1:] if len(arg) > 1 and arg[0] == head else arg
            words = [t.text for t in c.core] + [head.text.lower()]  # "In 2018, X attacked" -> X | attacked in | 2018
            yield _triple(doc_id, c.arguments[0], " ".join(words), rel, obj_span,
                          (c.heads[0], pobj), ex, ex.confidence * 0.9, index)
