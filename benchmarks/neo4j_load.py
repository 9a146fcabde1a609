"""Batched UNWIND writes against one-statement-per-row writes, on a synthetic graph (a benchmark, not a test).

    NEO4J_PASSWORD=... python benchmarks/neo4j_load.py --uri bolt://127.0.0.1:7687 [--relationships 100000]

Prints rows/s for the batched writer and for a sample written row by row, and their ratio.
The database is emptied first: point it at a throwaway server (tools/neo4j/start).
"""

from __future__ import annotations

import argparse
import os
import random
import time
from pathlib import Path

from graphkit import lexicons
from graphkit.backends.neo4j import (
    Neo4jSettings,
    connect,
    node_rows,
    prop_keys,
    relationship_rows,
    relationship_statement,
    relationship_values,
    write_graph,
)
from graphkit.types import Article, Entity, Event, GraphData, Provenance, Relation

TYPES = ("Person", "Organization", "Location", "Group")
EVENTS = ("torture", "killing", "detention", "repression")


def synthetic(relationships: int, seed: int = 7) -> GraphData:
    """About `relationships` relationships: role edges, typed relations and mentions."""
    rnd = random.Random(seed)
    n_docs, n_entities = max(1, relationships // 200), max(10, relationships // 10)
    docs = [Article(id=f"doc{i}", text="", title=f"Document {i}") for i in range(n_docs)]
    entities = [Entity(f"ent{i}", f"Entity {i}", TYPES[i % 4], docs=[f"doc{i % n_docs}"]) for i in range(n_entities)]
    events, relations = [], []
    per_event = 4
    for i in range(relationships // 2 // (per_event + 1)):
        doc = f"doc{i % n_docs}"
        prov = Provenance(doc, f"Sentence {i} about an act.", i, i + 20)
        picks = rnd.sample(range(n_entities), per_event)
        events.append(Event(f"ev{i}", EVENTS[i % 4], doc, "act", prov, perpetrators=[f"ent{picks[0]}"],
                            victims=[f"ent{picks[1]}"], sources=[f"ent{picks[2]}"], locations=[f"ent{picks[3]}"]))
    while len(relations) < relationships // 2 - n_entities:
        a, b = rnd.sample(range(n_entities), 2)
        doc = f"doc{a % n_docs}"
        prov = Provenance(doc, "They cooperate.", len(relations), 5)
        relations.append(Relation(f"ent{a}", "ALLIED_WITH", f"ent{b}", prov))
    return GraphData(documents=docs, entities=entities, events=events, relations=relations)


def per_row(driver, graph: GraphData, sample: int) -> tuple[int, float]:
    """Write `sample` relationship rows one auto-commit statement each (nodes first, batched, untimed)."""
    schema = lexicons.schema()
    rows = [(kind, row) for kind, items in relationship_rows(graph).items() for row in items][:sample]
    start = time.perf_counter()
    with driver.session() as session:
        for kind, row in rows:
            keys = prop_keys([row])
            statement = relationship_statement(kind, schema.relationship_types, keys=keys)
            session.run(statement, rows=relationship_values(kind, [row], keys)).consume()
    return len(rows), time.perf_counter() - start


def server_cpu(pid: int | None) -> float:
    """CPU seconds the server process has used (user + system), from /proc; 0 without --server-pid."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def implicit(driver, query: str) -> None:
    with driver.session() as session:
        session.run(query).consume()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--uri", default=os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"))
    ap.add_argument("--relationships", type=int, default=100_000)
    ap.add_argument("--sample", type=int, default=2_000, help="rows written one by one")
    ap.add_argument("--server-pid", type=int, help="a local server's pid: also report CPU seconds per row "
                    "(client + server), which a busy machine inflates less than wall time")
    args = ap.parse_args()
    graph = synthetic(args.relationships)
    driver = connect(Neo4jSettings.from_env(uri=args.uri))
    # warm the server (JIT, query plans) for both ways alike, so neither pays for a cold start
    implicit(driver, "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
    warm = synthetic(2_000, seed=1)
    write_graph(driver, warm)
    implicit(driver, "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS")
    per_row(driver, warm, 200)
    implicit(driver, "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
    n_rows = sum(len(v) for v in node_rows(graph).values()) + sum(len(v) for v in relationship_rows(graph).values())
    load = os.getloadavg()[0]
    start, cpu, srv = time.perf_counter(), time.process_time(), server_cpu(args.server_pid)
    stats = write_graph(driver, graph)
    batched_s = time.perf_counter() - start
    batched_cpu = time.process_time() - cpu + server_cpu(args.server_pid) - srv
    print(f"batched: {n_rows} rows ({stats.relationships_created} relationships) in {batched_s:.1f} s "
          f"= {n_rows / batched_s:,.0f} rows/s")
    implicit(driver, "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS")
    cpu, srv = time.process_time(), server_cpu(args.server_pid)
    rows, seconds = per_row(driver, graph, args.sample)
    row_cpu = time.process_time() - cpu + server_cpu(args.server_pid) - srv
    print(f"per row: {rows} rows in {seconds:.1f} s = {rows / seconds:,.0f} rows/s")
    print(f"ratio batched/per-row: {(n_rows / batched_s) / (rows / seconds):.1f}x "
          f"(load average {load:.1f} -> {os.getloadavg()[0]:.1f})")
    if args.server_pid:
        print(f"CPU per row (client + server): batched {batched_cpu / n_rows * 1e6:,.0f} us, "
              f"per row {row_cpu / rows * 1e6:,.0f} us, ratio {(row_cpu / rows) / (batched_cpu / n_rows):.1f}x")
    driver.close()


if __name__ == "__main__":
    main()
