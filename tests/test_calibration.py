"""Calibrated confidence: rules' precisions combined per fact, facts kept by threshold, the refit script."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from graphkit import calibration, lexicons
from graphkit.calibration_fit import Row, fit_logistic
from graphkit.evaluate import confident_part
from graphkit.evaluate_reliability import bins, brier, ece, format_reliability, scored_facts
from graphkit.lexicons import ConfidenceModel
from graphkit.types import Event, Mention, Provenance

ROOT = Path(__file__).resolve().parent.parent


def _cal(models=None):
    return calibration.Calibration({"a": calibration.RuleStats(8, 6), "b": calibration.RuleStats(3, 1)},
                                   models or {})


def test_noisy_or_of_calibrated_rules():
    cal = _cal()
    assert cal.rule_precision("a", "trigger") == pytest.approx(0.7)  # (6 + 1) / (8 + 2)
    assert cal.rule_precision("unknown", "trigger") == calibration.UNCALIBRATED
    assert cal.noisy_or(["a", "b"], "trigger") == pytest.approx(1 - 0.3 * 0.6)
    event = Event("e", "torture", "d", "beat", Provenance("d", "", 0, 0), perpetrators=["x", "y"], rules=["a"],
                  role_rules={"perpetrators|x": ["a"], "perpetrators|y": ["b"]})
    calibration.calibrate_event(event, {"a": "trigger", "b": "role"}, cal=cal)
    assert event.confidence == pytest.approx(0.7)
    assert event.role_confidence == {"perpetrators|x": 0.7, "perpetrators|y": 0.4}
    assert calibration.keep_confident(event, 0.5).perpetrators == ["x"]


def test_a_rule_never_counted_gets_its_kinds_prior():
    cal = _cal({"sources": ConfidenceModel("noisy-or", 0.3, {})})
    assert cal.rule_precision("rule-added-since-the-fit", "sources") == pytest.approx(0.3)
    assert cal.rule_precision("rule-added-since-the-fit", "trigger") == calibration.UNCALIBRATED
    assert cal.rule_precision("a", "sources") == pytest.approx((6 + 2 * 0.3) / (8 + 2))  # shrunk to the prior


def _mention(key, text, start, entity_type="Organization", canonical_id=None):
    return Mention(key, text, entity_type, "d", start, start + len(text), 0, 80, canonical_id=canonical_id)


def test_the_model_reads_the_actor_not_only_the_rules():
    """Same rules, same event: a named body mentioned twice is trusted more than an unnamed group."""
    models = {"perpetrators": ConfidenceModel("model", 0.5, {"bias": 0.0, "rules_logit": 1.0, "group": -1.5,
                                                             "mentions": 1.0})}
    mentions = [_mention("d:0", "the Harbour Guard", 0), _mention("d:40", "gunmen", 40, "Group"),
                _mention("d:60", "the Harbour Guard", 60)]
    event = Event("e", "killing", "d", "shot", Provenance("d", "", 30, 34), perpetrators=["d:0", "d:40"],
                  rules=["a"], role_rules={"perpetrators|d:0": ["b"], "perpetrators|d:40": ["b"]})
    calibration.calibrate_event(event, {"a": "trigger"}, calibration.DocContext.of(mentions), _cal(models))
    named, group = event.role_confidence["perpetrators|d:0"], event.role_confidence["perpetrators|d:40"]
    rule_only = calibration.predict({"bias": 0.0, "rules_logit": 1.0}, {"rules_logit": calibration.logit(0.4)})
    assert group < rule_only < named
    # a model weight for a feature the code no longer computes is ignored, not an error
    assert calibration.predict({"bias": 0.0, "retired_feature": 5.0}, {}) == pytest.approx(0.5)


def test_calibration_is_a_function_of_the_evidence():
    """Recomputing gives the same confidences (the refit script recalibrates extracted events in place)."""
    cal = _cal({"trigger": ConfidenceModel("model", 0.7, {"bias": 0.2, "has_victim": 1.0})})
    event = Event("e", "detention", "d", "held", Provenance("d", "", 0, 4), victims=["v"], rules=["a"],
                  role_rules={"victims|v": ["b"]})
    calibration.calibrate_event(event, {"a": "trigger"}, cal=cal)
    first = (event.confidence, dict(event.role_confidence))
    calibration.calibrate_event(event, {"a": "trigger"}, cal=cal)
    assert (event.confidence, event.role_confidence) == first
    assert first[0] == pytest.approx(calibration.predict({"bias": 0.2, "has_victim": 1.0}, {"has_victim": 1.0}),
                                     abs=1e-3)


def test_logistic_fit_recovers_known_rates():
    # weighted rows whose exact maximum-likelihood answer is known: P(right) 0.2 without the feature, 0.8 with it
    rows = [Row({"x": x}, ok, w) for x, p in ((0.0, 0.2), (1.0, 0.8)) for ok, w in ((True, p), (False, 1 - p))]
    weights = fit_logistic(rows, ["x"], l2=1e-6)
    assert weights["bias"] == pytest.approx(calibration.logit(0.2), abs=1e-3)
    assert weights["x"] == pytest.approx(calibration.logit(0.8) - calibration.logit(0.2), abs=1e-3)
    # the penalty shrinks the feature's weight, never the intercept's base rate
    shrunk = fit_logistic(rows, ["x", "unused"], l2=10.0)
    assert 0 < shrunk["x"] < weights["x"] and shrunk["unused"] == 0.0


def test_reliability_bins_brier_and_calibration_error():
    scored = [(0.95, True), (0.92, True), (0.75, True), (0.8, False), (0.2, False), (0.1, False)]
    table = {(b.low, b.high): b for b in bins(scored)}
    assert table[(0.9, 1.0)].count == 2 and table[(0.9, 1.0)].precision == 1.0
    assert table[(0.7, 0.9)].precision == 0.5 and table[(0.7, 0.9)].mean_confidence == pytest.approx(0.775)
    assert table[(0.3, 0.5)].count == 0 and table[(0.0, 0.3)].count == 2
    assert brier(scored) == pytest.approx(sum((c - ok) ** 2 for c, ok in scored) / 6)
    assert ece(scored) == pytest.approx((2 * 0.065 + 2 * 0.275 + 2 * 0.15) / 6)
    assert bins([(1.0, True)])[-1].count == 1  # the top bin holds 1.0


def test_reliability_scores_facts_as_a_threshold_would_keep_them():
    """A link's confidence is its best occurrence, each counting the lower of its own and its event's."""
    gold = {"entities": {"g": {"name": "Delta Unit", "type": "Organization"}},
            "events": [{"type": "killing", "doc": "d1", "perpetrators": ["g"]}], "relations": []}
    system = {"entities": {"s": {"name": "Delta Unit", "type": "Organization"},
                           "t": {"name": "Echo Band", "type": "Organization"}},
              "events": [{"type": "killing", "doc": "d1", "confidence": 0.6, "perpetrators": ["s", "t"],
                          "role_confidence": {"perpetrators|s": 0.9, "perpetrators|t": 0.3}},
                         {"type": "killing", "doc": "d2", "confidence": 0.8, "perpetrators": ["s"],
                          "role_confidence": {"perpetrators|s": 0.7}}],
              "relations": [{"source": "s", "type": "MEMBER_OF", "target": "t", "confidence": 0.4}]}
    scored = scored_facts(gold, system)
    assert scored["links"] == [(0.3, False), (0.7, True)]
    assert scored["doc_events"] == [(0.6, True), (0.8, False)]
    assert scored["relations"] == [(0.4, False)]
    table = format_reliability(gold, system)
    assert "links" in table and ">=0.5: 1 facts, 100% right" in table


def test_confidence_model_file_names_every_kind():
    models = lexicons.confidence_models()
    assert set(models) == set(calibration.KINDS)
    for model in models.values():
        assert 0 < model.prior < 1
        assert model.method == "noisy-or" or "bias" in model.weights


def test_confident_part_filters_events_participants_and_relations():
    system = {"entities": {}, "events": [
        {"type": "killing", "doc": "d", "confidence": 0.8, "perpetrators": ["x", "y"],
         "role_confidence": {"perpetrators|x": 0.9, "perpetrators|y": 0.6}},
        {"type": "torture", "doc": "d", "confidence": 0.4, "perpetrators": ["x"]}],
        "relations": [{"source": "x", "type": "MEMBER_OF", "target": "y", "confidence": 0.75}]}
    part = confident_part(system, 0.7)
    assert [(e["type"], e["perpetrators"]) for e in part["events"]] == [("killing", ["x"])]
    assert len(part["relations"]) == 1 and confident_part(system, 0.8)["relations"] == []


def test_calibration_file_covers_the_rules_that_fire():
    rules = yaml.safe_load((ROOT / "graphkit" / "data" / "calibration.yaml").read_text())["rules"]
    for name in ("trigger-verb", "trigger-noun", "role-active-subject", "source-reporting-verb"):
        assert rules[name]["produced"] > 0 and 0 <= rules[name]["right"] <= rules[name]["produced"]


@pytest.mark.model
def test_calibrate_script_writes_the_counts(tmp_path):
    out = tmp_path / "calibration.yaml"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "calibrate.py"), "--docs", str(ROOT / "seeds"),
                    "--gold", str(ROOT / "tests" / "data" / "gold" / "seeds"), "--out", str(out),
                    "--model-out", str(tmp_path / "models.yaml")],
                   check=True, capture_output=True, text=True)
    data = yaml.safe_load(out.read_text())
    assert data["documents"] == 5
    models = yaml.safe_load((tmp_path / "models.yaml").read_text())
    assert set(models) == set(calibration.KINDS)
    assert all(v["right"] <= v["produced"] for v in data["rules"].values())
    assert "trigger-verb" in data["rules"]
