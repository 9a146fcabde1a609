"""Decisions on real runs (the trained model): kept across re-runs, new documents and `graphkit resolve`."""

import json

import pytest

from graphkit.cli import cli
from graphkit.graph import load_graph

pytestmark = pytest.mark.model

ARTICLE_A = ("Tomas Ferreira, a police commander, said the Border Security Directorate detained twelve farmers in "
             "Valdoria on Monday. Speaking to reporters, Tomas Ferreira denied that the detainees were beaten, and "
             "Ferreira said the Border Security Directorate acted lawfully.\n")
ARTICLE_B = ("The Directorate of Border Security rejected the report on Tuesday. Human rights lawyer Mira Okafor "
             "said the farmers were beaten in custody by the Directorate of Border Security.\n")
NEW_ARTICLE = "Mira Okafor met Tomas Ferreira in the capital of Valdoria on Wednesday.\n"


def _ids(out):
    return {e.id: e for e in load_graph(out / "graph.json").entities}


def _run(runner, out, *inputs, decisions=None):
    args = ["run", *map(str, inputs), "--out", str(out), "--no-map"]
    if decisions:
        args += ["--decisions", str(decisions)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    return _ids(out)


def test_decisions_ids_and_judgements_survive_new_documents_and_resolve(runner, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "b_agency.txt").write_text(ARTICLE_A, encoding="utf-8")
    (src / "c_lawyer.txt").write_text(ARTICLE_B, encoding="utf-8")
    first = _run(runner, tmp_path / "o1", src / "b_agency.txt", src / "c_lawyer.txt")
    assert {"border-security-directorate", "directorate-of-border-security", "tomas-ferreira"} <= set(first)

    # one new document, read first: every id stays
    (src / "a_meeting.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    second = _run(runner, tmp_path / "o2", src)
    assert set(first) <= set(second)

    decisions = tmp_path / "decisions.jsonl"
    decisions.write_text("\n".join(json.dumps(row) for row in [
        {"left": "Border Security Directorate", "right": "directorate-of-border-security", "judgement": "same",
         "by": "analyst", "at": "2026-01-02T10:00:00Z"},
        {"left": "tomas-ferreira", "right": "Ferreira", "judgement": "different", "by": "analyst",
         "at": "2026-01-02T10:01:00Z", "note": "two men of that name"},
    ]) + "\n", encoding="utf-8")
    third = _run(runner, tmp_path / "o3", src, decisions=decisions)
    # the merged agency takes the id of its fullest name
    assert "directorate-of-border-security" in third and "border-security-directorate" not in third
    agency = third["directorate-of-border-security"]
    assert "Border Security Directorate" in agency.aliases and agency.decisions
    assert "tomas-ferreira" in third and "ferreira" in third  # the split: both sides named, both stable
    assert "two men of that name" in third["ferreira"].decisions[0]
    assert set(second) - {"border-security-directorate"} <= set(third)

    # the same decisions on the existing graph, without re-extracting, give the same graph
    applied = runner.invoke(cli, ["resolve", "--graph", str(tmp_path / "o2"), "--decisions", str(decisions),
                                  "--no-map"])
    assert applied.exit_code == 0, applied.output
    resolved = _ids(tmp_path / "o2")
    assert set(resolved) == set(third)
    assert resolved["ferreira"].decisions == third["ferreira"].decisions
    # and a fourth run with the decisions keeps every id of the third
    assert set(_run(runner, tmp_path / "o4", src, decisions=decisions)) == set(third)


def test_decisions_resolve_again_without_decisions_reproduces_the_seeds_run(seeds_run, tmp_path):
    """The extraction records are lossless and resolution is deterministic: ids and all come back the same."""
    import shutil

    from graphkit.pipeline import resolve_again

    _, out = seeds_run
    for name in ("graph.json", "results.jsonl"):
        shutil.copy(out / name, tmp_path / name)
    resolve_again(tmp_path, [], write_map=False)
    assert json.loads((tmp_path / "graph.json").read_text(encoding="utf-8")) == json.loads(
        (out / "graph.json").read_text(encoding="utf-8"))
