"""Named queries: one name, a NetworkX implementation and a Cypher file, the same DataFrame."""

from graphkit.query.catalog import QUERIES, QuerySpec, cypher_text, get_spec
from graphkit.query.run import run_query

__all__ = ["QUERIES", "QuerySpec", "cypher_text", "get_spec", "run_query"]
