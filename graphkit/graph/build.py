"""Turn per-document records and a Resolution into one GraphData keyed by entity ids."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from graphkit.types import DocResult, Entity, GraphData, Relation, Resolution


def _ids(keys: list[str], table: dict[str, str]) -> list[str]:
    out: list[str] = []
    for key in keys:
        entity_id = table.get(key)
        if entity_id is not None and entity_id not in out:
            out.append(entity_id)
    return out


def _role_rules(role_rules: dict[str, list[str]], table: dict[str, str]) -> dict[str, list[str]]:
    """'role|mention key' -> 'role|entity id'; two mentions of one entity pool their rules."""
    out: dict[str, list[str]] = {}
    for key, names in role_rules.items():
        role, _, mention = key.partition("|")
        entity_id = table.get(mention)
        if entity_id is None:
            continue
        bucket = out.setdefault(f"{role}|{entity_id}", [])
        bucket.extend(n for n in names if n not in bucket)
    return out


def _role_confidence(confidence: dict[str, float], table: dict[str, str]) -> dict[str, float]:
    """The same remapping; two mentions of one entity keep the higher confidence."""
    out: dict[str, float] = {}
    for key, value in confidence.items():
        role, _, mention = key.partition("|")
        entity_id = table.get(mention)
        if entity_id is not None:
            new = f"{role}|{entity_id}"
            out[new] = max(out.get(new, 0.0), value)
    return out


def _entity_rules(entities: list[Entity], results: list[DocResult], table: dict[str, str]) -> list[Entity]:
    """Each entity with the rules that found its mentions (kept with those resolution already gave it)."""
    found: dict[str, list[str]] = {}
    for result in results:
        for mention in result.mentions:
            entity_id = table.get(mention.key)
            if entity_id is not None and mention.rules:
                bucket = found.setdefault(entity_id, [])
                bucket.extend(n for n in mention.rules if n not in bucket)
    out = []
    for entity in entities:
        extra = [n for n in found.get(entity.id, []) if n not in entity.rules]
        out.append(dataclasses.replace(entity, rules=[*entity.rules, *extra]) if extra else entity)
    return out


def build_graph(results: Iterable[DocResult], resolution: Resolution) -> GraphData:
    """Rewrite mention keys to entity ids; a role or relation whose mention did not resolve is dropped."""
    table = resolution.mention_to_entity
    results = list(results)
    graph = GraphData(entities=_entity_rules(list(resolution.entities), results, table))
    for result in results:
        graph.documents.append(result.article)
        graph.mentions.extend(result.mentions)
        for event in result.events:
            perpetrators = _ids(event.perpetrators, table)
            victims = [v for v in _ids(event.victims, table) if v not in perpetrators]
            graph.events.append(
                dataclasses.replace(
                    event,
                    perpetrators=perpetrators,
                    victims=victims,
                    sources=_ids(event.sources, table),
                    locations=_ids(event.locations, table),
                    rules=list(event.rules),
                    role_rules=_role_rules(event.role_rules, table),
                    role_confidence=_role_confidence(event.role_confidence, table),
                )
            )
        seen: set[tuple[str, str, str]] = set()
        for rel in result.relations:
            source, target = table.get(rel.source), table.get(rel.target)
            if source is None or target is None or source == target:
                continue
            if (source, rel.type, target) in seen:
                continue
            seen.add((source, rel.type, target))
            graph.relations.append(Relation(source, rel.type, target, rel.prov, rel.past, rel.confidence, rel.cue,
                                            list(rel.rules)))
        for triple in result.triples:
            graph.triples.append(
                dataclasses.replace(
                    triple,
                    subject_key=table.get(triple.subject_key or ""),
                    object_key=table.get(triple.object_key or ""),
                )
            )
    return graph

