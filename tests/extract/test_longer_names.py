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
