import pytest

pytestmark = pytest.mark.model


def test_a_government_pattern_that_runs_into_a_longer_name_leaves_it_to_the_ner(nlp):
    doc = nlp("A reporter was arrested by the Kyrgyz State Security Service in Osh. The Kyrgyz State denied it.")
    ents = [(e.text, e.ent_id_) for e in doc.ents]
    assert ("Kyrgyz State", "kg-government") in ents  # alone, it still names the government
    assert not any(e.text == "Kyrgyz State" and e.end < 10 for e in doc.ents)
    assert any("Security Service" in e.text for e in doc.ents), ents


def test_a_known_longer_name_keeps_its_gazetteer_match(nlp):
    doc = nlp("The U.S. State Department said so.")
    assert [e.ent_id_ for e in doc.ents if "State" in e.text] == ["us-state-department"]


def test_a_verb_tagged_compound_of_a_noun_is_a_noun(make_doc):
    from graphkit.nlp.factories import compound_nouns

    # "KRSB head Tom Vale spoke" with 'head' tagged as a verb but parsed as a compound of the name
    doc = make_doc(["KRSB", "head", "Tom", "Vale", "spoke"], [3, 3, 3, 4, 4], ["compound", "compound", "compound",
                   "nsubj", "ROOT"], pos=["PROPN", "VERB", "PROPN", "PROPN", "VERB"], tags=["NNP", "VBP", "NNP",
                   "NNP", "VBD"])
    compound_nouns(doc)
    assert [t.pos_ for t in doc] == ["PROPN", "NOUN", "PROPN", "PROPN", "VERB"]
    assert doc[4].pos_ == "VERB"  # the real verb stays one
