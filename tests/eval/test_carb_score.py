"""CaRB scoring on tiny hand-made tuples; every expected number is worked out in the comments."""

import pytest

from graphkit.eval import carb
from graphkit.eval.carb import Tuple, match


def test_token_overlap_precision_and_recall():
    gold = Tuple("born in", ("John", "Paris"))
    pred = Tuple("was born in", ("John", "Paris France"))
    # matched: relation 2 (born, in), arg1 1, arg2 1 = 4; predicted tokens 3+1+2 = 6; gold tokens 2+1+1 = 4
    assert match(gold, pred) == pytest.approx((4 / 6, 4 / 4))


def test_no_shared_relation_word_is_no_match():
    assert match(Tuple("born in", ("John", "Paris")), Tuple("lives", ("John", "Paris"))) == (0.0, 0.0)


def test_matching_is_case_sensitive():
    # relation "Born" does not match "born": no relation word in common
    assert match(Tuple("born", ("John", "Paris")), Tuple("Born", ("John", "Paris"))) == (0.0, 0.0)


def test_predicted_be_matches_any_form_of_be():
    # relation 1 (be ~ is), arg1 1, arg2 2: 4 of 4 both ways
    assert match(Tuple("is", ("X", "a Y")), Tuple("be", ("X", "a Y"))) == (1.0, 1.0)


def test_prediction_missing_the_object_slot_scores_zero():
    assert match(Tuple("met", ("Ann", "Bob")), Tuple("met", ("Ann",))) == (0.0, 0.0)


def test_arguments_after_the_first_are_merged_before_matching():
    assert match(Tuple("met", ("Ann", "Bob", "in Rome")), Tuple("met", ("Ann", "Bob in Rome"))) == (1.0, 1.0)


def test_said_relations_also_try_the_arguments_swapped():
    gold = Tuple("said", ("Ann", "it rained"))
    pred = Tuple("said", ("it rained", "Ann"))
    # straight: only the relation matches, 1 of 4 tokens each way; swapped: everything matches
    assert match(gold, pred) == (1.0, 1.0)
    assert match(Tuple("met", ("Ann", "it rained")), Tuple("met", ("it rained", "Ann"))) == (0.25, 0.25)


def _system(*rows):
    return carb.read_system("\t".join(map(str, row)) for row in rows)


def test_curve_auc_and_best_f1_by_hand():
    s = "Tom ate apples and bought pears ."
    gold = {carb.sentence_key(s): [Tuple("ate", ("Tom", "apples")), Tuple("bought", ("Tom", "pears"))]}
    system = _system((s, 0.9, "ate", "Tom", "apples"), (s, 0.5, "bought", "Tom", "fruit"))
    # threshold 0.5: both predictions; recall (1 + 2/3) / 2 = 5/6; one-to-one precision (1 + 2/3) / 2 = 5/6
    # threshold 0.9: the first only; recall 1/2, precision 1
    curve = carb.curve(gold, system)
    assert curve.thresholds == [0.5, 0.9]
    assert curve.recall == pytest.approx([5 / 6, 0.5])
    assert curve.precision == pytest.approx([5 / 6, 1.0])
    score = carb.score(gold, system)
    assert (score.precision, score.recall, score.f1) == pytest.approx((5 / 6, 5 / 6, 5 / 6))
    # area from R=5/6 to 1/2 (width 1/3, mean height 11/12), then to R=0 at P=1 (width 1/2): 11/36 + 1/2
    assert score.auc == pytest.approx(29 / 36)


def test_recall_is_best_match_precision_is_one_to_one():
    s = "Tom ate apples ."
    gold = {carb.sentence_key(s): [Tuple("ate", ("Tom", "apples")), Tuple("ate", ("Tom", "the apples"))]}
    system = _system((s, 1.0, "ate", "Tom", "apples"), (s, 1.0, "cooked", "Tom", "apples"))
    # recall: both gold tuples get their best match from the first prediction; the second gold
    # tuple has 4 tokens (ate, Tom, the, apples) of which 3 are predicted: (1 + 3/4) / 2 = 0.875
    # precision: greedy one-to-one, the first prediction is used once (1.0), the second matches
    # nothing (0): (1 + 0) / 2
    score = carb.score(gold, system)
    assert score.recall == pytest.approx(0.875)
    assert score.precision == pytest.approx(0.5)
    assert score.auc == pytest.approx(0.875 * (0.5 + 1) / 2)  # one point: R * (P + 1) / 2


def test_sentences_align_without_spaces_and_punctuation_and_unknown_ones_cost_nothing():
    gold = {carb.sentence_key("Tom ate apples ."): [Tuple("ate", ("Tom", "apples"))],
            carb.sentence_key("Ann slept ."): [Tuple("slept", ("Ann", "well"))]}
    system = _system(("Tom ate apples.", 1.0, "ate", "Tom", "apples"), ("Not in gold .", 1.0, "x", "y", "z"))
    score = carb.score(gold, system)
    assert score.precision == 1.0  # the unknown sentence is ignored
    assert score.recall == 0.5  # the unpredicted gold sentence still counts


def test_gold_reader_drops_context_arguments(tmp_path):
    path = tmp_path / "gold.tsv"
    path.write_text("Ann said Tom left .\tleft\tTom\tC: Ann said\nAnn said Tom left .\tleft\tTom\tT: at noon\n")
    gold = carb.read_gold(path)
    expected = [Tuple("left", ("Tom",)), Tuple("left", ("Tom", "T: at noon"))]
    assert gold[carb.sentence_key("Ann said Tom left .")] == expected
