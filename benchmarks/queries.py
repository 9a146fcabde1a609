"""Every named query on a synthetic graph of about --size relationships, on NetworkX and on Neo4j.

    NEO4J_PASSWORD=... python benchmarks/queries.py [--size 1000000] [--neo4j-uri bolt://127.0.0.1:7687]

Prints a table: query, rows returned, best and median milliseconds of --repeat runs per backend (and, for the
role tables on Neo4j, of their Cypher counting the role edges at query time, as before the role counts), for
each query's default page (the first 1,000 rows in its order), its second page, and filtered cases an
analyst runs (one actor, an allegation type and a date range). The load average is printed with it: on
a shared machine, compare runs with the load they had.
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
import warnings
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


def db_hits(driver: object, name: str, params: dict[str, object], *, keyed: bool = True) -> int:
    """The database hits of one run of a named query (PROFILE), as the backend runs it (keyed: with the name
    keys it passes; else with none, the scan): a measure the machine's load does not change."""
    from graphkit.backends.neo4j import _query_text, name_keys
    from graphkit.query.params import query_params

    checked = query_params(QUERIES[name], params)
    values = {**checked.cypher(), **(name_keys(driver, checked.values, None) if keyed else {})}
    text = _query_text(driver, name, checked.values, None)
    plan = driver.execute_query("PROFILE " + text, values).summary.profile  # type: ignore[attr-defined]

    def total(op: dict[str, object]) -> int:
        return int(op.get("dbHits", 0)) + sum(total(c) for c in op.get("children", []))  # type: ignore[call-overload, attr-defined]

    return total(plan)


def cases(graph: GraphData) -> dict[str, tuple[str, dict[str, object]]]:
    """Label -> (query, parameters): every query's default page, then pages and filters analysts use."""
    someone = graph.entities[len(graph.entities) // 2].name
    names = {e.id: e.name for e in graph.entities}
    source = names[graph.events[len(graph.events) // 3].sources[0]]  # someone who is a source
    kinds = {e.id: e.type for e in graph.entities}
    doer = next(names[p] for ev in graph.events[len(graph.events) // 2:] for p in ev.perpetrators
                if kinds[p] in ("Organization", "Group"))  # an agency that is a perpetrator
    out: dict[str, tuple[str, dict[str, object]]] = {}
    for name, spec in QUERIES.items():
        out[name] = (name, {"name": someone} if "name" in spec.params else {})
    out["timeline, 2nd page"] = ("timeline", {"offset": 1000})
    out["timeline, actor"] = ("timeline", {"actor": someone})
    out["timeline, half a year of one type"] = ("timeline", {"date_from": "2016-07", "date_to": "2016-12",
                                                          "allegation": "killing"})
    out["agencies_allegations, type + year"] = ("agencies_allegations", {"allegation": "torture",
                                                                        "date_from": "2019", "date_to": "2019"})
    out["who_alleges, actor"] = ("who_alleges", {"actor": source})
    out["agencies_allegations, 2nd page"] = ("agencies_allegations", {"offset": 1000})
    out["agencies_allegations, one type"] = ("agencies_allegations", {"allegation": "torture"})
    out["agencies_allegations, actor"] = ("agencies_allegations", {"actor": doer})
    out["who_alleges, one type"] = ("who_alleges", {"allegation": "killing"})
    out["who_alleges, min_confidence 0.7"] = ("who_alleges", {"min_confidence": 0.7})
    out["who_alleges, min_confidence 0.5"] = ("who_alleges", {"min_confidence": 0.5})
    out["who_alleges, min_confidence 0.9"] = ("who_alleges", {"min_confidence": 0.9})
    out["agencies_allegations, min_confidence 0.5"] = ("agencies_allegations", {"min_confidence": 0.5})
    out["agencies_allegations, 0.5 + one type"] = ("agencies_allegations", {"min_confidence": 0.5,
                                                                          "allegation": "torture"})
    out["agencies_allegations, all rows"] = ("agencies_allegations", {"limit": None})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1_000_000, help="relationships in the synthetic graph")
    ap.add_argument("--neo4j-uri", default=os.environ.get("NEO4J_URI"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--recount", action="store_true", help="also time recounting every role count (Neo4j)")
    ap.add_argument("--reuse", action="store_true",
                    help="time the graph a previous run loaded (same --size; counts checked) instead of loading")
    args = ap.parse_args()
    graph = dated(synthetic(args.size))
    report: dict[str, object] = {"relationships": relationships(graph), "entities": len(graph.entities),
                                 "events": len(graph.events), "load_average_start": os.getloadavg(), "queries": {}}
    table: dict[str, dict[str, object]] = report["queries"]  # type: ignore[assignment]
    runs = cases(graph)
    warnings.simplefilter("ignore")  # the pages are cut on purpose

    from graphkit.backends.networkx import NetworkXBackend

    nxb = NetworkXBackend(graph=graph)
    start = time.perf_counter()
    nxb.networkx()  # built once, as a session would
    report["networkx_build_seconds"] = round(time.perf_counter() - start, 2)
    start = time.perf_counter()
    nxb.tables()  # the column tables the queries read, built once per graph on the first query
    report["networkx_tables_seconds"] = round(time.perf_counter() - start, 2)
    for label, (name, p) in runs.items():
        rows, best, median = timed(lambda n=name, p=p: nxb.run(n, **p), args.repeat)
        table[label] = {"rows": rows, "networkx_best_ms": round(best, 1), "networkx_median_ms": round(median, 1)}

    if args.neo4j_uri:
        from graphkit.backends.neo4j import (
            Neo4jBackend,
            Neo4jSettings,
            _query_text,
            connect,
            run_cypher,
            write_graph,
        )
        from graphkit.backends.neo4j_counts import COUNTED_QUERIES
        from graphkit.query.catalog import cypher_text
        from graphkit.query.params import query_params

        driver = connect(Neo4jSettings.from_env(uri=args.neo4j_uri))
        if args.reuse:
            from graphkit.backends.neo4j import count_graph, ensure_constraints

            held = count_graph(driver)["relationships"]
            if held != report["relationships"]:
                raise SystemExit(f"--reuse: the database holds {held:,} relationships, not {report['relationships']:,}")
            ensure_constraints(driver)
        else:
            # relationships first: DETACH DELETE of 10,000 nodes of a 1M-relationship graph ran out of the
            # transaction memory pool of the 1 GB test server
            implicit(driver, "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS")
            implicit(driver, "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 20000 ROWS")
            start = time.perf_counter()
            write_graph(driver, graph)
            report["neo4j_load_seconds"] = round(time.perf_counter() - start, 1)
        driver.execute_query("CALL db.awaitIndexes(300)")
        if args.recount:  # what recounting every entity's role counts costs (a load cut short, an older graph)
            from graphkit.backends import neo4j_counts

            start = time.perf_counter()
            neo4j_counts.finish(driver, [], True)
            report["neo4j_recount_seconds"] = round(time.perf_counter() - start, 1)
        backend = Neo4jBackend(Neo4jSettings.from_env(uri=args.neo4j_uri))
        for label, (name, p) in runs.items():
            backend.run(name, **p)  # plan and cache once
            rows, best, median = timed(lambda n=name, p=p: backend.run(n, **p), args.repeat)
            if rows != table[label]["rows"]:
                raise SystemExit(f"{label}: {rows} rows on Neo4j, {table[label]['rows']} on NetworkX")
            table[label].update(neo4j_best_ms=round(best, 1), neo4j_median_ms=round(median, 1))
            table[label]["neo4j_db_hits"] = db_hits(driver, name, p)
            if {"actor", "name"} & set(p):  # the name found by a scan of every name and alias, as before the keys
                checked = query_params(QUERIES[name], p)
                text, params = _query_text(driver, name, checked.values, None), checked.cypher()  # keys: None
                run_cypher(driver, text, params)
                rows, best, median = timed(lambda t=text, p=params: run_cypher(driver, t, p), args.repeat)
                table[label].update(scan_best_ms=round(best, 1), scan_median_ms=round(median, 1),
                                    scan_db_hits=db_hits(driver, name, p, keyed=False))
            if name in COUNTED_QUERIES:  # the same page counted from the edges, as before the role counts
                text, params = cypher_text(name), query_params(QUERIES[name], p).cypher()
                run_cypher(driver, text, params)
                rows, best, median = timed(lambda t=text, p=params: run_cypher(driver, t, p), args.repeat)
                table[label].update(edges_best_ms=round(best, 1), edges_median_ms=round(median, 1))
        backend.close()
        driver.close()
    report["load_average_end"] = os.getloadavg()
    if args.json:
        print(json.dumps(report))
        return
    print(f"{report['relationships']:,} relationships, {report['entities']:,} entities, {report['events']:,} events; "
          f"NetworkX graph built in {report['networkx_build_seconds']} s, its query tables in "
          f"{report['networkx_tables_seconds']} s"
          + (f", Neo4j loaded in {report['neo4j_load_seconds']} s" if "neo4j_load_seconds" in report else ""))
    loads = [", ".join(f"{x:.1f}" for x in report[k]) for k in ("load_average_start", "load_average_end")]  # type: ignore[attr-defined]
    print(f"load average (1, 5, 15 min): {loads[0]} at the start, {loads[1]} at the end")
    if "neo4j_recount_seconds" in report:
        print(f"recounting every role count on Neo4j: {report['neo4j_recount_seconds']} s")
    print(f"{'query':<36} {'rows':>8} {'nx best ms':>11} {'nx median':>10} {'neo4j best':>11} {'neo4j median':>13}"
          f" {'db hits':>9} {'edges best':>11} {'edges median':>13} {'scan best':>10} {'scan median':>12}"
          f" {'scan hits':>10}")
    for label, row in table.items():
        print(f"{label:<36} {row['rows']:>8} {row['networkx_best_ms']:>11} {row['networkx_median_ms']:>10} "
              f"{row.get('neo4j_best_ms', '-'):>11} {row.get('neo4j_median_ms', '-'):>13}"
              f" {row.get('neo4j_db_hits', '-'):>9}"
              f" {row.get('edges_best_ms', '-'):>11} {row.get('edges_median_ms', '-'):>13}"
              f" {row.get('scan_best_ms', '-'):>10} {row.get('scan_median_ms', '-'):>12}"
              f" {row.get('scan_db_hits', '-'):>10}")
    print("edges: the role tables' own Cypher, counting the role edges at query time (as before the role counts)")
    print("scan: the same query finding the named entity by a scan of its names and aliases (before the entity keys)")
    print("db hits: of one PROFILEd run (independent of the machine's load)")

if __name__ == "__main__":
    main()
