"""Confidence that means something: each rule's precision on the development set, combined per fact.

`graphkit/data/calibration.yaml` holds, for each rule, how many facts it produced on the development set
and how many were right (refitted by benchmarks/calibrate.py). A fact found by several rules is wrong only
if all of them are (noisy-or), so its confidence is 1 - prod(1 - p_rule). A rule not in the file counts as
a coin toss until it is calibrated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from graphkit import lexicons
from graphkit.types import Event, Relation

UNCALIBRATED = 0.5
THRESHOLDS = (0.5, 0.7, 0.9)
_MEASURED_ROLES = ("perpetrators", "victims", "sources")


@dataclass(frozen=True)
class RuleStats:
    produced: int
    right: int

    @property
    def precision(self) -> float:
        """Laplace-smoothed, so a rule seen twice is not trusted as if it were never wrong."""
        return (self.right + 1) / (self.produced + 2)


@cache
def table() -> dict[str, RuleStats]:
    return {name: RuleStats(produced, right) for name, (produced, right) in lexicons.calibration().items()}


def precision(name: str) -> float:
    stats = table().get(name)
    return stats.precision if stats is not None and stats.produced else UNCALIBRATED


def combine(names: list[str]) -> float:
    """Noisy-or of the rules' precisions."""
    if not names:
        return UNCALIBRATED
    wrong = 1.0
    for name in names:
        wrong *= 1.0 - precision(name)
    return 1.0 - wrong


def calibrate_event(event: Event, kinds: Mapping[str, str]) -> None:
    """Set the event's confidence from its trigger rules, and each participant's from its role rules."""
    triggers = [n for n in event.rules if kinds.get(n) == "trigger"]
    if triggers:
        event.confidence = combine(triggers)
    event.role_confidence = {key: round(combine(names), 3) for key, names in event.role_rules.items()}


def calibrate_relation(relation: Relation) -> None:
    known = [n for n in relation.rules if n in table()]
    if known:
        relation.confidence = combine(known)


def keep_confident(event: Event, min_confidence: float) -> Event:
    """Drop the participants whose confidence is under the threshold."""
    if min_confidence <= 0:
        return event
    for role in _MEASURED_ROLES:
        kept = [k for k in getattr(event, role)
                if event.role_confidence.get(f"{role}|{k}", event.confidence) >= min_confidence]
        setattr(event, role, kept)
    return event
