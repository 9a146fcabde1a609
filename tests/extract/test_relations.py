import pytest

from graphkit.extract import extract_doc
from graphkit.ingest.readers import make_article

pytestmark = pytest.mark.model


def _relations(nlp, text):
    article = make_article("t", text)
    result = extract_doc(nlp(article.text), article)
    names = {m.key: m.text for m in result.mentions}
    return {(names[r.source], r.type, names[r.target], r.past) for r in result.relations}


def test_relations_title_before_name_with_organization(nlp):
    found = _relations(nlp, "Yesterday OAS Secretary General Luis Almagro spoke in Washington.")
    assert ("Luis Almagro", "LEADS", "OAS", False) in found


def test_relations_head_of_apposition_and_past(nlp):
    found = _relations(nlp, "Carlos Pérez, the former head of the National Police, was arrested.")
    assert ("Carlos Pérez", "LEADS", "National Police", True) in found


def test_relations_city_comma_state_is_located_in(nlp):
    found = _relations(nlp, "Police officers in Denver, Colorado reported the attack.")
    assert ("Denver", "LOCATED_IN", "Colorado", False) in found


def test_relations_members_of_a_named_group(nlp):
    found = _relations(nlp, "Members of the Sinaloa Cartel attacked the town.")
    assert any(r[1] == "MEMBER_OF" and r[2] == "Sinaloa Cartel" for r in found)


def test_relations_help_in_an_abuse_is_an_alliance(nlp):
    text = "Dissidents were tortured by the Sinaloa Cartel under the supervision of the National Police."
    found = _relations(nlp, text)
    assert ("National Police", "ALLIED_WITH", "Sinaloa Cartel", False) in found


def test_relations_standing_up_to_or_protesting_against_is_opposition(nlp):
    found = _relations(nlp, "Students who stood up to the National Police were arrested.")
    assert any(r[1] == "OPPOSES" and r[2] == "National Police" for r in found)


def test_relations_title_then_comma_then_name(nlp):
    found = _relations(nlp, "The OAS Secretary General, Luis Almagro, spoke on Thursday.")
    assert ("Luis Almagro", "LEADS", "OAS", False) in found


def test_relations_its_leader_points_to_the_organization_named_before(nlp):
    text = "The Sinaloa Cartel lost many members, including its leader Ismael Zambada, in the raid."
    found = _relations(nlp, text)
    assert ("Ismael Zambada", "LEADS", "Sinaloa Cartel", False) in found


def test_relations_role_nouns_apposed_to_a_person_belong_to_the_person(nlp):
    found = _relations(nlp, "The movement was founded by an agent of the National Police, Oscar Pérez.")
    assert ("Oscar Pérez", "MEMBER_OF", "National Police", False) in found
