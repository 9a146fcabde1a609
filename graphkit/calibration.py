"""Confidence that means something: a fact's confidence is how often facts like it were right.

Each fact kind (an event's trigger, a perpetrator, victim or source of it, a relation) has a small logistic
model (graphkit/data/confidence_model.yaml) over features known when the fact is extracted: the precision
of the rules that found it (graphkit/data/calibration.yaml, combined by noisy-or), how many rules agree,
whether the actor is a named entity or an unnamed group, a gazetteer entry, a pronoun, how close it is to
the trigger, how often the document names it, and the event's own confidence. benchmarks/calibrate.py fits
both files on the development set and keeps, per kind, the model or the plain noisy-or of the rules,
whichever is better calibrated on the half of the articles it was not fitted on. A rule not in the
counts (one added since the last fit) counts as the kind's average rule.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from graphkit import lexicons
from graphkit.lexicons import ConfidenceModel
from graphkit.names import scorer_key
from graphkit.types import Event, Mention, Relation

UNCALIBRATED = 0.5
THRESHOLDS = (0.5, 0.7, 0.9)
PRIOR_WEIGHT = 2.0  # a rule's precision starts as the kind's prior, worth this many facts
ROLES = ("perpetrators", "victims", "sources")
KINDS = ("trigger", *ROLES, "relation")
_MEASURED_ROLES = ROLES
_LOGIT_CLIP = 4.0


@dataclass(frozen=True)
class RuleStats:
    produced: int
    right: int

    @property
    def precision(self) -> float:
        """Laplace-smoothed, so a rule seen twice is not trusted as if it were never wrong."""
        return (self.right + 1) / (self.produced + 2)

    def shrunk(self, prior: float) -> float:
        """The precision pulled towards the kind's prior (Laplace's rule when the prior is one half)."""
        return (self.right + PRIOR_WEIGHT * prior) / (self.produced + PRIOR_WEIGHT)


@dataclass(frozen=True)
class Calibration:
    """Rule counts and one model per fact kind; `default()` is the one the data files hold."""

    rules: Mapping[str, RuleStats]
    models: Mapping[str, ConfidenceModel] = field(default_factory=dict)

    @classmethod
    def default(cls) -> Calibration:
        return _default()

    def prior(self, kind: str) -> float:
        model = self.models.get(kind)
        return model.prior if model is not None else UNCALIBRATED

    def rule_precision(self, name: str, kind: str) -> float:
        stats = self.rules.get(name)
        prior = self.prior(kind)
        return stats.shrunk(prior) if stats is not None and stats.produced else prior

    def noisy_or(self, names: list[str], kind: str) -> float:
        """A fact found by several rules is wrong only if all of them are."""
        if not names:
            return self.prior(kind)
        wrong = 1.0
        for name in names:
            wrong *= 1.0 - self.rule_precision(name, kind)
        return 1.0 - wrong

    def confidence(self, kind: str, features: Mapping[str, float]) -> float:
        model = self.models.get(kind)
        if model is None or model.method != "model":
            return features["rules_p"]
        return predict(model.weights, features)


@cache
def _default() -> Calibration:
    return Calibration(table(), lexicons.confidence_models())


@cache
def table() -> dict[str, RuleStats]:
    return {name: RuleStats(produced, right) for name, (produced, right) in lexicons.calibration().items()}


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return max(-_LOGIT_CLIP, min(_LOGIT_CLIP, math.log(p / (1 - p))))


def predict(weights: Mapping[str, float], features: Mapping[str, float]) -> float:
    """The logistic model's probability; a feature the model does not know adds nothing."""
    z = weights.get("bias", 0.0) + sum(w * features.get(name, 0.0) for name, w in weights.items() if name != "bias")
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass
class DocContext:
    """What the features need from one document: its mentions by key and how often each name recurs."""

    mentions: dict[str, Mention]
    name_of: dict[str, str]
    counts: Counter[str]

    @classmethod
    def of(cls, mentions: list[Mention]) -> DocContext:
        name_of = {m.key: m.canonical_id or scorer_key(m.canonical_name or m.text) for m in mentions}
        return cls({m.key: m for m in mentions}, name_of, Counter(name_of.values()))


def _rule_features(cal: Calibration, names: list[str], kind: str) -> dict[str, float]:
    p = cal.noisy_or(names, kind)
    return {"rules_p": p, "rules_logit": logit(p), "extra_rules": float(min(max(len(names) - 1, 0), 3))}


def _actor_features(m: Mention | None, ctx: DocContext, prefix: str = "") -> dict[str, float]:
    if m is None:
        return {}
    subtype = (m.subtype or "").lower()
    return {f"{prefix}group": float(m.type == "Group"), f"{prefix}person": float(m.type == "Person"),
            f"{prefix}known": float(m.canonical_id is not None), f"{prefix}pronoun": float(m.source == "coref"),
            f"{prefix}mentions": math.log(ctx.counts.get(ctx.name_of.get(m.key, ""), 1) or 1),
            f"{prefix}actor_body": float(subtype in _subtypes("actor_subtypes")),
            f"{prefix}monitor": float(subtype in _subtypes("monitor_subtypes"))}


@cache
def _subtypes(name: str) -> frozenset[str]:
    return lexicons.word_list(name)


def trigger_features(event: Event, kinds: Mapping[str, str], cal: Calibration) -> dict[str, float]:
    """An allegation is likelier real when strong trigger rules agree and the text ties actors to it."""
    out = _rule_features(cal, [n for n in event.rules if kinds.get(n) == "trigger"], "trigger")
    out.update({"has_perpetrator": float(bool(event.perpetrators)), "has_source": float(bool(event.sources)),
                "has_victim": float(bool(event.victims)),
                "sentences": float(min(event.prov.sentence.count(" … "), 2)),
                "confirmed": float(event.status == "confirmed")})
    return out


def role_features(event: Event, role: str, key: str, names: list[str], ctx: DocContext,
                  cal: Calibration) -> dict[str, float]:
    """A participant is likelier right when named, near the trigger, often mentioned, and its rules agree."""
    out = _rule_features(cal, names, role)
    m = ctx.mentions.get(key)
    out.update(_actor_features(m, ctx))
    if m is not None:
        out["same_sentence"] = float(m.sent_start == event.prov.sent_start)
        out["distance"] = math.log1p(abs(m.start - event.prov.start) / 100)
    out["others"] = math.log(max(len(getattr(event, role)), 1))
    out["event_logit"] = logit(event.confidence)
    out["confirmed"] = float(event.status == "confirmed")
    return out


def relation_features(relation: Relation, ctx: DocContext, cal: Calibration) -> dict[str, float]:
    out = _rule_features(cal, list(relation.rules), "relation")
    out[f"type_{relation.type}"] = 1.0
    source, target = ctx.mentions.get(relation.source), ctx.mentions.get(relation.target)
    out.update(_actor_features(source, ctx, "source_"))
    out.update(_actor_features(target, ctx, "target_"))
    if source is not None and target is not None:
        out["distance"] = math.log1p(abs(source.start - target.start) / 100)
    return out


def calibrate_event(event: Event, kinds: Mapping[str, str], ctx: DocContext | None = None,
                    cal: Calibration | None = None) -> None:
    """Set the event's confidence, then each participant's (which reads the event's); the same inputs
    always give the same confidences, so the refit script can recompute them with other models."""
    cal = cal or Calibration.default()
    ctx = ctx or DocContext.of([])
    event.confidence = round(cal.confidence("trigger", trigger_features(event, kinds, cal)), 3)
    confidences = {}
    for key, names in event.role_rules.items():
        role, _, mention = key.partition("|")
        if role in ROLES:
            feats = role_features(event, role, mention, names, ctx, cal)
            confidences[key] = round(cal.confidence(role, feats), 3)
    event.role_confidence = confidences


def calibrate_relation(relation: Relation, ctx: DocContext | None = None, cal: Calibration | None = None) -> None:
    cal = cal or Calibration.default()
    relation.confidence = round(cal.confidence("relation", relation_features(relation, ctx or DocContext.of([]),
                                                                             cal)), 3)


def keep_confident(event: Event, min_confidence: float) -> Event:
    """Drop the participants whose confidence is under the threshold."""
    if min_confidence <= 0:
        return event
    for role in _MEASURED_ROLES:
        kept = [k for k in getattr(event, role)
                if event.role_confidence.get(f"{role}|{k}", event.confidence) >= min_confidence]
        setattr(event, role, kept)
    return event
