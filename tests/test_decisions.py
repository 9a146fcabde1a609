"""Human decisions in resolution: merges, vetoes, splits, idempotence, and ids that do not move."""

import json
import logging

from graphkit.decisions import Decision, append_decision, load_decisions
from graphkit.graph import build_graph, load_graph, save_graph
from graphkit.pipeline import resolve_again
from graphkit.resolve import resolve
from graphkit.store import ResultStore
from graphkit.types import Article, DocResult, Event, Mention, Provenance


def _m(doc, text, start, etype="Person", **kw):
    return Mention(key=f"{doc}:{start}", text=text, type=etype, doc_id=doc, start=start, end=start + len(text),
                   sent_start=0, sent_end=0, **kw)


def _doc(doc_id, text, *names):
    """A document whose mentions are the given (text, type) at their first place in the text."""
    mentions = [_m(doc_id, t, text.index(t), etype) for t, etype in names]
    return DocResult(article=Article(id=doc_id, text=text), mentions=mentions)


def _key(results, doc, text):
    """The key of the mention with this text in this document."""
    result = next(r for r in results if r.article.id == doc)
    return next(m.key for m in result.mentions if m.text == text)


def _same(a, b, **kw):
    return Decision(a, b, "same", by="tester", at="2026-01-01T00:00:00+00:00", **kw)


def _different(a, b):
    return Decision(a, b, "different", by="tester", at="2026-01-01T00:00:00+00:00")


def _clusters(res):
    """Entity id -> sorted mention texts with their docs."""
    out = {}
    for key, eid in res.mention_to_entity.items():
        out.setdefault(eid, []).append(key)
    return {eid: sorted(keys) for eid, keys in out.items()}


DOCS = [
    _doc("d1", "Inspector Ilse Varga of the harbour police spoke. Varga denied it.",
         ("Ilse Varga", "Person"), ("Varga", "Person")),
    _doc("d2", "The Harbour Guard Service said the Coastal Watch Unit would help.",
         ("Harbour Guard Service", "Organization"), ("Coastal Watch Unit", "Organization")),
    _doc("d3", "Officials of the HGS and Port Police Directorate met.",
         ("HGS", "Organization"), ("Port Police Directorate", "Organization")),
]


FULL, SURNAME = _key(DOCS, "d1", "Ilse Varga"), _key(DOCS, "d1", "Varga")
HGS_FULL, HGS = _key(DOCS, "d2", "Harbour Guard Service"), _key(DOCS, "d3", "HGS")


def test_decisions_positive_merges_are_transitive_and_carry_their_reasons():
    decisions = [_same("Harbour Guard Service", "Coastal Watch Unit"), _same("coastal-watch-unit", "HGS")]
    res = resolve(DOCS, decisions)
    keys = [_key(DOCS, "d2", "Harbour Guard Service"), _key(DOCS, "d2", "Coastal Watch Unit"), _key(DOCS, "d3", "HGS")]
    ids = {res.mention_to_entity[k] for k in keys}
    assert len(ids) == 1
    entity = next(e for e in res.entities if e.id in ids)
    assert entity.name == "Harbour Guard Service" and {"Coastal Watch Unit", "HGS"} <= set(entity.aliases)
    assert any("decision 'same'" in r and "tester" in r for r in entity.merge_reasons)
    assert len(entity.decisions) == 2
    # the rest is untouched
    assert res.mention_to_entity[_key(DOCS, "d3", "Port Police Directorate")] == "port-police-directorate"


def test_decisions_reapplied_change_nothing():
    decisions = [_same("Harbour Guard Service", "Port Police Directorate"), _different("Ilse Varga", "Varga")]
    once = resolve(DOCS, decisions)
    twice = resolve(DOCS, decisions + decisions)  # the same lines again, as after a second review session
    assert _clusters(once) == _clusters(twice)
    assert [e.id for e in once.entities] == [e.id for e in twice.entities]


def test_decisions_negative_blocks_a_rule_merge_and_split_ids_stay_stable():
    merged = resolve(DOCS)
    assert merged.mention_to_entity[FULL] == merged.mention_to_entity[SURNAME] == "ilse-varga"  # surname rule
    split = resolve(DOCS, [_different("Ilse Varga", "Varga")])
    assert split.mention_to_entity[FULL] == "ilse-varga"
    assert split.mention_to_entity[SURNAME] == "varga"
    varga = next(e for e in split.entities if e.id == "varga")
    assert varga.decisions and "different" in varga.decisions[0]
    # afterwards: a new document that sorts first, and the same decision by id, keep both ids
    new = _doc("a0", "Ilse Varga returned.", ("Ilse Varga", "Person"))
    again = resolve([new, *DOCS], [_different("ilse-varga", "varga")])
    assert again.mention_to_entity[FULL] == again.mention_to_entity["a0:0"] == "ilse-varga"
    assert again.mention_to_entity[SURNAME] == "varga"


def test_decisions_negative_wins_over_a_contradicting_positive(caplog):
    decisions = [_different("Harbour Guard Service", "HGS"), _same("Harbour Guard Service", "Coastal Watch Unit"),
                 _same("Coastal Watch Unit", "HGS")]
    with caplog.at_level(logging.WARNING):
        res = resolve(DOCS, decisions)
    assert res.mention_to_entity[HGS_FULL] != res.mention_to_entity[HGS]
    assert "contradicts" in caplog.text


def test_decisions_last_line_on_a_pair_wins():
    res = resolve(DOCS, [_different("Ilse Varga", "Varga"), _same("Varga", "Ilse Varga")])
    assert res.mention_to_entity[FULL] == res.mention_to_entity[SURNAME]


def test_decisions_file_bad_lines_warn_with_file_and_line(tmp_path, caplog):
    path = tmp_path / "decisions.jsonl"
    append_decision(path, _same("A One", "B Two", note="checked the register"))
    with path.open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
        fh.write(json.dumps({"left": "A One", "right": "C", "judgement": "maybe"}) + "\n")
        fh.write(json.dumps({"left": "X", "right": "Y", "judgement": "different", "by": "me"}) + "\n")
    with caplog.at_level(logging.WARNING):
        decisions = load_decisions(path)
    assert [(d.left, d.judgement) for d in decisions] == [("A One", "same"), ("X", "different")]
    assert decisions[0].note == "checked the register"
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 2 and f"{path}:2:" in warnings[0] and f"{path}:3:" in warnings[1]


def test_decisions_ids_do_not_depend_on_document_order_or_a_counter():
    person = _doc("d5", "Jordan Reyes, known as Jordan, spoke.", ("Jordan", "Person"))
    place = _doc("a1", "Refugees crossed into Jordan.", ("Jordan", "Location"))
    alone = resolve([person])
    both = resolve([place, person])  # the new document sorts first
    assert alone.mention_to_entity["d5:0"] == both.mention_to_entity["d5:0"] == "jordan"
    assert both.mention_to_entity[_key([place], "a1", "Jordan")] == "jordan--location"
    assert _clusters(resolve([person, place])) == _clusters(both)
    # the suffix of an id names its type: a decision on the place leaves the person alone
    kingdom = _doc("k1", "The Hashemite Kingdom closed the border.", ("Hashemite Kingdom", "Location"))
    joined = resolve([place, person, kingdom], [_same("jordan--location", "Hashemite Kingdom")])
    assert joined.mention_to_entity[_key([place], "a1", "Jordan")] == joined.mention_to_entity["k1:4"]
    assert joined.mention_to_entity["d5:0"] == "jordan"


def test_decisions_resolve_again_from_records_is_idempotent(tmp_path):
    text = "Ilse Varga led the Harbour Guard Service. Varga spoke."
    result = _doc("d1", text, ("Ilse Varga", "Person"), ("Harbour Guard Service", "Organization"),
                  ("Varga", "Person"))
    p = Provenance("d1", text, 0, 10, 0, 41)
    result.events.append(Event("d1:e1", "detention", "d1", "led", p, perpetrators=["d1:0"]))
    store = ResultStore(tmp_path)
    store.add(result)
    store.close()
    assert next(ResultStore(tmp_path).results()).mentions == result.mentions
    save_graph(build_graph([result], resolve([result])), tmp_path / "graph.json")
    decisions = [_different("Ilse Varga", "Varga")]
    first = resolve_again(tmp_path / "graph.json", decisions, write_map=False)
    text_once = (tmp_path / "graph.json").read_text(encoding="utf-8")
    resolve_again(tmp_path, decisions, write_map=False)
    assert (tmp_path / "graph.json").read_text(encoding="utf-8") == text_once
    graph = load_graph(tmp_path)
    assert {e.id for e in graph.entities} == {e.id for e in first.graph.entities} >= {"ilse-varga", "varga"}
    assert graph.events[0].perpetrators == ["ilse-varga"]
    varga = next(e for e in graph.entities if e.id == "varga")
    assert varga.decisions  # the decision travels with the graph file


def test_decisions_colliding_ids_depend_on_the_claims_not_their_order():
    from itertools import permutations

    from graphkit.ids import Claim, assign_ids

    claims = [
        Claim("ve-sebin", "Organization", "SEBIN", frozenset({"sebin"}), True),
        Claim("ve-sebin", "Organization", "Helicoide unit", frozenset({"helicoide unit"}), False),  # a split side
        Claim("jordan", "Location", "Jordan", frozenset({"jordan"}), True),
        Claim("jordan", "Person", "Jordan", frozenset({"jordan"}), True),
        Claim("harbour-board", "Organization", "Harbour Board", frozenset({"harbour board"}), True),
    ]
    expected = {c: i for c, i in zip(claims, assign_ids(claims), strict=True)}
    assert sorted(expected.values()) == ["harbour-board", "jordan", "jordan--location", "ve-sebin",
                                         "ve-sebin--helicoide-unit"]
    for order in permutations(claims):
        assert dict(zip(order, assign_ids(list(order)), strict=True)) == expected
