"""How much to trust an open triple: a linear score over a few parse features, squashed to (0, 1).

The weights live in data/lexicons/openie_confidence.yaml so they can be re-fitted without code.
"""

from __future__ import annotations

import math
from functools import lru_cache

from graphkit import data_files


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    raw = data_files.read_yaml("lexicons/openie_confidence.yaml") or {}
    return {str(k): float(v) for k, v in raw.items()}


def confidence(features: dict[str, float]) -> float:
    """Logistic of bias + sum of weight * feature; unknown features weigh nothing."""
    w = weights()
    z = w.get("bias", 0.0) + sum(w.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-z))
