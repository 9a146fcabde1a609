"""Entity keys kept at write time: one :EntityKey node per folded name or alias of an entity.

The named queries find the entity an analyst names (`$actor`, the actor query's `$name`) by its id, its
name or an alias, in any case. Matching `toLower(name)` and every alias reads all the entities (a scan
of 100,000 at a million relationships, 0.2-0.4 s). These nodes hold each key of an entity
(graphkit.query.keys.entity_keys: the folding NetworkX matches with) and the entity's id, under a
range index on `key`, so the lookup is one index seek.

Exactness: the keys of an entity are replaced in the same transaction as the entity itself is written
or deleted, so every committed batch leaves them equal to the names and aliases in the database: a
load cut short leaves no wrong key. A :GraphkitState node (id `entity_keys`) says that every entity has
its keys; a database with entities but without that node (written by an older writer, or a rebuild cut
short) is rebuilt before the next load writes anything, and meanwhile the queries scan the names.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

from graphkit.backends.neo4j_counts import STATE_LABEL
from graphkit.query.keys import entity_keys, name_key

LABEL = "EntityKey"
STATE_ID = "entity_keys"
DERIVED_LABELS = (LABEL,)  # not facts of the graph: count_graph leaves them out (the state is neo4j_counts')
INDEXES = (
    f"CREATE INDEX graphkit_entitykey_key IF NOT EXISTS FOR (k:{LABEL}) ON (k.key)",
    f"CREATE INDEX graphkit_entitykey_entity IF NOT EXISTS FOR (k:{LABEL}) ON (k.entity)",
)
REBUILD_BATCH = 10_000  # entities per transaction when every key is rebuilt
# a range index entry holds at most about 8 kB: a longer key is stored (and looked up) as its digest
MAX_KEY_BYTES = 4_000

_DELETE = f"UNWIND $ids AS id MATCH (k:{LABEL} {{entity: id}}) DELETE k"
# id: the entity's id and the key, joined by U+0001 (as admin_rows writes it)
_CREATE = (f"UNWIND $rows AS row UNWIND row[1] AS key "
           f"CREATE (:{LABEL} {{id: row[0] + '\\u0001' + key, key: key, entity: row[0]}})")
# an entity deleted with its keys, in one statement (sync_graph's deletion of entities gone from the graph)
DELETE_ENTITIES = (f"UNWIND $rows AS row OPTIONAL MATCH (k:{LABEL} {{entity: row.id}}) DELETE k "
                   "WITH DISTINCT row MATCH (n:Entity {id: row.id}) DETACH DELETE n")


def index_key(key: str) -> str:
    """The key as stored and looked up: itself, or for a key too long for the index (a hostile or broken
    name) its SHA-256, after a control character no folded name holds."""
    data = key.encode("utf-8")
    return key if len(data) <= MAX_KEY_BYTES else "\u0002sha256:" + hashlib.sha256(data).hexdigest()


def stored_keys(name: object, aliases: Iterable[object] | None) -> list[str]:
    """The keys of an entity as the :EntityKey nodes hold them."""
    return sorted({index_key(key) for key in entity_keys(str(name), aliases)})


def key_rows(rows: Sequence[dict[str, Any]]) -> list[list[Any]]:
    """[entity id, [keys]] for each of the writer's entity rows (node_rows), in their order."""
    return [[row["id"], stored_keys(row["props"].get("name", row["id"]), row["props"].get("aliases"))]
            for row in rows]


def replace(tx: Any, rows: Sequence[list[Any]]) -> None:
    """Replace the keys of these entities, in the transaction that writes them (the last row of an id
    wins, as the entity's MERGE lets it)."""
    last = list({row[0]: row for row in rows}.values())
    tx.run(_DELETE, ids=[row[0] for row in last]).consume()
    tx.run(_CREATE, rows=last).consume()


def parameter(text: object) -> str | None:
    """The $actor_key (or $name_key) a query is given for `text`: its key, None for no filter."""
    return None if text is None else index_key(name_key(str(text)))


def keys_ready(driver: Any, database: str | None = None) -> bool:
    """True when every entity has its keys (the queries may find names off the index)."""
    records = driver.execute_query(f"MATCH (s:{STATE_LABEL} {{id: $id}}) RETURN s.ready AS ready",
                                   {"id": STATE_ID}, database_=database).records
    return bool(records and records[0]["ready"] is True)


def _set_ready(driver: Any, database: str | None, ready: bool) -> None:
    driver.execute_query(f"MERGE (s:{STATE_LABEL} {{id: $id}}) SET s.ready = $ready", {"id": STATE_ID, "ready": ready},
                         database_=database)


def _delete_some(tx: Any) -> int:
    return int(tx.run(f"MATCH (k:{LABEL}) WITH k LIMIT 10000 DELETE k RETURN count(*) AS n").single()["n"])


def _entities(driver: Any, database: str | None) -> Iterable[list[Any]]:
    records = driver.execute_query("MATCH (n:Entity) RETURN n.id AS id, n.name AS name, n.aliases AS aliases",
                                   database_=database).records
    for r in records:
        yield [r["id"], stored_keys(r["name"] if r["name"] is not None else r["id"], r["aliases"])]


def begin(driver: Any, database: str | None = None) -> None:
    """Before a write: make sure every entity in the database has its keys. With the state node there,
    the writer has kept them since; else every key is rebuilt from the entities' names and aliases
    (nothing to do in an empty database), and the state set once all are written."""
    if keys_ready(driver, database):
        return
    if not driver.execute_query(f"MATCH (n) WHERE n:Entity OR n:{LABEL} RETURN 1 AS x LIMIT 1",
                                database_=database).records:  # an empty database: nothing to rebuild
        _set_ready(driver, database, True)
        return
    with driver.session(database=database) as session:
        while session.execute_write(_delete_some):
            pass
        rows = list(_entities(driver, database))
        for i in range(0, len(rows), REBUILD_BATCH):
            batch = rows[i:i + REBUILD_BATCH]
            session.execute_write(lambda tx, b=batch: tx.run(_CREATE, rows=b).consume())
    _set_ready(driver, database, True)


def ensure_indexes(driver: Any, database: str | None = None) -> None:
    for statement in INDEXES:
        driver.execute_query(statement, database_=database)


def admin_rows(entity_rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The :EntityKey nodes of a graph written to an empty database (for `export --format neo4j-admin`)."""
    last = {row[0]: row[1] for row in key_rows(list(entity_rows))}  # the writer MERGEs on id: the last row wins
    return [{"id": f"{entity_id}\u0001{key}", "key": key, "entity": entity_id}
            for entity_id, keys in last.items() for key in keys]


def state_row() -> dict[str, Any]:
    """The state node of keys complete (beside the role counts' state, under the same label)."""
    return {"id": STATE_ID, "ready": True}
