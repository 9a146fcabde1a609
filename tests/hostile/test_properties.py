"""Property tests (hypothesis): name folding, alias merging, the interchange JSON round trip."""

from __future__ import annotations

import random
import re
import string

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from graphkit.graph import load_graph, save_graph
from graphkit.graph.interchange import from_interchange, to_interchange
from graphkit.names import fold, initials, slug
from graphkit.resolve import resolve
from graphkit.types import (
    ENTITY_TYPES,
    EVENT_TYPES,
    RELATION_TYPES,
    STATUSES,
    Article,
    DocResult,
    Entity,
    Event,
    GraphData,
    Mention,
    Provenance,
    Relation,
    Triple,
)

ANY_TEXT = st.text(max_size=60)  # every Unicode character but lone surrogates, which no file can hold
NAMEISH = st.text(alphabet=string.ascii_letters + "ÁÉÍÓÚáéíóúñÑçÇ'’.- ", min_size=1, max_size=30)


@given(ANY_TEXT | NAMEISH.map(lambda s: "The " + s))
@example("\u13a0")  # Cherokee: casefold() gives a capital
def test_fold_is_lowercase_single_spaced_and_stripped(name):
    folded = fold(name)
    assert folded == folded.strip() and "  " not in folded
    assert folded == folded.lower()
    assert not re.search(r"[^\w\s]", folded)  # no punctuation survives
    if not re.match(r"(the|a|an)( |$)", folded):  # one leading article is dropped per fold ("the the x")
        assert fold(folded) == folded


@given(NAMEISH)
def test_fold_ignores_case_and_accents(name):
    assert fold(name.upper()) == fold(name.lower()) == fold(name)
    unaccented = name.translate(str.maketrans("ÁÉÍÓÚáéíóúñÑçÇ", "AEIOUaeiounNcC"))
    assert fold(unaccented) == fold(name)


@given(ANY_TEXT)
def test_slug_is_a_safe_id_and_initials_are_short(name):
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*|entity", slug(name))
    assert len(initials(name)) <= len(fold(name).split()) + name.count("-") + name.count("–")


def _mention(doc: str, i: int, text: str, etype: str) -> Mention:
    return Mention(key=f"{doc}:{i}", text=text, type=etype, doc_id=doc, start=i * 100, end=i * 100 + len(text),
                   sent_start=i * 100, sent_end=i * 100 + 90)


MENTIONS = st.lists(st.tuples(st.sampled_from(["d1", "d2", "d3"]), NAMEISH, st.sampled_from(["Person", "Organization",
                                                                                              "Location"])),
                    min_size=1, max_size=25)


def _partition(results: list[DocResult]) -> set[frozenset[str]]:
    resolution = resolve(results)
    groups: dict[str, set[str]] = {}
    for key, entity_id in resolution.mention_to_entity.items():
        groups.setdefault(entity_id, set()).add(key)
    return {frozenset(g) for g in groups.values()}


def _results(rows: list[tuple[str, str, str]]) -> list[DocResult]:
    by_doc: dict[str, DocResult] = {}
    for i, (doc, text, etype) in enumerate(rows):
        result = by_doc.setdefault(doc, DocResult(article=Article(id=doc, text=" " * 3000)))
        result.mentions.append(_mention(doc, i, text, etype))
    return list(by_doc.values())


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(MENTIONS, st.randoms(use_true_random=False))
def test_alias_merging_is_complete_consistent_and_order_free(rows, rnd: random.Random):
    results = _results(rows)
    resolution = resolve(results)
    keys = {m.key for r in results for m in r.mentions}
    assert set(resolution.mention_to_entity) == keys  # every mention in exactly one entity
    ids = [e.id for e in resolution.entities]
    assert len(ids) == len(set(ids))
    by_id = {e.id: e for e in resolution.entities}
    mentions = {m.key: m for r in results for m in r.mentions}
    for entity in resolution.entities:
        members = [mentions[k] for k, e in resolution.mention_to_entity.items() if e == entity.id]
        assert entity.docs == sorted({m.doc_id for m in members})
        assert entity.name not in entity.aliases and entity.aliases == sorted(set(entity.aliases))
        assert entity.mentions == len(members)
    # names equal after folding, of one type, are one entity (persons also across documents)
    for a in mentions.values():
        for b in mentions.values():
            if a.type == b.type and fold(a.text) and fold(a.text) == fold(b.text):
                assert resolution.mention_to_entity[a.key] == resolution.mention_to_entity[b.key], (a, b)
    assert all(by_id[e] for e in resolution.mention_to_entity.values())
    # the order documents and mentions come in changes no merge
    shuffled = [DocResult(article=r.article, mentions=rnd.sample(r.mentions, len(r.mentions))) for r in results]
    rnd.shuffle(shuffled)
    assert _partition(shuffled) == _partition(results)


def _prov(doc: str) -> st.SearchStrategy[Provenance]:
    n = st.integers(0, 10**6)
    return st.builds(Provenance, st.just(doc), ANY_TEXT, n, n, n, n)


CONFIDENCE = st.integers(0, 1000).map(lambda x: x / 1000)  # graph files keep three decimals


@st.composite
def graphs(draw: st.DrawFn) -> GraphData:
    doc_ids = draw(st.lists(ANY_TEXT.filter(bool), min_size=1, max_size=4, unique=True))
    docs = [Article(id=d, text=draw(ANY_TEXT), title=draw(st.none() | ANY_TEXT), url=draw(st.none() | ANY_TEXT),
                    date=draw(st.none() | ANY_TEXT), source=draw(st.none() | ANY_TEXT), sha256=draw(ANY_TEXT),
                    aliases=draw(st.lists(ANY_TEXT, max_size=2))) for d in doc_ids]
    entity_ids = draw(st.lists(ANY_TEXT.filter(bool), min_size=1, max_size=6, unique=True))
    entities = [Entity(id=e, name=draw(ANY_TEXT), type=draw(st.sampled_from(ENTITY_TYPES)),
                       subtype=draw(st.none() | ANY_TEXT), aliases=draw(st.lists(ANY_TEXT, max_size=3)),
                       docs=draw(st.lists(st.sampled_from(doc_ids), max_size=3)), mentions=draw(st.integers(0, 99)),
                       merge_reasons=draw(st.lists(ANY_TEXT, max_size=2))) for e in entity_ids]
    some_entities = st.lists(st.sampled_from(entity_ids), max_size=3)
    events = []
    for i in range(draw(st.integers(0, 4))):
        doc = draw(st.sampled_from(doc_ids))
        events.append(Event(id=f"ev{i}", type=draw(st.sampled_from(EVENT_TYPES)), doc_id=doc, trigger=draw(ANY_TEXT),
                            prov=draw(_prov(doc)), perpetrators=draw(some_entities), victims=draw(some_entities),
                            sources=draw(some_entities), locations=draw(some_entities),
                            date=draw(st.none() | ANY_TEXT), status=draw(st.sampled_from(STATUSES)),
                            confidence=draw(CONFIDENCE), negated=draw(st.booleans())))
    relations = [Relation(source=draw(st.sampled_from(entity_ids)), type=draw(st.sampled_from(RELATION_TYPES)),
                          target=draw(st.sampled_from(entity_ids)), prov=draw(_prov(draw(st.sampled_from(doc_ids)))),
                          past=draw(st.booleans()), confidence=draw(CONFIDENCE), cue=draw(ANY_TEXT))
                 for _ in range(draw(st.integers(0, 3)))]
    triples = [Triple(subject=draw(ANY_TEXT), relation=draw(ANY_TEXT), object=draw(ANY_TEXT),
                      prov=draw(_prov(draw(st.sampled_from(doc_ids)))),
                      subject_key=draw(st.none() | st.sampled_from(entity_ids)),
                      object_key=draw(st.none() | st.sampled_from(entity_ids)), negated=draw(st.booleans()),
                      confidence=draw(CONFIDENCE)) for _ in range(draw(st.integers(0, 3)))]
    return GraphData(documents=docs, entities=entities, events=events, relations=relations, triples=triples)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(graphs())
def test_interchange_round_trip_gives_the_same_graph(tmp_path, graph):
    assert from_interchange(to_interchange(graph)) == graph
    assert load_graph(save_graph(graph, tmp_path / "graph.json")) == graph
