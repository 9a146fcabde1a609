"""graphkit evaluate: the scorer's measures, and the seed scores as a regression guard."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graphkit.cli import cli
from graphkit.evaluate import PRF, align, score
from tests.conftest import GOLD

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"


def test_evaluate_prf_and_one_to_one_alignment():
    assert PRF.of({1, 2, 3}, {2, 3, 4, 5}).__dict__ == {"p": 0.667, "r": 0.5, "f1": 0.571, "tp": 2, "sys": 3, "gold": 4}
    gold = {"g1": {"name": "Nicolás Maduro", "aliases": ["Maduro"]}, "g2": {"name": "Maduro regime"}}
    system = {"s1": {"name": "Nicolas Maduro"}, "s2": {"name": "Maduro"}}
    assert align(gold, system) == {"s1": "g1"}


def test_evaluate_undirected_relations_and_unmatched_entities():
    gold = {"entities": {"a": {"name": "A", "type": "Person"}, "b": {"name": "B", "type": "Organization"}},
            "events": [], "relations": [{"source": "a", "type": "ALLIED_WITH", "target": "b"}]}
    system = {"entities": {"x": {"name": "B", "type": "Organization"}, "y": {"name": "A", "type": "Person"},
                           "z": {"name": "Zed", "type": "Person"}},
              "events": [], "relations": [{"source": "x", "type": "ALLIED_WITH", "target": "y"}]}
    s = score(gold, system)
    assert s.relations.f1 == 1.0
    assert s.entities.sys == 3 and s.entities.tp == 2 and s.extra_entities == ["Zed"]


@pytest.mark.model
def test_evaluate_agrees_with_the_project_scorer(seeds_run, runner):
    if not SCORER.is_file():
        pytest.skip(f"the project scorer is not beside this checkout ({SCORER})")
    _, out = seeds_run
    ours = runner.invoke(cli, ["evaluate", "--gold", str(GOLD), "--graph", str(out / "graph.json"), "--json"])
    assert ours.exit_code == 0, ours.output
    theirs = subprocess.run([sys.executable, str(SCORER), "--gold", str(GOLD), "--system", str(out / "graph.json"),
                             "--json"], capture_output=True, text=True, check=True)
    assert json.loads(ours.output) == json.loads(theirs.stdout)


def _seed_scores(seeds_run, runner):
    _, out = seeds_run
    result = runner.invoke(cli, ["evaluate", "--gold", str(GOLD), "--graph", str(out / "graph.json"), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.model
def test_evaluate_seed_scores_do_not_regress(seeds_run, runner):
    """Floors just under the scores measured when this test was written; raise them as quality rises."""
    s = _seed_scores(seeds_run, runner)
    assert s["entities"]["f1"] >= 0.89
    assert s["entity_type_accuracy"] >= 0.92
    assert s["links"]["f1"] >= 0.70
    assert s["sources"]["f1"] >= 0.65
    assert s["doc_events"]["f1"] >= 0.89
    assert s["relations"]["f1"] >= 0.58


@pytest.mark.model
def test_evaluate_seed_scores_reach_the_issue_targets(seeds_run, runner):
    """Issue 4's targets, measured by `graphkit evaluate` on the seed gold."""
    s = _seed_scores(seeds_run, runner)
    assert s["entities"]["f1"] >= 0.85 and s["entity_type_accuracy"] >= 0.9
    assert s["links"]["f1"] >= 0.70
    assert s["sources"]["f1"] >= 0.60
    assert s["doc_events"]["f1"] >= 0.85
    assert s["relations"]["f1"] >= 0.50


def test_show_errors_lists_misses_with_causes_and_false_hits():
    from graphkit.evaluate_errors import find_errors, format_errors

    text = "The Blue Brigade seized the mayor. Later the Red Unit beat him, the Green Watch said."
    gold = {"entities": {"blue": {"name": "Blue Brigade", "type": "Organization", "docs": ["d"]},
                         "red": {"name": "Red Unit", "type": "Organization", "docs": ["d"]}},
            "events": [{"type": "torture", "doc": "d", "perpetrators": ["red"], "sources": [],
                        "evidence": "Later the Red Unit beat him."},
                       {"type": "detention", "doc": "d", "perpetrators": ["blue"]}],
            "relations": [], "documents": []}
    system = {"entities": {"b": {"name": "Blue Brigade", "type": "Organization", "docs": ["d"]},
                           "g": {"name": "Green Watch", "type": "Organization", "docs": ["d"]}},
              "events": [{"type": "torture", "doc": "d", "perpetrators": ["g"], "evidence": "the Green Watch said."},
                         {"type": "detention", "doc": "d", "perpetrators": []}],
              "relations": [], "documents": [{"id": "d", "text": text}]}
    items = find_errors(gold, system)
    links = {(i.kind, i.names, i.cause) for i in items if i.measure == "links"}
    assert links == {("miss", "Red Unit -> torture", "actor-missing"),
                     ("miss", "Blue Brigade -> detention", "not-attached"),
                     ("false", "Green Watch (unmatched) -> torture", "")}
    blue = next(i for i in items if i.names == "Blue Brigade -> detention")
    assert blue.evidence == ("The Blue Brigade seized the mayor.",)  # no gold evidence: sentences naming the actor
    assert "links: 2 misses (actor-missing 1, not-attached 1), 1 false hits" in format_errors(items)


def test_cli_show_errors(tmp_path, runner):
    gold = {"entities": [{"id": "a", "name": "Alpha Corps", "type": "Organization"}],
            "events": [{"id": "e", "type": "killing", "doc": "d", "perpetrators": ["a"],
                        "evidence": "Alpha Corps shot."}]}
    system = {"entities": [], "events": [], "relations": [], "documents": [{"id": "d", "text": "Alpha Corps shot."}]}
    (tmp_path / "g.json").write_text(json.dumps(gold))
    (tmp_path / "s.json").write_text(json.dumps(system))
    result = runner.invoke(cli, ["evaluate", "--gold", str(tmp_path / "g.json"), "--graph", str(tmp_path / "s.json"),
                                 "--show-errors"])
    assert result.exit_code == 0, result.output
    assert "[links miss actor-missing] Alpha Corps -> killing  (d)" in result.output
    assert "| Alpha Corps shot." in result.output
