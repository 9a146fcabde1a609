"""The catalog of named queries: parameters, output columns, what each answers.

The name is the contract: QUERIES[name], queries/<name>.cypher and backends/nx_queries.<name> exist together.
The CLI spells names with hyphens (agencies-allegations), code and files with underscores.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from graphkit.errors import UnknownQueryError


@dataclass(frozen=True)
class QuerySpec:
    name: str
    description: str
    params: tuple[str, ...]
    columns: tuple[str, ...]


QUERIES: dict[str, QuerySpec] = {
    spec.name: spec
    for spec in (
        QuerySpec(
            "agencies_allegations",
            "Which organizations and groups are linked, as perpetrators, to which allegation types.",
            (),
            ("actor_id", "actor", "actor_type", "allegation", "events", "documents", "evidence"),
        ),
        QuerySpec(
            "who_alleges",
            "Who reports, alleges or confirms which allegation types (the sources).",
            (),
            ("source_id", "source", "source_type", "allegation", "events", "documents", "evidence"),
        ),
        QuerySpec(
            "actor",
            "An entity's neighbourhood: its events (by role) and typed relations, with evidence.",
            ("name",),
            ("actor_id", "actor", "relation", "direction", "other_id", "other", "other_type", "doc", "evidence"),
        ),
        QuerySpec(
            "timeline",
            "Dated events in date order, with perpetrators, victims and evidence.",
            (),
            ("date", "event_id", "allegation", "status", "doc", "perpetrators", "victims", "evidence"),
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
