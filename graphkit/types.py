"""Stage records shared by every stage: plain dataclasses, no spaCy or driver objects."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, TypeVar, get_args

EntityType = Literal["Person", "Organization", "Location", "Group"]
EventType = Literal[
    "torture",
    "killing",
    "detention",
    "disappearance",
    "repression",
    "extortion",
    "corruption",
    "electoral_fraud",
    "trafficking",
    "crimes_against_humanity",
]
RelationType = Literal["MEMBER_OF", "LEADS", "PART_OF", "LOCATED_IN", "ALLIED_WITH", "OPPOSES"]
Status = Literal["alleged", "confirmed", "denied"]
Role = Literal["perpetrators", "victims", "sources", "locations"]

ENTITY_TYPES: tuple[EntityType, ...] = get_args(EntityType)
EVENT_TYPES: tuple[EventType, ...] = get_args(EventType)
RELATION_TYPES: tuple[RelationType, ...] = get_args(RelationType)
UNDIRECTED_RELATIONS: tuple[RelationType, ...] = ("ALLIED_WITH", "OPPOSES")
STATUSES: tuple[Status, ...] = get_args(Status)
ROLES: tuple[Role, ...] = get_args(Role)

_L = TypeVar("_L", bound=str)


def checked(value: object, allowed: tuple[_L, ...], what: str) -> _L:
    """A string from data or a file, checked against a closed vocabulary (raises ValueError naming it)."""
    for option in allowed:
        if value == option:
            return option
    raise ValueError(f"{value!r} is not a known {what} (one of: {', '.join(allowed)})")


# an event role (a list on Event) -> the relationship type it becomes in a graph store
ROLE_EDGES: dict[Role, str] = {
    "perpetrators": "PERPETRATOR", "victims": "VICTIM", "sources": "SOURCE", "locations": "LOCATION"}


@dataclass
class Article:
    """One input document, after clutter removal."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    date: str | None = None
    source: str | None = None  # where it was read from (path, "stdin", ...)
    sha256: str = ""
    removed_lines: int = 0  # clutter lines dropped by ingest
    aliases: list[str] = field(default_factory=list)  # other sources the same text was read from


Document = Article  # the issue tracker's name for it


@dataclass(frozen=True)
class Provenance:
    """Where a fact is written: document, sentence and character offsets into Article.text."""

    doc_id: str
    sentence: str
    start: int  # offsets of the evidence span (the fact itself) in the document text
    end: int
    sent_start: int = 0
    sent_end: int = 0


@dataclass
class Mention:
    """A span naming an entity (or an unnamed Group) in one document.

    `key` is unique across the run (doc id + offsets); events and relations point at mentions
    by key until resolution turns keys into entity ids.
    """

    key: str
    text: str
    type: EntityType
    doc_id: str
    start: int
    end: int
    sent_start: int
    sent_end: int
    subtype: str | None = None
    canonical_id: str | None = None  # set when a gazetteer entry matched
    canonical_name: str | None = None
    confidence: float = 1.0
    source: str = "ner"  # ner | ruler | group | coref | title ...
    antecedent: str | None = None  # key of the mention this one refers to (coreference)
    # fuller ways the text names an unnamed group ("Mexican border control officers in Sonora")
    aliases: tuple[str, ...] = ()
    rules: list[str] = field(default_factory=list)  # names of the rules that found it (graphkit.extract.rules)

    def start_token(self, doc: Any) -> int:
        """Index of the first token of this mention in its parsed Doc."""
        span = doc.char_span(self.start, self.end, alignment_mode="expand")
        return span.start if span is not None else 0


@dataclass
class Triple:
    """A subject-relation-object statement read from the dependency parse."""

    subject: str
    relation: str
    object: str
    prov: Provenance
    subject_key: str | None = None  # mention keys when the argument is an entity mention
    object_key: str | None = None
    negated: bool = False
    confidence: float = 1.0
    rules: list[str] = field(default_factory=list)


@dataclass
class Event:
    """An act of one of EVENT_TYPES reported in one document, with its roles as mention keys."""

    id: str
    type: EventType
    doc_id: str
    trigger: str
    prov: Provenance
    perpetrators: list[str] = field(default_factory=list)
    victims: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    date: str | None = None
    status: Status = "alleged"
    confidence: float = 1.0
    negated: bool = False
    rules: list[str] = field(default_factory=list)  # rules that found the trigger and set the status
    # "role|mention key" (after building: "role|entity id") -> rules that put that participant in that role
    role_rules: dict[str, list[str]] = field(default_factory=dict)
    role_confidence: dict[str, float] = field(default_factory=dict)  # same keys: the calibrated confidence


@dataclass
class Relation:
    """A typed relation between two mentions (keys) or, after resolution, two entity ids."""

    source: str
    type: RelationType
    target: str
    prov: Provenance
    past: bool = False
    confidence: float = 1.0
    cue: str = ""  # the word or pattern that gave it ("minister", "member of", ...)
    rules: list[str] = field(default_factory=list)


@dataclass
class DocResult:
    """Everything extracted from one article."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    triples: list[Triple] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Entity:
    """One real-world actor, place or group across documents."""

    id: str
    name: str
    type: EntityType
    subtype: str | None = None
    aliases: list[str] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    mentions: int = 0
    merge_reasons: list[str] = field(default_factory=list)  # why names were joined
    rules: list[str] = field(default_factory=list)  # rules that found its mentions or merged them
    decisions: list[str] = field(default_factory=list)  # human judgements on its names (graphkit.decisions)


@dataclass
class Resolution:
    """Entities plus the mention key -> entity id map that events and relations are rewritten with."""

    entities: list[Entity]
    mention_to_entity: dict[str, str]


@dataclass
class GraphData:
    """The backend-neutral graph: what the NetworkX and Neo4j backends both consume.

    Events, relations and triples here refer to entity ids (not mention keys).
    """

    documents: list[Article] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    triples: list[Triple] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


def to_dict(record: Any) -> dict[str, Any]:
    """Plain-dict form of any record above (for JSON)."""
    return asdict(record)
