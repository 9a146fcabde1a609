"""Every named query on a synthetic graph of about --size relationships, on NetworkX and on Neo4j.

    NEO4J_PASSWORD=... python benchmarks/queries.py [--size 1000000] [--neo4j-uri bolt://127.0.0.1:7687]

Prints a table: query, rows returned, best and median milliseconds of --repeat runs per backend.
Neo4j is loaded with the batched writer (constraints and indexes first) and the database is emptied
before: point it at a throwaway server. Without --neo4j-uri only NetworkX is timed.
A benchmark, not a test; the targets are in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from neo4j_load import implicit, synthetic  # noqa: E402

from graphkit.query.catalog import QUERIES  # noqa: E402
from graphkit.types import RELATION_TYPES, GraphData  # noqa: E402


def dated(graph: GraphData) -> GraphData:
    """Give the synthetic events dates and the relations all the relation types, as real graphs have."""
    for i, ev in enumerate(graph.events):
        ev.date = f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}"
    for i, rel in enumerate(graph.relations):
        rel.type = RELATION_TYPES[i % len(RELATION_TYPES)]
    return graph


def relationships(graph: GraphData) -> int:
    from graphkit.backends.neo4j import relationship_rows

    return sum(len(rows) for rows in relationship_rows(graph).values())


def timed(run: Callable[[], object], repeat: int) -> tuple[int, float, float]:
    times, rows = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        frame = run()
        times.append((time.perf_counter() - start) * 1000)
        rows = len(frame)  # type: ignore[arg-type]
    return rows, min(times), statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1_000_000, help="relationships in the synthetic graph")
    ap.add_argument("--neo4j-uri", default=os.environ.get("NEO4J_URI"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    graph = dated(synthetic(args.size))
    params = {"name": graph.entities[len(graph.entities) // 2].name}
    report: dict[str, object] = {"relationships": relationships(graph), "entities": len(graph.entities),
                                 "events": len(graph.events), "queries": {}}
    table: dict[str, dict[str, object]] = report["queries"]  # type: ignore[assignment]

    from graphkit.backends.networkx import NetworkXBackend

    nxb = NetworkXBackend(graph=graph)
    start = time.perf_counter()
    nxb.networkx()  # built once, as a session would
    report["networkx_build_seconds"] = round(time.perf_counter() - start, 2)
    for name, spec in QUERIES.items():
        p = {k: params[k] for k in spec.params}
        rows, best, median = timed(lambda n=name, p=p: nxb.run(n, **p), args.repeat)
        table[name] = {"rows": rows, "networkx_best_ms": round(best, 1), "networkx_median_ms": round(median, 1)}

    if args.neo4j_uri:
        from graphkit.backends.neo4j import Neo4jBackend, Neo4jSettings, connect, write_graph

        driver = connect(Neo4jSettings.from_env(uri=args.neo4j_uri))
        implicit(driver, "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
        start = time.perf_counter()
        write_graph(driver, graph)
        report["neo4j_load_seconds"] = round(time.perf_counter() - start, 1)
        driver.execute_query("CALL db.awaitIndexes(300)")
        backend = Neo4jBackend(Neo4jSettings.from_env(uri=args.neo4j_uri))
        for name, spec in QUERIES.items():
            p = {k: params[k] for k in spec.params}
            backend.run(name, **p)  # plan and cache once
            rows, best, median = timed(lambda n=name, p=p: backend.run(n, **p), args.repeat)
            table[name].update(neo4j_rows=rows, neo4j_best_ms=round(best, 1), neo4j_median_ms=round(median, 1))
        backend.close()
        driver.close()
    if args.json:
        print(json.dumps(report))
        return
    print(f"{report['relationships']:,} relationships, {report['entities']:,} entities, {report['events']:,} events; "
          f"NetworkX graph built in {report['networkx_build_seconds']} s"
          + (f", Neo4j loaded in {report['neo4j_load_seconds']} s" if "neo4j_load_seconds" in report else ""))
    print(f"{'query':<22} {'rows':>8} {'nx best ms':>11} {'nx median':>10} {'neo4j best':>11} {'neo4j median':>13}")
    for name, row in table.items():
        print(f"{name:<22} {row['rows']:>8} {row['networkx_best_ms']:>11} {row['networkx_median_ms']:>10} "
              f"{row.get('neo4j_best_ms', '-'):>11} {row.get('neo4j_median_ms', '-'):>13}")


if __name__ == "__main__":
    main()
