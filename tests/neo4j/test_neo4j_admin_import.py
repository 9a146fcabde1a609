"""`graphkit export --format neo4j-admin`: the CSV files import with neo4j-admin and hold what a Bolt load holds."""

from __future__ import annotations

import csv
import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

from graphkit.backends import neo4j_counts, neo4j_keys
from graphkit.backends.neo4j import Neo4jSettings, connect, count_graph, write_graph
from graphkit.backends.neo4j_admin import ARRAY_DELIMITER, export_neo4j_admin
from graphkit.graph import load_graph
from tests.neo4j_server import ROOT, _unavailable
from tests.test_graph import tiny_graph

pytestmark = pytest.mark.neo4j

LIB = ROOT / "tools/neo4j/target/lib"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _admin_import(export_args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    """neo4j-admin from the Maven artifacts tools/neo4j was built with (neo4j-import-tool, neo4j-command-line)."""
    (home / "conf").mkdir(parents=True, exist_ok=True)
    (home / "conf/neo4j.conf").write_text("", encoding="utf-8")
    env = dict(os.environ, NEO4J_HOME=str(home), NEO4J_CONF=str(home / "conf"))
    return subprocess.run(["java", "-Xmx512m", "-cp", f"{LIB}/*", "org.neo4j.cli.AdminTool", *export_args],
                          env=env, capture_output=True, text=True, timeout=600, cwd=home)


def _role_counts(driver) -> list[tuple]:
    records = driver.execute_query("MATCH (c:RoleCount) RETURN properties(c) AS p").records
    return sorted(tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in r["p"].items()))
                  for r in records)


def _entity_keys(driver) -> list[tuple]:
    records = driver.execute_query("MATCH (k:EntityKey) RETURN k.id AS id, k.key AS key, k.entity AS entity").records
    return sorted(tuple(r.values()) for r in records)


def test_neo4j_admin_csv_headers_and_cells(tmp_path):
    graph = tiny_graph()
    graph.entities[0].aliases = ["one; two", "three"]
    done = export_neo4j_admin(graph, tmp_path / "csv")
    files = {p.name for p in (tmp_path / "csv").iterdir()}
    assert "nodes-document.csv" in files and "import-command.txt" in files
    with (tmp_path / "csv/nodes-document.csv").open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header[0] == "id:ID(Document)" and header[-1] == ":LABEL"
    entity_file = next(path for label, path in done.node_files if label == "Entity")
    rows = list(csv.DictReader(entity_file.open(encoding="utf-8", newline="")))
    assert all(r[":LABEL"].split(ARRAY_DELIMITER)[0] == "Entity" for r in rows)
    assert "aliases:string[]" in rows[0] and "mentions:long" in rows[0]
    first = next(r for r in rows if r["id:ID(Entity)"] == graph.entities[0].id)
    assert first["aliases:string[]"].split(ARRAY_DELIMITER) == ["one; two", "three"]
    for kind, path in done.relationship_files:
        assert path.name == f"relationships-{kind.lower()}.csv"
        with path.open(encoding="utf-8", newline="") as fh:
            head = next(csv.reader(fh))
        assert head[0].startswith(":START_ID(") and head[1].startswith(":END_ID(") and head[-1] == ":TYPE"
        assert "start:long" in head and "doc" in head
    args = done.arguments("graphs")
    assert args[:4] == ["database", "import", "full", "graphs"]
    assert sum(a.startswith("--nodes=") for a in args) == len(done.node_files)


def test_neo4j_admin_import_holds_what_a_bolt_load_holds(seeds_run, neo4j_driver, tmp_path):
    if shutil.which("java") is None or not LIB.is_dir():
        _unavailable("neo4j-admin needs java and tools/neo4j/target/lib (built by tools/neo4j/start)")
    outputs, out = seeds_run
    graph = load_graph(out / "graph.json")
    write_graph(neo4j_driver, graph)
    bolt = count_graph(neo4j_driver)
    bolt_types = {r["t"]: r["c"] for r in neo4j_driver.execute_query(
        "MATCH ()-[r]->() RETURN type(r) AS t, count(r) AS c").records}
    bolt_counts = _role_counts(neo4j_driver)
    assert bolt_counts and neo4j_counts.counts_fresh(neo4j_driver)
    bolt_keys = _entity_keys(neo4j_driver)
    assert len(bolt_keys) >= len(graph.entities) and neo4j_keys.keys_ready(neo4j_driver)

    done = export_neo4j_admin(graph, tmp_path / "csv")
    assert (done.nodes, done.relationships) == (bolt["nodes"], bolt["relationships"])
    home = tmp_path / "home"
    result = _admin_import(done.arguments("neo4j"), home)
    assert result.returncode == 0, (result.stdout + result.stderr)[-2000:]
    assert "IMPORT DONE" in result.stdout

    port = _free_port()
    env = dict(os.environ, NEO4J_PORT=str(port), NEO4J_PASSWORD="graphkit-import-pw", NEO4J_HOME_DIR=str(home))
    start = subprocess.run([str(ROOT / "tools/neo4j/start")], env=env, capture_output=True, text=True, timeout=600)
    assert start.returncode == 0, start.stderr[-2000:]
    try:
        driver = connect(Neo4jSettings(uri=start.stdout.strip().splitlines()[-1], password="graphkit-import-pw"))
        try:
            assert count_graph(driver) == bolt
            imported_types = {r["t"]: r["c"] for r in driver.execute_query(
                "MATCH ()-[r]->() RETURN type(r) AS t, count(r) AS c").records}
            assert imported_types == bolt_types
            names = driver.execute_query("MATCH (e:Entity) RETURN e.id AS id, e.name AS name, e.aliases AS aliases")
            by_id = {r["id"]: (r["name"], sorted(r["aliases"] or [])) for r in names.records}
            for entity in graph.entities:
                assert by_id[entity.id] == (entity.name, sorted(entity.aliases))
            # the role counts come with the import, marked fresh: the role tables read them as after a load
            assert _role_counts(driver) == bolt_counts
            assert neo4j_counts.counts_fresh(driver)
            # and the entity keys, marked complete: names are found off them as after a load
            assert _entity_keys(driver) == bolt_keys
            assert neo4j_keys.keys_ready(driver)
        finally:
            driver.close()
    finally:
        subprocess.run([str(ROOT / "tools/neo4j/stop")], env=env, capture_output=True, text=True, timeout=120)
