import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "conll04.py"


def _bench():
    spec = importlib.util.spec_from_file_location("conll04_benchmark", SCRIPT)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # its dataclasses look their module up
    spec.loader.exec_module(bench)
    return bench


@pytest.mark.model
def test_conll04_by_rule_counts_where_each_rule_fired_and_was_right():
    bench = _bench()
    text = "Spokeswoman Ana Brill of the Red Cross met Tom Okafor in Lagos."
    spans = [(text.index("Ana Brill"), text.index("Ana Brill") + 9),
             (text.index("Red Cross"), text.index("Red Cross") + 9)]
    right = bench.Sentence(text, spans, {(0, "Work_For", 1)})
    wrong = bench.Sentence(text, spans, set())  # the same sentence with no gold relation
    by_rule: dict = {}
    counts = bench.evaluate([right, wrong], by_rule)
    assert counts["Work_For"].tp == 1 and counts["Work_For"].sys == 2
    assert by_rule["person-of-organization"].fired == {0, 1}
    assert by_rule["person-of-organization"].right == {0}
    # an entity rule is right where its mention is exactly a gold entity
    assert 0 in by_rule["ner"].fired and {0, 1} <= by_rule["ner"].right
