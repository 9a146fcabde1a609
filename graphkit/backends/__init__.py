"""Stage 5, the seam: one Backend protocol, two implementations, picked once by the target's scheme.

A target is a Neo4j URI (bolt://, neo4j://, and their +s / +ssc forms) or a graph file path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphkit.backends.base import Backend, WriteStats

__all__ = ["BACKENDS", "Backend", "WriteStats", "open_backend"]


def _networkx(target: str, **options: Any) -> Backend:
    from graphkit.backends.networkx import NetworkXBackend

    return NetworkXBackend.open(target, **options)


def _neo4j(target: str, **options: Any) -> Backend:
    from graphkit.backends.neo4j import Neo4jBackend

    return Neo4jBackend.open(target, **options)


# scheme -> opener; imports are deferred so that choosing a backend never loads the other's driver
BACKENDS: dict[str, Callable[..., Backend]] = {
    "file": _networkx,
    **{scheme: _neo4j for scheme in ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")},
}


def open_backend(target: str, **options: Any) -> Backend:
    """The backend for a target: its URI scheme picks it; a plain path is a graph file."""
    scheme, sep, _ = target.partition("://")
    opener = BACKENDS.get(scheme.lower()) if sep else BACKENDS["file"]
    if opener is None:
        from graphkit.errors import GraphkitError

        known = ", ".join(f"{s}://" for s in BACKENDS)
        raise GraphkitError(f"no backend for {target!r}: use a graph file or one of {known}")
    return opener(target, **options)
