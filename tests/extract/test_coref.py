import pytest

from graphkit.extract import extract_doc
from graphkit.ingest.readers import make_article
from graphkit.resolve import resolve

pytestmark = pytest.mark.model


def _resolved(nlp, text):
    article = make_article("t", text)
    result = extract_doc(nlp(article.text), article)
    res = resolve([result])
    names = {e.id: e for e in res.entities}
    return result, res, names


def test_coref_pronoun_subject_joins_the_last_person(nlp):
    result, res, names = _resolved(nlp, "Maria Lopez spoke to reporters. She said soldiers beat the detainees.")
    she = next(m for m in result.mentions if m.text == "She")
    assert names[res.mention_to_entity[she.key]].name == "Maria Lopez"


def test_coref_definite_description_joins_the_organization(nlp):
    text = ("The Inter-American Commission on Human Rights published a report. "
            "The commission said police officers tortured the prisoners.")
    result, res, names = _resolved(nlp, text)
    the_commission = next(m for m in result.mentions if m.text.lower() == "the commission")
    assert names[res.mention_to_entity[the_commission.key]].name == "Inter-American Commission on Human Rights"


def test_coref_he_said_goes_to_the_person_the_story_is_about(nlp):
    text = ("Luis Almagro spoke in Washington. Almagro criticised the government. "
            "The regime is supported by armed groups loyal to Pedro Castillo. "
            "“They kill protesters,” he said.")
    result, res, names = _resolved(nlp, text)
    he = next(m for m in result.mentions if m.text == "he")
    assert names[res.mention_to_entity[he.key]].name == "Luis Almagro"


def test_coref_the_gang_points_back_at_the_criminal_group(nlp):
    from graphkit.extract import extract_doc
    from graphkit.ingest.readers import make_article

    article = make_article("t", "Tren de Aragua runs the prison. Witnesses say the gang killed two guards.")
    result = extract_doc(nlp(article.text), article)
    gang = next(m for m in result.mentions if m.text == "the gang")
    named = {m.key: m for m in result.mentions}
    assert named[gang.antecedent].text == "Tren de Aragua"


def test_coref_she_said_goes_to_the_speaker_apposed_to_a_description(nlp):
    """'the lead author of the study, Sarah Mitchell, says ...': Sarah Mitchell has spoken, so 'she said' is hers."""
    text = ("Pedro Castillo said the operation was legal.\n\n"
            "The lead author of the study, Sarah Mitchell, says the police broke the law.\n\n"
            "“They shot unarmed men,” she said.")
    result, res, names = _resolved(nlp, text)
    she = next(m for m in result.mentions if m.text == "she")
    assert names[res.mention_to_entity[she.key]].name == "Sarah Mitchell"
