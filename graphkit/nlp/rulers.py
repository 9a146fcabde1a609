"""EntityRuler patterns built from the gazetteers: actors, places, leaders and governments."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graphkit import lexicons
from graphkit.names import fold_accents, gazetteer_rows


def _variants(name: str) -> set[str]:
    out = {name.strip()}
    out.add(fold_accents(name.strip()))
    return {v for v in out if v}


def _phrase_patterns(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    patterns = []
    for row in rows:
        label = row.get("type")
        if label not in ("Person", "Organization", "Location"):
            continue
        names = {row["name"], *row.get("aliases", [])}
        for name in names:
            for variant in _variants(name):
                # a lone lowercase word is too ambiguous to tag on sight
                if " " not in variant and variant.islower():
                    continue
                patterns.append({"label": label, "pattern": variant, "id": row["id"]})
    return patterns


def _government_patterns(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """'the Maduro regime', 'regime of Nicolás Maduro', 'the Venezuelan State', 'Chavista regime'."""
    gov_nouns = sorted(lexicons.word_list("government_nouns"))
    if not gov_nouns:
        return []
    governments = {r["country"]: r["id"] for r in rows if r.get("subtype") == "government" and r.get("country")}
    patterns: list[dict[str, Any]] = []

    def add(words: list[str], gov_id: str, head_first: bool = False) -> None:
        tokens: list[dict[str, Any]] = [{"ORTH": w} for w in words]
        gov: dict[str, Any] = {"LOWER": {"IN": gov_nouns}}
        if head_first:
            pattern = [gov, {"LOWER": "of"}, {"LOWER": "the", "OP": "?"}, *tokens]
        else:
            pattern = [*tokens, {"ORTH": "'s", "OP": "?"}, gov]
        patterns.append({"label": "Organization", "pattern": pattern, "id": gov_id})

    for row in rows:
        country = row.get("country")
        gov_id = row.get("government") or governments.get(country or "")
        if row.get("type") == "Person" and gov_id:
            names = {row["name"], *row.get("aliases", [])}
            for name in names:
                for variant in _variants(name):
                    add(variant.split(), gov_id)
                    add(variant.split(), gov_id, head_first=True)
            for adjective in row.get("adjectives", []):
                add([adjective.capitalize()], gov_id)
        elif row.get("type") == "Location" and row.get("subtype") == "country" and country in governments:
            for demonym in row.get("demonyms", []):
                add([demonym], governments[country])
    return patterns


def _is_weak(pattern: dict[str, Any]) -> bool:
    """One capitalised word that is not an acronym: often also a first name or a surname."""
    text = pattern["pattern"]
    return isinstance(text, str) and " " not in text and not text.isupper()


def actor_patterns() -> list[dict[str, Any]]:
    """Patterns that may overrule the statistical NER (multiword names, acronyms, governments)."""
    rows = gazetteer_rows()
    return [p for p in _phrase_patterns(rows) if not _is_weak(p)] + _government_patterns(rows)


def weak_actor_patterns() -> list[dict[str, Any]]:
    """Single-word names, applied after NER and only where NER found nothing ("Rosa Peñú" stays a person)."""
    return [p for p in _phrase_patterns(gazetteer_rows()) if _is_weak(p)]
