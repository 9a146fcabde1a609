import warnings
from pathlib import Path

import pandas as pd
import pytest

from graphkit.backends import nx_queries
from graphkit.errors import QueryParameterError, UnknownQueryError
from graphkit.query import DEFAULT_LIMIT, QUERIES, QueryTruncatedWarning, cypher_text, run_query
from tests.query_graph import CASES, HOSTILE, paging_graph
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
    for param in (*QUERIES[name].params, *QUERIES[name].filters, "offset", "limit"):
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


# -- pages and filters ------------------------------------------------------------------------------

def _whole(name, graph, params):
    """The unpaged answer with the same filters (the page must be a slice of it)."""
    return run_query(name, graph, **{k: v for k, v in params.items() if k not in ("limit", "offset")}, limit=None)


@pytest.mark.parametrize(("name", "params"), [(n, p) for n, cases in CASES.items() for p in cases])
def test_queries_a_page_is_the_slice_of_the_whole_answer_and_says_if_rows_were_left(name, params):
    graph = paging_graph()
    whole = _whole(name, graph, params)
    offset, limit = int(params.get("offset", 0)), params.get("limit", DEFAULT_LIMIT)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        page = run_query(name, graph, **params)
    expected = whole.iloc[offset: offset + limit].reset_index(drop=True)
    pd.testing.assert_frame_equal(page, expected, check_dtype=not page.empty)  # no rows: no values to type
    left = len(whole) > offset + limit
    assert page.attrs["truncated"] is left
    assert page.attrs["offset"] == offset and page.attrs["limit"] == limit
    assert any(issubclass(w.category, QueryTruncatedWarning) for w in caught) is left


def test_queries_default_limit_returns_the_first_thousand_rows_in_date_order_and_warns():
    graph = paging_graph(events=1_300)
    with pytest.warns(QueryTruncatedWarning, match="offset=1000"):
        page = run_query("timeline", graph)
    assert len(page) == DEFAULT_LIMIT and page.attrs["truncated"] is True
    whole = run_query("timeline", graph, limit=None)
    assert len(whole) > DEFAULT_LIMIT and whole.attrs["truncated"] is False
    assert list(whole["date"]) == sorted(whole["date"])
    assert whole.sort_values(["date", "event_id"]).index.tolist() == whole.index.tolist()


def test_queries_role_tables_put_the_most_supported_pairs_first_with_ids_breaking_ties():
    frame = run_query("agencies-allegations", paging_graph(), limit=None)
    keys = list(zip(-frame["events"], frame["actor_id"], frame["allegation"], strict=True))
    assert keys == sorted(keys)
    assert frame["events"].iloc[0] > frame["events"].iloc[-1]
    assert set(frame["actor_type"]) <= {"Organization", "Group"}


def test_queries_filters_keep_what_they_say():
    graph = paging_graph()
    torture = run_query("agencies-allegations", graph, allegation="Torture", limit=None)
    assert set(torture["allegation"]) == {"torture"}
    in_2019 = run_query("timeline", graph, date_from="2019", date_to="2019", limit=None)
    assert set(in_2019["date"]) == {"2019", "2019-02", "2019-02-14", "2019-12-31"}  # a prefix keeps the whole year
    to_feb = run_query("timeline", graph, date_to="2019-02", limit=None)
    assert set(to_feb["date"]) == {"2018-11-30", "2019", "2019-02", "2019-02-14"}
    confident = run_query("timeline", graph, min_confidence=0.7, limit=None)
    every = run_query("timeline", graph, limit=None)
    assert 0 < len(confident) < len(every)
    dana = run_query("timeline", graph, actor="DANA DELTA", limit=None)
    assert len(dana) > 0 and all("Dana Delta" in f"{p}; {v}" for p, v in zip(dana["perpetrators"], dana["victims"],
                                                                              strict=True))
    alpha = run_query("agencies-allegations", graph, actor="the alpha", limit=None)
    assert set(alpha["actor_id"]) == {"agency_a"}
    undated = run_query("agencies-allegations", graph, limit=None)["events"].sum()
    dated = run_query("agencies-allegations", graph, date_from="1900", limit=None)["events"].sum()
    assert dated < undated  # a date filter drops undated events


def test_queries_hostile_filter_values_are_values_not_query_text():
    graph = paging_graph()
    frame = run_query("agencies-allegations", graph, actor=HOSTILE, limit=None)
    assert set(frame["actor_id"]) == {"hostile"}
    assert run_query("agencies-allegations", graph, actor="' OR 1=1 //", limit=None).empty


@pytest.mark.parametrize(("name", "params", "message"), [
    ("actor", {"name": "x", "allegation": "torture"}, "takes no allegation"),
    ("timeline", {"allegation": "picnic"}, "no allegation type"),
    ("timeline", {"date_from": "March 2019"}, "ISO date"),
    ("timeline", {"min_confidence": 1.5}, "between 0 and 1"),
    ("timeline", {"limit": 0}, "at least 1"),
    ("timeline", {"offset": -1}, "at least 0"),
    ("timeline", {"limit": "many"}, "whole number"),
])
def test_queries_bad_page_or_filter_is_a_clear_error(name, params, message):
    with pytest.raises(QueryParameterError, match=message):
        run_query(name, paging_graph(), **params)
