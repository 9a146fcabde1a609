"""Every event rule on sentences written for it: the rule's name is on the fact it makes.

Each case is (rule, text, fact): a trigger or status rule's fact is (event type, status) and is found in
the event's `rules`; a role or source rule's fact is (role, mention text, event type) and is found in the
event's `role_rules`. The sentences are invented for these tests.
"""

import pytest

from graphkit.extract import extract_doc
from graphkit.extract.rules import RULES
from graphkit.ingest.readers import make_article

CASES = [
    ("trigger-verb", "Soldiers tortured the detainees in Lagos.", ("torture", "alleged")),
    ("trigger-noun", "Human Rights Watch denounced the torture of students by the Federal Police.",
     ("torture", "alleged")),
    ("trigger-phrase", "They were victims of forced disappearance, the Caracas Group said.",
     ("disappearance", "alleged")),
    ("trigger-pair", "The inquiry exposed ties with the Delta Cartel.", ("corruption", "alleged")),
    ("trigger-doer-noun", "The Red Hand torturers, including members of the Blue Falcons, were named.",
     ("torture", "alleged")),
    ("trigger-contest", "Several countries rejected the results of the election.", ("electoral_fraud", "denied")),
    ("trigger-collusion", "Residents say the police work with gangs that run the market.", ("corruption", "alleged")),
    ("status-default", "Soldiers tortured the detainees in Lagos.", ("torture", "alleged")),
    ("status-hedge", "Soldiers allegedly tortured the prisoners.", ("torture", "alleged")),
    ("status-negated", "The police did not torture the suspects, Amnesty International said.", ("torture", "denied")),
    ("status-denial-cue", "The army denied that soldiers tortured the prisoners.", ("torture", "denied")),
    ("status-confirmation-cue", "The court found that soldiers tortured the prisoners.", ("torture", "confirmed")),
    ("role-active-subject", "Soldiers tortured the detainees in Lagos.", ("perpetrators", "Soldiers", "torture")),
    ("role-active-object", "Soldiers tortured the detainees in Lagos.", ("victims", "detainees", "torture")),
    ("role-passive-agent", "Dissidents were tortured by the Republican Guard.",
     ("perpetrators", "Republican Guard", "torture")),
    ("role-passive-subject", "Dissidents were tortured by the Republican Guard.", ("victims", "Dissidents", "torture")),
    ("role-against", "The army cracked down against protesters.", ("victims", "protesters", "repression")),
    ("role-noun-by", "Human Rights Watch denounced the torture of students by the Federal Police.",
     ("perpetrators", "Federal Police", "torture")),
    ("role-noun-of", "Human Rights Watch denounced the torture of students by the Federal Police.",
     ("victims", "students", "torture")),
    ("role-noun-modifier", "The Northern Army's killings shocked the villagers.",
     ("perpetrators", "Northern Army", "killing")),
    ("role-noun-participle", "The torture carried out by the Interior Ministry shocked the nation.",
     ("perpetrators", "Interior Ministry", "torture")),
    ("role-partnership", "The inquiry exposed ties with the Delta Cartel.",
     ("perpetrators", "Delta Cartel", "corruption")),
    ("role-light-verb", "The regime committed torture against prisoners.", ("perpetrators", "regime", "torture")),
    ("role-accused-object", "The judge charged the Federal Police with torture.",
     ("perpetrators", "Federal Police", "torture")),
    ("role-doer-noun", "The Red Hand torturers, including members of the Blue Falcons, were named.",
     ("perpetrators", "Blue Falcons", "torture")),
    ("role-named-by-act", "A kidnapping ring was dismantled in Lima.",
     ("perpetrators", "kidnapping ring", "disappearance")),
    ("role-accomplice", "Detainees were tortured with the support of the Federal Police.",
     ("perpetrators", "Federal Police", "torture")),
    ("role-fallback-actor", "Two farmers were killed near the base of the Venezuelan National Guard.",
     ("perpetrators", "Venezuelan National Guard", "killing")),
    ("role-accusation-frame", "The UN accused the Federal Police of torture.",
     ("perpetrators", "Federal Police", "torture")),
    ("role-responsible-for", "The Federal Police is responsible for the killings of farmers.",
     ("perpetrators", "Federal Police", "killing")),
    ("role-at-the-hands-of", "Farmers suffered torture at the hands of the Federal Police.",
     ("perpetrators", "Federal Police", "torture")),
    ("role-blamed-on", "The killings were blamed on the Federal Police.",
     ("perpetrators", "Federal Police", "killing")),
    ("role-undergoer-subject", "Farmers died at the hands of the Federal Police.", ("victims", "Farmers", "killing")),
    ("role-list-head",
     "Grave violations were committed by the Red Army, including killings and abductions of villagers.",
     ("perpetrators", "Red Army", "killing")),
    ("role-document-doer",
     "The Red Brigade tortured the prisoners in the jail.\n\nThe Red Brigade also killed two farmers near the "
     "river.\n\nThree teachers disappeared from the village in May, their families said.",
     ("perpetrators", "Red Brigade", "disappearance")),
    ("role-cause", "The raids by the Federal Police resulted in the arbitrary arrest of 40 journalists.",
     ("perpetrators", "Federal Police", "detention")),
    ("trigger-actor-confirmed", "The mayor is sending the National Police to control the streets.",
     ("repression", "alleged")),
    ("role-fallback-group", "Two farmers were killed in the village, where soldiers patrol.",
     ("perpetrators", "soldiers", "killing")),
    ("source-umbrella",
     "The UN human rights office said protesters were killed. The United Nations has called for an inquiry.",
     ("sources", "United Nations", "killing")),
    ("source-reporting-verb", "Human Rights Watch denounced the torture of students by the Federal Police.",
     ("sources", "Human Rights Watch", "torture")),
    ("source-reporting-clause", "Elections that were denounced as fraudulent by the Carter Center took place.",
     ("sources", "Carter Center", "electoral_fraud")),
    ("source-according-to", "Dissidents were tortured by the Republican Guard, according to Amnesty International.",
     ("sources", "Amnesty International", "torture")),
    ("source-document-author", "The report of the Lima Institute documents torture in the jails.",
     ("sources", "Lima Institute", "torture")),
    ("source-contest", "Several countries rejected the results of the election.",
     ("sources", "countries", "electoral_fraud")),
    ("source-quote-speaker",
     "Mary Otieno said the jail was full. “The guards tortured the prisoners every night. They beat everyone,” "
     "she said.",
     ("sources", "Mary Otieno", "torture")),
    ("source-sentence-speaker", "Soldiers tortured the prisoners, and Maria Lopez said so.",
     ("sources", "Maria Lopez", "torture")),
    ("source-previous-speaker",
     "Anna Lopez said the jail was dirty.\nThe prisoners were tortured every night, said.",
     ("sources", "Anna Lopez", "torture")),
    ("source-document-speaker",
     "Maria Lopez said soldiers tortured the prisoners.\n\nSoldiers also killed a farmer in the village.",
     ("sources", "Maria Lopez", "killing")),
    ("source-paragraph-carry", "Mary Otieno said the guards were cruel. Prisoners were tortured in the cells.",
     ("sources", "Mary Otieno", "torture")),
]

pytestmark = pytest.mark.model


def _events(nlp, text):
    article = make_article("t", text)
    return extract_doc(nlp(article.text), article).events


def _facts(nlp, text):
    article = make_article("t", text)
    result = extract_doc(nlp(article.text), article)
    names = {m.key: m.text for m in result.mentions}
    out = set()
    for e in result.events:
        out.update((name, (e.type, e.status)) for name in e.rules)
        for key, rules in e.role_rules.items():
            role, _, mention = key.partition("|")
            out.update((name, (role, names.get(mention), e.type)) for name in rules)
    return out


@pytest.mark.parametrize(("name", "text", "fact"), CASES, ids=[c[0] for c in CASES])
def test_event_rule_names_its_fact(nlp, name, text, fact):
    assert name in RULES
    assert (name, fact) in _facts(nlp, text)


def test_every_event_rule_has_a_case():
    import graphkit.extract  # noqa: F401

    mine = {n for n, r in RULES.items() if r.kind in ("trigger", "role", "source", "status")}
    assert mine == {c[0] for c in CASES} | FILTERS


FILTERS = {"trigger-abusive-detention", "trigger-topic-frame", "trigger-hypothetical", "trigger-body-name",
           "trigger-light-object", "trigger-victim-noun", "trigger-strong-alone",
           "trigger-outside-custody"}  # rules that keep or drop facts rather than make them


def test_an_ambiguous_word_alone_is_no_act(nlp):
    """'controlled' names an act only with an acting body or group as its parsed doer."""
    assert _events(nlp, "The company controlled the market and its prices.") == []


def test_detention_needs_a_cue_that_the_arrest_is_an_abuse(nlp):
    assert not [e for e in _events(nlp, "Police arrested the smuggler in the port.") if e.type == "detention"]
    kept = [e for e in _events(nlp, "Police arrested the journalist in the port.") if e.type == "detention"]
    assert kept and "trigger-verb" in kept[0].rules


def test_an_act_under_a_law_or_a_policy_is_a_topic(nlp):
    assert _events(nlp, "The new law punishes kidnapping with twenty years in prison.") == []
    assert [e.type for e in _events(nlp, "Gunmen kidnapped two nurses, the police said.")] == ["disappearance"]


def test_no_trigger_inside_a_proper_name(nlp):
    assert _events(nlp, "The Committee against Torture met in Geneva on Monday.") == []


def test_undergoer_subject_is_never_the_doer(nlp):
    (event,) = [e for e in _events(nlp, "Three protesters died in custody, witnesses said.")
                if e.type == "killing"]
    assert not any(k.startswith("perpetrators|") for k in event.role_rules)


def test_a_place_is_neither_doer_nor_source(nlp):
    text = "Soldiers from Ruritania tortured detainees, according to Ruritania."
    for event in _events(nlp, text):
        assert not [k for k in event.role_rules if k.startswith(("perpetrators|", "sources|")) and "Ruritania" in k]


def _types(nlp, text):
    return sorted({e.type for e in _events(nlp, text)})


def test_a_describing_cue_in_a_clause_on_another_noun_does_not_make_an_arrest_abusive(nlp):
    text = "Five policemen were arrested for joining a network that sold illegal weapons."
    assert "detention" not in _types(nlp, text)
    assert "detention" in _types(nlp, "Five reporters were illegally arrested by the police.")


def test_an_act_inside_a_condition_is_a_supposition(nlp):
    text = "Relatives fear the activists will be punished if they are arrested by the army."
    assert "detention" not in _types(nlp, text)
    assert "detention" in _types(nlp, "Relatives said the activists were arrested by the army.")


def test_a_trigger_noun_naming_what_a_unit_is_for_is_no_act(nlp):
    assert "repression" not in _types(nlp, "The army's surveillance division patrolled the border with Ruritania.")
    assert "repression" in _types(nlp, "The army's surveillance of reporters alarmed the union.")


def test_an_arrest_verb_taking_a_thing_is_no_arrest(nlp):
    assert "detention" not in _types(nlp, "The army took control of the opposition radio station.")


def test_people_named_by_their_trade_who_are_killed_are_victims_not_an_act(nlp):
    assert _types(nlp, "Soldiers executed two smugglers near the border, the UN said.") == ["killing"]
    assert "trafficking" in _types(nlp, "Two smugglers moved cocaine across the border, the UN said.")


def test_a_strong_trigger_tied_to_no_one_is_still_an_act(nlp):
    assert _types(nlp, "Twenty were abducted in the night.") == ["disappearance"]
    assert _types(nlp, "There was a raid in the night.") == []


def test_an_act_in_a_list_under_a_law_is_a_topic(nlp):
    assert _types(nlp, "The new law punishes theft, fraud and kidnapping with prison.") == []


def test_goods_taken_from_people_named_by_a_phrase_are_no_act_of_theirs(nlp):
    assert "trafficking" not in _types(nlp, "Police seized houses from drug lords in the city.")
    assert "trafficking" in _types(nlp, "Drug lords paid the police in the city, the UN said.")


def test_a_state_body_tied_to_crime_is_corruption_and_to_anything_else_is_not(nlp):
    assert "corruption" in _types(nlp, "Officials were widely understood to be in bed with drug cartels.")
    assert "corruption" in _types(nlp, "Reporters exposed the army's involvement in the cocaine trade.")
    assert "corruption" not in _types(nlp, "The police work with schools in the city, the mayor said.")
    assert "corruption" not in _types(nlp, "The gang's involvement in the cocaine trade grew, the police said.")


def test_an_ambiguous_word_of_a_state_act_needs_a_state_doer(nlp):
    assert "repression" not in _types(nlp, "Armed rebels attacked three villages in the north.")
    assert "repression" in _types(nlp, "Soldiers attacked the villages in the north.")
    text = "The guerrillas are holding twenty journalists in the jungle, officials said."
    assert "detention" not in _types(nlp, text)
    assert "detention" in _types(nlp, "The army is holding twenty students in the barracks, officials said.")


def test_made_up_charges_are_repression(nlp):
    text = "The editor was jailed on libel charges that rights groups said were trumped up."
    assert "repression" in _types(nlp, text)


def test_an_arrest_with_beatings_or_by_masked_agents_is_abusive(nlp):
    assert "detention" in _types(nlp, "He was beaten and detained by police officers in the capital.")
    assert "detention" in _types(nlp, "He was detained by masked police officers in the capital.")
    assert "detention" not in _types(nlp, "He was detained by police officers in the capital.")


def test_a_beating_is_torture_only_in_custody(nlp):
    assert "torture" not in _types(nlp, "Riot police beat the marchers in the main square, witnesses said.")
    assert "torture" in _types(nlp, "Guards beat the inmates in their cells, witnesses said.")
    assert "torture" in _types(nlp, "Riot police detained and beat the marchers, witnesses said.")


def test_smuggling_out_photos_is_no_trafficking(nlp):
    assert "trafficking" not in _types(nlp, "Guards helped the prisoners smuggle photos out of the jail, the UN said.")
    assert "trafficking" in _types(nlp, "The gang smuggled cocaine through the port, the UN said.")


def test_cruel_conditions_in_custody_are_torture(nlp):
    assert "torture" in _types(nlp, "Guards kept the detainees in harsh and degrading prison conditions, the NGO said.")
    assert "torture" not in _types(nlp, "Drought kept the farmers in harsh conditions, the NGO said.")


def test_abuse_of_power_is_no_ill_treatment(nlp):
    text = "Police officers committed abuse of power against opposition activists, the NGO said."
    assert "torture" not in _types(nlp, text)


def test_an_arrest_verb_with_no_one_taken_is_no_arrest(nlp):
    text = "The UN urged the police to stop at once after the crackdown on the opposition."
    assert "detention" not in _types(nlp, text)


def test_security_forces_are_a_state_doer(nlp):
    assert "repression" in _types(nlp, "Security forces tried to control the marchers in the capital.")


def test_an_ambiguous_word_of_a_state_act_done_by_others_adds_no_doer(nlp):
    text = ("The police cracked down on the opposition in May. "
            "Human Rights Watch has been following the case of the activists.")
    article = make_article("t", text)
    result = extract_doc(nlp(article.text), article)
    names = {m.key: m.text for m in result.mentions}
    (event,) = [e for e in result.events if e.type == "repression"]
    assert "Human Rights Watch" not in {names.get(k) for k in event.perpetrators}


def test_a_banned_group_is_no_ban_anyone_made(nlp):
    text = "The court jailed members of a banned religious group, their lawyers said."
    assert "repression" not in _types(nlp, text)
    assert "repression" in _types(nlp, "The army banned the opposition newspaper last week.")
