"""Subject-relation-object triples from the dependency parse (active, passive, copula, prepositions)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from graphkit.extract.mention_index import MentionIndex
from graphkit.extract.parse import agents, is_negated, is_passive, phrase, subjects
from graphkit.types import Provenance, Triple

_OBJECT_DEPS = {"dobj", "attr", "oprd", "dative"}


def _relation(verb: Token, prep: Token | None = None) -> list[Token]:
    words = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
    words.append(verb)
    words.extend(c for c in verb.children if c.dep_ == "prt")
    if prep is not None:
        words.append(prep)
    return sorted(words, key=lambda t: t.i)


def _objects(verb: Token) -> Iterator[tuple[Token, Token | None]]:
    for child in verb.children:
        if child.dep_ in _OBJECT_DEPS:
            for obj in (child, *child.conjuncts):
                yield obj, None
        elif child.dep_ == "prep":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    for obj in (pobj, *pobj.conjuncts):
                        yield obj, child
        elif child.dep_ == "acomp":
            # "X is responsible for Y"
            for prep in child.children:
                if prep.dep_ == "prep":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            yield pobj, prep


def _triple(
    doc_id: str, subj: Span, rel: list[Token], obj: Span, index: MentionIndex | None,
    subj_head: Token, obj_head: Token, confidence: float, negated: bool,
) -> Triple:
    sent = rel[-1].sent
    start = min(subj.start_char, obj.start_char, rel[0].idx)
    end = max(subj.end_char, obj.end_char, rel[-1].idx + len(rel[-1]))
    subject_mention = index.at(subj_head) if index else None
    object_mention = index.at(obj_head) if index else None
    return Triple(
        subject=subj.text,
        relation=" ".join(t.text for t in rel),
        object=obj.text,
        prov=Provenance(doc_id, sent.text.strip(), start, end, sent.start_char, sent.end_char),
        subject_key=subject_mention.key if subject_mention else None,
        object_key=object_mention.key if object_mention else None,
        negated=negated,
        confidence=confidence,
    )


def triples(doclike: Doc | Span, doc_id: str = "", index: MentionIndex | None = None) -> Iterator[Triple]:
    """Yield triples in order of the verbs; the Doc is left unmodified.

    Passive clauses are turned active ("X was tortured by Y" -> Y, was tortured by, X) so the
    subject is always the doer when the text names one.
    """
    for verb in doclike:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        if verb.pos_ == "AUX" and verb.dep_ in ("aux", "auxpass"):
            continue
        subs = subjects(verb)
        if not subs:
            continue
        negated = is_negated(verb)
        inherited = not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        base = 0.6 if inherited else 0.9
        if is_passive(verb):
            doers = agents(verb)
            for doer in doers:
                for sub in subs:
                    rel = _relation(verb, next(c for c in verb.children if c.dep_ == "agent"))
                    yield _triple(doc_id, phrase(doer), rel, phrase(sub), index, doer, sub, base, negated)
            for obj, prep in _objects(verb):
                for sub in subs:
                    rel = _relation(verb, prep)
                    yield _triple(doc_id, phrase(sub), rel, phrase(obj), index, sub, obj, base - 0.1, negated)
            continue
        for obj, prep in _objects(verb):
            for sub in subs:
                rel = _relation(verb, prep)
                conf = base if prep is None else base - 0.1
                yield _triple(doc_id, phrase(sub), rel, phrase(obj), index, sub, obj, conf, negated)
