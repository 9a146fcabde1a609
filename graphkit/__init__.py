"""graphkit: news articles in, a knowledge graph of actors, institutions and alleged abuses out.

The public API; the CLI and the notebooks use only these names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Settings",
    "build_from_articles",
    "build_graph",
    "export_graph",
    "extract_all",
    "load_articles",
    "load_decisions",
    "load_graph",
    "make_nlp",
    "open_backend",
    "render_map",
    "resolve",
    "resolve_again",
    "review_candidates",
    "run_pipeline",
    "run_query",
    "save_graph",
]

_WHERE = {
    "Settings": "graphkit.config",
    "build_from_articles": "graphkit.pipeline",
    "resolve_again": "graphkit.pipeline",
    "load_decisions": "graphkit.decisions",
    "run_pipeline": "graphkit.pipeline",
    "build_graph": "graphkit.graph",
    "export_graph": "graphkit.graph",
    "load_graph": "graphkit.graph",
    "save_graph": "graphkit.graph",
    "extract_all": "graphkit.extract",
    "load_articles": "graphkit.ingest",
    "make_nlp": "graphkit.nlp",
    "open_backend": "graphkit.backends",
    "render_map": "graphkit.viz",
    "resolve": "graphkit.resolve",
    "run_query": "graphkit.query",
}
_RENAMED = {"review_candidates": ("graphkit.review", "candidates")}

if TYPE_CHECKING:  # pragma: no cover
    from graphkit.backends import open_backend
    from graphkit.config import Settings
    from graphkit.decisions import load_decisions
    from graphkit.extract import extract_all
    from graphkit.graph import build_graph, export_graph, load_graph, save_graph
    from graphkit.ingest import load_articles
    from graphkit.nlp import make_nlp
    from graphkit.pipeline import build_from_articles, resolve_again, run_pipeline
    from graphkit.query import run_query
    from graphkit.resolve import resolve
    from graphkit.review import candidates as review_candidates
    from graphkit.viz import render_map


def __getattr__(name: str) -> Any:
    """Import lazily so `graphkit --help` never loads spaCy or the Neo4j driver."""
    if name in _WHERE or name in _RENAMED:
        import importlib

        module, attr = _RENAMED.get(name, (_WHERE.get(name, ""), name))
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'graphkit' has no attribute {name!r}")
