"""How the named queries find an entity by name: the one folding both backends match names with.

A query's `actor` (or `name`) names an entity by its id, its name or one of its aliases, in any case.
NetworkX compares name_key(actor) with the keys of every entity (graphkit.backends.nx_tables); the Neo4j
writer stores the same keys as :EntityKey nodes with an index (graphkit.backends.neo4j_keys), so that
both backends fold with this function and find the same entities.

Example:
    >>> name_key("Nicolás MADURO")
    'nicolás maduro'
    >>> entity_keys("Guard Alpha", ["The Alpha", "GUARD ALPHA"])
    ['guard alpha', 'the alpha']
"""

from __future__ import annotations

from collections.abc import Iterable

# the parameters that name an entity, and the names of their keys' parameters in the Cypher files: null
# there means "find the name by a scan"; the Neo4j backend passes the key once the database has them all
KEY_PARAMS = {"actor": "actor_key", "name": "name_key"}


def name_key(text: str) -> str:
    """The key a name or alias is matched by: lowercased (accents are kept, as the queries always did)."""
    return str(text).lower()


def entity_keys(name: str, aliases: Iterable[object] | None) -> list[str]:
    """The distinct keys of an entity's name and aliases, sorted."""
    return sorted({name_key(text) for text in (name, *(str(a) for a in aliases or ()))})
