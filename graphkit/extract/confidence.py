"""How much to trust an open triple: a linear score over a few parse features, squashed to (0, 1).

The weights live in data/lexicons/openie_confidence.yaml so they can be re-fitted without code.
"""

from __future__ import annotations

import math

from spacy.tokens import Span, Token

from graphkit import lexicons

_LONG_ARGS = 12


def confidence(features: dict[str, float]) -> float:
    """Logistic of bias + sum of weight * feature; unknown features weigh nothing."""
    w = lexicons.openie_confidence()
    z = w.get("bias", 0.0) + sum(w.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-z))


def features(clause: dict[str, float], relation: list[Token], arguments: list[Span], heads: list[Token],
             predicate: Token, sentence_len: int) -> dict[str, float]:
    """The clause's own features plus what the rendered extraction looks like (lengths, heads)."""
    feats = dict(clause)
    arg_tokens = sum(len(a) for a in arguments)
    feats["long_args"] = min(max(0, arg_tokens - _LONG_ARGS), 30) / 30
    feats["pronoun_subject"] = float(heads[0].pos_ == "PRON")
    feats["proper_subject"] = float(heads[0].pos_ == "PROPN")
    feats["subject_len"] = min(len(arguments[0]), 10) / 10
    feats["object_len"] = min(len(arguments[1]), 20) / 20 if len(arguments) > 1 else 0.0
    feats["relation_len"] = min(len(relation), 6) / 6
    feats["root"] = float(predicate.dep_ == "ROOT")
    feats["sentence_len"] = min(sentence_len, 60) / 60
    return feats
