"""Calibrated confidence: rules' precisions combined per fact, facts kept by threshold, the refit script."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from graphkit import calibration
from graphkit.evaluate import confident_part
from graphkit.types import Event, Provenance

ROOT = Path(__file__).resolve().parent.parent


def test_noisy_or_of_calibrated_rules(monkeypatch):
    monkeypatch.setattr(calibration, "table", lambda: {"a": calibration.RuleStats(8, 6),
                                                       "b": calibration.RuleStats(3, 1)})
    assert calibration.precision("a") == pytest.approx(0.7)  # (6 + 1) / (8 + 2)
    assert calibration.precision("unknown") == calibration.UNCALIBRATED
    assert calibration.combine(["a", "b"]) == pytest.approx(1 - 0.3 * 0.6)
    event = Event("e", "torture", "d", "beat", Provenance("d", "", 0, 0), perpetrators=["x", "y"], rules=["a"],
                  role_rules={"perpetrators|x": ["a"], "perpetrators|y": ["b"]})
    calibration.calibrate_event(event, {"a": "trigger", "b": "role"})
    assert event.confidence == pytest.approx(0.7)
    assert event.role_confidence == {"perpetrators|x": 0.7, "perpetrators|y": 0.4}
    assert calibration.keep_confident(event, 0.5).perpetrators == ["x"]


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
                    "--gold", str(ROOT / "tests" / "data" / "gold" / "seeds"), "--out", str(out)],
                   check=True, capture_output=True, text=True)
    data = yaml.safe_load(out.read_text())
    assert data["documents"] == 5
    assert all(v["right"] <= v["produced"] for v in data["rules"].values())
    assert "trigger-verb" in data["rules"]
