"""Turn per-document records and a Resolution into one GraphData keyed by entity ids."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from graphkit.types import DocResult, GraphData, Relation, Resolution


def _ids(keys: list[str], table: dict[str, str]) -> list[str]:
    out: list[str] = []
    for key in keys:
        entity_id = table.get(key)
        if entity_id is not None and entity_id not in out:
            out.append(entity_id)
    return out


def build_graph(results: Iterable[DocResult], resolution: Resolution) -> GraphData:
    """Rewrite mention keys to entity ids; a role or relation whose mention did not resolve is dropped."""
    table = resolution.mention_to_entity
    graph = GraphData(entities=list(resolution.entities))
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

