"""Neo4j backend: batched, idempotent writes and the named Cypher queries.

Labels and relationship types come only from the closed schema (data/schema.yaml) and are checked
before any write; every value travels as a parameter, so no extracted name or sentence ever
becomes Cypher text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pandas as pd

from graphkit import lexicons
from graphkit.backends import neo4j_counts, neo4j_keys
from graphkit.backends.base import WriteStats
from graphkit.errors import GraphkitError, SchemaError
from graphkit.gc_pause import gc_paused
from graphkit.lexicons import Schema
from graphkit.query.catalog import cypher_text, cypher_variant, get_spec
from graphkit.query.keys import KEY_PARAMS
from graphkit.query.params import finish_page, query_params
from graphkit.types import ROLE_EDGES, GraphData


class Neo4jConnectionError(GraphkitError):
    """The server cannot be reached, refuses the credentials, lacks the database or is too old."""


def _lost_connection_errors() -> tuple[type[Exception], ...]:
    from neo4j.exceptions import DatabaseUnavailable, ServiceUnavailable, SessionExpired, TransientError

    return ServiceUnavailable, SessionExpired, TransientError, DatabaseUnavailable


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str
    user: str = "neo4j"
    password: str = ""
    database: str | None = None

    @classmethod
    def from_env(cls, **overrides: Any) -> Neo4jSettings:
        values: dict[str, Any] = {
            "uri": os.environ.get("NEO4J_URI", ""),
            "user": os.environ.get("NEO4J_USER", "neo4j"),
            "password": os.environ.get("NEO4J_PASSWORD", ""),
            "database": os.environ.get("NEO4J_DATABASE") or None,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        if not values["uri"]:
            raise Neo4jConnectionError("no Neo4j URI: pass --neo4j-uri or set NEO4J_URI")
        return cls(**values)


def connect(settings: Neo4jSettings) -> Any:
    """A verified driver; each failure becomes one clear line."""
    import neo4j
    from neo4j.exceptions import AuthError, ClientError, ServiceUnavailable

    if not settings.password:
        raise Neo4jConnectionError("no Neo4j password: set NEO4J_PASSWORD")
    try:
        # server notices (deprecations, hints) are for query authors, not for readers of a result table
        driver = neo4j.GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password),
                                            notifications_min_severity="OFF")
    except ValueError as exc:
        raise Neo4jConnectionError(f"bad Neo4j URI {settings.uri!r}: {exc}") from exc
    try:
        driver.verify_connectivity()
        records, _, _ = driver.execute_query(
            "CALL dbms.components() YIELD name, versions RETURN name, versions", database_="system",
            routing_=neo4j.RoutingControl.READ,
        )
        version = str(records[0]["versions"][0]) if records else "0"
        if int(version.split(".")[0]) < 5:
            raise Neo4jConnectionError(f"Neo4j {version} at {settings.uri} is older than 5; graphkit needs Neo4j 5")
        if settings.database:
            names = {r["name"] for r in driver.execute_query("SHOW DATABASES YIELD name RETURN name",
                                                              database_="system").records}
            if settings.database not in names:
                raise Neo4jConnectionError(f"database {settings.database!r} does not exist on {settings.uri}")
    except AuthError as exc:
        driver.close()
        raise Neo4jConnectionError(f"Neo4j refused user {settings.user!r}: wrong password?") from exc
    except ServiceUnavailable as exc:
        driver.close()
        raise Neo4jConnectionError(f"cannot reach Neo4j at {settings.uri} (is the server running?)") from exc
    except ClientError as exc:
        driver.close()
        raise Neo4jConnectionError(f"Neo4j at {settings.uri}: {exc.message}") from exc
    except Neo4jConnectionError:
        driver.close()
        raise
    return driver


# -- the closed schema (data/schema.yaml) ----------------------------------------------------------

def _check(schema: Schema, graph: GraphData) -> None:
    bad_types = {e.type for e in graph.entities} - schema.entity_types
    bad_rels = {r.type for r in graph.relations} - schema.relationship_types.keys()
    bad_events = {e.type for e in graph.events} - schema.event_types
    if bad_types or bad_rels or bad_events:
        raise SchemaError(f"not in the closed schema: entity types {sorted(bad_types)}, "
                          f"relation types {sorted(bad_rels)}, event types {sorted(bad_events)}"
                          "; nothing was written")


# -- rows ----------------------------------------------------------------------------------------

def _clean(props: dict[str, Any]) -> dict[str, Any]:
    """Neo4j stores no nulls or maps: drop None, keep lists of strings."""
    return {k: v for k, v in props.items() if v is not None}


def node_rows(graph: GraphData) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {"Document": [], "Event": []}
    for d in graph.documents:
        rows["Document"].append({"id": d.id, "props": _clean({"title": d.title, "url": d.url, "date": d.date,
                                                              "sha256": d.sha256, "source": d.source})})
    for e in graph.entities:
        rows.setdefault(f"Entity:{e.type}", []).append({"id": e.id, "props": _clean({
            "name": e.name, "type": e.type, "subtype": e.subtype, "aliases": list(e.aliases), "docs": list(e.docs),
            "mentions": e.mentions, "merge_reasons": list(e.merge_reasons), "decisions": list(e.decisions)})})
    for ev in graph.events:
        rows["Event"].append({"id": ev.id, "props": _clean({
            "type": ev.type, "doc": ev.doc_id, "trigger": ev.trigger, "date": ev.date or "", "status": ev.status,
            "evidence": ev.prov.sentence, "start": ev.prov.start, "end": ev.prov.end,
            "confidence": round(ev.confidence, 3)})})
    return rows


def relationship_rows(graph: GraphData) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for ev in graph.events:
        prov = {"doc": ev.doc_id, "evidence": ev.prov.sentence, "start": ev.prov.start, "end": ev.prov.end}
        out.setdefault("REPORTED_IN", []).append({"a": ev.id, "b": ev.doc_id, "doc": ev.doc_id, "start": 0,
                                                  "props": {}})
        for role, kind in ROLE_EDGES.items():
            for entity_id in getattr(ev, role):
                out.setdefault(kind, []).append({"a": entity_id, "b": ev.id, "doc": ev.doc_id,
                                                 "start": ev.prov.start, "props": prov})
    for e in graph.entities:
        for doc in e.docs:
            out.setdefault("MENTIONED_IN", []).append({"a": e.id, "b": doc, "doc": doc, "start": 0, "props": {}})
    for r in graph.relations:
        out.setdefault(r.type, []).append({"a": r.source, "b": r.target, "doc": r.prov.doc_id, "start": r.prov.start,
                                           "props": {"evidence": r.prov.sentence, "end": r.prov.end, "past": r.past,
                                                     "confidence": round(r.confidence, 3), "cue": r.cue}})
    for t in graph.triples:
        if t.subject_key and t.object_key and t.subject_key != t.object_key:
            out.setdefault("TRIPLE", []).append({"a": t.subject_key, "b": t.object_key, "doc": t.prov.doc_id,
                                                 "start": t.prov.start, "relation": t.relation, "props": {
                                                     "relation": t.relation, "evidence": t.prov.sentence,
                                                     "end": t.prov.end, "confidence": round(t.confidence, 3)}})
    return out


BATCH_SIZE = 10_000  # rows per transaction: larger batches cost fewer round trips and commits


class _Batch(list[Any]):
    """The rows of one statement, with a short repr: the driver formats its debug line for every RUN
    whether or not debug logging is on, and the repr of 10,000 rows cost as much client CPU as packing them."""

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def batched(rows: Sequence[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(rows), size):
        yield _Batch(rows[i : i + size])


_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def prop_keys(rows: Sequence[dict[str, Any]]) -> list[str]:
    """The property names the rows carry (names written by node_rows/relationship_rows, checked anyway)."""
    keys = sorted({k for row in rows for k in row["props"]})
    bad = [k for k in keys if not _KEY.match(k)]
    if bad:
        raise SchemaError(f"property names {bad} are not identifiers; nothing was written")
    return keys


# Rows travel as lists, not maps: [id, *properties] for nodes, [a, b, *identity, *properties] for
# relationships, in the order the statement names them (row[0], row[1], ...). A map repeats its keys in
# every row: twice the bytes, 2.5x the client's packing time and more decoding on the server.

def _node_values(rows: Sequence[dict[str, Any]], keys: Sequence[str]) -> list[list[Any]]:
    """Node rows as lists in the order of _node_statement (a missing property is null, as row.props.k was)."""
    return [[row["id"], *(row["props"].get(k) for k in keys)] for row in rows]


def _identity_keys(kind: str) -> tuple[str, ...]:
    return ("doc", "start", "relation") if kind == "TRIPLE" else ("doc", "start")


def relationship_values(kind: str, rows: Sequence[dict[str, Any]], keys: Sequence[str]) -> list[list[Any]]:
    """Relationship rows as lists in the order of relationship_statement(kind, keys=keys)."""
    identity = _identity_keys(kind)
    extra = [k for k in keys if k not in identity]
    return [[row["a"], row["b"], *(row[k] for k in identity), *(row["props"].get(k) for k in extra)] for row in rows]


def _assignments(var: str, keys: Sequence[str], first: int) -> str:
    # one SET per named property, not `+= map`: a map of unknown keys makes the planner add an Eager
    # step (it might overwrite the id the MATCH read), which holds every row of the batch in memory
    return ", ".join(f"{var}.{k} = row[{i}]" for i, k in enumerate(keys, first))


def _node_statement(key: str, keys: Sequence[str] = (), *, create: bool = False) -> str:
    """MERGE on id, then set the extra label and every property; CREATE with all of them in the pattern
    when the node is known not to be in the database yet (no index lookup, no lock on the id)."""
    labels = key.split(":")  # validated labels only ("Entity:Person")
    first, extra = labels[0], labels[1:]
    if create:
        props = ", ".join(["id: row[0]", *(f"{k}: row[{i}]" for i, k in enumerate(keys, 1))])
        return f"UNWIND $rows AS row CREATE (n:{':'.join(labels)} {{{props}}})"
    statement = f"UNWIND $rows AS row MERGE (n:{first} {{id: row[0]}})"
    if extra:
        statement += " SET " + ", ".join(f"n:{label}" for label in extra)
    if keys:
        statement += (" SET " if not extra else ", ") + _assignments("n", keys, 1)
    return statement


def relationship_statement(kind: str, schema_rels: dict[str, tuple[str, str]], *, create: bool = False,
                           keys: Sequence[str] = ()) -> str:
    """MERGE keyed by (doc, start[, relation]) between the two ids; CREATE when the document is new there.
    The rows are those of relationship_values(kind, rows, keys); the identity is not SET again (the
    properties of the same names hold the same values)."""
    a, b = schema_rels[kind]  # node labels of the closed schema file
    identity_keys = _identity_keys(kind)
    extra = [k for k in keys if k not in identity_keys]
    identity = ", ".join(f"{k}: row[{i}]" for i, k in enumerate(identity_keys, 2))
    match = f"UNWIND $rows AS row MATCH (a:{a} {{id: row[0]}}) MATCH (b:{b} {{id: row[1]}}) "
    first = 2 + len(identity_keys)
    if create:  # all properties in the pattern: nothing is read back
        props = ", ".join([identity, *(f"{k}: row[{i}]" for i, k in enumerate(extra, first))])
        return match + f"CREATE (a)-[r:{kind} {{{props}}}]->(b)"
    return match + f"MERGE (a)-[r:{kind} {{{identity}}}]->(b)" + (
        f" SET {_assignments('r', extra, first)}" if extra else "")


def doc_indexed_types() -> list[str]:
    """The relationship types found by their `doc` for deletion: those between two entities. A type with
    an Event or Document end carries the doc of that node (a role edge and REPORTED_IN the event's,
    MENTIONED_IN the document's), so it goes when delete_documents DETACH DELETEs the document's events
    and the document, and its creation skips an index update (see benchmarks/README.md)."""
    return sorted(kind for kind, ends in lexicons.schema().relationship_types.items()
                  if not {"Event", "Document"} & set(ends))


def _unused_doc_indexes(have: set[str]) -> set[str]:
    """graphkit's `doc` indexes on relationship types that no longer need one (made by earlier versions)."""
    kinds = set(lexicons.schema().relationship_types) - set(doc_indexed_types())
    return {f"graphkit_{kind.lower()}_doc" for kind in kinds} & have


def ensure_constraints(driver: Any, database: str | None = None) -> None:
    """Unique ids on the three node labels (the index every MATCH and MERGE by id uses), and an index
    on the `doc` of each relationship type between entities, so the facts of one document are found
    without a scan. Only the missing ones are created (one SHOW when they are all there), and the `doc`
    indexes earlier versions made on the other types are dropped; then the named queries' indexes."""
    wanted = {f"graphkit_{label.lower()}_id":
              f"CREATE CONSTRAINT graphkit_{label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
              for label in ("Document", "Entity", "Event")}
    wanted["graphkit_event_doc"] = "CREATE INDEX graphkit_event_doc IF NOT EXISTS FOR (n:Event) ON (n.doc)"
    for kind in doc_indexed_types():
        wanted[f"graphkit_{kind.lower()}_doc"] = (
            f"CREATE INDEX graphkit_{kind.lower()}_doc IF NOT EXISTS FOR ()-[r:{kind}]-() ON (r.doc)")
    # a uniqueness constraint is listed with its backing index, under the same name
    have = {r["name"] for r in driver.execute_query("SHOW INDEXES YIELD name RETURN name", database_=database).records}
    for name, statement in wanted.items():
        if name not in have:
            driver.execute_query(statement, database_=database)
    for name in sorted(_unused_doc_indexes(have)):
        driver.execute_query(f"DROP INDEX {name} IF EXISTS", database_=database)
    ensure_query_indexes(driver, database)
    # an index still populating is one the planner skips: the load's first queries would scan
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)


def _validate(schema: Schema, nodes: dict[str, Any], rels: dict[str, Any]) -> None:
    for key in nodes:
        labels = key.split(":")
        if labels[0] not in schema.node_labels or any(lbl not in schema.entity_types for lbl in labels[1:]):
            raise SchemaError(f"label {key} is not in the closed schema; nothing was written")
    for kind in rels:
        if kind not in schema.relationship_types:
            raise SchemaError(f"relationship type {kind} is not in the closed schema; nothing was written")


@contextmanager
def _on_lost_server() -> Iterator[None]:
    """A server lost before any row was written: one line, and the advice to run the same load again."""
    try:
        yield
    except Exception as exc:
        if not isinstance(exc, _lost_connection_errors()):
            raise
        raise Neo4jConnectionError(f"lost the Neo4j server before the load wrote anything ({type(exc).__name__}); "
                                   "when it is back, run the same load again: it is idempotent") from exc


def _stored_documents(driver: Any, database: str | None, ids: list[str] | None = None) -> dict[str, str]:
    """Document id -> sha256 of the documents already in the database (of `ids`, or all)."""
    if ids is None:
        query, params = "MATCH (d:Document) RETURN d.id AS id, d.sha256 AS sha", {}
    else:
        query, params = "UNWIND $ids AS id MATCH (d:Document {id: id}) RETURN d.id AS id, d.sha256 AS sha", {"ids": ids}
    records = driver.execute_query(query, params, database_=database).records
    return {r["id"]: r["sha"] or "" for r in records}


@dataclass(frozen=True)
class _Step:
    """One statement over its rows; for entities, their keys (neo4j_keys.key_rows, one per row), replaced
    in the same transaction."""

    statement: str
    rows: list[Any]
    keys: list[Any] | None = None


def _last_wins(rows: Sequence[dict[str, Any]], key: Callable[[dict[str, Any]], Any]) -> list[dict[str, Any]]:
    # CREATE must not make two where MERGE would make one: the last row wins, as it would there
    return list({key(row): row for row in rows}.values())


def _node_key(row: dict[str, Any]) -> Any:
    return row["id"]


def _rel_key(row: dict[str, Any]) -> tuple[Any, ...]:
    return row["a"], row["b"], row["doc"], row["start"], row.get("relation")


def _node_step(key: str, rows: list[dict[str, Any]], create: bool) -> _Step:
    keys = prop_keys(rows)
    entity_keys = neo4j_keys.key_rows(rows) if key.split(":")[0] == "Entity" else None
    return _Step(_node_statement(key, keys, create=create), _node_values(rows, keys), entity_keys)


def _relationship_step(kind: str, rel_ends: dict[str, tuple[str, str]], rows: list[dict[str, Any]], *,
                       create: bool) -> _Step:
    keys = prop_keys(rows)
    statement = relationship_statement(kind, rel_ends, create=create, keys=keys)
    return _Step(statement, relationship_values(kind, rows, keys))


def _plan(nodes: dict[str, list[dict[str, Any]]], rels: dict[str, list[dict[str, Any]]], fresh_docs: set[str],
          new_entities: set[str]) -> list[list[_Step]]:
    """The write in phases, in this order: documents; entities and events; relationships of documents
    new to the database (CREATE); the others (MERGE); last the content hashes. A node or relationship
    is CREATEd only when the database cannot have it: an entity id it did not have, an event or
    relationship of a document it did not have (documents go first, so a load cut short leaves them
    in the database without a hash, and the next load MERGEs their facts)."""
    rel_ends = lexicons.schema().relationship_types
    # a document's content hash is written last, once all its facts are in: a load cut short leaves its
    # documents without one, so the next sync sees them as changed and writes their facts again
    hashes = [{"id": row["id"], "sha256": row["props"].get("sha256", "")} for row in nodes.get("Document", [])]
    docs = [{**row, "props": {k: v for k, v in row["props"].items() if k != "sha256"}}
            for row in nodes.get("Document", [])]
    phases: list[list[_Step]] = [[], [], [], [], []]
    for key, rows in {**nodes, "Document": docs}.items():
        if key == "Document":
            ids = {row["id"] for row in rows if row["id"] in fresh_docs}
        elif key == "Event":
            ids = {row["id"] for row in rows if row["props"].get("doc") in fresh_docs}
        else:
            ids = {row["id"] for row in rows if row["id"] in new_entities}
        new = _last_wins([row for row in rows if row["id"] in ids], _node_key)
        old = [row for row in rows if row["id"] not in ids]
        phases[0 if key == "Document" else 1] += [
            _node_step(key, part, create) for part, create in ((new, True), (old, False)) if part]
    for kind, rows in rels.items():
        fresh = _last_wins([row for row in rows if row["doc"] in fresh_docs], _rel_key)
        known = [row for row in rows if row["doc"] not in fresh_docs]
        if fresh:
            phases[2].append(_relationship_step(kind, rel_ends, fresh, create=True))
        if known:
            phases[3].append(_relationship_step(kind, rel_ends, known, create=False))
    phases[4].append(_Step("UNWIND $rows AS row MATCH (d:Document {id: row.id}) SET d.sha256 = row.sha256", hashes))
    return phases


def _stored_entities(driver: Any, database: str | None, ids: list[str] | None = None) -> set[str]:
    """Ids of the entities already in the database (of `ids`, or all)."""
    if ids is None:
        query, params = "MATCH (n:Entity) RETURN n.id AS id", {}
    else:
        query, params = "UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN id", {"ids": ids}
    return {r["id"] for r in driver.execute_query(query, params, database_=database).records}


def _write_rows(driver: Any, nodes: dict[str, list[dict[str, Any]]], rels: dict[str, list[dict[str, Any]]],
                fresh_docs: set[str], new_entities: set[str], *, database: str | None,
                batch_size: int) -> WriteStats:
    """Run the phases of _plan in order, one transaction per batch. (Two transactions at once were
    measured slower: relationships of one graph share end nodes, so they wait on each other's locks.)"""
    phases = _plan(nodes, rels, fresh_docs, new_entities)
    stats = WriteStats()
    try:
        with driver.session(database=database) as session:
            for step in (step for phase in phases for step in phase):
                for i, batch in enumerate(batched(step.rows, batch_size)):
                    keys = None if step.keys is None else step.keys[i * batch_size:(i + 1) * batch_size]
                    summary = session.execute_write(
                        lambda tx, s=step.statement, b=batch, k=keys: _run_step(tx, s, b, k))
                    stats.add(summary.counters, len(batch))
    except Exception as exc:
        if not isinstance(exc, _lost_connection_errors()):
            raise
        total = sum(len(step.rows) for phase in phases for step in phase)
        raise Neo4jConnectionError(
            f"lost the Neo4j server during the load after {stats.rows} of {total} rows "
            f"({type(exc).__name__}); when it is back, run the same load again: it is idempotent"
        ) from exc
    return stats


def _run_step(tx: Any, statement: str, rows: list[Any], keys: list[Any] | None) -> Any:
    """One batch of a step; the keys of the entities it writes in the same transaction (neo4j_keys)."""
    summary = tx.run(statement, rows=rows).consume()
    if keys is not None:
        neo4j_keys.replace(tx, keys)
    return summary


@gc_paused()
def write_graph(driver: Any, graph: GraphData, *, database: str | None = None,
                batch_size: int = BATCH_SIZE) -> WriteStats:
    """MERGE the graph: writing the same graph twice changes nothing; a bigger one adds only what is new."""
    schema = lexicons.schema()
    _check(schema, graph)
    nodes, rels = node_rows(graph), relationship_rows(graph)
    _validate(schema, nodes, rels)
    with _on_lost_server():
        ensure_constraints(driver, database)
        neo4j_keys.begin(driver, database)
        stored = _stored_documents(driver, database, [d.id for d in graph.documents])
        had = _stored_entities(driver, database, [e.id for e in graph.entities])
        recount_all = neo4j_counts.begin(driver, database)
    fresh = {d.id for d in graph.documents} - set(stored)
    stats = _write_rows(driver, nodes, rels, fresh, {e.id for e in graph.entities} - had, database=database,
                        batch_size=batch_size)
    touched = neo4j_counts.role_entities(rels)
    if not recount_all:  # events already there may have changed under edges this graph no longer has
        old_events = [row["id"] for row in nodes["Event"] if row["props"].get("doc") not in fresh]
        with _on_lost_count():
            touched |= neo4j_counts.entities_of_events(driver, old_events, database)
    _finish_counts(driver, touched, recount_all, database)
    return stats


def _finish_counts(driver: Any, entity_ids: set[str], recount_all: bool, database: str | None) -> None:
    """Recount the role counts of the entities a write touched (see neo4j_counts)."""
    with _on_lost_count():
        neo4j_counts.finish(driver, entity_ids, recount_all, database)


@contextmanager
def _on_lost_count() -> Iterator[None]:
    """A server lost while counting leaves the counts marked stale: the next load recounts them all."""
    try:
        yield
    except Exception as exc:
        if not isinstance(exc, _lost_connection_errors()):
            raise
        raise Neo4jConnectionError(
            f"lost the Neo4j server while counting roles after the load ({type(exc).__name__}); "
            "when it is back, run the same load again: it is idempotent") from exc


def delete_documents(driver: Any, doc_ids: list[str], *, database: str | None = None) -> None:
    """Remove the facts read from these documents (their events and every relationship carrying their id)
    and the documents themselves; entities stay. The role counts are left to the caller (sync_graph
    recounts the entities of these documents afterwards)."""
    if not doc_ids:
        return
    driver.execute_query("UNWIND $ids AS id MATCH (e:Event {doc: id}) DETACH DELETE e", {"ids": doc_ids},
                         database_=database)
    for kind in doc_indexed_types():  # the others went with the events and go with the documents
        driver.execute_query(f"UNWIND $ids AS id MATCH ()-[r:{kind} {{doc: id}}]->() DELETE r", {"ids": doc_ids},
                             database_=database)
    driver.execute_query("UNWIND $ids AS id MATCH (d:Document {id: id}) DETACH DELETE d", {"ids": doc_ids},
                         database_=database)


@gc_paused()
def sync_graph(driver: Any, graph: GraphData, *, database: str | None = None,
               batch_size: int = BATCH_SIZE) -> WriteStats:
    """Bring the database to this graph writing only what changed: documents that are new there are
    written, documents whose text changed (sha256) lose their old facts first, entities no longer in
    the graph are deleted, and facts of unchanged documents are written only where they name an
    entity the database did not have. Every entity's properties are updated."""
    schema = lexicons.schema()
    _check(schema, graph)
    with _on_lost_server():
        ensure_constraints(driver, database)
        neo4j_keys.begin(driver, database)
        stored = _stored_documents(driver, database)
        replaced = [d.id for d in graph.documents if d.id in stored and stored[d.id] != d.sha256]
        recount_all = neo4j_counts.begin(driver, database)
        touched = neo4j_counts.entities_of_documents(driver, replaced, database) if replaced else set()
        delete_documents(driver, replaced, database=database)
        changed = {d.id for d in graph.documents if stored.get(d.id) != d.sha256}
        had = _stored_entities(driver, database)
        wanted = {e.id for e in graph.entities}
        gone = sorted(had - wanted)
        for batch in batched([{"id": i} for i in gone], batch_size):
            driver.execute_query(neo4j_keys.DELETE_ENTITIES, {"rows": batch}, database_=database)  # and their keys
    new_ids = wanted - had
    nodes = node_rows(graph)
    nodes["Document"] = [row for row in nodes["Document"] if row["id"] in changed]
    nodes["Event"] = [row for row in nodes["Event"] if row["props"].get("doc") in changed]
    rels = {kind: [row for row in rows if row["doc"] in changed or row["a"] in new_ids or row["b"] in new_ids]
            for kind, rows in relationship_rows(graph).items()}
    _validate(schema, nodes, rels)
    stats = _write_rows(driver, nodes, {k: v for k, v in rels.items() if v}, changed, new_ids, database=database,
                        batch_size=batch_size)
    _finish_counts(driver, touched | set(gone) | neo4j_counts.role_entities(rels), recount_all, database)
    return stats


# the indexes the named queries read: the timeline pages in Event.date order straight off the index
QUERY_INDEXES = ("CREATE INDEX graphkit_event_date IF NOT EXISTS FOR (n:Event) ON (n.date)",)


def ensure_query_indexes(driver: Any, database: str | None = None) -> None:
    for statement in QUERY_INDEXES:
        driver.execute_query(statement, database_=database)
    neo4j_counts.ensure_indexes(driver, database)
    neo4j_keys.ensure_indexes(driver, database)


def run_cypher(driver: Any, query: str, params: dict[str, Any] | None = None, *,
               database: str | None = None) -> pd.DataFrame:
    """Run a query in a read transaction (writes are refused by the server) and return a DataFrame."""
    import neo4j
    from neo4j.exceptions import ClientError

    def work(tx: Any) -> tuple[list[str], list[list[Any]]]:
        result = tx.run(query, params or {})
        keys = list(result.keys())
        return keys, [list(r.values()) for r in result]

    try:
        with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
            keys, values = session.execute_read(work)
    except ClientError as exc:
        raise GraphkitError(f"Cypher error: {exc.message}") from exc
    return pd.DataFrame(values, columns=keys)


DATED_VARIANTS = ("agencies_allegations", "who_alleges")


def _query_text(driver: Any, name: str, values: dict[str, Any], database: str | None) -> str:
    """The role tables page off the role counts when these are fresh and can answer the filters (at a
    min_confidence no level is kept for, from the confidences the counts hold); else (a load cut short, a
    graph from an older writer, date filters) they count the edges: from the events in the date range when
    there is one."""
    if neo4j_counts.answers(name, values) and neo4j_counts.counts_fresh(driver, database):
        return cypher_variant(name, "counted")
    if neo4j_counts.answers_by_confidences(name, values) and neo4j_counts.counts_fresh(driver, database):
        return cypher_variant(name, "confident")
    if name in DATED_VARIANTS and (values.get("date_from") is not None or values.get("date_to") is not None) \
            and _date_index_online(driver, database):
        return cypher_variant(name, "dated")  # the dated events, off the Event.date index, not every edge
    return cypher_text(name)


def _date_index_online(driver: Any, database: str | None) -> bool:
    """The dated variants name the Event.date index in a hint, which fails where it is missing (a
    neo4j-admin import before its first load) or not yet online."""
    found = driver.execute_query(
        "SHOW INDEXES YIELD name, state WHERE name = 'graphkit_event_date' AND state = 'ONLINE' RETURN count(*) AS n",
        database_=database).records
    return bool(found and found[0]["n"])


def name_keys(driver: Any, values: dict[str, Any], database: str | None) -> dict[str, str | None]:
    """$actor_key / $name_key: the key (graphkit.query.keys) of the name given, by which the query finds the
    entity off the EntityKey index; None (a scan of the names) when no name is given or when the keys are
    not complete (a database an older writer left)."""
    keys: dict[str, str | None] = {key: None for param, key in KEY_PARAMS.items() if param in values}
    named = {param: values[param] for param in KEY_PARAMS if values.get(param) is not None}
    if named and neo4j_keys.keys_ready(driver, database):
        keys.update({KEY_PARAMS[param]: neo4j_keys.parameter(value) for param, value in named.items()})
    return keys


def run_named_query(driver: Any, name: str, params: dict[str, Any] | None = None, *,
                    database: str | None = None) -> pd.DataFrame:
    """A named query from queries/<name>.cypher, with the catalog's columns and dtypes, one page of it
    (limit, offset) and its filters as $parameters (see graphkit.query.params)."""
    spec = get_spec(name)
    checked = query_params(spec, params or {})
    frame = run_cypher(driver, _query_text(driver, spec.name, checked.values, database),
                       {**checked.cypher(), **name_keys(driver, checked.values, database)}, database=database)
    frame = frame.reindex(columns=list(spec.columns))
    if "events" in frame:
        frame["events"] = frame["events"].astype("int64")
    return finish_page(frame, checked, spec.name)


def count_graph(driver: Any, database: str | None = None) -> dict[str, int]:
    # the graph's own nodes: derived ones (role counts, entity keys, their state) are not facts of it
    derived = [*neo4j_counts.DERIVED_LABELS, *neo4j_keys.DERIVED_LABELS]
    nodes = driver.execute_query("MATCH (n) WHERE NOT any(label IN labels(n) WHERE label IN $derived) "
                                 "RETURN count(n) AS c", {"derived": derived},
                                 database_=database).records[0]["c"]
    rels = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS c", database_=database).records[0]["c"]
    return {"nodes": nodes, "relationships": rels}


class Neo4jBackend:
    """A Neo4j 5 server as a backend: batched idempotent writes, the named queries in Cypher."""

    name = "neo4j"

    def __init__(self, settings: Neo4jSettings, batch_size: int = BATCH_SIZE) -> None:
        self.settings = settings
        self.batch_size = batch_size
        self._driver: Any = None

    @classmethod
    def open(cls, target: str, **options: Any) -> Neo4jBackend:
        """Settings from the URI and options (user, database, password), the rest from NEO4J_* variables."""
        return cls(Neo4jSettings.from_env(uri=target, **options))

    @property
    def driver(self) -> Any:
        if self._driver is None:
            self._driver = connect(self.settings)
        return self._driver

    def write(self, graph: GraphData) -> WriteStats:
        return write_graph(self.driver, graph, database=self.settings.database, batch_size=self.batch_size)

    def sync(self, graph: GraphData) -> WriteStats:
        """Write only what changed since the graph was last loaded (see sync_graph)."""
        return sync_graph(self.driver, graph, database=self.settings.database, batch_size=self.batch_size)

    def run(self, query: str, /, **params: object) -> pd.DataFrame:
        spec = get_spec(query)
        query_params(spec, params)  # a bad parameter is reported before a connection is tried
        return run_named_query(self.driver, spec.name, dict(params), database=self.settings.database)

    def cypher(self, text: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
        """Any read-only Cypher (run in a read transaction)."""
        return run_cypher(self.driver, text, params, database=self.settings.database)

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None
