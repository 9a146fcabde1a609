"""Read the data packs shipped in graphkit/data (gazetteers, lexicons, schema, style).

Everything an analyst may edit lives in a data file; code reads it through these helpers so that the
files can be found inside an installed wheel too. Each read is recorded (file, and for YAML the keys the
loader takes), so that a test can check the data READMEs against what code actually reads.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

import yaml

# "file" and "file:key" (nested keys as "file:*.key", dotted sub-keys as "file:key.sub") that some loader read
USED: set[str] = set()


def _path(name: str) -> resources.abc.Traversable:
    node = resources.files("graphkit") / "data"
    for part in name.split("/"):
        node = node / part
    return node


def exists(name: str) -> bool:
    return _path(name).is_file()


def used(name: str, *keys: str) -> None:
    """Record that a loader reads these keys of a data file."""
    USED.add(name)
    USED.update(f"{name}:{k}" for k in keys)


@cache
def read_text(name: str) -> str:
    USED.add(name)
    return _path(name).read_text(encoding="utf-8")


@cache
def _yaml(name: str) -> Any:
    return yaml.safe_load(read_text(name)) if exists(name) else {}


def read_yaml(name: str, *, keys: Iterable[str] = (), nested_keys: Iterable[str] = ()) -> Any:
    """A YAML file; `keys` are the top-level keys the caller reads, `nested_keys` those it reads in every
    top-level entry (files keyed by event type or relation type)."""
    used(name, *keys, *(f"*.{k}" for k in nested_keys))
    return _yaml(name)


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


def _names(folder: str, suffix: str) -> list[str]:
    node = _path(folder)
    if not node.is_dir():
        return []
    return sorted(f"{folder}/{p.name}" for p in node.iterdir() if p.name.endswith(suffix))


def gazetteer_names() -> list[str]:
    return _names("gazetteers", ".jsonl")


def lexicon_text_files() -> list[str]:
    """Every one-entry-per-line lexicon (lexicons/*.txt)."""
    return _names("lexicons", ".txt")
