"""The run and export commands' scale options through the CLI."""

from __future__ import annotations

import json

from graphkit.cli import cli
from tests.scale.corpus import write_folder


def test_cli_run_twice_adds_nothing_the_second_time(runner, tmp_path):
    folder = write_folder(tmp_path / "in", range(3))
    out = tmp_path / "out"
    first = runner.invoke(cli, ["run", str(folder), "--out", str(out), "--workers", "2", "--no-map"])
    assert first.exit_code == 0, first.output
    assert "3 documents" in first.output and (out / "results.jsonl").exists()
    second = runner.invoke(cli, ["run", str(folder), "--out", str(out), "--workers", "2", "--no-map"])
    assert second.exit_code == 0, second.output
    assert "0 documents extracted (0 replaced), 3 already in" in second.output
    fresh = runner.invoke(cli, ["run", str(folder), "--out", str(out), "--fresh", "--workers", "1", "--no-map"])
    assert fresh.exit_code == 0 and "already in" not in fresh.output


def test_cli_export_neo4j_admin_writes_a_folder(runner, tmp_path):
    from graphkit.graph import save_graph
    from tests.test_graph import tiny_graph

    graph = save_graph(tiny_graph(), tmp_path / "graph.json")
    args = ["export", "--graph", str(graph), "--format", "neo4j-admin", "-o"]
    result = runner.invoke(cli, [*args, str(tmp_path / "csv")])
    assert result.exit_code == 0, result.output
    command = (tmp_path / "csv/import-command.txt").read_text(encoding="utf-8")
    assert "neo4j-admin database import full neo4j" in command and "nodes-document.csv" in command
    clash = runner.invoke(cli, [*args, str(graph)])
    assert clash.exit_code != 0 and "is a file" in clash.output
    as_json = runner.invoke(cli, ["export", "--graph", str(graph), "--format", "json", "-o", str(tmp_path / "g.json")])
    assert as_json.exit_code == 0 and json.loads((tmp_path / "g.json").read_text())["entities"]
