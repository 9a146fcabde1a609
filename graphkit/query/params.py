"""The parameters of a named query, checked once for both backends, and the page a query returns.

A query returns at most `limit` rows (DEFAULT_LIMIT unless told; None for all) from `offset` on.
Backends fetch one row more than the limit: when it comes back the page is marked as cut
(frame.attrs["truncated"]) and a QueryTruncatedWarning says so, so a page is never taken for everything.
Filters are values, never Cypher text: they travel as $parameters.
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass
from typing import Any

import pandas as pd

from graphkit import lexicons
from graphkit.errors import QueryParameterError
from graphkit.query.catalog import DEFAULT_LIMIT, FILTERS, QuerySpec
from graphkit.query.keys import KEY_PARAMS

ALL_ROWS = 2**62  # the LIMIT sent for "no limit" (Cypher's LIMIT takes a number, not null)
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
PAGING = ("limit", "offset")


class QueryTruncatedWarning(UserWarning):
    """A query returned one page of a longer answer (raise the limit or page on with offset)."""


@dataclass(frozen=True)
class QueryParams:
    """Checked parameters: the required ones, every filter of the query (None when not given), the page."""

    values: dict[str, Any]
    limit: int | None
    offset: int

    def cypher(self) -> dict[str, Any]:
        """The $parameters of the Cypher file: one row more than the limit, to tell a cut page; no name keys
        (the file finds a name by a scan; the Neo4j backend passes the keys where it has them)."""
        fetch = ALL_ROWS if self.limit is None else self.limit + 1
        keys = {key: None for param, key in KEY_PARAMS.items() if param in self.values}
        return {**self.values, **keys, "offset": self.offset, "limit": fetch}


def _name(spec: QuerySpec) -> str:
    return spec.name.replace("_", "-")


def _count(spec: QuerySpec, key: str, value: object, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise QueryParameterError(f"query {_name(spec)}: {key} must be a whole number, not {value!r}")
    try:
        number = int(value)
    except ValueError:
        raise QueryParameterError(f"query {_name(spec)}: {key} must be a whole number, not {value!r}") from None
    if number < minimum:
        raise QueryParameterError(f"query {_name(spec)}: {key} must be at least {minimum}, not {number}")
    return number


def _filter(spec: QuerySpec, key: str, value: object) -> object:
    if key == "min_confidence":
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise QueryParameterError(f"query {_name(spec)}: min_confidence must be a number, not {value!r}") from None
        if math.isnan(number) or not 0.0 <= number <= 1.0:
            raise QueryParameterError(f"query {_name(spec)}: min_confidence must be between 0 and 1, not {value!r}")
        return number
    text = str(value).strip()
    if key in ("date_from", "date_to") and not _DATE.fullmatch(text):
        raise QueryParameterError(f"query {_name(spec)}: {key} must be an ISO date or prefix "
                                  f"(2019, 2019-03, 2019-03-20), not {value!r}")
    if key == "allegation":
        text = text.lower().replace("-", "_").replace(" ", "_")
        known = sorted(lexicons.schema().event_types)
        if text not in known:
            raise QueryParameterError(f"query {_name(spec)}: no allegation type {value!r}; known: {', '.join(known)}")
    if not text:
        raise QueryParameterError(f"query {_name(spec)}: {key} is empty")
    return text


def query_params(spec: QuerySpec, params: dict[str, object]) -> QueryParams:
    """Check a query's parameters: the required ones given, filters known to the query, a sane page."""
    missing = [p for p in spec.params if params.get(p) in (None, "")]
    if missing:
        raise QueryParameterError(f"query {_name(spec)} needs: {', '.join(missing)}")
    unknown = sorted(set(params) - set(spec.params) - set(spec.filters) - set(PAGING))
    if unknown:
        takes = ", ".join([*spec.params, *spec.filters, *PAGING])
        raise QueryParameterError(f"query {_name(spec)} takes no {', '.join(unknown)} (it takes: {takes})")
    values: dict[str, Any] = {p: str(params[p]) for p in spec.params}
    for key in spec.filters:
        value = params.get(key)
        values[key] = None if value is None or value == "" else _filter(spec, key, value)
    limit_value = params.get("limit", DEFAULT_LIMIT)
    limit = None if limit_value is None else _count(spec, "limit", limit_value, 1)
    offset = _count(spec, "offset", params.get("offset", 0), 0)
    return QueryParams(values, limit, offset)


def date_upper(date_to: str) -> str:
    """The exclusive upper bound of dates up to `date_to` inclusive of its prefix ("2019" keeps "2019-12-31")."""
    return date_to + "\uffff"


def finish_page(frame: pd.DataFrame, query: QueryParams, name: str) -> pd.DataFrame:
    """Cut the extra row a backend fetched, and say on the frame (and in a warning) whether rows were left."""
    truncated = query.limit is not None and len(frame) > query.limit
    if truncated:
        frame = frame.iloc[: query.limit].reset_index(drop=True)
    frame.attrs.update(query=name, limit=query.limit, offset=query.offset, truncated=truncated,
                       filters={k: v for k, v in query.values.items() if k in FILTERS and v is not None})
    if truncated:
        warnings.warn(f"{name.replace('_', '-')}: rows {query.offset + 1}-{query.offset + len(frame)} of more; "
                      f"page on with offset={query.offset + len(frame)} or raise the limit (None for all)",
                      QueryTruncatedWarning, stacklevel=3)
    return frame
