from pathlib import Path

import pytest

from graphkit.backends import nx_queries
from graphkit.errors import QueryParameterError, UnknownQueryError
from graphkit.query import QUERIES, cypher_text, run_query
from tests.test_graph import tiny_graph

ROOT = Path(__file__).resolve().parent.parent


def test_queries_catalog_cypher_files_and_nx_functions_are_the_same_set():
    cypher = {p.stem for p in (ROOT / "queries").glob("*.cypher")}
    functions = set(nx_queries.__all__)
    assert set(QUERIES) == cypher == functions


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_queries_cypher_files_have_a_header_naming_the_query_and_its_parameters(name):
    text = cypher_text(name)
    assert text.startswith(f"// {name}:")
    assert "Parameters:" in text
    for param in QUERIES[name].params:
        assert f"${param}" in text


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_queries_return_the_catalog_columns(name):
    params = {p: "DGCIM" for p in QUERIES[name].params}
    frame = run_query(name, tiny_graph(), **params)
    assert list(frame.columns) == list(QUERIES[name].columns)


def test_queries_agencies_allegations_links_agency_and_type_with_evidence():
    frame = run_query("agencies-allegations", tiny_graph())
    assert frame[["actor", "allegation", "events", "documents"]].values.tolist() == [
        ["DGCIM", "torture", 1, "d1"]
    ]
    assert "tortured opponents" in frame.loc[0, "evidence"]


def test_queries_actor_finds_by_alias_any_case_and_lists_relations_and_events():
    frame = run_query("actor", tiny_graph(), name="maduro")
    assert frame[["relation", "direction", "other"]].values.tolist() == [["LEADS", "out", "DGCIM"]]
    frame = run_query("actor", tiny_graph(), name="dgcim")
    assert set(frame["relation"]) == {"LEADS", "PERPETRATOR"}


def test_queries_timeline_lists_dated_events():
    frame = run_query("timeline", tiny_graph())
    assert frame[["date", "allegation", "perpetrators", "victims"]].values.tolist() == [
        ["2019-03-20", "torture", "DGCIM", "opponents"]
    ]


def test_queries_unknown_name_and_missing_parameter_are_clear_errors():
    with pytest.raises(UnknownQueryError, match="known queries"):
        run_query("nope", tiny_graph())
    with pytest.raises(QueryParameterError, match="name"):
        run_query("actor", tiny_graph())
