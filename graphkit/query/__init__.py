"""Named queries: one name, a NetworkX implementation and a Cypher file, the same DataFrame."""

from __future__ import annotations

from typing import Any

from graphkit.query.catalog import DEFAULT_LIMIT, FILTERS, QUERIES, QuerySpec, cli_names, cypher_text, get_spec

__all__ = ["DEFAULT_LIMIT", "FILTERS", "QUERIES", "QueryTruncatedWarning", "QuerySpec", "cli_names", "cypher_text",
           "get_spec", "run_query"]


def __getattr__(name: str) -> Any:
    """run_query loads pandas and networkx: import it only when asked, so the CLI's --help stays instant."""
    if name == "run_query":
        from graphkit.query.run import run_query

        return run_query
    if name == "QueryTruncatedWarning":
        from graphkit.query.params import QueryTruncatedWarning

        return QueryTruncatedWarning
    raise AttributeError(f"module 'graphkit.query' has no attribute {name!r}")
