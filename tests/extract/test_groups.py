import pytest

from graphkit.extract import extract_doc
from graphkit.ingest.readers import make_article

pytestmark = pytest.mark.model


def _mentions(nlp, text):
    article = make_article("t", text)
    return extract_doc(nlp(article.text), article)


def _group_aliases(nlp, text):
    return {m.text: m.aliases for m in _mentions(nlp, text).mentions if m.type == "Group"}


def test_groups_two_word_heads_and_quantifiers_are_trimmed(nlp):
    result = _mentions(nlp, "Around 500 security forces raided the town.")
    assert ("security forces", "Group") in [(m.text, m.type) for m in result.mentions]


def test_groups_keep_hyphenated_words_and_are_also_known_by_their_full_phrase(nlp):
    text = "Two high-ranking officers within the customs agency and U.S. border agents in Arizona spoke."
    groups = _group_aliases(nlp, text)
    assert "high-ranking officers within the customs agency" in groups["high-ranking officers"]
    assert "U.S. border agents in Arizona" in groups["border agents"]


def test_groups_members_of_a_named_group_act_for_it(nlp):
    result = _mentions(nlp, "Members of the Sinaloa Cartel tortured the farmers.")
    names = {m.key: m.text for m in result.mentions}
    [event] = [e for e in result.events if e.type == "torture"]
    assert [names[k] for k in event.perpetrators] == ["Sinaloa Cartel"]


def test_groups_an_organization_modifier_is_the_actor(nlp):
    result = _mentions(nlp, "National Police agents detained the journalists.")
    names = {m.key: m.text for m in result.mentions}
    [event] = [e for e in result.events if e.type == "detention"]
    assert [names[k] for k in event.perpetrators] == ["National Police"]


def test_entities_a_known_name_keeps_its_known_type(nlp):
    result = _mentions(nlp, "Via Reuters: inmates rioted in Tocorón on Monday.")
    found = {(m.text, m.type) for m in result.mentions}
    assert ("Reuters", "Organization") in found
    assert ("Tocorón", "Location") in found


def test_entities_leader_inside_a_government_name_leads_it(nlp):
    result = _mentions(nlp, "Activists said the Maduro regime jailed them.")
    names = {m.key: (m.text, m.type) for m in result.mentions}
    leads = {(names[r.source], names[r.target]) for r in result.relations if r.type == "LEADS"}
    assert (("Maduro", "Person"), ("Maduro regime", "Organization")) in leads


def test_groups_a_group_noun_modified_by_an_organization_acts_for_it(nlp):
    result = _mentions(nlp, "The journalist was abducted by Sinaloa Cartel gunmen in March.")
    names = {m.key: m.text for m in result.mentions}
    [event] = [e for e in result.events if e.type == "disappearance"]
    assert [names[k] for k in event.perpetrators] == ["Sinaloa Cartel"]


def test_groups_a_counted_group_is_also_known_as_written(nlp):
    text = "At least five other prison guards and their lawyers were questioned after nine soldiers fled."
    groups = _group_aliases(nlp, text)
    assert "At least five other prison guards" in groups["prison guards"]
    assert "their lawyers" in groups["lawyers"]
    assert "nine soldiers" in groups["soldiers"]


def test_groups_plural_forces_and_organized_crime_are_groups_but_force_is_not(nlp):
    text = "Rebel forces and organized crime used force against a civil society representative."
    groups = {m.text for m in _mentions(nlp, text).mentions if m.type == "Group"}
    assert {"Rebel forces", "organized crime", "civil society representative"} <= groups
    assert "force" not in groups


def test_groups_militants_are_a_group_and_a_misread_number_is_cut(nlp):
    text = "Militants from the governing party beat a student, a number local officials deny."
    groups = {m.text: m.aliases for m in _mentions(nlp, text).mentions if m.type == "Group"}
    assert "Militants from the governing party" in groups["Militants"]
    assert "local officials" in groups


def test_groups_two_plural_groups_joined_by_and_are_also_known_as_the_pair(nlp):
    text = "Several lawyers and relatives waited outside the court for hours."
    groups = {m.text: m.aliases for m in _mentions(nlp, text).mentions if m.type == "Group"}
    assert "Several lawyers and relatives" in groups["lawyers"]
    assert "relatives" in groups
