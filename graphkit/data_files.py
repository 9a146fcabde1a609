"""Read the data packs shipped in graphkit/data (gazetteers, lexicons, rules).

Everything an analyst may edit lives in a data file; code reads it through these helpers so
that the files can be found inside an installed wheel too.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import yaml


def _path(name: str) -> resources.abc.Traversable:
    node = resources.files("graphkit") / "data"
    for part in name.split("/"):
        node = node / part
    return node


def exists(name: str) -> bool:
    return _path(name).is_file()


@cache
def read_text(name: str) -> str:
    return _path(name).read_text(encoding="utf-8")


@cache
def read_yaml(name: str) -> Any:
    return yaml.safe_load(read_text(name)) if exists(name) else {}


@cache
def read_jsonl(name: str) -> tuple[dict[str, Any], ...]:
    if not exists(name):
        return ()
    rows = []
    for line in read_text(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            rows.append(json.loads(line))
    return tuple(rows)


@cache
def read_lines(name: str) -> tuple[str, ...]:
    """Entries of a one-per-line lexicon, without comments and blank lines."""
    if not exists(name):
        return ()
    out = []
    for line in read_text(name).splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(out)


def gazetteer_names() -> list[str]:
    folder = _path("gazetteers")
    if not folder.is_dir():
        return []
    return sorted(f"gazetteers/{p.name}" for p in folder.iterdir() if p.name.endswith(".jsonl"))
