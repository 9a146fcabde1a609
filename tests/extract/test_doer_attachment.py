"""Who the role rules attach to an act as its doer, on hand-built parses (the misparses the rules repair)
and on invented sentences through the whole extractor."""

from __future__ import annotations

import pytest

from graphkit.extract import extract_doc
from graphkit.extract.event_roles import doer_subjects, doers
from graphkit.extract.mention_index import MentionIndex
from graphkit.ingest.readers import make_article
from graphkit.types import Mention


def _mention(doc, first: int, last: int, kind: str) -> Mention:
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    return Mention(key=f"t:{start}-{end}", text=doc.text[start:end], type=kind, doc_id="t", start=start, end=end,
                   sent_start=0, sent_end=len(doc.text))


def test_a_verb_conjoined_to_saying_takes_the_reported_subject_not_the_sayer(make_doc):
    # "Party said guards aiming to stop marches seized students , beat them ." as the small model parses it:
    # 'beat' hangs on 'said' as its conjunct, 'seized' on 'aiming' as a loose dependent
    words = ["Party", "said", "guards", "aiming", "to", "stop", "marches", "seized", "students", ",", "beat",
             "them", "."]
    heads = [1, 1, 3, 1, 5, 3, 5, 3, 7, 1, 1, 10, 1]
    deps = ["nsubj", "ROOT", "nsubj", "ccomp", "aux", "xcomp", "dobj", "dep", "dobj", "punct", "conj", "dobj",
            "punct"]
    pos = ["NOUN", "VERB", "NOUN", "VERB", "PART", "VERB", "NOUN", "VERB", "NOUN", "PUNCT", "VERB", "PRON", "PUNCT"]
    lemmas = ["party", "say", "guard", "aim", "to", "stop", "march", "seize", "student", ",", "beat", "they", "."]
    doc = make_doc(words, heads, deps, pos=pos, lemmas=lemmas)
    assert [t.text for t in doer_subjects(doc[10])] == ["guards"]  # not "Party"
    assert [t.text for t in doer_subjects(doc[7])] == ["guards"]


def test_an_infinitive_under_a_call_has_no_doer(make_doc):
    # "Amnesty called to free students and to stop arrests": Amnesty does not arrest anyone
    words = ["Amnesty", "called", "to", "free", "students", "and", "to", "stop", "arrests"]
    heads = [1, 1, 3, 1, 3, 3, 7, 3, 7]
    deps = ["nsubj", "ROOT", "aux", "xcomp", "dobj", "cc", "aux", "conj", "dobj"]
    pos = ["PROPN", "VERB", "PART", "VERB", "NOUN", "CCONJ", "PART", "VERB", "NOUN"]
    lemmas = ["Amnesty", "call", "to", "free", "student", "and", "to", "stop", "arrest"]
    doc = make_doc(words, heads, deps, pos=pos, lemmas=lemmas)
    assert doer_subjects(doc[7]) == []
    assert doer_subjects(doc[3]) == []


def test_a_name_the_parse_hung_on_the_next_list_item_is_a_doer_too(make_doc):
    # "killings by Hamas , Fatah and militias": 'Hamas' parsed as a modifier of 'Fatah'
    words = ["killings", "by", "Hamas", ",", "Fatah", "and", "militias"]
    heads = [0, 0, 4, 4, 1, 4, 4]
    deps = ["ROOT", "prep", "nmod", "punct", "pobj", "cc", "conj"]
    pos = ["NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "CCONJ", "NOUN"]
    doc = make_doc(words, heads, deps, pos=pos, lemmas=[w.lower() for w in words])
    hamas, fatah = _mention(doc, 2, 2, "Organization"), _mention(doc, 4, 4, "Organization")
    militias = _mention(doc, 6, 6, "Group")
    found = doers(doc[4], MentionIndex(doc, [hamas, fatah, militias]))
    assert [m.text for m in found] == ["Fatah", "militias", "Hamas"]
    # without the comma it is one name's modifier, not a list
    doc2 = make_doc(["killings", "by", "Hamas", "Fatah"], [0, 0, 3, 1], ["ROOT", "prep", "nmod", "pobj"],
                    pos=["NOUN", "ADP", "PROPN", "PROPN"])
    index2 = MentionIndex(doc2, [_mention(doc2, 2, 2, "Organization"), _mention(doc2, 3, 3, "Organization")])
    assert [m.text for m in doers(doc2[3], index2)] == ["Fatah"]




def _perpetrators(nlp, text: str, kind: str) -> set[str]:
    article = make_article("t", text)
    result = extract_doc(nlp(article.text), article)
    names = {m.key: m.text for m in result.mentions}
    return {names.get(k, k) for e in result.events if e.type == kind for k in e.perpetrators}


@pytest.mark.model
def test_militants_of_a_party_act_for_it(nlp):
    assert "Red Brigade" in _perpetrators(nlp, "Suspected militants of the Red Brigade abducted two teachers.",
                                          "disappearance")


@pytest.mark.model
def test_a_call_to_stop_arrests_is_no_arrest(nlp):
    text = "Amnesty International has called today to release the students who were detained, and to stop the arrests."
    assert "Amnesty International" not in _perpetrators(nlp, text, "detention")


def test_a_participle_on_a_noun_is_suffered_by_that_noun_even_when_tagged_past(make_doc):
    # "a BBC reporter arrested in May": the tagger calls 'arrested' a past tense (VBD) hanging on 'reporter'
    words = ["a", "BBC", "reporter", "arrested", "in", "May"]
    doc = make_doc(words, [2, 2, 2, 2, 3, 4], ["det", "compound", "ROOT", "acl", "prep", "pobj"],
                   pos=["DET", "PROPN", "NOUN", "VERB", "ADP", "PROPN"], tags=["DT", "NNP", "NN", "VBD", "IN", "NNP"],
                   lemmas=["a", "BBC", "reporter", "arrest", "in", "May"])
    assert doer_subjects(doc[3]) == []
    # a present participle is done by the noun it hangs on
    doc2 = make_doc(["soldiers", "beating", "prisoners"], [0, 0, 1], ["ROOT", "acl", "dobj"],
                    pos=["NOUN", "VERB", "NOUN"], tags=["NNS", "VBG", "NNS"], lemmas=["soldier", "beat", "prisoner"])
    assert [t.text for t in doer_subjects(doc2[1])] == ["soldiers"]


@pytest.mark.model
def test_its_agents_are_the_body_already_named(nlp):
    text = "Witnesses say the Kenyan government or its agents carried out unlawful killings in Mombasa."
    assert _perpetrators(nlp, text, "killing") == {"Kenyan government"}


@pytest.mark.model
def test_one_agent_serves_conjoined_passive_verbs(nlp):
    text = "Two reporters were abducted and badly beaten by members of the Red Brigade."
    assert "Red Brigade" in _perpetrators(nlp, text, "disappearance")


@pytest.mark.model
def test_an_attack_by_x_that_kills_was_done_by_x(nlp):
    assert "Red Brigade" in _perpetrators(nlp, "An attack by the Red Brigade killed ten farmers in the village.",
                                          "killing")


@pytest.mark.model
def test_the_accusation_frame_reaches_later_items_and_a_gerund_object(nlp):
    text = "The minister accused the Red Brigade of running death squads, extortion rackets and kidnappings."
    assert "Red Brigade" in _perpetrators(nlp, text, "disappearance")


@pytest.mark.model
def test_charged_with_participating_in_an_act(nlp):
    text = "Prosecutors charged four Federal Police agents with participating in an arms trafficking scheme."
    assert "Federal Police" in _perpetrators(nlp, text, "trafficking")


@pytest.mark.model
def test_accused_the_army_of_a_country_of_an_act(nlp):
    assert "army" in _perpetrators(nlp, "The UN accused the army of Ruritania of torture and killings.", "killing")


def test_a_verb_joined_to_a_passive_is_suffered_by_its_subject(make_doc):
    # "videos show officers handcuffed and mistreated": 'mistreated' (tagged past) joins the passive 'handcuffed'
    words = ["videos", "show", "officers", "handcuffed", "and", "mistreated"]
    doc = make_doc(words, [1, 1, 3, 1, 3, 3], ["nsubj", "ROOT", "nsubj", "ccomp", "cc", "conj"],
                   pos=["NOUN", "VERB", "NOUN", "VERB", "CCONJ", "VERB"],
                   tags=["NNS", "VBP", "NNS", "VBN", "CC", "VBD"],
                   lemmas=["video", "show", "officer", "handcuff", "and", "mistreat"])
    assert doer_subjects(doc[5]) == []


@pytest.mark.model
def test_a_group_an_operation_is_against_is_no_unnamed_doer(nlp):
    assert _perpetrators(nlp, "Two farmers were killed during operations against armed gangs in the hills.",
                         "killing") == set()
    assert _perpetrators(nlp, "Two farmers were killed in the hills, where armed gangs operate.",
                         "killing") == {"armed gangs"}


@pytest.mark.model
def test_who_charges_that_an_act_happened_did_not_do_it(nlp):
    text = ("The Women in Blue charged that many members were stopped by police from attending the rally for "
            "human rights.")
    assert _perpetrators(nlp, text, "detention") == {"police"}


@pytest.mark.model
def test_force_used_by_x_that_led_to_killings_was_x(nlp):
    text = "The heavy force used by the Republican Guard resulted in the killing of twelve people."
    assert "Republican Guard" in _perpetrators(nlp, text, "killing")


def test_a_group_named_by_its_body_acts_for_that_body(make_doc):
    # "RF denied . RF fighters killed farmers": the group mention swallowed the body's name
    words = ["RF", "denied", ".", "RF", "fighters", "killed", "farmers"]
    doc = make_doc(words, [1, 1, 1, 4, 5, 5, 5], ["nsubj", "ROOT", "punct", "compound", "nsubj", "ROOT", "dobj"],
                   pos=["PROPN", "VERB", "PUNCT", "PROPN", "NOUN", "VERB", "NOUN"],
                   lemmas=["RF", "deny", ".", "RF", "fighter", "kill", "farmer"])
    body, fighters = _mention(doc, 0, 0, "Organization"), _mention(doc, 3, 4, "Group")
    found = doers(doc[4], MentionIndex(doc, [body, fighters, _mention(doc, 6, 6, "Group")]))
    assert [m.text for m in found] == ["RF fighters", "RF"]


def _guards_seized(make_doc, dep, tag):
    # "Party said guards aiming to stop marches seized students": 'seized' left hanging on the clause ('dep')
    # or on the noun before it as if it were a participle ('acl')
    words = ["Party", "said", "guards", "aiming", "to", "stop", "marches", "seized", "students"]
    heads = [1, 1, 3, 1, 5, 3, 5, 3 if dep == "dep" else 6, 7]
    deps = ["nsubj", "ROOT", "nsubj", "ccomp", "aux", "xcomp", "dobj", dep, "dobj"]
    pos = ["NOUN", "VERB", "NOUN", "VERB", "PART", "VERB", "NOUN", "VERB", "NOUN"]
    tags = ["NN", "VBD", "NNS", "VBG", "TO", "VB", "NNS", tag, "NNS"]
    lemmas = ["party", "say", "guard", "aim", "to", "stop", "march", "seize", "student"]
    return make_doc(words, heads, deps, pos=pos, lemmas=lemmas, tags=tags)


def test_a_bare_participle_with_an_object_left_hanging_is_an_active_past_tense(make_doc):
    from graphkit.extract.parse import is_passive

    doc = _guards_seized(make_doc, "dep", "VBN")
    assert not is_passive(doc[7])
    assert [t.text for t in doer_subjects(doc[7])] == ["guards"]


def test_a_past_tense_hung_on_a_noun_takes_the_subject_of_the_clause_above(make_doc):
    doc = _guards_seized(make_doc, "acl", "VBD")
    assert [t.text for t in doer_subjects(doc[7])] == ["guards"]
