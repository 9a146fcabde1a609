"""The role counts written by `export --format neo4j-admin` (neo4j_counts.summary_rows) hold the role tables
NetworkX computes, in the tables' order when sorted by their `rank`: for every event (level '') and for the
events at each confidence threshold the counts are kept for."""

from __future__ import annotations

import warnings

import pytest

from graphkit.backends import neo4j_counts
from graphkit.query import run_query
from tests.query_graph import paging_graph


def _table(rows, role, types=None, level=""):
    names = {e.id: (e.name, e.type) for e in paging_graph().entities}
    kept = sorted((r for r in rows if r["role"] == role and r["level"] == level
                   and (types is None or names[r["entity"]][1] in types)), key=lambda r: r["rank"])
    return [(r["entity"], names[r["entity"]][0], r["allegation"], r["events"], "; ".join(r["documents"]),
             r["evidence"]) for r in kept]


@pytest.mark.parametrize("threshold", [None, *neo4j_counts.LEVELS])
def test_summary_rows_are_the_role_tables_in_rank_order(threshold):
    graph = paging_graph()
    rows = neo4j_counts.summary_rows(graph)
    level = neo4j_counts.level_tag(threshold)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        agencies = run_query("agencies_allegations", graph, limit=None, min_confidence=threshold)
        sources = run_query("who_alleges", graph, limit=None, min_confidence=threshold)
    assert len(agencies) > 2 and len(sources) > 2
    assert _table(rows, "PERPETRATOR", ("Organization", "Group"), level) == [
        tuple(r) for r in agencies[["actor_id", "actor", "allegation", "events", "documents", "evidence"]].values]
    assert _table(rows, "SOURCE", level=level) == [
        tuple(r) for r in sources[["source_id", "source", "allegation", "events", "documents", "evidence"]].values]


def test_rank_strings_order_like_the_tuples():
    keys = [(3, "b", "torture"), (3, "a-b", "killing"), (3, "a", "torture"), (12, "z", "detention"), (3, "a", "kill")]
    by_tuple = sorted(keys, key=lambda k: (-k[0], k[1], k[2]))
    by_rank = sorted(keys, key=lambda k: neo4j_counts.rank("SOURCE", "0.7", k[0], k[1], k[2]))
    assert by_rank == by_tuple
    by_arank = sorted(keys, key=lambda k: neo4j_counts.arank("SOURCE", "0.7", k[0], k[1], k[2]))
    assert by_arank == sorted(keys, key=lambda k: (k[2], -k[0], k[1]))


@pytest.mark.parametrize("threshold", [0.0, 0.5, 0.65, 0.7, 0.701, 0.9, 1.0])
def test_the_confidences_of_the_counts_of_every_event_give_the_tables_at_any_threshold(threshold):
    """The counts of every event (level '') hold their events' confidences, in the events' order: counting
    those at or above a threshold gives the table's `events` at it, for thresholds no level is kept for too."""
    graph = paging_graph()
    rows = [r for r in neo4j_counts.summary_rows(graph) if r["level"] == ""]
    assert all(len(r["confidences"]) == r["events"] for r in rows)
    assert all("confidences" not in r for r in neo4j_counts.summary_rows(graph) if r["level"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tables = {"PERPETRATOR": run_query("agencies_allegations", graph, limit=None, min_confidence=threshold),
                  "SOURCE": run_query("who_alleges", graph, limit=None, min_confidence=threshold)}
    kinds = {e.id: e.type for e in graph.entities}
    for role, table in tables.items():
        expected = {(r[0], r[1]): r[2] for r in table.iloc[:, [0, 3, 4]].values}
        counted = {(r["entity"], r["allegation"]): n for r in rows if r["role"] == role
                   and (role == "SOURCE" or kinds[r["entity"]] in ("Organization", "Group"))
                   and (n := sum(x >= threshold for x in r["confidences"])) > 0}
        assert counted == expected
    assert threshold < 1.0 or len(tables["SOURCE"]) == 0  # the paging graph has no event at 1.0
