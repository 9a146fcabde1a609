"""Both backends answer to one protocol: write a graph, run every named query, close."""

from __future__ import annotations

import pandas as pd
import pytest

from graphkit.backends import BACKENDS, Backend, open_backend
from graphkit.backends.networkx import NetworkXBackend
from graphkit.errors import GraphkitError, QueryParameterError, UnknownQueryError
from graphkit.graph import load_graph
from graphkit.query import QUERIES
from tests.test_graph import tiny_graph


@pytest.fixture(params=["networkx", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def backend(request, tmp_path):
    """A backend of each kind, opened from a target the way the CLI opens it."""
    if request.param == "networkx":
        target = str(tmp_path / "graph.json")
    else:
        settings = request.getfixturevalue("neo4j_settings")
        request.getfixturevalue("neo4j_driver")  # empties the database
        target = settings.uri
        request.getfixturevalue("monkeypatch").setenv("NEO4J_PASSWORD", settings.password)
    opened = open_backend(target)
    yield opened
    opened.close()


def test_backend_implements_the_protocol_and_answers_every_named_query(backend):
    assert isinstance(backend, Backend)
    stats = backend.write(tiny_graph())
    assert stats.nodes_created > 0
    for name, spec in QUERIES.items():
        params = {"name": "Maduro"} if "name" in spec.params else {}
        frame = backend.run(name.replace("_", "-"), **params)
        assert isinstance(frame, pd.DataFrame)
        assert list(frame.columns) == list(spec.columns)
    assert backend.run("agencies-allegations")["actor"].tolist() == ["DGCIM"]


def test_backend_refuses_unknown_queries_and_missing_parameters(backend):
    backend.write(tiny_graph())
    with pytest.raises(UnknownQueryError):
        backend.run("no-such-query")
    with pytest.raises(QueryParameterError):
        backend.run("actor")


def test_open_backend_picks_by_scheme(tmp_path):
    assert isinstance(open_backend(str(tmp_path / "graph.json")), NetworkXBackend)
    assert {"bolt", "neo4j", "file"} <= BACKENDS.keys()
    with pytest.raises(GraphkitError, match="no backend"):
        open_backend("ftp://example.org/graph")


def test_networkx_backend_write_saves_the_graph_file(tmp_path):
    backend = NetworkXBackend(tmp_path / "out")
    backend.write(tiny_graph())
    assert [e.id for e in load_graph(tmp_path / "out" / "graph.json").entities] == [e.id for e in tiny_graph().entities]
