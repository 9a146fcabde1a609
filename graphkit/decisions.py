"""Human judgements on entity pairs, kept as data and applied on every run (after nomenklatura's resolver).

A decisions file holds one JSON judgement per line:
``{"left": ID_OR_NAME, "right": ID_OR_NAME, "judgement": "same"|"different"|"unsure", "by": WHO, "at": ISO_TIME}``
(and an optional "note"). A name stands for every mention so named (any name or alias the graph shows);
an entity id is the slug of its name (or a gazetteer id), so it matches the same way. The last line on a
pair wins, so changing one's mind is appending a line. Positive judgements merge clusters (transitively),
a negative one keeps two clusters apart whatever the rules say, and any judged pair is never proposed again.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graphkit.errors import GraphkitError
from graphkit.names import fold
from graphkit.types import ENTITY_TYPES, Mention

log = logging.getLogger(__name__)

JUDGEMENTS = ("same", "different", "unsure")


@dataclass(frozen=True)
class Decision:
    """One judgement on a pair of entity references (ids or names)."""

    left: str
    right: str
    judgement: str
    by: str = ""
    at: str = ""
    note: str | None = None

    @property
    def pair(self) -> tuple[str, str]:
        """The unordered pair, folded: how two decisions on the same pair are recognised."""
        a, b = sorted((ref_key(self.left), ref_key(self.right)))
        return a, b

    def to_json(self) -> dict[str, Any]:
        row: dict[str, Any] = {"left": self.left, "right": self.right, "judgement": self.judgement,
                               "by": self.by, "at": self.at}
        if self.note:
            row["note"] = self.note
        return row

    def describe(self) -> str:
        """One line for merge reasons and node properties."""
        who = f" by {self.by}" if self.by else ""
        when = f" at {self.at}" if self.at else ""
        note = f": {self.note}" if self.note else ""
        return f"decision {self.judgement!r} on {self.left!r} and {self.right!r}{who}{when}{note}"


def ref_key(ref: str) -> str:
    """How references compare: 'marta-valinas', 'Marta Valiñas' and 'MARTA VALINAS' are one key.

    A suffix added to tell apart clusters whose names collide ('jordan--location') is dropped.
    """
    return fold(ref.split("--", 1)[0])


def ref_type(ref: str) -> str | None:
    """The entity type an id's suffix names ('jordan--location' -> 'Location'), if any."""
    _, sep, suffix = ref.partition("--")
    return next((t for t in ENTITY_TYPES if sep and t.lower() == suffix), None)


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _parse(row: Any) -> Decision:
    if not isinstance(row, dict):
        raise ValueError("not a JSON object")
    left, right, judgement = row.get("left"), row.get("right"), row.get("judgement")
    if not isinstance(left, str) or not left.strip() or not isinstance(right, str) or not right.strip():
        raise ValueError("'left' and 'right' must be non-empty strings")
    if judgement not in JUDGEMENTS:
        raise ValueError(f"'judgement' must be one of {', '.join(JUDGEMENTS)}, not {judgement!r}")
    decision = Decision(left.strip(), right.strip(), judgement, str(row.get("by") or ""), str(row.get("at") or ""),
                        str(row["note"]) if row.get("note") else None)
    if decision.pair[0] == decision.pair[1]:
        raise ValueError(f"'left' and 'right' name the same thing ({left!r})")
    return decision


def load_decisions(path: str | Path) -> list[Decision]:
    """Every valid line of a decisions file; a bad line is one warning (file and line) and is skipped."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise GraphkitError(f"{path}: no decisions file") from exc
    out: list[Decision] = []
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            out.append(_parse(json.loads(line)))
        except (json.JSONDecodeError, ValueError) as exc:
            log.warning("%s:%d: skipped a bad decision: %s", path, lineno, exc)
    return out


def latest(decisions: Iterable[Decision]) -> list[Decision]:
    """The last judgement on each pair, in file order of those last lines."""
    by_pair: dict[tuple[str, str], Decision] = {}
    for d in decisions:
        by_pair.pop(d.pair, None)
        by_pair[d.pair] = d
    return list(by_pair.values())


def append_decision(path: str | Path, decision: Decision) -> None:
    """Append one line and flush, so an interrupted review keeps what was decided."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(decision.to_json(), ensure_ascii=False) + "\n")
        fh.flush()


def mention_refs(m: Mention) -> set[str]:
    """The reference keys a mention answers to: its text, its aliases, its gazetteer id and name."""
    refs = {fold(m.text), *(fold(a) for a in m.aliases)}
    if m.canonical_id:
        refs.add(ref_key(m.canonical_id))
    if m.canonical_name:
        refs.add(fold(m.canonical_name))
    refs.discard("")
    return refs


@dataclass
class Constraints:
    """Decisions mapped onto mention keys, and the negative ones enforced on a union-find.

    Each root carries tags (decision index, side); two clusters may not join when one carries a side of a
    negative decision and the other carries its other side.
    """

    positives: list[tuple[Decision, list[str], list[str]]] = field(default_factory=list)
    tags: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    negatives: list[Decision] = field(default_factory=list)
    notes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # mention key -> decisions
    blocked: list[str] = field(default_factory=list)  # why a union was refused (for merge reasons' readers)

    @classmethod
    def build(cls, decisions: Iterable[Decision], mentions: Iterable[Mention]) -> Constraints:
        index: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            if m.antecedent:
                continue  # "he", "the agency": the antecedent carries the name
            for ref in mention_refs(m):
                index[ref].append(m)

        def lookup(ref: str) -> list[str]:
            wanted = ref_type(ref)
            return [m.key for m in index.get(ref_key(ref), []) if wanted is None or m.type == wanted]

        out = cls()
        for d in latest(decisions):
            left, right = lookup(d.left), lookup(d.right)
            if d.judgement == "unsure":
                continue
            if not left or not right:
                missing = d.left if not left else d.right
                log.info("decision on %r and %r: no mention is named %r in these documents", d.left, d.right, missing)
                continue
            if set(left) & set(right):
                log.warning("decision on %r and %r: some mentions answer to both names; skipped", d.left, d.right)
                continue
            for key in (*left, *right):
                out.notes[key].append(d.describe())
            if d.judgement == "same":
                out.positives.append((d, left, right))
            else:
                i = len(out.negatives)
                out.negatives.append(d)
                for key in left:
                    out.tags.setdefault(key, set()).add((i, 0))
                for key in right:
                    out.tags.setdefault(key, set()).add((i, 1))
        return out

    def allows(self, root_a: str, root_b: str) -> bool:
        """May the clusters with these roots join?"""
        a, b = self.tags.get(root_a), self.tags.get(root_b)
        if not a or not b:
            return True
        return not any((i, 1 - side) in b for i, side in a)

    def joined(self, root: str, absorbed: str) -> None:
        """Record that `absorbed` now belongs to `root`."""
        moved = self.tags.pop(absorbed, None)
        if moved:
            self.tags.setdefault(root, set()).update(moved)

    def why_blocked(self, root_a: str, root_b: str) -> str:
        a, b = self.tags.get(root_a, set()), self.tags.get(root_b, set())
        for i, side in a:
            if (i, 1 - side) in b:
                return self.negatives[i].describe()
        return ""
