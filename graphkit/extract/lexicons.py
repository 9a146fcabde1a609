"""The lexicons the extractors read, loaded once from data/lexicons."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from graphkit import data_files


@dataclass(frozen=True)
class TriggerLexicon:
    """Event triggers: lemma -> (event type, confidence), and multiword phrases by first word."""

    verbs: dict[str, tuple[str, float]]
    nouns: dict[str, tuple[str, float]]
    phrases: dict[str, list[tuple[tuple[str, ...], str, float]]]  # first word -> [(words, type, conf)]


def _words(entry: str) -> tuple[str, ...]:
    return tuple(entry.lower().replace("-", " - ").split())


@lru_cache(maxsize=1)
def triggers() -> TriggerLexicon:
    raw = data_files.read_yaml("lexicons/event_triggers.yaml") or {}
    verbs: dict[str, tuple[str, float]] = {}
    nouns: dict[str, tuple[str, float]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str, float]]] = {}
    for event_type, spec in raw.items():
        if not isinstance(spec, dict):
            continue
        for key, table, conf in (
            ("verbs", verbs, 0.9), ("nouns", nouns, 0.9), ("weak_verbs", verbs, 0.5), ("weak_nouns", nouns, 0.5)
        ):
            for entry in spec.get(key) or []:
                entry = str(entry).lower().strip()
                if " " in entry or "-" in entry:  # the tokenizer splits "re-education" into three tokens
                    words = _words(entry)
                    phrases.setdefault(words[0], []).append((words, event_type, conf))
                elif entry not in table or table[entry][1] < conf:
                    table[entry] = (event_type, conf)
        for entry in spec.get("phrases") or []:
            words = _words(str(entry))
            phrases.setdefault(words[0], []).append((words, event_type, 0.95))
    for entries in phrases.values():
        entries.sort(key=lambda e: -len(e[0]))
    return TriggerLexicon(verbs, nouns, phrases)


def _lines(name: str) -> frozenset[str]:
    return frozenset(line.lower() for line in data_files.read_lines(name))


@cache
def word_list(name: str) -> frozenset[str]:
    """A one-entry-per-line lexicon as a set of lowercase entries (lemmas or phrases)."""
    return _lines(f"lexicons/{name}.txt")


@lru_cache(maxsize=1)
def titles() -> dict[str, frozenset[str]]:
    raw = data_files.read_yaml("lexicons/titles.yaml") or {}
    return {k: frozenset(str(v).lower() for v in (vals or [])) for k, vals in raw.items()}


@lru_cache(maxsize=1)
def relation_cues() -> dict[str, dict[str, frozenset[str]]]:
    raw = data_files.read_yaml("lexicons/relation_cues.yaml") or {}
    out: dict[str, dict[str, frozenset[str]]] = {}
    for rel_type, spec in raw.items():
        if isinstance(spec, dict):
            out[rel_type] = {
                k: frozenset(str(v).lower() for v in vals) for k, vals in spec.items() if isinstance(vals, list)
            }
    return out
