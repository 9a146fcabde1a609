"""The catalog of named queries: parameters, filters, output columns, row order, what each answers.

The name is the contract: QUERIES[name], queries/<name>.cypher and backends/nx_queries.<name> exist together.
The CLI spells names with hyphens (agencies-allegations), code and files with underscores.
Every query returns one page of rows (limit, offset; see graphkit.query.params): an answer on a large
graph is tens of thousands of rows that nobody reads, so the order puts the most useful rows first.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from graphkit.errors import UnknownQueryError

DEFAULT_LIMIT = 1000  # rows a query returns unless told (None: all)

# optional filters a query may take (None: no filter), with what each keeps; every query also takes limit, offset
FILTERS: dict[str, str] = {
    "actor": "rows of this entity only (name, alias or id, any case)",
    "allegation": "events of this type only (one of the schema's event types)",
    "date_from": "events dated on or after this ISO date or prefix (2019, 2019-03, 2019-03-20)",
    "date_to": "events dated on or before this ISO date or prefix (inclusive: 2019 keeps all of 2019)",
    "min_confidence": "events whose confidence is at least this (0-1)",
}
EVENT_FILTERS = ("actor", "allegation", "date_from", "date_to", "min_confidence")


@dataclass(frozen=True)
class QuerySpec:
    name: str
    description: str
    params: tuple[str, ...]  # required
    columns: tuple[str, ...]
    filters: tuple[str, ...] = ()  # optional, keys of FILTERS
    order: str = ""  # how rows are ordered: the first page is the most useful one


QUERIES: dict[str, QuerySpec] = {
    spec.name: spec
    for spec in (
        QuerySpec(
            "agencies_allegations",
            "Which organizations and groups are linked, as perpetrators, to which allegation types.",
            (),
            ("actor_id", "actor", "actor_type", "allegation", "events", "documents", "evidence"),
            EVENT_FILTERS,
            "most events first, then actor_id, allegation",
        ),
        QuerySpec(
            "who_alleges",
            "Who reports, alleges or confirms which allegation types (the sources).",
            (),
            ("source_id", "source", "source_type", "allegation", "events", "documents", "evidence"),
            EVENT_FILTERS,
            "most events first, then source_id, allegation",
        ),
        QuerySpec(
            "actor",
            "An entity's neighbourhood: its events (by role) and typed relations, with evidence.",
            ("name",),
            ("actor_id", "actor", "relation", "direction", "other_id", "other", "other_type", "doc", "evidence"),
            (),
            "actor_id, relation, direction, other_id, doc, evidence",
        ),
        QuerySpec(
            "timeline",
            "Dated events in date order, with perpetrators, victims and evidence.",
            (),
            ("date", "event_id", "allegation", "status", "doc", "perpetrators", "victims", "evidence"),
            EVENT_FILTERS,
            "date, then event_id",
        ),
    )
}


def canonical_name(name: str) -> str:
    return name.strip().replace("-", "_").lower()


def cli_names() -> tuple[str, ...]:
    """The query names as the command line spells them (hyphens)."""
    return tuple(name.replace("_", "-") for name in QUERIES)


def get_spec(name: str) -> QuerySpec:
    key = canonical_name(name)
    if key not in QUERIES:
        known = ", ".join(n.replace("_", "-") for n in QUERIES)
        raise UnknownQueryError(f"no query named {name!r}; known queries: {known}")
    return QUERIES[key]


def cypher_text(name: str) -> str:
    """The Cypher of a named query: queries/<name>.cypher, shipped in the package as graphkit/cypher."""
    spec = get_spec(name)
    return (resources.files("graphkit") / "cypher" / f"{spec.name}.cypher").read_text(encoding="utf-8")


def cypher_variant(name: str, variant: str) -> str:
    """queries/variants/<name>.<variant>.cypher: the same rows as the query's own file, planned for one
    shape of its parameters (the Neo4j backend picks it; see backends/neo4j.py `_query_text`)."""
    spec = get_spec(name)
    path = resources.files("graphkit") / "cypher" / "variants" / f"{spec.name}.{variant}.cypher"
    return path.read_text(encoding="utf-8")
