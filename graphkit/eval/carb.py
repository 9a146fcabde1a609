"""CaRB scoring, written from the description of the benchmark's matcher (not its code).

The benchmark README (../shared/benchmarks/carb/README.md) spells the rules out: tuples are
binarized (arguments after the first joined into one object), a (gold, predicted) pair is scored
by whitespace-token overlap slot by slot and only when some relation word matches, recall takes
the best prediction for each gold tuple, precision a greedy one-to-one matching, and the curve
runs over every distinct confidence in the system output.
"""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

_PTB_ESCAPES = {
    "-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
    "-lrb-": "(", "-rrb-": ")", "-lsb-": "[", "-rsb-": "]", "-lcb-": "{", "-rcb-": "}",
}
_PUNCT = str.maketrans("", "", string.punctuation)
_BE_FORMS = ("be", "is", "am", "are", "was", "were", "been", "being")
_SAID_RELATIONS = ("said", "told", "added", "adds", "says")


@dataclass(frozen=True)
class Tuple:
    """One extraction: relation, arguments in order, and the system's confidence (1.0 for gold)."""

    relation: str
    args: tuple[str, ...]
    confidence: float = 1.0


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    auc: float
    threshold: float | None = None  # the confidence where F1 is best


@dataclass
class Curve:
    """Precision and recall at each confidence threshold (ascending thresholds)."""

    thresholds: list[float] = field(default_factory=list)
    precision: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)


def sentence_key(sentence: str) -> str:
    """How CaRB lines up system and gold sentences: no spaces, no punctuation, PTB escapes undone."""
    text = sentence.replace(" ", "")
    for escape, char in _PTB_ESCAPES.items():
        text = text.replace(escape, char)
    return text.translate(_PUNCT)


def read_gold(path: Path) -> dict[str, list[Tuple]]:
    """Gold tuples by sentence key; 'C:' (context) arguments are dropped, 'T:'/'L:' kept as written."""
    out: dict[str, list[Tuple]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.strip().split("\t")
        if len(fields) < 2:
            continue
        args = tuple(a.strip() for a in fields[2:] if "C: " not in a)
        out.setdefault(sentence_key(fields[0].strip()), []).append(Tuple(fields[1].strip(), args))
    return out


def read_system(lines: Iterable[str]) -> dict[str, list[Tuple]]:
    """System tuples from CaRB's tabbed format: sentence, confidence, relation, arg1, arg2..."""
    out: dict[str, list[Tuple]] = {}
    for line in lines:
        if not line.strip():
            continue
        fields = line.strip().split("\t")
        if len(fields) < 3:
            continue
        out.setdefault(sentence_key(fields[0]), []).append(Tuple(fields[2], tuple(fields[3:]), float(fields[1])))
    return out


def _overlap(gold: str, predicted: str) -> int:
    """Gold tokens found in the prediction, each predicted token used once (case-sensitive)."""
    return sum((Counter(gold.split()) & Counter(predicted.split())).values())


def _binarize(args: Sequence[str]) -> tuple[str, ...]:
    return (args[0], " ".join(args[1:])) if len(args) >= 2 else tuple(args)


def _slot_match(gold: Tuple, pred_args: tuple[str, ...], pred_relation: str) -> tuple[float, float]:
    gold_rel, pred_rel = gold.relation.split(), pred_relation.split()
    matched = _overlap(gold.relation, pred_relation)
    leftover = Counter(pred_rel) - Counter(gold_rel)
    if leftover["be"] and any(form in gold_rel for form in _BE_FORMS):
        matched += 1  # a predicted "be" stands for any form of "be" in the gold relation
    if matched == 0:
        return 0.0, 0.0
    hit_p = hit_r = matched
    total_p, total_r = len(pred_rel), len(gold_rel)
    gold_args = _binarize(gold.args)
    for i, gold_arg in enumerate(gold_args):
        total_r += len(gold_arg.split())
        if i >= len(pred_args):
            if i < 2:
                return 0.0, 0.0
            continue
        total_p += len(pred_args[i].split())
        hits = _overlap(gold_arg, pred_args[i])
        hit_p += hits
        hit_r += hits
    return (hit_p / total_p if total_p else 0.0), (hit_r / total_r if total_r else 0.0)


def match(gold: Tuple, pred: Tuple) -> tuple[float, float]:
    """(precision, recall) of one prediction against one gold tuple, CaRB's lenient binary match."""
    pred_args = _binarize(pred.args)
    straight = _slot_match(gold, pred_args, pred.relation)
    if not any(verb in gold.relation for verb in _SAID_RELATIONS) or len(pred_args) < 2:
        return straight
    swapped = _slot_match(gold, (pred_args[1], pred_args[0]), pred.relation)
    return max(straight, swapped)


def _sentence_counts(scores: list[list[tuple[float, float]]], chosen: list[int]) -> tuple[float, float]:
    """Precision numerator (greedy one-to-one) and recall numerator (best match) for chosen predictions."""
    recall = sum(max((row[j][1] for j in chosen), default=0.0) for row in scores)
    pairs = sorted(((row[j][0], i, j) for i, row in enumerate(scores) for j in chosen),
                   key=lambda p: (-p[0], p[1], p[2]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    precision = 0.0
    for value, i, j in pairs:
        if len(used_gold) == min(len(scores), len(chosen)):
            break
        if i in used_gold or j in used_pred:
            continue
        used_gold.add(i)
        used_pred.add(j)
        precision += value
    return precision, recall


def curve(gold: dict[str, list[Tuple]], system: dict[str, list[Tuple]]) -> Curve:
    """P and R at every distinct system confidence; system sentences without gold are ignored."""
    thresholds = sorted({t.confidence for preds in system.values() for t in preds})
    position = {t: k for k, t in enumerate(thresholds)}
    n = len(thresholds)
    # difference arrays: a sentence's counts at its own confidence c hold for every global
    # threshold above its next lower confidence, up to and including c
    p_num, p_den, r_num = [0.0] * (n + 1), [0.0] * (n + 1), [0.0] * (n + 1)
    r_den = sum(len(g) for g in gold.values())
    for key, gold_tuples in gold.items():
        preds = system.get(key, [])
        if not preds:
            continue
        scores = [[match(g, p) for p in preds] for g in gold_tuples]
        start = 0
        for conf in sorted({p.confidence for p in preds}):
            chosen = [j for j, p in enumerate(preds) if p.confidence >= conf]
            precision, recall = _sentence_counts(scores, chosen)
            end = position[conf] + 1
            for arr, value in ((p_num, precision), (p_den, float(len(chosen))), (r_num, recall)):
                arr[start] += value
                arr[end] -= value
            start = end
    out = Curve(thresholds)
    pn = pd = rn = 0.0
    for k in range(n):
        pn, pd, rn = pn + p_num[k], pd + p_den[k], rn + r_num[k]
        out.precision.append(pn / pd if pd > 0.5 else 1.0)
        out.recall.append(rn / r_den if r_den else 0.0)
    return out


def _auc(xs: list[float], ys: list[float]) -> float:
    """Trapezoid area under y(x) for x running one way (as sklearn.metrics.auc requires)."""
    area = sum((x2 - x1) * (y1 + y2) / 2 for x1, x2, y1, y2 in zip(xs, xs[1:], ys, ys[1:], strict=False))
    return abs(area)


def score(gold: dict[str, list[Tuple]], system: dict[str, list[Tuple]]) -> Score:
    """Best-F1 point of the curve and the area under it, with (R=0, P=1) added."""
    c = curve(gold, system)
    if not c.thresholds:
        return Score(0.0, 0.0, 0.0, 0.0)
    f1s = [2 * p * r / (p + r) if p + r else 0.0 for p, r in zip(c.precision, c.recall, strict=True)]
    best = max(range(len(f1s)), key=lambda k: (f1s[k], -k))
    auc = _auc([*c.recall, 0.0], [*c.precision, 1.0])
    return Score(c.precision[best], c.recall[best], f1s[best], auc, c.thresholds[best])
