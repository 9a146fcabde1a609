"""The registry of extraction rules: every rule is a named unit, and every fact says which rules made it.

A rule is a function registered once under a unique name with its kind; the facts it produces carry the
name in their `rules` list, so `graphkit evaluate --by-rule` can count, rule by rule, what each one
produced on gold documents and how much of it was right, and the calibration (data/calibration.yaml)
can give each rule a confidence measured on the development set.

Example:
    >>> @rule("example-rule", "relation")
    ... def example(doc):
    ...     '''What it finds, in one line.'''
    ...     return []
    >>> RULES["example-rule"].kind
    'relation'
    >>> _ = RULES.pop("example-rule")
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

RuleKind = Literal["entity", "trigger", "role", "source", "status", "relation", "coref", "merge", "triple"]

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Rule:
    name: str
    kind: RuleKind
    func: Callable[..., Any]
    summary: str


RULES: dict[str, Rule] = {}


def rule(name: str, kind: RuleKind) -> Callable[[F], F]:
    """Register a rule under a unique name; the function is returned unchanged."""

    def register(func: F) -> F:
        if name in RULES and RULES[name].func is not func:
            raise ValueError(f"rule {name!r} is registered twice")
        summary = (func.__doc__ or "").strip().splitlines()[0] if func.__doc__ else ""
        RULES[name] = Rule(name, kind, func, summary)
        return func

    return register


def add_rule(rules: list[str], name: str) -> None:
    """Record that a rule contributed to a fact (once, in order)."""
    if name not in RULES:
        raise KeyError(f"unregistered rule {name!r}")
    if name not in rules:
        rules.append(name)
