"""Role counts kept at write time: one :RoleCount node per (entity, role, allegation type).

The role tables (agencies_allegations, who_alleges) put the pairs with most events first. Counting
every pair at query time reads every PERPETRATOR or SOURCE relationship (~0.4 s on a million
relationships); these nodes hold the count, the sorted documents and the first evidence, and an index
on `rank` (role, events descending, entity id, allegation as one string, in the tables' order) lets
the first page be read straight off the index. `arank` puts the allegation before the count, for the
tables filtered to one allegation type. The counts are kept for all events (level ''), and could be again
for the events at or above chosen confidence thresholds (LEVELS, none now: each level costs a load ~15 %), whose
tables would read their page off the index too. The counts of every event hold the confidences of their
events (`confidences`, in the events' order), so a table at a min_confidence counts them there instead of on
the edges: it reads the counts whose events could reach its page (see queries/variants/*.confident.cypher) and
only its page's edges, for their documents and evidence.

Exactness: the writer marks the counts stale before it changes anything (one :GraphkitState node),
recounts the entities whose role edges it wrote or deleted once the rows are in, and marks them fresh.
A load cut short leaves them stale: the queries then count from the edges (always right, slower) and
the next load recounts every entity. A database written by an older writer has no state node and is
treated the same way. Counts are recomputed from the edges, never incremented, so a load run twice
leaves the same nodes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from graphkit.types import GraphData

LABEL = "RoleCount"
STATE_LABEL = "GraphkitState"
# the state of counts that hold their events' confidences: a database whose counts predate them (state
# "role_counts", or "role_counts_2") has no state of this id, so its counts are stale and the next load
# recounts them all
STATE_ID = "role_counts_3"
ROLES = {"perpetrators": "PERPETRATOR", "sources": "SOURCE"}  # the roles the role tables count
# min_confidence thresholds counted apart, each read off the index (at a cost to every load: ~15 % in paired
# runs). None: the confidences of the counts of every event answer every threshold, 0.7 included, well within
# the query target (53 ms against 21 off a level on 1M relationships), and a load recounts half the nodes
LEVELS: tuple[float, ...] = ()
DERIVED_LABELS = (LABEL, STATE_LABEL)  # nodes that are not facts of the graph (count_graph leaves them out)
# between the parts of a rank (written \u0001 in the Cypher): below every character of an id, so the
# order of the strings is the order of the (role, level, count, id, allegation) tuples
SEP = "\u0001"
_TOP = 10**9  # ranks hold _TOP - events, zero-padded: most events first in ascending string order
ENTITY_BATCH = 2_000  # entities recounted per transaction

INDEXES = (
    f"CREATE INDEX graphkit_rolecount_rank IF NOT EXISTS FOR (c:{LABEL}) ON (c.rank)",
    f"CREATE INDEX graphkit_rolecount_arank IF NOT EXISTS FOR (c:{LABEL}) ON (c.arank)",
    f"CREATE INDEX graphkit_rolecount_entity IF NOT EXISTS FOR (c:{LABEL}) ON (c.entity)",
)

_ROLE_TYPES = "|".join(ROLES.values())

# the Cypher twin of summary_rows: the same order of events (doc, start, id) as the role tables use
_RECOUNT = f"""
UNWIND $ids AS id
MATCH (a:Entity {{id: id}})-[r:{_ROLE_TYPES}]->(e:Event)
WITH a.id AS entity, type(r) AS role, e.type AS allegation, collect(DISTINCT e) AS every
UNWIND $levels AS level  // [tag, threshold]: ['', null] counts every event
WITH entity, role, allegation, level[0] AS tag,
     [e IN every WHERE level[1] IS NULL OR e.confidence >= level[1]] AS evs
WHERE evs <> []
CALL (evs) {{
  UNWIND evs AS e
  WITH e ORDER BY e.doc, e.start, e.id
  // a confidence the database lacks is below every threshold, as `e.confidence >= t` is not true there
  RETURN collect(e.doc) AS docs, collect(e)[0].evidence AS evidence,
         collect(coalesce(toFloat(e.confidence), -1.0)) AS confidences
}}
WITH entity, role, allegation, tag, size(evs) AS events, evidence, confidences,
     reduce(acc = [], d IN docs | CASE WHEN acc <> [] AND acc[-1] = d THEN acc ELSE acc + d END) AS documents
WITH entity, role, allegation, tag, events, evidence, documents, confidences,
     right('0000000000' + toString({_TOP} - events), 10) AS pad
CREATE (:{LABEL} {{id: role + ':' + entity + ':' + allegation + CASE tag WHEN '' THEN '' ELSE '@' + tag END,
                   role: role, level: tag, entity: entity,
                   allegation: allegation, events: events, documents: documents, evidence: evidence,
                   confidences: CASE tag WHEN '' THEN confidences END,
                   rank: role + '\\u0001' + tag + '\\u0001' + pad + '\\u0001' + entity + '\\u0001' + allegation,
                   arank: role + '\\u0001' + tag + '\\u0001' + allegation + '\\u0001' + pad + '\\u0001' + entity}})
"""


def level_tag(min_confidence: float | None) -> str:
    """The `level` of the counts of events at or above this threshold: '' for all, else as Cypher's
    toString($min_confidence) writes it (the counted variants find their level that way)."""
    return "" if min_confidence is None else str(float(min_confidence))


def _levels() -> list[tuple[str, float | None]]:
    return [("", None), *((level_tag(t), t) for t in LEVELS)]


def rank(role: str, level: str, events: int, entity: str, allegation: str) -> str:
    return SEP.join((role, level, f"{_TOP - events:010d}", entity, allegation))


def arank(role: str, level: str, events: int, entity: str, allegation: str) -> str:
    return SEP.join((role, level, allegation, f"{_TOP - events:010d}", entity))


def summary_rows(graph: GraphData) -> list[dict[str, Any]]:
    """The :RoleCount nodes of a graph written to an empty database (for `export --format neo4j-admin`)."""
    known = {e.id for e in graph.entities}
    events = {ev.id: ev for ev in graph.events}  # the writer keeps the last event of an id
    groups: dict[tuple[str, str, str], dict[str, Any]] = {}
    for ev in events.values():
        for attr, role in ROLES.items():
            for entity in getattr(ev, attr):
                if entity in known:
                    groups.setdefault((entity, role, ev.type), {})[ev.id] = ev
    rows = []
    for (entity, role, allegation), evs in groups.items():
        every = sorted(evs.values(), key=lambda ev: (ev.doc_id, ev.prov.start, ev.id))
        for tag, threshold in _levels():
            # the database holds confidences rounded to 3 places (node_rows): the same figure is compared
            ordered = [ev for ev in every if threshold is None or round(ev.confidence, 3) >= threshold]
            if not ordered:
                continue
            docs = list(dict.fromkeys(ev.doc_id for ev in ordered))
            n = len(ordered)
            row = {"id": f"{role}:{entity}:{allegation}" + (f"@{tag}" if tag else ""), "role": role,
                   "level": tag, "entity": entity, "allegation": allegation, "events": n, "documents": docs,
                   "evidence": ordered[0].prov.sentence, "rank": rank(role, tag, n, entity, allegation),
                   "arank": arank(role, tag, n, entity, allegation)}
            if not tag:
                row["confidences"] = [float(round(ev.confidence, 3)) for ev in ordered]
            rows.append(row)
    return rows


def state_row() -> dict[str, Any]:
    """The state node of counts that match the edges."""
    return {"id": STATE_ID, "fresh": True}


# the role tables read from the counts, and the filters the counts can answer (the dates pick events the
# counts do not know; min_confidence off the index at the LEVELS, from the `confidences` at any other)
COUNTED_QUERIES = ("agencies_allegations", "who_alleges")
COUNTED_FILTERS = ("actor", "allegation")


def _counted(name: str, filters: dict[str, Any]) -> bool:
    return name in COUNTED_QUERIES and all(v is None for k, v in filters.items()
                                           if k not in (*COUNTED_FILTERS, "min_confidence"))


def answers(name: str, filters: dict[str, Any]) -> bool:
    """Whether the counts of a level (or of every event) answer this query with these filters (None: not
    given): its page is read off the `rank`/`arank` index (variants/<name>.counted.cypher)."""
    if filters.get("min_confidence") is not None and filters["min_confidence"] not in LEVELS:
        return False
    return _counted(name, filters)


def answers_by_confidences(name: str, filters: dict[str, Any]) -> bool:
    """Whether the counts of every event answer this query at a min_confidence no level is kept for, from
    the confidences they hold (variants/<name>.confident.cypher)."""
    return filters.get("min_confidence") is not None and not answers(name, filters) and _counted(name, filters)


def ensure_indexes(driver: Any, database: str | None = None) -> None:
    for statement in INDEXES:
        driver.execute_query(statement, database_=database)


def counts_fresh(driver: Any, database: str | None = None) -> bool:
    """True when the :RoleCount nodes match the role edges (the last write finished)."""
    records = driver.execute_query(f"MATCH (s:{STATE_LABEL} {{id: $id}}) RETURN s.fresh AS fresh",
                                   {"id": STATE_ID}, database_=database).records
    return bool(records and records[0]["fresh"] is True)


def begin(driver: Any, database: str | None = None) -> bool:
    """Mark the counts stale before a write changes the graph. Returns True when every entity must be
    recounted afterwards: the previous write did not finish, or an older writer left no counts."""
    records = driver.execute_query(f"MATCH (s:{STATE_LABEL} {{id: $id}}) RETURN s.fresh AS fresh",
                                   {"id": STATE_ID}, database_=database).records
    if records:
        full = records[0]["fresh"] is not True
    else:  # no state: counts from an older writer are missing, unless there is nothing to count
        full = bool(driver.execute_query(f"MATCH ()-[r:{_ROLE_TYPES}]->() RETURN 1 AS x LIMIT 1",
                                         database_=database).records)
    _set_fresh(driver, database, False)
    return full


def _set_fresh(driver: Any, database: str | None, fresh: bool) -> None:
    driver.execute_query(f"MERGE (s:{STATE_LABEL} {{id: $id}}) SET s.fresh = $fresh", {"id": STATE_ID, "fresh": fresh},
                         database_=database)


def entities_of_documents(driver: Any, doc_ids: list[str], database: str | None = None) -> set[str]:
    """Entities with role edges to the events of these documents (recounted after the documents are
    deleted); found through the Event.doc index, as a role edge belongs to its event's document."""
    records = driver.execute_query(
        f"UNWIND $ids AS id MATCH (a)-[:{_ROLE_TYPES}]->(:Event {{doc: id}}) RETURN DISTINCT a.id AS id",
        {"ids": doc_ids}, database_=database).records
    return {r["id"] for r in records}


def entities_of_events(driver: Any, event_ids: list[str], database: str | None = None) -> set[str]:
    """Entities with role edges to these events: their counts change when an event's type, document,
    offset or sentence does, though none of their edges is written."""
    found: set[str] = set()
    for ids in _chunks(event_ids, 10_000):
        records = driver.execute_query(
            f"UNWIND $ids AS id MATCH (a)-[:{_ROLE_TYPES}]->(:Event {{id: id}}) RETURN DISTINCT a.id AS id",
            {"ids": ids}, database_=database).records
        found.update(r["id"] for r in records)
    return found


def role_entities(rels: dict[str, list[dict[str, Any]]]) -> set[str]:
    """The entities whose role edges are among these relationship rows."""
    return {row["a"] for role in ROLES.values() for row in rels.get(role, [])}


def _chunks(ids: Iterable[str], size: int) -> Iterator[list[str]]:
    items = sorted(ids)
    for i in range(0, len(items), size):
        yield items[i:i + size]


def recount(driver: Any, entity_ids: Iterable[str], database: str | None = None) -> None:
    """Replace the :RoleCount nodes of these entities by counts from their edges, one transaction per batch."""
    with driver.session(database=database) as session:
        for ids in _chunks(entity_ids, ENTITY_BATCH):
            session.execute_write(lambda tx, ids=ids: _recount(tx, ids))


def _recount(tx: Any, ids: list[str]) -> None:
    tx.run(f"UNWIND $ids AS id MATCH (c:{LABEL} {{entity: id}}) DELETE c", ids=ids).consume()
    tx.run(_RECOUNT, ids=ids, levels=[list(level) for level in _levels()]).consume()


def _delete_some(tx: Any) -> int:
    return int(tx.run(f"MATCH (c:{LABEL}) WITH c LIMIT 10000 DELETE c RETURN count(*) AS n").single()["n"])


def finish(driver: Any, entity_ids: Iterable[str], full: bool, database: str | None = None) -> None:
    """Recount after a write (every entity when `full`) and mark the counts fresh."""
    if full:
        with driver.session(database=database) as session:
            while session.execute_write(_delete_some):
                pass
        records = driver.execute_query(f"MATCH (a:Entity) WHERE EXISTS {{ (a)-[:{_ROLE_TYPES}]->() }} "
                                       "RETURN a.id AS id", database_=database).records
        entity_ids = [r["id"] for r in records]
    recount(driver, entity_ids, database)
    _set_fresh(driver, database, True)
