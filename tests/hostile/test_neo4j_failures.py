"""Neo4j: hostile strings stored verbatim; restarts, lost servers and bad credentials end in clear errors.

The failure tests start their own server (not the shared session one) so they can stop it mid-load.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from graphkit.backends import neo4j_counts, neo4j_keys
from graphkit.backends.neo4j import Neo4jConnectionError, Neo4jSettings, connect, count_graph, write_graph
from graphkit.types import Entity, Event, GraphData, Provenance, Relation
from tests.hostile.strings import HOSTILE, hostile_graph
from tests.neo4j_server import ROOT, _free_port, _unavailable

PASSWORD = "hostile-own-server-pw"


def _snapshot(driver) -> tuple[list, list]:
    nodes = driver.execute_query("MATCH (n) RETURN labels(n) AS l, properties(n) AS p").records
    rels = driver.execute_query("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, "
                                "properties(r) AS p").records
    node_rows = sorted((sorted(r["l"]), sorted(r["p"].items())) for r in nodes)
    rel_rows = sorted((r["a"], r["t"], r["b"], sorted(r["p"].items())) for r in rels)
    return node_rows, rel_rows


@pytest.mark.neo4j
def test_hostile_strings_load_verbatim_and_change_nothing_else(neo4j_driver):
    neo4j_driver.execute_query("CREATE (:Canary {id: $id, note: $note})", id="canary", note="must survive")
    g = hostile_graph()
    write_graph(neo4j_driver, g)
    names = neo4j_driver.execute_query("MATCH (e:Entity) RETURN e.id AS id, e.name AS name, e.aliases AS aliases")
    by_id = {r["id"]: (r["name"], r["aliases"]) for r in names.records}
    assert by_id == {e.id: (e.name, e.aliases) for e in g.entities}
    evidence = neo4j_driver.execute_query("MATCH (ev:Event) RETURN ev.id AS id, ev.evidence AS s, ev.trigger AS t")
    assert {r["id"]: (r["s"], r["t"]) for r in evidence.records} == {
        ev.id: (ev.prov.sentence, ev.trigger) for ev in g.events}
    cues = neo4j_driver.execute_query("MATCH ()-[r:ALLIED_WITH]->() RETURN r.cue AS cue, r.evidence AS s")
    assert sorted(r["cue"] for r in cues.records) == sorted(HOSTILE)
    titles = neo4j_driver.execute_query("MATCH (d:Document) RETURN d.title AS t")
    assert sorted(r["t"] for r in titles.records) == sorted(HOSTILE)
    # nothing but the intended facts: the canary is still there, no label or node beyond the graph's
    canary = neo4j_driver.execute_query("MATCH (c:Canary) RETURN c.note AS note").records
    assert [r["note"] for r in canary] == ["must survive"]
    n = len(HOSTILE)
    assert count_graph(neo4j_driver) == {"nodes": 3 * n + 1, "relationships": n * (1 + 2 + 1 + 1 + 1)}
    labels = neo4j_driver.execute_query("MATCH (n) UNWIND labels(n) AS l RETURN DISTINCT l").records
    assert {r["l"] for r in labels} == {"Canary", "Document", "Event", "Entity", "Person", "Organization",
                                        "Location", "Group", *neo4j_counts.DERIVED_LABELS,
                                        *neo4j_keys.DERIVED_LABELS}  # + the role counts and the entity keys
    # a second load of the same strings changes nothing
    before = _snapshot(neo4j_driver)
    write_graph(neo4j_driver, g)
    assert _snapshot(neo4j_driver) == before


def test_an_unreachable_server_is_one_clear_error():
    port = _free_port()  # nothing listens there
    with pytest.raises(Neo4jConnectionError, match=f"cannot reach Neo4j at bolt://127.0.0.1:{port}"):
        connect(Neo4jSettings(uri=f"bolt://127.0.0.1:{port}", password="x"))


def _graphkit(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = "import sys\nfrom graphkit.cli import main\nsys.argv = ['graphkit', *sys.argv[1:]]\nmain()\n"
    return subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.neo4j
def test_wrong_password_and_no_server_are_one_line_cli_errors(neo4j_settings, tmp_path):
    from graphkit.graph import save_graph
    from tests.test_graph import tiny_graph

    graph = save_graph(tiny_graph(), tmp_path / "graph.json")
    wrong = _graphkit("load", "--graph", str(graph), "--neo4j-uri", neo4j_settings.uri,
                      env=dict(os.environ, NEO4J_PASSWORD="not-the-password"))
    assert wrong.returncode == 1
    assert wrong.stderr.strip().splitlines() == ["graphkit: error: Neo4j refused user 'neo4j': wrong password?"]
    port = _free_port()
    down = _graphkit("load", "--graph", str(graph), "--neo4j-uri", f"bolt://127.0.0.1:{port}",
                     env=dict(os.environ, NEO4J_PASSWORD="x"))
    assert down.returncode == 1
    assert down.stderr.strip().splitlines() == [
        f"graphkit: error: cannot reach Neo4j at bolt://127.0.0.1:{port} (is the server running?)"]


# -- a server of the test's own ----------------------------------------------------------------------------------

def _own_server_env(tmp_path: Path) -> dict[str, str]:
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        _unavailable(f"no {' or '.join(missing)} to start tools/neo4j")
    return dict(os.environ, NEO4J_PORT=str(_free_port()), NEO4J_PASSWORD=PASSWORD,
                NEO4J_HOME_DIR=str(tmp_path / "neo4j-home"))


def _start(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ROOT / "tools/neo4j/start")], env=env, capture_output=True, text=True, timeout=600)


def _stop(env: dict[str, str]) -> None:
    subprocess.run([str(ROOT / "tools/neo4j/stop")], env=env, capture_output=True, text=True, timeout=120)


def _processes_using(marker: str) -> list[int]:
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if marker.encode() in cmdline:
            pids.append(int(proc.name))
    return pids


def _big_graph(n: int) -> GraphData:
    prov = Provenance("big-doc", "A sentence.", 0, 11)
    from graphkit.types import Article

    entities = [Entity(f"p{i}", f"{HOSTILE[i % len(HOSTILE)][:50]} {i}", "Person", docs=["big-doc"]) for i in range(n)]
    events = [Event(f"big-ev{i}", "detention", "big-doc", "held", dataclasses.replace(prov, start=i),
                    perpetrators=[f"p{i}"], victims=[f"p{(i + 1) % n}"]) for i in range(n)]
    relations = [Relation(f"p{i}", "MEMBER_OF", f"p{(i + 7) % n}", dataclasses.replace(prov, start=i), cue="of")
                 for i in range(n)]
    return GraphData(documents=[Article(id="big-doc", text="A sentence.", sha256="0" * 64)], entities=entities,
                     events=events, relations=relations)


@pytest.mark.neo4j
def test_restart_after_stop_and_a_load_cut_by_a_stopped_server(tmp_path):
    env = _own_server_env(tmp_path)
    first = _start(env)
    if first.returncode != 0:
        _unavailable(f"tools/neo4j/start failed: {first.stderr.strip()[-800:]}")
    settings = Neo4jSettings(uri=first.stdout.strip().splitlines()[-1], password=PASSWORD)
    try:
        graph = _big_graph(1000)
        with connect(settings) as driver:
            write_graph(driver, graph)
            clean = _snapshot(driver)
            clean_counts = count_graph(driver)
            driver.execute_query("MATCH (n) DETACH DELETE n")
        # load again one small batch at a time, and stop the server from here once the first rows are in
        outcome: dict[str, BaseException | object] = {}

        def load() -> None:
            try:
                with connect(settings) as driver:
                    outcome["stats"] = write_graph(driver, graph, batch_size=5)
            except BaseException as exc:  # noqa: BLE001 - asserted on below
                outcome["error"] = exc

        loader = threading.Thread(target=load)
        loader.start()
        with connect(settings) as watcher:
            deadline = time.monotonic() + 120
            while count_graph(watcher)["nodes"] < 100 and time.monotonic() < deadline:
                time.sleep(0.05)
        _stop(env)
        loader.join(timeout=180)
        assert not loader.is_alive()
        error = outcome.get("error")
        assert isinstance(error, Neo4jConnectionError), outcome
        message = str(error)
        assert "\n" not in message and "lost the Neo4j server during the load" in message
        assert "run the same load again" in message
        assert not _processes_using(env["NEO4J_HOME_DIR"])
        # the same data folder and password: the restart must work (it used to fail on the password change)
        again = _start(env)
        assert again.returncode == 0, again.stderr[-2000:]
        with connect(settings) as driver:
            partial = count_graph(driver)
            assert 0 < partial["nodes"] + partial["relationships"] < clean_counts["nodes"] + \
                clean_counts["relationships"]
            write_graph(driver, graph)
            assert count_graph(driver) == clean_counts
            assert _snapshot(driver) == clean
    finally:
        _stop(env)
    assert not _processes_using(env["NEO4J_HOME_DIR"])


@pytest.mark.neo4j
def test_a_failed_start_leaves_no_process_behind(tmp_path):
    env = _own_server_env(tmp_path)
    with socket.socket() as taken:  # the port is in use: Bolt cannot listen there
        taken.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        taken.bind(("127.0.0.1", int(env["NEO4J_PORT"])))
        taken.listen()
        result = _start(dict(env, NEO4J_START_TIMEOUT="150"))
    assert result.returncode != 0
    assert "tools/neo4j/start:" in result.stderr
    assert not _processes_using(env["NEO4J_HOME_DIR"])
    assert not (Path(env["NEO4J_HOME_DIR"]) / "server.pid").exists()
