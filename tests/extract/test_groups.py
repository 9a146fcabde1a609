import pytest

from graphkit.extract import extract_doc
from graphkit.ingest.readers import make_article

pytestmark = pytest.mark.model


def _mentions(nlp, text):
    article = make_article("t", text)
    return extract_doc(nlp(article.text), article)


def test_groups_two_word_heads_and_quantifiers_are_trimmed(nlp):
    result = _mentions(nlp, "Around 500 security forces raided the town.")
    assert ("security forces", "Group") in [(m.text, m.type) for m in result.mentions]


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
