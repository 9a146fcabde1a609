"""A plain subject-verb-object walk over the parse, after textacy's `subject_verb_object_triples`.

The baseline graphkit's extractor is measured against on CaRB (benchmarks/carb.py): nominal
subjects and direct objects (with their conjuncts and noun modifiers), passive agents as objects,
open clausal complements as objects, and subjects shared across conjoined verbs. No prepositions,
no copulas, no clauses; every tuple has confidence 1.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from graphkit.extract.clauses import Candidate
from graphkit.extract.triples import Extraction

_NOUN_MODIFIERS = frozenset({"compound", "amod", "nummod", "poss", "det", "nmod"})
_VERB_MODIFIERS = frozenset({"aux", "auxpass", "neg", "prt"})


def _expand_noun(token: Token) -> set[Token]:
    out: set[Token] = set()
    for t in (token, *token.conjuncts):
        out.add(t)
        out.update(c for c in t.children if c.dep_ in _NOUN_MODIFIERS)
    return out


def _text(tokens: set[Token]) -> str:
    return " ".join(t.text for t in sorted(tokens, key=lambda t: t.i))


def svo_extractions(doclike: Doc | Span) -> list[Extraction]:
    parts: dict[Token, dict[str, set[Token]]] = {}
    for tok in doclike:
        head = tok.head
        if tok.pos_ == "VERB":
            parts.setdefault(tok, {"s": set(), "o": set()})
        if head.pos_ != "VERB" and not (tok.dep_ == "pobj" and head.dep_ == "agent"):
            continue
        if tok.dep_ in ("nsubj", "nsubjpass", "expl"):
            parts.setdefault(head, {"s": set(), "o": set()})["s"].update(_expand_noun(tok))
        elif tok.dep_ in ("csubj", "csubjpass"):
            parts.setdefault(head, {"s": set(), "o": set()})["s"].update(tok.subtree)
        elif tok.dep_ == "dobj":
            parts.setdefault(head, {"s": set(), "o": set()})["o"].update(_expand_noun(tok))
        elif tok.dep_ == "pobj" and head.head.pos_ == "VERB":
            parts.setdefault(head.head, {"s": set(), "o": set()})["o"].update(_expand_noun(tok))
        elif tok.dep_ == "xcomp" and not any(c.dep_ == "dobj" for c in head.children):
            parts.setdefault(head, {"s": set(), "o": set()})["o"].update(tok.subtree)
    for verb, so in parts.items():
        if so["s"]:
            for conj in verb.conjuncts:
                if conj in parts and not parts[conj]["s"]:
                    parts[conj]["s"].update(so["s"])
    out = []
    for verb, so in parts.items():
        if not (so["s"] and so["o"]):
            continue
        rel = sorted([verb, *(c for c in verb.children if c.dep_ in _VERB_MODIFIERS)], key=lambda t: t.i)
        doc = verb.doc
        args = [doc[min(t.i for t in so[k]) : max(t.i for t in so[k]) + 1] for k in ("s", "o")]
        cand = Candidate(rel, args, [verb, verb], verb)
        out.append(Extraction(" ".join(t.text for t in rel), [_text(so["s"]), _text(so["o"])], 1.0,
                              False, False, 0, 0, cand, doc[:], doc.text))
    return out
