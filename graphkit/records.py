"""Extraction records (DocResults) to and from JSON lines, so resolution can run again without re-extracting.

`graphkit run` writes them next to graph.json as extraction.jsonl; `graphkit resolve` reads them back and
applies a decisions file to the same mentions, which keeps every merge, split and id reproducible.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from graphkit.errors import GraphFileError
from graphkit.types import (
    ENTITY_TYPES,
    EVENT_TYPES,
    RELATION_TYPES,
    STATUSES,
    Article,
    DocResult,
    Event,
    Mention,
    Provenance,
    Relation,
    Triple,
    checked,
)

FILENAME = "extraction.jsonl"


def to_row(result: DocResult) -> dict[str, Any]:
    return asdict(result)


def from_row(row: dict[str, Any]) -> DocResult:
    def prov(d: dict[str, Any]) -> Provenance:
        return Provenance(**d)

    return DocResult(
        article=Article(**row["article"]),
        mentions=[Mention(**{**m, "aliases": tuple(m.get("aliases") or ()),
                             "type": checked(m["type"], ENTITY_TYPES, "entity type")})
                  for m in row.get("mentions", [])],
        triples=[Triple(**{**t, "prov": prov(t["prov"])}) for t in row.get("triples", [])],
        events=[Event(**{**e, "prov": prov(e["prov"]), "type": checked(e["type"], EVENT_TYPES, "event type"),
                         "status": checked(e["status"], STATUSES, "status")}) for e in row.get("events", [])],
        relations=[Relation(**{**r, "prov": prov(r["prov"]),
                                "type": checked(r["type"], RELATION_TYPES, "relation type")})
                   for r in row.get("relations", [])],
        warnings=list(row.get("warnings", [])),
    )


def write_records(results: list[DocResult], path: str | Path) -> Path:
    """One JSON line per document; written atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        for result in results:
            fh.write(json.dumps(to_row(result), ensure_ascii=False) + "\n")
    os.replace(tmp, path)
    return path


def read_records(path: str | Path) -> list[DocResult]:
    path = Path(path)
    if not path.is_file():
        raise GraphFileError(f"{path}: no extraction records (written by `graphkit run`; run it again to get them)")
    out: list[DocResult] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(from_row(json.loads(line)))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise GraphFileError(f"{path}:{lineno}: not an extraction record ({type(exc).__name__}: {exc})") from exc
    return out
