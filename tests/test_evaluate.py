"""graphkit evaluate: the scorer's measures, and the seed scores as a regression guard."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graphkit.cli import cli
from graphkit.evaluate import PRF, align, load_annotations, score
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


def test_evaluate_can_align_entities_within_their_documents(tmp_path):
    gold = {"g-eg": {"name": "security forces", "docs": ["eg"]}, "g-ir": {"name": "security forces", "docs": ["ir"]}}
    system = {"z-eg": {"name": "security forces", "docs": ["eg"]}, "a-ir": {"name": "security forces", "docs": ["ir"]}}
    assert align(gold, system) == {"z-eg": "g-ir", "a-ir": "g-eg"}  # names alone: id order decides
    assert align(gold, system, within_documents=True) == {"z-eg": "g-eg", "a-ir": "g-ir"}
    # a gold entity annotated in two files occurs in both documents
    for doc in ("eg", "ir"):
        (tmp_path / f"{doc}.json").write_text(json.dumps({"entities": [
            {"id": "un", "name": "UN", "type": "Organization", "docs": [doc]}]}))
    assert load_annotations(tmp_path)["entities"]["un"]["docs"] == ["eg", "ir"]


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


DATA = Path(__file__).resolve().parent / "data"
DEV_DOCS = sorted((DATA / "corpus" / "dev").glob("*.txt"))
HALF_A = ("0", "a01", "a02", "a03", "a04", "b01", "b02", "b03", "b04", "c01", "c02", "c03", "c04",
          "d01", "d02", "d03", "d04")  # the seeds and the files numbered 1-4; half B is those numbered 5-8


@pytest.fixture(scope="module")
def dev_run(tmp_path_factory):
    """`graphkit run` on the development set (seeds + dev articles), scored by `graphkit evaluate` on the
    whole set and on each half."""
    from click.testing import CliRunner

    runner = CliRunner()
    out = tmp_path_factory.mktemp("dev-run")
    docs = [str(p) for p in sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))]
    docs += [str(p) for p in DEV_DOCS]
    result = runner.invoke(cli, ["-q", "run", *docs, "--out", str(out), "--no-map"])
    assert result.exit_code == 0, result.output
    gold_files = sorted((DATA / "gold" / "seeds").glob("*.json")) + sorted((DATA / "gold" / "dev").glob("*.json"))
    scores = {}
    for half, keep in (("all", lambda n: True), ("A", lambda n: n.startswith(HALF_A)),
                       ("B", lambda n: not n.startswith(HALF_A))):
        gold = out / f"gold-{half}"
        gold.mkdir()
        for f in gold_files:
            if keep(f.name):
                (gold / f.name).write_bytes(f.read_bytes())
        graph = json.loads((out / "graph.json").read_text())
        ids = {f.stem for f in gold.glob("*.json")}
        graph["events"] = [e for e in graph["events"] if e["doc"] in ids]
        graph["relations"] = [r for r in graph["relations"] if r["doc"] in ids]
        graph["entities"] = [dict(e, docs=[d for d in e["docs"] if d in ids]) for e in graph["entities"]]
        graph["entities"] = [e for e in graph["entities"] if e["docs"]]
        path = out / f"graph-{half}.json"
        path.write_text(json.dumps(graph))
        run = runner.invoke(cli, ["evaluate", "--gold", str(gold), "--graph", str(path), "--json"])
        assert run.exit_code == 0, run.output
        scores[half] = json.loads(run.output)
        run = runner.invoke(cli, ["evaluate", "--gold", str(gold), "--graph", str(path), "--json",
                                  "--align-within-documents"])
        assert run.exit_code == 0, run.output
        scores[f"{half}/doc"] = json.loads(run.output)
    return scores, out


@pytest.fixture(scope="module")
def dev_scores(dev_run):
    return dev_run[0]


# Floors just under the development scores measured when they were last raised: a regression fails CI.
# "all" is the project's scorer on the whole set. The project's scorer matches entities by names alone, so
# gold groups sharing a name across documents ("security forces" of five countries) go to same-named
# entities of ours in id order, and an id change alone moves a half by 0.03. The ".../doc" scores match an
# entity only within the documents it occurs in: those floors hold the halves, and the whole set too.
# Lowered once, on purpose: rules right in one development document only (complicity, help-of, against,
# role-list-head, role-accused-object, nickname-join, and the contest trigger and source) were dropped as special
# cases (see `graphkit evaluate --by-rule`); their facts were worth links -0.008 and relations -0.012 here and
# nothing we can show elsewhere. Whole set, scorer: entities 0.910, links 0.479, sources 0.557, doc_events
# 0.934, relations 0.416; within documents: links 0.513, sources 0.570, relations 0.447; A / B within
# documents: links 0.513 / 0.504, sources 0.570 / 0.579.
# Relations raised (relations3): whole set 0.458 (A 0.461, B 0.471); within documents 0.491 (A 0.479, B 0.522).
# Raised with the groups and acronyms work (groups3) merged on top: whole set entities 0.928, links 0.497,
# sources 0.568, relations 0.491; within documents links 0.531 (A 0.526, B 0.531), sources 0.582 (A 0.570,
# B 0.607), relations 0.507.
# Links: role-fallback-paragraph kept (right in 8 documents); role-listed-people ("the four suspects are A,
# B, C and D" ... "four officers") dropped, right in one document only (worth links +0.049 there, all of it
# in that document). Whole set 0.500 (A 0.456, B 0.538); within documents 0.534 (A 0.526, B 0.538).
# Raised with the lead's methods of 2026-11-30 (merge-group-head 'of' phrases, government-of-place, longer
# names after a government pattern, the country's institutions, payers, arrests for a crime, doers of
# misplaced past tenses, 'working as' doers, state agents, prosecuted dissent): whole set links 0.536 (A 0.491,
# B 0.576), doc_events 0.939, relations 0.503; within documents links 0.575 (A 0.570, B 0.576), relations 0.519.
# Links raised (frames, merged on the above): the sanction frame, acts listed as examples of a frame's wider
# word (and of its doer), acts blamed in a clause on them, a misplaced participle of doing, pair triggers kept
# to their own clause, a death in custody making the arrest abusive, fallback doers that skip other verbs'
# agents and a state body's partners: whole set links 0.573 (A 0.524, B 0.617); within documents 0.612
# (A 0.604, B 0.617).
# With the sanction frame and the half-A fixes (frames) and the country's institutions by name: whole set
# entities 0.931, links 0.580 (A 0.536, B 0.617); within documents links 0.620 (A 0.616, B 0.617).
# With role-guessed-source (2026-11-30): links 0.584 (A 0.536, B 0.626); within documents 0.623 (A 0.616, B 0.626).
FLOORS = {"all": {"entities": 0.928, "links": 0.58, "sources": 0.565, "doc_events": 0.94, "relations": 0.50},
          "all/doc": {"links": 0.62, "sources": 0.575, "relations": 0.515},
          "A/doc": {"links": 0.61, "sources": 0.565},
          "B/doc": {"links": 0.62, "sources": 0.60}}


@pytest.mark.model
@pytest.mark.parametrize(("half", "measure"), [(h, m) for h, ms in FLOORS.items() for m in ms])
def test_development_scores_do_not_regress(dev_scores, half, measure):
    assert dev_scores[half][measure]["f1"] >= FLOORS[half][measure]


# Issue 10's targets on the whole development set; strict xfail flips to a failure when one is met,
# so it must then move into FLOORS.
TARGETS = {"links": 0.55, "sources": 0.55, "doc_events": 0.88, "entities": 0.85, "relations": 0.45}
REACHED: set[str] = {"entities", "doc_events", "sources", "relations", "links"}


@pytest.mark.model
@pytest.mark.parametrize("measure", sorted(TARGETS))
def test_development_scores_reach_the_issue_targets(dev_scores, measure, request):
    if measure not in REACHED:
        request.applymarker(pytest.mark.xfail(strict=True, reason="issue 10 target not reached yet"))
    assert dev_scores["all"][measure]["f1"] >= TARGETS[measure]


HALVES_AGREE = {"links", "sources"}  # measures whose halves are within 0.10 of each other (issue 10); the others xfail


@pytest.mark.model
@pytest.mark.parametrize("measure", ["links", "sources"])
def test_development_halves_agree(dev_scores, measure, request):
    if measure not in HALVES_AGREE:
        request.applymarker(pytest.mark.xfail(strict=True, reason="issue 10: halves not yet within 0.10"))
    assert abs(dev_scores["A"][measure]["f1"] - dev_scores["B"][measure]["f1"]) <= 0.10


@pytest.mark.model
def test_evaluate_agrees_with_the_project_scorer_on_the_development_set(dev_run):
    if not SCORER.is_file():
        pytest.skip(f"the project scorer is not beside this checkout ({SCORER})")
    scores, out = dev_run
    for half in ("all", "A", "B"):
        theirs = subprocess.run([sys.executable, str(SCORER), "--gold", str(out / f"gold-{half}"),
                                 "--system", str(out / f"graph-{half}.json"), "--json"],
                                capture_output=True, text=True, check=True)
        assert scores[half] == json.loads(theirs.stdout)


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


@pytest.mark.model
def test_confidence_is_calibrated_on_the_development_set(dev_run, runner):
    """Facts of a confidence bin are right about as often as the bin says, and a 0.7 threshold keeps facts
    of which about 70 % or more are right (fails when the rules change and benchmarks/calibrate.py is not rerun)."""
    from graphkit.evaluate import confident_part, load_annotations, score
    from graphkit.evaluate_reliability import MEASURES, ece, scored_facts

    out = dev_run[1]
    result = runner.invoke(cli, ["evaluate", "--gold", str(out / "gold-all"), "--graph", str(out / "graph-all.json"),
                                 "--reliability"])
    assert result.exit_code == 0, result.output
    assert "mean conf" in result.output and "ECE" in result.output
    gold, system = load_annotations(out / "gold-all"), load_annotations(out / "graph-all.json")
    scored = scored_facts(gold, system)
    for measure in MEASURES:
        assert ece(scored[measure]) <= 0.15, measure
    kept = score(gold, confident_part(system, 0.7))
    for measure in MEASURES:
        assert getattr(kept, measure).p >= 0.65, measure


def test_by_rule_counts_each_rules_facts_documents_and_right_ones(tmp_path, runner):
    gold = {"entities": [{"id": "a", "name": "Alpha Corps", "type": "Organization", "docs": ["d1", "d2"]},
                         {"id": "w", "name": "Watch Group", "type": "Organization", "docs": ["d1"]}],
            "events": [{"id": "e1", "type": "killing", "doc": "d1", "perpetrators": ["a"], "sources": ["w"]},
                       {"id": "e2", "type": "killing", "doc": "d2", "perpetrators": ["a"]}],
            "documents": [{"id": "d1"}, {"id": "d2"}]}
    system = {"entities": [{"id": "alpha", "name": "Alpha Corps", "type": "Organization", "docs": ["d1", "d2"]},
                           {"id": "watch", "name": "Watch Group", "type": "Organization", "docs": ["d1"]}],
              "events": [{"id": "s1", "type": "killing", "doc": "d1", "rules": ["trigger-verb"],
                          "perpetrators": ["alpha", "watch"], "sources": ["watch"],
                          "role_rules": {"perpetrators|alpha": ["role-active-subject"],
                                         "perpetrators|watch": ["role-passive-agent"],
                                         "sources|watch": ["source-reporting-verb"]}},
                         {"id": "s2", "type": "killing", "doc": "d2", "rules": ["trigger-verb"],
                          "perpetrators": ["alpha"], "role_rules": {"perpetrators|alpha": ["role-active-subject"]}}],
              "relations": [], "documents": [{"id": "d1"}, {"id": "d2"}]}
    (tmp_path / "g.json").write_text(json.dumps(gold))
    (tmp_path / "s.json").write_text(json.dumps(system))
    from graphkit.evaluate_rules import count_by_rule

    counts = {c.name: c for c in count_by_rule(load_annotations(tmp_path / "g.json"),
                                               load_annotations(tmp_path / "s.json"))}
    subject, agent = counts["role-active-subject"], counts["role-passive-agent"]
    # the same (actor, type) pair in two documents is one fact, found in two documents
    assert (subject.produced, subject.right, subject.docs, subject.right_docs) == (1, 1, 2, 2)
    assert (agent.produced, agent.right, agent.docs, agent.right_docs) == (1, 0, 1, 0)
    assert counts["trigger-verb"].docs == 2 and counts["role-noun-of"].produced == 0
    result = runner.invoke(cli, ["evaluate", "--gold", str(tmp_path / "g.json"), "--graph", str(tmp_path / "s.json"),
                                 "--by-rule"])
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines() if line.strip()}
    assert lines["source-reporting-verb"].split()[1:] == ["source", "1", "1", "1.000", "1", "1", "one", "document"]
    assert lines["role-active-subject"].split()[1:] == ["role", "1", "1", "1.000", "2", "2"]
