"""The data READMEs and the loaders agree: every documented file and key is read, nothing undocumented is."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import yaml

from graphkit import data_files, lexicons, names

DATA = Path(str(resources.files("graphkit") / "data"))
_ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|([^|]*)\|")


def _documented() -> set[str]:
    """'file' and 'file:key' entries of the README tables (data/README.md and data/lexicons/README.md)."""
    out: set[str] = set()
    for readme, prefix in ((DATA / "README.md", ""), (DATA / "lexicons" / "README.md", "lexicons/")):
        for line in readme.read_text(encoding="utf-8").splitlines():
            match = _ROW.match(line)
            if not match or match.group(1).endswith("/"):
                continue
            name = prefix + match.group(1)
            out.add(name)
            out.update(f"{name}:{key}" for key in re.findall(r"`([^`]+)`", match.group(2)))
    return out


def _read_by_code() -> set[str]:
    lexicons.load_all()
    names.gazetteer_rows()
    return {u for u in data_files.USED if not u.startswith("gazetteers/")}


def test_every_documented_data_file_and_key_is_read_by_code() -> None:
    assert _documented() - _read_by_code() == set()


def test_nothing_is_read_that_the_readmes_do_not_document() -> None:
    assert _read_by_code() - _documented() == set()


def test_every_data_file_is_documented() -> None:
    documented = {d.split(":")[0] for d in _documented()}
    on_disk = {str(p.relative_to(DATA)) for p in DATA.rglob("*") if p.is_file() and p.suffix in (".txt", ".yaml")}
    assert on_disk - documented == set()
    gazetteer_readme = (DATA / "gazetteers" / "README.md").read_text(encoding="utf-8")
    for path in (DATA / "gazetteers").glob("*.jsonl"):
        assert f"## {path.name}" in gazetteer_readme


def test_yaml_files_hold_no_key_that_no_loader_reads() -> None:
    documented = _documented()
    for name in sorted(d for d in documented if d.endswith(".yaml") and ":" not in d):
        keys = {d.split(":", 1)[1] for d in documented if d.startswith(name + ":")}
        if not keys:
            continue  # a mapping whose keys are data (class_nouns, group_glossary)
        raw = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
        nested = {k[2:] for k in keys if k.startswith("*.")}
        for top, value in raw.items():
            if nested:
                assert isinstance(value, dict) and set(value) <= nested, f"{name}: {top} has unread keys"
            else:
                assert top in keys, f"{name}: key {top!r} is read by no loader"
                sub = {k.split(".", 1)[1] for k in keys if k.startswith(top + ".")}
                if isinstance(value, dict) and sub:  # a mapping keyed by data (labels, types) has no sub-keys
                    assert set(value) <= sub, f"{name}: {top} has unread keys {set(value) - sub}"
