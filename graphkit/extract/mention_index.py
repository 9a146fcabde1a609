"""Find the mention a token belongs to, so that parse arguments become entity references."""

from __future__ import annotations

from functools import cached_property, lru_cache

from spacy.tokens import Doc, Token

from graphkit import lexicons
from graphkit.extract.doc_words import doc_text
from graphkit.names import home_country
from graphkit.types import Mention


@lru_cache(maxsize=1)
def _member_nouns() -> frozenset[str]:
    return lexicons.titles().get("member_of", frozenset()) | lexicons.titles().get("acts_for_nouns", frozenset())


_MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "npadvmod"}


class MentionIndex:
    """Token index -> mention, for one Doc."""

    def __init__(self, doc: Doc, items: list[Mention]) -> None:
        self.doc = doc
        self.mentions = items
        self.text = doc_text(doc)
        self.by_token: dict[int, Mention] = {}
        for mention in items:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                self.by_token.setdefault(token.i, mention)

    @cached_property
    def home_country(self) -> str | None:
        """The country the document is about (gazetteer id), worked out once per document."""
        return home_country(self.text, self.mentions)

    @cached_property
    def canonical_ids(self) -> frozenset[str]:
        """Gazetteer ids the document names."""
        return frozenset(m.canonical_id for m in self.mentions if m.canonical_id)

    @cached_property
    def by_name(self) -> dict[str, Mention]:
        """Lower-case name without a leading article -> the document's first mention so named ("the police")."""
        out: dict[str, Mention] = {}
        for m in self.mentions:
            words = m.text.lower().split()
            out.setdefault(" ".join(words[1:] if words[:1] == ["the"] else words), m)
        return out

    def at(self, token: Token) -> Mention | None:
        """The mention naming the phrase headed by token: the token's own, else a modifier's."""
        found = self.by_token.get(token.i)
        if found is not None and found.type == "Group":
            if lexicons.group_nouns().get(token.lemma_.lower()) == "self":
                return found  # "an Interior Ministry source", "witnesses": they speak for themselves
            owner = self._owner(token)
            if owner is not None:
                return owner  # "Gulf Clan gang members" act for the Gulf Clan
        if found is not None and not (found.type == "Group" and " " not in found.text):
            return found
        for child in token.children:
            if child.dep_ in _MODIFIER_DEPS and child.i in self.by_token:
                return self.by_token[child.i]
        # "the military ruler of Ruritania, Jan Novak": a description stands for the name apposed to it
        if found is None and token.pos_ == "NOUN":
            for child in token.children:
                named = self.by_token.get(child.i) if child.dep_ == "appos" else None
                if named is not None and named.type in ("Person", "Organization"):
                    return named
        # "members of X", "agents of X": the members act for X
        if token.lemma_.lower() in _member_nouns():
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj" and pobj.i in self.by_token:
                            return self.by_token[pobj.i]
        return found

    def _owner(self, token: Token) -> Mention | None:
        """The named organization a group noun is modified by, through a chain of compounds."""
        stack = [c for c in token.children if c.dep_ == "compound"]
        while stack:
            child = stack.pop()
            m = self.by_token.get(child.i)
            if m is not None and m.type == "Organization":
                return m
            stack.extend(c for c in child.children if c.dep_ == "compound")
        return None

    def with_conjuncts(self, token: Token) -> list[Mention]:
        out: list[Mention] = []
        for t in (token, *token.conjuncts):
            m = self.at(t)
            if m is not None and m not in out:
                out.append(m)
        return out

    def in_span(self, start: int, end: int) -> list[Mention]:
        seen: list[Mention] = []
        for i in range(start, end):
            m = self.by_token.get(i)
            if m is not None and m not in seen:
                seen.append(m)
        return seen
