"""Typed loaders for the data files under graphkit/data (the gazetteers are graphkit.names').

Every data file has one loader here, and every YAML loader names the keys it reads, so a test can hold
the loaders against the data README: nothing documented goes unread, nothing read goes undocumented.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from graphkit import data_files


@dataclass(frozen=True)
class TriggerLexicon:
    """Event triggers: lemma -> (event type, confidence), and multiword phrases by first word."""

    verbs: dict[str, tuple[str, float]]
    nouns: dict[str, tuple[str, float]]
    phrases: dict[str, list[tuple[tuple[str, ...], str, float]]]  # first word -> [(words, type, conf)]


def _words(entry: str) -> tuple[str, ...]:
    return tuple(entry.lower().replace("-", " - ").split())


_TRIGGER_KEYS = ("verbs", "nouns", "phrases", "weak_verbs", "weak_nouns")


@lru_cache(maxsize=1)
def triggers() -> TriggerLexicon:
    raw = data_files.read_yaml("lexicons/event_triggers.yaml", nested_keys=_TRIGGER_KEYS) or {}
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


@cache
def word_list(name: str) -> frozenset[str]:
    """A one-entry-per-line lexicon (lexicons/NAME.txt) as a set of lowercase entries (lemmas or phrases)."""
    return frozenset(line.lower() for line in data_files.read_lines(f"lexicons/{name}.txt"))


@lru_cache(maxsize=1)
def titles() -> dict[str, frozenset[str]]:
    keys = ("leads", "member_of", "member_nouns", "acts_for_nouns", "state_leader_titles", "person_titles")
    raw = data_files.read_yaml("lexicons/titles.yaml", keys=keys) or {}
    return {k: frozenset(str(v).lower() for v in (vals or [])) for k, vals in raw.items()}


_RELATION_CUE_KEYS = (
    "verbs", "past_verbs", "object_verbs", "phrases", "passive_phrases", "between_nouns", "prepositional_verbs",
)


@lru_cache(maxsize=1)
def relation_cues() -> dict[str, dict[str, frozenset[str]]]:
    raw = data_files.read_yaml("lexicons/relation_cues.yaml", nested_keys=_RELATION_CUE_KEYS) or {}
    out: dict[str, dict[str, frozenset[str]]] = {}
    for rel_type, spec in raw.items():
        if isinstance(spec, dict):
            out[rel_type] = {
                k: frozenset(str(v).lower() for v in vals) for k, vals in spec.items() if isinstance(vals, list)
            }
    return out


@lru_cache(maxsize=1)
def group_nouns() -> dict[str, str]:
    """Group head lemma -> role hint (actor, victim, self, either)."""
    out: dict[str, str] = {}
    for line in data_files.read_lines("lexicons/group_nouns.txt"):
        lemma, _, hint = line.partition("\t")
        out[lemma.strip().lower()] = hint.strip() if hint.strip() in ("actor", "victim", "self") else "either"
    return out


@lru_cache(maxsize=1)
def doer_nouns() -> dict[str, str]:
    """Nouns naming the doers of an act ("torturers") -> the act's event type."""
    out = {}
    for line in word_list("perpetrator_nouns"):
        lemma, _, event_type = line.partition("\t")
        if event_type.strip():
            out[lemma.strip()] = event_type.strip()
    return out


@dataclass(frozen=True)
class EventPair:
    """An event read from a noun and a word qualifying it ("sham election", "properties seized")."""

    type: str
    nouns: frozenset[str]
    modifiers: frozenset[str]


@dataclass(frozen=True)
class CollusionFrame:
    """Corruption from a state body tied to crime (collusion_frames.yaml)."""

    link_nouns: frozenset[str]
    link_verbs: frozenset[str]
    bodies: frozenset[str]
    crimes: frozenset[str]


def _word_lists(name: str, keys: tuple[str, ...]) -> list[frozenset[str]]:
    """The lowercase word lists under `keys` of a frame file, in that order."""
    raw = data_files.read_yaml(f"lexicons/{name}", keys=keys) or {}
    return [frozenset(str(w).lower() for w in raw.get(k) or []) for k in keys]


@lru_cache(maxsize=1)
def collusion_frame() -> CollusionFrame:
    return CollusionFrame(*_word_lists("collusion_frames.yaml", ("link_nouns", "link_verbs", "bodies", "crimes")))


@dataclass(frozen=True)
class SanctionFrame:
    """Who is sanctioned, and for what (sanction_frames.yaml)."""

    verbs: frozenset[str]
    nouns: frozenset[str]
    support_verbs: frozenset[str]
    targets: frozenset[str]
    reasons: frozenset[str]
    examples: frozenset[str]


@lru_cache(maxsize=1)
def sanction_frame() -> SanctionFrame:
    keys = ("verbs", "nouns", "support_verbs", "targets", "reasons", "examples")
    return SanctionFrame(*_word_lists("sanction_frames.yaml", keys))


@lru_cache(maxsize=1)
def custody_violence() -> tuple[frozenset[str], frozenset[str]]:
    """(violence words that are torture only in custody, custody cues) of custody_violence.yaml."""
    raw = data_files.read_yaml("lexicons/custody_violence.yaml", keys=("words", "cues")) or {}
    return (frozenset(str(w).lower() for w in raw.get("words") or []),
            frozenset(str(w).lower() for w in raw.get("cues") or []))


@lru_cache(maxsize=1)
def event_pairs() -> dict[str, EventPair]:
    """Entry name -> the pair; an entry without `type` has the type of its name."""
    raw = data_files.read_yaml("lexicons/event_pairs.yaml", nested_keys=("type", "nouns", "modifiers")) or {}
    return {k: EventPair(v.get("type", k), frozenset(v.get("nouns", [])), frozenset(v.get("modifiers", [])))
            for k, v in raw.items()}


@lru_cache(maxsize=1)
def class_nouns() -> dict[str, frozenset[str]]:
    """Noun ("gang") -> the organization subtypes it can point back at."""
    out: dict[str, set[str]] = {}
    for subtype, nouns in (data_files.read_yaml("lexicons/class_nouns.yaml") or {}).items():
        for noun in nouns or []:
            out.setdefault(str(noun).lower(), set()).add(subtype)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def group_glossary() -> dict[str, str]:
    """Variant group word -> its canonical word ("colectivos" -> "collectives"), as written."""
    raw = data_files.read_yaml("lexicons/group_glossary.yaml") or {}
    return {str(k): str(v) for k, v in raw.items()}


@lru_cache(maxsize=1)
def stopwords() -> dict[str, frozenset[str]]:
    """Language code -> its most frequent function words (graphkit.ingest.language tells languages apart)."""
    raw = data_files.read_yaml("lexicons/stopwords.yaml") or {}
    return {str(lang): frozenset(str(w).lower() for w in words) for lang, words in raw.items()}


@lru_cache(maxsize=1)
def clutter() -> dict[str, Any]:
    """The raw clutter rules (graphkit.ingest.clutter compiles them)."""
    raw: dict[str, Any] = data_files.read_yaml(
        "lexicons/clutter.yaml", keys=("drop_line", "cut_after", "list_marker", "cut_min_body_lines", "teaser")) or {}
    data_files.used("lexicons/clutter.yaml", "teaser.teaser_max_words", "teaser.teaser_min_run",
                    "teaser.teaser_final_punctuation")
    return raw


@lru_cache(maxsize=1)
def openie_confidence() -> dict[str, float]:
    """Feature name (or "bias") -> weight of the open-triple confidence."""
    raw = data_files.read_yaml("lexicons/openie_confidence.yaml") or {}
    return {str(k): float(v) for k, v in raw.items()}


@lru_cache(maxsize=1)
def transliteration() -> tuple[tuple[str, str], ...]:
    """Romanisation rewrites (from, to), in order: how `graphkit review` sees 'Aleksandr' in 'Alexandr'."""
    raw = data_files.read_yaml("lexicons/transliteration.yaml", keys=("rewrites",)) or {}
    return tuple((str(a), str(b)) for a, b in raw.get("rewrites") or [])


@dataclass(frozen=True)
class Schema:
    """The closed graph schema: every label and relationship type a backend may write."""

    node_labels: frozenset[str]
    entity_types: frozenset[str]
    event_types: frozenset[str]
    relationship_types: dict[str, tuple[str, str]]  # type -> (from label, to label)


@lru_cache(maxsize=1)
def schema() -> Schema:
    raw = data_files.read_yaml("schema.yaml",
                               keys=("node_labels", "entity_types", "event_types", "relationship_types"))
    return Schema(frozenset(raw["node_labels"]), frozenset(raw["entity_types"]), frozenset(raw["event_types"]),
                  {k: (v["from"], v["to"]) for k, v in raw["relationship_types"].items()})


@lru_cache(maxsize=1)
def viz_style() -> dict[str, Any]:
    """Colours and shapes of the maps, and how many names the network map draws at first sight."""
    style: dict[str, Any] = data_files.read_yaml(
        "viz_style.yaml", keys=("entity_types", "event_types", "event_shape", "labels")) or {}
    return style


@lru_cache(maxsize=1)
def place_ranks() -> dict[str, int]:
    """Place subtype -> size rank ("A, B" is A in B only when A ranks below B)."""
    raw = data_files.read_yaml("lexicons/place_ranks.yaml") or {}
    return {str(k): int(v) for k, v in raw.items()}


@dataclass(frozen=True)
class Umbrella:
    """A body that is a source too when one of its parts speaks: words and gazetteer id prefixes of parts."""

    name_words: tuple[str, ...]
    id_prefixes: tuple[str, ...]


@lru_cache(maxsize=1)
def source_umbrellas() -> dict[str, Umbrella]:
    """Umbrella gazetteer id -> how its parts are recognised."""
    raw = data_files.read_yaml("lexicons/source_umbrellas.yaml", nested_keys=("name_words", "id_prefixes")) or {}
    return {k: Umbrella(tuple(v.get("name_words", [])), tuple(v.get("id_prefixes", []))) for k, v in raw.items()}


@lru_cache(maxsize=1)
def calibration() -> dict[str, tuple[int, int]]:
    """Rule name -> (facts produced, facts right) on the development set (benchmarks/calibrate.py)."""
    raw = data_files.read_yaml("calibration.yaml", keys=("documents", "rules")) or {}
    return {str(name): (int(v.get("produced", 0)), int(v.get("right", 0)))
            for name, v in (raw.get("rules") or {}).items()}


@dataclass(frozen=True)
class ConfidenceModel:
    """How one kind of fact (trigger, perpetrators, victims, sources, relation) gets its confidence: a
    logistic model over named features, or the noisy-or of its rules; `prior` is what a rule never
    calibrated counts as (the kind's share of right facts)."""

    method: str  # "model" | "noisy-or"
    prior: float
    weights: dict[str, float]  # feature name -> coefficient ("bias" is the intercept)


@lru_cache(maxsize=1)
def confidence_models() -> dict[str, ConfidenceModel]:
    """Fact kind -> its calibrated confidence model (benchmarks/calibrate.py writes the file)."""
    raw = data_files.read_yaml("confidence_model.yaml", nested_keys=("method", "prior", "weights")) or {}
    out = {}
    for kind, v in raw.items():
        method = str(v.get("method", "noisy-or"))
        if method not in ("model", "noisy-or"):
            raise ValueError(f"confidence_model.yaml: {kind}: unknown method {method!r} (model or noisy-or)")
        out[str(kind)] = ConfidenceModel(method, float(v.get("prior", 0.5)),
                                         {str(k): float(w) for k, w in (v.get("weights") or {}).items()})
    return out


def load_all() -> None:
    """Call every loader once (the data documentation test, and warming caches before forking workers)."""
    triggers()
    titles()
    relation_cues()
    group_nouns()
    doer_nouns()
    event_pairs()
    class_nouns()
    group_glossary()
    clutter()
    stopwords()
    openie_confidence()
    transliteration()
    schema()
    viz_style()
    place_ranks()
    source_umbrellas()
    calibration()
    confidence_models()
    collusion_frame()
    sanction_frame()
    custody_violence()
    for path in data_files.lexicon_text_files():
        word_list(path.removeprefix("lexicons/").removesuffix(".txt"))
