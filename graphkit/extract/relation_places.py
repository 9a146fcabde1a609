"""Relations a place phrase states: "the Mexican city of X" is in Mexico."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Doc, Token

from graphkit import lexicons
from graphkit.extract.mention_index import MentionIndex
from graphkit.extract.relation_facts import make_relation
from graphkit.extract.rules import rule
from graphkit.names import demonyms, fold
from graphkit.types import Mention, Relation


@lru_cache(maxsize=1)
def _kind_nouns() -> frozenset[str]:
    return lexicons.word_list("place_of_nouns")


def _owner(noun: Token, index: MentionIndex, countries: dict[str, Mention]) -> Mention | None:
    """The place a kind noun belongs to: a place modifying it ("Y State's municipality"), else the country of a
    demonym ("the Mexican city") when the document names that country."""
    for child in noun.children:
        m = index.by_token.get(child.i) if child.dep_ in ("poss", "compound", "nmod") else None
        # a name before the noun is the place's own ("the Santa Rosa neighborhood of Y") unless a country's
        if m is not None and m.type == "Location" and (child.dep_ == "poss" or m.subtype == "country"):
            return m
    for child in noun.children:
        country = demonyms().get(fold(child.text)) if child.dep_ in ("amod", "compound") else None
        if country is not None and country in countries:
            return countries[country]
    return None


@rule("kind-of-place", "relation")
def kind_of_place_relations(doc: Doc, index: MentionIndex, items: list[Mention]) -> Iterator[Relation]:
    """'the Mexican city of X', 'the Tibetan capital of X', "Y State's municipality of X": X is in the owner."""
    countries: dict[str, Mention] = {}
    for m in items:
        if m.type == "Location" and m.canonical_id:
            countries.setdefault(m.canonical_id, m)
    for m in items:
        if m.type != "Location":
            continue
        token = index.doc.char_span(m.start, m.end, alignment_mode="expand")
        if token is None:
            continue
        root = token.root
        prep = root.head
        noun = prep.head
        if root.dep_ != "pobj" or prep.lower_ != "of" or noun.lemma_.lower() not in _kind_nouns():
            continue
        owner = _owner(noun, index, countries)
        if owner is not None and owner is not m and owner.canonical_id != m.canonical_id:
            yield make_relation("kind-of-place", "LOCATED_IN", m, owner, token.sent, f"{noun.text} of",
                                confidence=0.7)
