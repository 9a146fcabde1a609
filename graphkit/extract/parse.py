"""Small helpers over the dependency parse shared by the extractors."""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from graphkit import lexicons
from graphkit.extract.doc_words import doc_tree, first_words, in_sentence, positions

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
_CUT_DEPS = frozenset({"relcl", "appos", "punct", "cc", "conj", "advcl", "acl", "parataxis", "dep"})
_CUT_DEPS_AND_PREP = _CUT_DEPS | {"prep"}


def phrase_bounds(token: Token, cut: frozenset[str] | set[str],
                  keep: Callable[[Token, Token], bool] | None = None) -> tuple[int, int]:
    """First and last token index of the phrase token heads: its subtree without the children whose
    dependency is in `cut` (unless `keep(parent, child)`) and what hangs below them, punctuation and spaces
    trimmed from both edges. Walks the Doc's tree as lists (doc_words.doc_tree): no Token per look."""
    doc = token.doc
    tree = doc_tree(doc)
    children, deps, blank = tree.children, tree.deps, tree.blank
    left = right = token.i
    stack = [token.i]
    while stack:
        current = stack.pop()
        for child in children[current]:
            if deps[child] in cut and (keep is None or not keep(doc[current], doc[child])):
                continue
            if child < left:
                left = child
            elif child > right:
                right = child
            stack.append(child)
    while left < right and blank[left]:
        left += 1
    while right > left and blank[right]:
        right -= 1
    return left, right


def phrase(token: Token, *, keep_preps: bool = True) -> Span:
    """The noun phrase headed by token: its subtree without clauses, appositions and conjuncts."""
    left, right = phrase_bounds(token, _CUT_DEPS if keep_preps else _CUT_DEPS_AND_PREP)
    return token.doc[left : right + 1]


def subjects(verb: Token) -> list[Token]:
    """Subjects of a verb, inherited through conjoined verbs and relative clauses."""
    found = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.dep_ != "expl"]
    if found:
        out = []
        for s in found:
            out.extend([s, *[c for c in s.conjuncts]])
        # "who"/"which": the noun the relative clause hangs on
        return [verb.head if t.tag_ in ("WP", "WDT") and verb.dep_ == "relcl" else t for t in out]
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return subjects(verb.head)
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return [verb.head]
    purpose = verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if verb.dep_ == "xcomp" or purpose:
        # "sending the police to control them", "ordered the army to fire": the object does it
        if verb.head.lemma_.lower() in _control_verbs():
            objects = [c for c in verb.head.children if c.dep_ == "dobj"]
            if objects:
                return [t for o in objects for t in (o, *o.conjuncts)]
        return subjects(verb.head)
    return []


@lru_cache(maxsize=1)
def _control_verbs() -> frozenset[str]:
    return lexicons.word_list("control_verbs")


def is_passive(verb: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in verb.children):
        return True
    # "torture carried out by X", "protesters detained last week": a participle with an agent, or
    # hanging on the noun it happened to
    if verb.tag_ != "VBN":
        return False
    # a bare participle with no auxiliary cannot be an active perfect ("protesters detained last week")
    bare = not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    if bare and any(c.dep_ == "nsubj" for c in verb.children) and any(c.dep_ in ("dobj", "ccomp")
                                                                    for c in verb.children):
        return False  # "Maduro announced that...", tagged VBN: with a subject and an object it is a past tense
    if bare and verb.dep_ != "acl" and any(c.dep_ == "dobj" for c in verb.children):
        return False  # "... aiming to stop protests abducted six organizers": a past tense the parse left hanging
    return verb.dep_ == "acl" or bare or any(c.dep_ == "agent" for c in verb.children)


def agents(verb: Token) -> list[Token]:
    out: list[Token] = []
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.extend([pobj, *pobj.conjuncts])
    return out


def is_negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def reporting_verbs() -> frozenset[str]:
    return lexicons.word_list("reporting_verbs")


def verb_positions(span: Doc | Span, verbs: Callable[[], Collection[str]]) -> list[int]:
    """Positions in the span of the words that may be verbs of the list verbs() gives (by each entry's first
    word: 'point' of 'point out'); verb_in tells which are. Looked up once per Doc and list (named by the
    function, so two callers of one list share it)."""
    doc = span if isinstance(span, Doc) else span.doc
    found = positions(doc, f"verbs:{verbs.__module__}.{verbs.__qualname__}", lambda: first_words(verbs()))
    return found if isinstance(span, Doc) else in_sentence(found, span)


def verb_in(verb: Token, entries: frozenset[str]) -> bool:
    """The verb's lemma, or lemma and particle ("point out"), is one of the lexicon's entries."""
    if verb.pos_ != "VERB":
        return False
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    return lemma in entries or (particle is not None and f"{lemma} {particle}" in entries)
