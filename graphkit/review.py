"""Candidate merges for a person to review: pairs of entities that may be one, with why and where.

Pairs of the same type are proposed when their names share a surname or content words, one is the other's
acronym, their words are the same in another order, they differ only by accents or romanisation, they are
spelled alike, both hold the same title in the same organization, or (with the optional model) their names
and contexts embed alike. A pair already judged in the decisions file is never proposed again.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from itertools import combinations
from typing import Any

from graphkit.decisions import Decision, latest, ref_key, ref_type
from graphkit.lexicons import transliteration
from graphkit.names import STOP_WORDS, fold, gazetteer_entries, initials, is_acronym
from graphkit.types import Entity, GraphData

log = logging.getLogger(__name__)

_MAX_BLOCK = 60  # a key shared by more entities than this ("police", "national") tells nothing
_FUZZY = 0.85  # spelling similarity that is worth a look
_COSINE = 0.80  # embedding similarity that is worth a look
_NEIGHBOURS = 5
_GROUP_WEIGHT = 0.7  # unnamed groups ("lawyers", "the crowd") across articles are seldom one and the same


@dataclass
class Evidence:
    doc: str
    sentence: str


@dataclass
class Candidate:
    """Two entities that may be one, the signals that say so and a sentence or two from each side."""

    left: str  # entity ids
    right: str
    left_name: str
    right_name: str
    type: str
    score: float
    reasons: list[str] = field(default_factory=list)
    left_evidence: list[Evidence] = field(default_factory=list)
    right_evidence: list[Evidence] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


# -- name signals ---------------------------------------------------------------------------------

def _words(name: str) -> list[str]:
    return [w for w in fold(name).split() if w not in STOP_WORDS]


def skeleton(name: str) -> str:
    """A romanisation-blind key: 'Aleksandr Youssef' and 'Alexandr Yusef' share one."""
    s = fold(name).replace(" ", "")
    for a, b in transliteration():
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)


def _names(e: Entity) -> list[str]:
    return [e.name, *(a for a in e.aliases if fold(a) != fold(e.name))]


def name_signals(a: Entity, b: Entity) -> list[tuple[float, str]]:
    """(score, reason) for each way the two entities' names suggest one entity."""
    out: list[tuple[float, str]] = []
    for x in _names(a):
        for y in _names(b):
            out.extend(_pair_signals(x, y, a.type))
    best: dict[str, tuple[float, str]] = {}
    for score, reason in out:  # one line per kind of signal, the strongest
        kind = reason.split(":", 1)[0]
        if kind not in best or score > best[kind][0]:
            best[kind] = (score, reason)
    return sorted(best.values(), reverse=True)


def _pair_signals(x: str, y: str, etype: str) -> Iterator[tuple[float, str]]:
    fx, fy = fold(x), fold(y)
    if not fx or not fy:
        return
    if fx == fy:
        yield 0.95, f"same name: {x!r} and {y!r} differ only in case, accents or punctuation"
        return
    wx, wy = _words(x), _words(y)
    if wx and sorted(wx) == sorted(wy):
        yield 0.92, f"reordered: {x!r} and {y!r} have the same words in another order"
    if skeleton(x) == skeleton(y):
        yield 0.88, f"transliteration: {x!r} and {y!r} differ only in romanisation"
    for short, full in ((x, y), (y, x)):
        if is_acronym(short) and not is_acronym(full) and initials(full) == short.replace(".", "").lower():
            yield 0.9, f"acronym: {short!r} is the initials of {full!r}"
    if etype == "Person" and wx and wy and wx[-1] == wy[-1]:
        shorter, longer = sorted((wx, wy), key=len)
        if len(shorter) == 1:
            yield 0.85, f"surname: {' '.join(shorter)!r} is the surname of {' '.join(longer)!r}"
        elif longer[-len(shorter):] == shorter:
            yield 0.85, f"surname: {' '.join(longer)!r} ends with the full name {' '.join(shorter)!r}"
        elif shorter[0][0] == longer[0][0] and len(shorter[0]) > 1 and len(longer[0]) > 1 and shorter[0] != longer[0]:
            yield 0.5, f"surname: {x!r} and {y!r} share the surname but not the first name"
        elif shorter[0][0] == longer[0][0]:
            yield 0.7, f"surname: {x!r} and {y!r} share the surname and the first initial"
        else:
            yield 0.35, f"surname: {x!r} and {y!r} share the surname {wx[-1]!r}"
    elif etype == "Person" and wx and wy and min(len(wx), len(wy)) == 1:
        single, longer = (wx, wy) if len(wx) == 1 else (wy, wx)
        if single[0] in longer[1:-1] or (len(longer) == 2 and single[0] == longer[0] and len(single[0]) > 3):
            yield 0.7, f"surname: {' '.join(single)!r} is one of the names in {' '.join(longer)!r}"
    if etype != "Person" and len(wx) >= 2 and len(wy) >= 2:
        shorter, longer = sorted((wx, wy), key=len)
        if set(shorter) < set(longer):
            yield 0.6, f"contained: every word of {' '.join(shorter)!r} is in {' '.join(longer)!r}"
    ratio = SequenceMatcher(None, fx, fy).ratio()
    if ratio >= _FUZZY:
        yield round(0.9 * ratio, 3), f"spelling: {x!r} and {y!r} are spelled alike ({ratio:.2f})"


# -- context signals ------------------------------------------------------------------------------

def _roles(graph: GraphData) -> dict[str, set[tuple[str, str]]]:
    """Entity id -> (title cue, organization id) it holds, from MEMBER_OF and LEADS relations."""
    out: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in graph.relations:
        if r.type in ("MEMBER_OF", "LEADS"):
            out[r.source].add((fold(r.cue) or r.type.lower(), r.target))
    return out


# a sentence ends at . ! ? and a space, but not after a title or an initial ("Dr. Roos", "A. Roos", "U.S. envoy")
_SENTENCE_END = re.compile(r"(?<![A-Z][a-z])(?<!\b[A-Z])(?<!Mrs)[.!?]\s|\n")


def evidence(graph: GraphData, entity: Entity, limit: int = 2) -> list[Evidence]:
    """Up to `limit` sentences (from different documents first) where the entity's name or an alias is written."""
    texts = {d.id: d.text for d in graph.documents}
    names = sorted({n for n in _names(entity) if len(n) > 1}, key=len, reverse=True)
    found: list[Evidence] = []
    for doc in entity.docs:
        text = texts.get(doc, "")
        lowered = text.lower()
        for name in names:
            at = lowered.find(name.lower())
            if at < 0:
                continue
            starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
            start = starts[-1] if starts else 0
            end_match = _SENTENCE_END.search(text, at + len(name))
            end = end_match.start() + 1 if end_match else len(text)
            found.append(Evidence(doc, " ".join(text[start:end].split())))
            break
        if len(found) >= limit:
            break
    return found


def _judged(decisions: Iterable[Decision], entities: Sequence[Entity]) -> set[frozenset[str]]:
    """Pairs of entity ids a decision already speaks about (same, different or unsure)."""
    by_ref: dict[str, list[Entity]] = defaultdict(list)
    for e in entities:
        for ref in {ref_key(e.id), *(fold(n) for n in _names(e))}:
            by_ref[ref].append(e)

    def lookup(ref: str) -> set[str]:
        wanted = ref_type(ref)
        return {e.id for e in by_ref.get(ref_key(ref), ()) if wanted is None or e.type == wanted}

    out: set[frozenset[str]] = set()
    for d in latest(decisions):
        for a in lookup(d.left):
            for b in lookup(d.right):
                if a != b:
                    out.add(frozenset((a, b)))
    return out


def _blocks(entities: Sequence[Entity]) -> set[tuple[int, int]]:
    """Index pairs worth comparing: they share a content word, a word's first four letters, an acronym or a skeleton."""
    keys: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(entities):
        mine: set[str] = set()
        for name in _names(e):
            words = _words(name)
            mine.update(f"w:{w}" for w in words if len(w) > 2)
            mine.update(f"p:{w[:4]}" for w in words if len(w) > 4)
            mine.add(f"s:{skeleton(name)}")
            mine.add(f"a:{name.replace('.', '').lower()}" if is_acronym(name) else f"a:{initials(name)}")
        for k in mine:
            keys[f"{e.type}|{k}"].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in keys.values():
        if 2 <= len(members) <= _MAX_BLOCK:
            pairs.update(combinations(sorted(members), 2))
    return pairs


def _embedding_pairs(graph: GraphData, entities: Sequence[Entity]) -> dict[tuple[int, int], tuple[float, float]]:
    """Index pairs of one type whose names embed alike -> (name cosine, context cosine or 0 when the contexts
    are one sentence); empty when the optional model is missing."""
    from graphkit.embed import EmbeddingsUnavailable, encoder

    try:
        encode = encoder()
    except EmbeddingsUnavailable as exc:
        log.warning("%s", exc)
        return {}
    contexts = []
    for e in entities:
        ev = evidence(graph, e, limit=1)
        contexts.append(ev[0].sentence if ev else e.name)
    vectors = encode([e.name for e in entities])
    near: set[tuple[int, int]] = set()
    by_type: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(entities):
        by_type[e.type].append(i)
    for idxs in by_type.values():
        if len(idxs) < 2:
            continue
        sims = vectors[idxs] @ vectors[idxs].T
        for row, i in enumerate(idxs):
            order = sims[row].argsort()[::-1]
            for col in order[1 : _NEIGHBOURS + 1]:
                if sims[row, col] >= _COSINE:
                    j = idxs[int(col)]
                    near.add((min(i, j), max(i, j)))
    if not near:
        return {}
    used = sorted({i for pair in near for i in pair})
    context_vectors = dict(zip(used, encode([contexts[i] for i in used]), strict=True))
    out: dict[tuple[int, int], tuple[float, float]] = {}
    for i, j in near:
        same_sentence = contexts[i] == contexts[j]
        context = 0.0 if same_sentence else float(context_vectors[i] @ context_vectors[j])
        out[(i, j)] = (float(vectors[i] @ vectors[j]), context)
    return out


def candidates(graph: GraphData, decisions: Iterable[Decision] = (), *, use_embeddings: bool = True,
               min_score: float = 0.5, limit: int | None = None) -> list[Candidate]:
    """Undecided candidate pairs, most likely first, with reasons and evidence from both sides."""
    entities = sorted(graph.entities, key=lambda e: e.id)
    judged = _judged(decisions, entities)
    roles = _roles(graph)
    names = {e.id: e.name for e in entities}
    similar = _embedding_pairs(graph, entities) if use_embeddings and len(entities) > 1 else {}
    out: list[Candidate] = []
    known = gazetteer_entries()
    for i, j in sorted(_blocks(entities) | set(similar)):
        a, b = entities[i], entities[j]
        if frozenset((a.id, b.id)) in judged or (a.id in known and b.id in known):
            continue  # judged already, or two entries the gazetteer itself keeps apart
        signals = name_signals(a, b)
        for cue, org in sorted(roles.get(a.id, set()) & roles.get(b.id, set())):
            signals.append((0.5, f"title: both are {cue!r} of {names.get(org, org)!r}"))
        if (i, j) in similar:
            name_cos, context_cos = similar[(i, j)]
            signals.append((round(0.7 * name_cos, 3),
                            f"embedding: the names are alike in meaning (cosine {name_cos:.2f})"))
            if context_cos >= 0.5:
                signals.append((round(0.5 * context_cos, 3),
                                f"context: their sentences are about the same thing (cosine {context_cos:.2f})"))
        if not signals:
            continue
        signals.sort(reverse=True)
        score = min(0.99, signals[0][0] + 0.05 * (len(signals) - 1))
        if a.type == "Group":
            score *= _GROUP_WEIGHT
        if score < min_score:
            continue
        out.append(Candidate(a.id, b.id, a.name, b.name, a.type, round(score, 3), [r for _, r in signals]))
    out.sort(key=lambda c: (-c.score, c.left, c.right))
    if limit is not None:
        out = out[:limit]
    by_id = {e.id: e for e in entities}
    for c in out:
        c.left_evidence = evidence(graph, by_id[c.left])
        c.right_evidence = evidence(graph, by_id[c.right])
    return out
