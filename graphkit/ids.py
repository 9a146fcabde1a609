"""Entity ids derived from what a cluster holds, never from processing order or a running counter.

An entity's id is its gazetteer id, else the slug of its name, so the same real-world entity keeps its id
across runs, new documents and new decisions, and an id can be quoted in a decisions file like a name.
When two clusters want one id (a name used by a person and a place, or two sides of a split), each one
that is not the cluster the id belongs to most (its own spelling, then named actors before places before
groups, then its surface forms) gets a suffix made of its own type, then of its own
fullest name, then of a hash of its own surface forms: still a function of its members alone.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from graphkit.names import fold, slug


@dataclass(frozen=True)
class Claim:
    """What one cluster offers for its id."""

    base: str  # the gazetteer id or the slug of the entity's name
    type: str
    own_name: str  # its fullest surface form (not a gazetteer name)
    surfaces: frozenset[str]  # folded surface forms of its members
    owns_base: bool  # a member's own spelling gives the base (its name, or a gazetteer name or alias of the id)


# who keeps a contested id: named actors before places before unnamed groups, whatever else is in the run
_TYPE_RANK = {"Person": 0, "Organization": 0, "Location": 1, "Group": 2}


def _rank(claim: Claim) -> tuple[bool, int, str, tuple[str, ...]]:
    return (not claim.owns_base, _TYPE_RANK.get(claim.type, 3), claim.type, tuple(sorted(claim.surfaces)))


def assign_ids(claims: list[Claim]) -> list[str]:
    """One unique id per claim, in the order given; a claim's id depends only on the claims sharing its base."""
    by_base: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        by_base[c.base].append(i)
    ids = [c.base for c in claims]
    taken = set(by_base)
    for base, idxs in by_base.items():
        if len(idxs) == 1:
            continue
        first, *rest = sorted(idxs, key=lambda i: _rank(claims[i]))
        types = [claims[i].type for i in idxs]
        for i in rest:
            c = claims[i]
            options = []
            if types.count(c.type) == 1:
                options.append(f"{base}--{c.type.lower()}")
            if slug(c.own_name) != base:
                options.append(f"{base}--{slug(c.own_name)}")
            digest = hashlib.sha1("|".join(sorted(c.surfaces)).encode("utf-8")).hexdigest()
            options.append(f"{base}--{digest[:8]}")
            chosen = next((o for o in options if o not in taken), None)
            n = 2
            while chosen is None:  # identical surfaces on both sides: nothing else tells them apart
                chosen = f"{base}--{digest[:8]}-{n}" if f"{base}--{digest[:8]}-{n}" not in taken else None
                n += 1
            ids[i] = chosen
            taken.add(chosen)
        ids[first] = base
    return ids


def folded_surfaces(texts: list[str]) -> frozenset[str]:
    return frozenset(fold(t) for t in texts if fold(t))
