"""Relations the name of a body states: "UN Human Rights Office" is part of the UN, "the regime of X" is led by X."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Doc

from graphkit import lexicons
from graphkit.extract.doc_words import positions
from graphkit.extract.entity_repair import governments
from graphkit.extract.mention_index import MentionIndex
from graphkit.extract.relation_facts import government_mention, home_government_id, make_relation, mention_span
from graphkit.extract.rules import rule
from graphkit.names import demonyms, fold, fold_accents, gazetteer_aliases, gazetteer_rows, is_acronym
from graphkit.types import Mention, Relation

_POSSESSIVE = ("'s", "’s")


def _key(text: str) -> str:
    """Lower-case, accentless, without a leading article or a trailing possessive."""
    words = fold_accents(text).lower().split()
    if words and words[0] == "the":
        words = words[1:]
    if words and words[-1].endswith(_POSSESSIVE):
        words[-1] = words[-1][:-2]
    return " ".join(words)


def _parent_names(text: str) -> list[str]:
    """The names an organization's name may start with ("ICC" in "ICC Prosecutor's Office") or end with after
    'of' ("the ICC" in "Office of the Prosecutor of the ICC"), longest first."""
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    out = [" ".join(words[:k]) for k in range(len(words) - 1, 0, -1)]
    out += [" ".join(words[i + 1 :]) for i, w in enumerate(words[:-1]) if w.lower() == "of" and i > 0]
    return out


@rule("name-part-of", "relation")
def name_part_relations(doc: Doc, index: MentionIndex, items: list[Mention]) -> Iterator[Relation]:
    """'UN Refugee Agency', "the Court's Registry Office", 'Office of the Registrar of the Court': an
    organization whose name holds the name of another organization the document names is part of it. The
    other must be known to the gazetteer or named by an acronym, so that a longer form of one name ("National
    Police of Honduras") is not made part of its shorter form; and not a government, which a country's name
    stands for ("People's Liberation Army of Ruritania" is no part of Ruritania's state)."""
    orgs = [m for m in items if m.type == "Organization" and m.antecedent is None]
    by_id: dict[str, Mention] = {}
    by_text: dict[str, Mention] = {}
    for m in orgs:
        if m.canonical_id:
            by_id.setdefault(m.canonical_id, m)
        by_text.setdefault(_key(m.text), m)

    def named(text: str) -> Mention | None:
        key = _key(text)
        known = gazetteer_aliases().get(key)
        if known is not None and known[1] == "Organization" and known[0] in by_id:
            return by_id[known[0]]
        found = by_text.get(key)
        return found if found is not None and (found.canonical_id or is_acronym(found.text)) else None

    for m in orgs:
        for text in _parent_names(m.text):
            whole = named(text)
            if whole is None or whole is m or whole.subtype == "government" or _key(whole.text) == _key(m.text) or (
                    m.canonical_id is not None and whole.canonical_id == m.canonical_id):
                continue
            span = mention_span(doc, m)
            if span is not None:
                yield make_relation("name-part-of", "PART_OF", m, whole, span.sent, text, confidence=0.7)
            break


@rule("government-of-leader", "relation")
def government_of_leader_relations(doc: Doc, index: MentionIndex, items: list[Mention]) -> Iterator[Relation]:
    """'the regime of X', 'under the dictatorships of X and Y': a government named by its leader is led by the
    person: the government the phrase names, else the government of the document's country."""
    nouns = lexicons.word_list("government_nouns") - {"state"}  # "the State of X" names a country
    home: Mention | None = None
    for i in positions(doc, "government-of-leader", nouns):
        token = doc[i]
        if token.pos_ != "NOUN" or token.lemma_.lower() not in nouns and token.lower_ not in nouns:
            continue
        pobjs = [pobj for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of"
                 for pobj in prep.children if pobj.dep_ == "pobj"]
        leaders = [m for pobj in pobjs for m in index.with_conjuncts(pobj) if m.type == "Person"]
        if not leaders:
            continue
        gov = index.by_token.get(token.i)
        # "the government of Ecuadorian President X": the demonym says whose
        country = next((demonyms()[fold(t.text)] for pobj in pobjs for t in pobj.subtree
                        if t.i < pobj.i and fold(t.text) in demonyms()), None)
        if country is not None:
            gov = government_mention(index, items, governments().get(country))
        elif gov is None or gov.type != "Organization" or gov.subtype != "government":
            home = home or government_mention(index, items, home_government_id(index))
            gov = home
        if gov is None:
            continue
        for person in leaders:
            yield make_relation("government-of-leader", "LEADS", person, gov, token.sent, f"{token.text} of",
                                confidence=0.7)


@lru_cache(maxsize=1)
def _ministry_governments() -> dict[str, str]:
    """Gazetteer id of a ministry -> the id of its country's government (organizations.jsonl: subtype, country)."""
    rows = gazetteer_rows()
    by_country = {r["country"]: r["id"] for r in rows if r.get("subtype") == "government" and r.get("country")}
    return {r["id"]: by_country[r["country"]] for r in rows
            if r.get("subtype") == "ministry" and r.get("country") in by_country}


@rule("ministry-of-government", "relation")
def ministry_relations(doc: Doc, index: MentionIndex, items: list[Mention]) -> Iterator[Relation]:
    """'the Treasury Department', 'the Interior Ministry': a ministry the gazetteer knows is part of its
    country's government, when the document names that government."""
    done: set[str] = set()
    for m in items:
        gov_id = _ministry_governments().get(m.canonical_id or "") if m.type == "Organization" else None
        if gov_id is None or m.canonical_id in done:
            continue
        gov = government_mention(index, items, gov_id)
        span = mention_span(doc, m)
        if gov is not None and span is not None:
            done.add(m.canonical_id or "")
            yield make_relation("ministry-of-government", "PART_OF", m, gov, span.sent, m.text, confidence=0.6)
