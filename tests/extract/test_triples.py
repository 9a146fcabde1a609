import pytest

from graphkit.extract.triples import triples


def test_triples_passive_voice_is_turned_active(make_doc):
    words = ["Dissidents", "were", "tortured", "by", "agents", "."]
    doc = make_doc(words, heads=[2, 2, 2, 2, 3, 2], deps=["nsubjpass", "auxpass", "ROOT", "agent", "pobj", "punct"],
                   pos=["NOUN", "AUX", "VERB", "ADP", "NOUN", "PUNCT"], tags=["NNS", "VBD", "VBN", "IN", "NNS", "."])
    found = [(t.subject, t.relation, t.object) for t in triples(doc, "d")]
    assert found == [("agents", "were tortured by", "Dissidents")]


def test_triples_active_with_object_and_prepositional_object(make_doc):
    words = ["Police", "arrested", "students", "in", "Caracas", "."]
    doc = make_doc(words, heads=[1, 1, 1, 1, 3, 1], deps=["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"],
                   pos=["NOUN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"])
    found = [(t.subject, t.relation, t.object) for t in triples(doc, "d")]
    assert ("Police", "arrested", "students") in found
    assert ("Police", "arrested in", "Caracas") in found


def test_triples_keep_provenance_offsets(make_doc):
    words = ["Police", "arrested", "students", "."]
    doc = make_doc(words, heads=[1, 1, 1, 1], deps=["nsubj", "ROOT", "dobj", "punct"],
                   pos=["NOUN", "VERB", "NOUN", "PUNCT"])
    [t] = list(triples(doc, "doc-7"))
    assert t.prov.doc_id == "doc-7"
    assert doc.text[t.prov.start : t.prov.end] == "Police arrested students"


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Maduro is the president of Venezuela.", ("Maduro", "is", "the president of Venezuela")),
        ("The guards did not beat the prisoners.", ("The guards", "did not beat", "the prisoners")),
    ],
)
def test_triples_copula_and_negation(nlp, text, expected):
    found = list(triples(nlp(text), "d"))
    assert expected in [(t.subject, t.relation, t.object) for t in found]
    if "not" in text:
        assert any(t.negated for t in found)
