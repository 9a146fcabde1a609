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
    found = _relations(nlp, "Firefighters in Tucson, Arizona reported the fire.")
    assert ("Tucson", "LOCATED_IN", "Arizona", False) in found


def test_relations_members_of_a_named_group(nlp):
    # a described group belongs to the organization; a bare "Members of X" stands for X itself (see
    # test_group_member_of_leaves_a_bare_members_of_to_the_organization)
    found = _relations(nlp, "Suspected members of the Sinaloa Cartel attacked the town.")
    assert any(r[1] == "MEMBER_OF" and r[2] == "Sinaloa Cartel" for r in found)


def test_relations_standing_up_to_or_protesting_against_is_opposition(nlp):
    found = _relations(nlp, "Farmers who had stood up to the National Police were detained.")
    assert any(r[1] == "OPPOSES" and r[2] == "National Police" for r in found)


def test_relations_title_then_comma_then_name(nlp):
    found = _relations(nlp, "The OAS Secretary General, Luis Almagro, spoke on Thursday.")
    assert ("Luis Almagro", "LEADS", "OAS", False) in found


def test_relations_its_leader_points_to_the_organization_named_before(nlp):
    text = "The Sinaloa Cartel lost many members, including its leader Ismael Zambada, in the raid."
    found = _relations(nlp, text)
    assert ("Ismael Zambada", "LEADS", "Sinaloa Cartel", False) in found


def test_relations_role_nouns_apposed_to_a_person_belong_to_the_person(nlp):
    found = _relations(nlp, "The party was started by an officer of the National Police, Marco Salas.")
    assert ("Marco Salas", "MEMBER_OF", "National Police", False) in found


def test_relations_based_in_after_an_apposition_locates_the_organization(nlp):
    found = _relations(nlp, "The Andean Rights Foundation, a think tank based in Lima, published the report.")
    assert ("Andean Rights Foundation", "LOCATED_IN", "Lima", False) in found


def test_relations_headquarters_of_puts_the_organization_in_the_place(nlp):
    found = _relations(nlp, "Culiacán has long been the headquarters of the Sinaloa Cartel.")
    assert ("Sinaloa Cartel", "LOCATED_IN", "Culiacán", False) in found


def test_relations_critic_of_after_a_copula_is_the_subject(nlp):
    found = _relations(nlp, "Juan Ortega is a fierce critic of the Sinaloa Cartel.")
    assert ("Juan Ortega", "OPPOSES", "Sinaloa Cartel", False) in found


def test_relations_ties_with_a_parenthesised_list_reach_every_item(nlp):
    text = "The Sinaloa Cartel has close ties with several agencies (the National Police, the Federal Army)."
    found = _relations(nlp, text)
    assert ("Sinaloa Cartel", "ALLIED_WITH", "National Police", False) in found
    assert ("Sinaloa Cartel", "ALLIED_WITH", "Federal Army", False) in found


def test_relations_role_nouns_before_a_comma_and_name_describe_that_person(nlp):
    text = ("The Andean Front was founded by an officer of the National Police and opponent of the Sinaloa Cartel, "
            "Juan Ortega, in 2010.")
    found = _relations(nlp, text)
    assert ("Juan Ortega", "LEADS", "Andean Front", False) in found
    assert ("Juan Ortega", "MEMBER_OF", "National Police", False) in found
    assert ("Juan Ortega", "OPPOSES", "Sinaloa Cartel", False) in found
    assert not any(r[0] in ("officer", "opponent") for r in found)


def test_relations_founded_by_in_a_participle_clause_leads_the_organization(nlp):
    text = ("Members of the Andean Front, founded by a lieutenant of the Federal Army, Juan Ortega, "
            "attacked the barracks.")
    found = _relations(nlp, text)
    assert ("Juan Ortega", "LEADS", "Andean Front", False) in found
    assert ("Juan Ortega", "MEMBER_OF", "Andean Front", False) not in found


def test_relations_its_candidate_belongs_to_the_collective_named_just_before(nlp):
    text = ("The Andean Rights Foundation published a report. The election was held in May. "
            "The party has published the tallies, which show that its candidate, Pedro Gómez, won the vote. "
            "The opposition has published the tallies, which show that its candidate, Pedro Gómez, won the vote.")
    found = _relations(nlp, text)
    assert ("Pedro Gómez", "MEMBER_OF", "opposition", False) in found
    assert ("Pedro Gómez", "MEMBER_OF", "Andean Rights Foundation", False) not in found


def test_relations_title_of_that_center_before_a_name_leads_the_center_named_before(nlp):
    text = ("The Andean Rights Foundation, a research center based in Lima, presented the report. "
            "The minister was joined by the director of that center, Juan Ortega.")
    found = _relations(nlp, text)
    assert ("Juan Ortega", "LEADS", "Andean Rights Foundation", False) in found


def test_relations_security_forces_of_a_government_are_its_members(nlp):
    found = _relations(nlp, "Security forces of the Bolivian government shot four miners.")
    assert ("Security forces", "MEMBER_OF", "Bolivian government", False) in found


def test_relations_collaboration_between_two_actors_is_an_alliance(nlp):
    text = "The report revealed new forms of collaboration between the Sinaloa Cartel and the National Police."
    found = _relations(nlp, text)
    assert ("Sinaloa Cartel", "ALLIED_WITH", "National Police", False) in found


def test_relations_clashes_between_two_actors_oppose_them_but_not_the_place(nlp):
    found = _relations(nlp, "Clashes between the Sinaloa Cartel and the Federal Army in Culiacán left five dead.")
    assert ("Sinaloa Cartel", "OPPOSES", "Federal Army", False) in found
    assert not any("Culiacán" in (r[0], r[2]) for r in found if r[1] == "OPPOSES")


def test_relations_no_leadership_of_an_unnamed_group_or_a_described_relative(nlp):
    text = ("The candidate's wife, former labor secretary Ana Torres, spoke in Lima. "
            "Opponents led by Juan Ortega marched in Lima.")
    found = _relations(nlp, text)
    assert not [r for r in found if r[1] == "LEADS"]


def test_relations_a_clause_after_the_accuser_is_not_the_accuser_s(nlp):
    text = "Juan Ortega, accused by the police of being a member of the Sinaloa Cartel, escaped from prison."
    found = _relations(nlp, text)
    assert not [r for r in found if r[0] == "police" and r[1] == "MEMBER_OF"]
