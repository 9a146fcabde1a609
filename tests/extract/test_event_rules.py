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
     "Maria Lopez said soldiers tortured the prisoners and kidnapped two students.\n\n"
     "Soldiers also killed a farmer in the village.",
     ("sources", "Maria Lopez", "killing")),
    ("source-anaphoric-act",
     "Soldiers carried out an attack on the village that killed ten farmers.\n\n"
     "The Lima Institute condemned the attack.",
     ("sources", "Lima Institute", "killing")),
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


FILTERS = {"trigger-abusive-detention", "trigger-topic-frame"}  # rules that keep or drop facts rather than make them


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


def _sources(nlp, text, kind=None):
    article = make_article("t", text)
    result = extract_doc(nlp(article.text), article)
    names = {m.key: m.text for m in result.mentions}
    return {names[k] for e in result.events if kind in (None, e.type) for k in e.sources}


def test_the_saying_verbs_own_subject_is_no_source(nlp):
    """'Kidnappers can charge ...': the trigger is the subject of the saying verb, not what it says."""
    assert "Extortionists" not in _sources(nlp, "Extortionists can charge $5,000 for each building site.")
    assert "police" in _sources(nlp, "Extortionists charge shop owners $500 a month, the police said.")


def test_a_passive_with_no_agent_names_no_speaker(nlp):
    text = "Anna Lopez said the jail was dirty.\nThe guards are believed to torture the prisoners every night."
    assert "Anna Lopez" not in _sources(nlp, text, "torture")


def test_a_passive_with_no_agent_in_a_report_is_the_reports(nlp):
    text = ("The report of the Lima Institute says soldiers beat the students.\n"
            "Several cases of torture were also documented.")
    assert "Lima Institute" in _sources(nlp, text, "torture")


def test_a_speaker_of_one_act_only_does_not_vouch_for_the_rest(nlp):
    text = "Maria Lopez said soldiers tortured the prisoners.\n\nSoldiers also killed a farmer in the village."
    assert "Maria Lopez" not in _sources(nlp, text, "killing")


def test_a_doer_is_not_carried_as_the_source_of_its_own_act(nlp):
    text = "Extortionists can charge $5,000 a month. In some cases, extortionists demand the wages of workers."
    assert not {"Extortionists", "extortionists"} & _sources(nlp, text, "extortion")


def test_treasury_alone_is_the_us_treasury(nlp):
    """'Treasury said' in a sanctions release names the same body as 'the U.S. Treasury Department'."""
    article = make_article("t", "Treasury said the militia tortured the prisoners.")
    result = extract_doc(nlp(article.text), article)
    (torture,) = [e for e in result.events if e.type == "torture"]
    by_key = {m.key: m for m in result.mentions}
    assert "us-treasury" in {by_key[k].canonical_id for k in torture.sources}


def test_a_ministry_source_speaks_for_itself(nlp):
    """'a Defense Ministry source told ...': the unnamed source is the source, not the ministry it works in."""
    found = _sources(nlp, "A Defense Ministry source told reporters that soldiers tortured the prisoners.", "torture")
    assert "source" in found and "Defense Ministry" not in found


def test_according_to_a_surname_the_tagger_missed(nlp):
    """'According to Peñú' where the tagger finds no name: the person named before with that surname."""
    text = "The lawyer Rosa Peñú spoke in Geneva.\n\nAccording to Peñú, guards tortured the inmates in the jail."
    assert "Rosa Peñú" in _sources(nlp, text, "torture")


def test_according_to_on_one_noun_phrase_sources_that_act_only(nlp):
    text = ("The protests were met with brutal repression leading to many deaths and, according to the regime, "
            "the arrest of 300 students.")
    assert "regime" in _sources(nlp, text, "detention")
    assert "regime" not in _sources(nlp, text, "repression")


def test_a_second_act_of_an_enforcement_verb_subject_is_not_sourced_by_it(nlp):
    """'Police broke up the march and killed two men': the police did both; they do not vouch for the killing."""
    assert "Police" not in _sources(nlp, "Police broke up the march in the capital and killed two students.",
                                    "killing")


def test_unnamed_sources_are_groups_that_speak(nlp):
    """Experts, NGOs, the media and eyewitnesses are sources without a name (group_nouns.txt, 'self')."""
    assert "Nongovernmental organizations" in _sources(
        nlp, "Nongovernmental organizations reported that soldiers killed ten farmers.", "killing")
    assert "experts" in _sources(nlp, "Soldiers tortured the prisoners, according to experts.", "torture")


def test_a_description_apposed_to_a_named_source_is_not_another_source(nlp):
    text = "The nongovernmental organization (NGO) Lima Safety Forum reported police killed ten farmers."
    found = _sources(nlp, text, "killing")
    assert "Lima Safety Forum" in found and "nongovernmental organization" not in found


def test_an_eyewitness_report_is_the_eyewitness_speaking(nlp):
    assert "eyewitness" in _sources(nlp, "An eyewitness report describes soldiers torturing the prisoners.", "torture")
