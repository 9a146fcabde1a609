"""A real Neo4j 5 server for the tests: NEO4J_URI if set, else one started from tools/neo4j.

Without Java and Maven the Neo4j tests are skipped with the reason, unless GRAPHKIT_REQUIRE_NEO4J=1
(as in CI), where that skip is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _unavailable(reason: str) -> None:
    if os.environ.get("GRAPHKIT_REQUIRE_NEO4J") == "1":
        pytest.fail(f"Neo4j is required here (GRAPHKIT_REQUIRE_NEO4J=1) but {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory):
    from graphkit.backends.neo4j import Neo4jSettings

    if os.environ.get("NEO4J_URI"):
        yield Neo4jSettings.from_env()
        return
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        _unavailable(f"no NEO4J_URI and no {' or '.join(missing)} to start tools/neo4j")
    port = _free_port()
    env = dict(os.environ, NEO4J_PORT=str(port), NEO4J_PASSWORD="graphkit-test-pw",
               NEO4J_HOME_DIR=str(tmp_path_factory.mktemp("neo4j-home")))
    start = subprocess.run([str(ROOT / "tools/neo4j/start")], env=env, capture_output=True, text=True, timeout=600)
    if start.returncode != 0:
        _unavailable(f"tools/neo4j/start failed: {start.stderr.strip()[-800:]}")
    try:
        yield Neo4jSettings(uri=start.stdout.strip().splitlines()[-1], password="graphkit-test-pw")
    finally:
        subprocess.run([str(ROOT / "tools/neo4j/stop")], env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture
def neo4j_driver(neo4j_settings):
    """A driver on an emptied database."""
    from graphkit.backends.neo4j import connect

    driver = connect(neo4j_settings)
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_settings.database)
    yield driver
    driver.close()
