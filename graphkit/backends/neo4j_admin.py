"""CSV files for `neo4j-admin database import full`: the fastest first load of a large graph.

The rows are those of the Bolt writer (node_rows, relationship_rows), so an import holds the same
nodes, relationships and properties as `graphkit load`: relationships the writer would MERGE into one
are written once, and relationships whose end is missing (which the writer's MATCH would skip) are
left out. Ids live in one id space per node label. The command to run is written beside the files.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphkit import lexicons
from graphkit.backends import neo4j_counts, neo4j_keys
from graphkit.backends.neo4j import node_rows, relationship_rows
from graphkit.errors import SchemaError
from graphkit.types import GraphData

# between the values of an array property and between labels; text never holds this control character
ARRAY_DELIMITER = "\x1f"
COMMAND_FILE = "import-command.txt"


@dataclass
class AdminExport:
    folder: Path
    node_files: list[tuple[str, Path]]  # (first label, file)
    relationship_files: list[tuple[str, Path]]  # (type, file)
    nodes: int
    relationships: int

    def arguments(self, database: str = "neo4j") -> list[str]:
        """The arguments after `neo4j-admin` that import these files into `database`."""
        # the database name comes first: after --nodes/--relationships it would be read as one more file
        args = ["database", "import", "full", database, "--array-delimiter=U+001F", "--multiline-fields=true",
                "--overwrite-destination=true"]
        args += [f"--nodes={path}" for _, path in self.node_files]
        args += [f"--relationships={path}" for _, path in self.relationship_files]
        return args


def _kind(values: Iterable[Any]) -> str:
    """The CSV header type of a property from the Python values it takes."""
    values = [v for v in values if v is not None]
    kinds = {type(v) for v in values}
    if kinds <= {list, tuple} and kinds:  # a list of numbers (the role counts' confidences) or of strings
        items = {type(x) for v in values for x in v}
        return ":double[]" if items and items <= {int, float} else ":string[]"
    if kinds <= {bool} and kinds:
        return ":boolean"
    if kinds <= {int} and kinds:
        return ":long"
    if kinds <= {int, float} and kinds:
        return ":double"
    return ""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ARRAY_DELIMITER.join(str(v).replace(ARRAY_DELIMITER, " ") for v in value)
    return str(value).replace(ARRAY_DELIMITER, " ")


def _write(path: Path, header: list[str], rows: Iterable[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _write_derived(graph: GraphData, entity_rows: list[dict[str, Any]], out: Path, export: AdminExport) -> None:
    """The role counts (neo4j_counts) and entity keys (neo4j_keys) a Bolt load keeps, with their state
    nodes, so the imported database pages its role tables and finds names off them too. Derived nodes:
    not counted in export.nodes, as count_graph leaves them out."""
    for label, rows in ((neo4j_counts.LABEL, neo4j_counts.summary_rows(graph)),
                        (neo4j_keys.LABEL, neo4j_keys.admin_rows(entity_rows)),
                        (neo4j_counts.STATE_LABEL, [neo4j_counts.state_row(), neo4j_keys.state_row()])):
        if not rows:
            continue
        keys = list(dict.fromkeys(k for row in rows for k in row if k != "id"))
        header = [f"id:ID({label})", *(k + _kind(r.get(k) for r in rows) for k in keys), ":LABEL"]
        path = out / f"nodes-{label.lower()}.csv"
        _write(path, header, ([row["id"], *(_cell(row.get(k)) for k in keys), label] for row in rows))
        export.node_files.append((label, path))


def export_neo4j_admin(graph: GraphData, folder: str | Path) -> AdminExport:
    """Write nodes-*.csv and relationships-*.csv into folder, and the import command beside them."""
    schema = lexicons.schema()
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    export = AdminExport(out, [], [], 0, 0)
    ids: dict[str, set[str]] = {}
    nodes = node_rows(graph)
    for key, rows in nodes.items():
        labels = key.split(":")
        if labels[0] not in schema.node_labels or any(lbl not in schema.entity_types for lbl in labels[1:]):
            raise SchemaError(f"label {key} is not in the closed schema; nothing was written")
        unique = {row["id"]: row for row in rows}  # the writer MERGEs on id: the last row wins
        if not unique:
            continue
        seen = ids.setdefault(labels[0], set())
        keys = sorted({k for row in unique.values() for k in row["props"]})
        header = [f"id:ID({labels[0]})", *(k + _kind(r["props"].get(k) for r in unique.values()) for k in keys),
                  ":LABEL"]
        label_cell = ARRAY_DELIMITER.join(labels)
        path = out / f"nodes-{'-'.join(labels).lower()}.csv"
        fresh = {i: row for i, row in unique.items() if i not in seen}
        _write(path, header, ([i, *(_cell(row["props"].get(k)) for k in keys), label_cell] for i, row in fresh.items()))
        seen.update(fresh)
        export.node_files.append((labels[0], path))
        export.nodes += len(fresh)
    _write_derived(graph, [row for key, rows in nodes.items() if key.split(":")[0] == "Entity" for row in rows],
                   out, export)
    for kind, rows in relationship_rows(graph).items():
        if kind not in schema.relationship_types:
            raise SchemaError(f"relationship type {kind} is not in the closed schema; nothing was written")
        start_label, end_label = schema.relationship_types[kind]
        unique_rels: dict[tuple[Any, ...], dict[str, Any]] = {}
        for row in rows:
            if row["a"] not in ids.get(start_label, ()) or row["b"] not in ids.get(end_label, ()):
                continue
            identity = (row["a"], row["b"], row["doc"], row["start"], row.get("relation"))
            unique_rels.setdefault(identity, {}).update({"doc": row["doc"], "start": row["start"], **row["props"]})
        if not unique_rels:
            continue
        if kind == "TRIPLE":
            for identity, props in unique_rels.items():
                props["relation"] = identity[4]
        keys = sorted({k for props in unique_rels.values() for k in props})
        header = [f":START_ID({start_label})", f":END_ID({end_label})",
                  *(k + _kind(p.get(k) for p in unique_rels.values()) for k in keys), ":TYPE"]
        path = out / f"relationships-{kind.lower()}.csv"
        _write(path, header, ([identity[0], identity[1], *(_cell(props.get(k)) for k in keys), kind]
                              for identity, props in unique_rels.items()))
        export.relationship_files.append((kind, path))
        export.relationships += len(unique_rels)
    (out / COMMAND_FILE).write_text(
        "# stop the server (or use a new database), then:\nneo4j-admin " + " ".join(export.arguments()) + "\n",
        encoding="utf-8")
    return export
