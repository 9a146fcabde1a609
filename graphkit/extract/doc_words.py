"""A document's text and words as plain strings, read once per Doc and kept with it.

spaCy makes a new Token object each time one is read (`doc[i]`, `for t in doc`) and `Doc.text` joins
every token each time it is read. Rules that compare words look them up here instead, and a rule that
wants the tokens of a word list asks for their positions (lemma -> positions, built once per Doc)
rather than reading every token of every sentence.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

_KEY = "graphkit_doc_words"
_TREE_KEY = "graphkit_doc_tree"


@dataclass
class DocWords:
    text: str
    words: list[str]  # each token's text
    spaces: list[str]  # the whitespace after each token
    lemmas: list[str]  # each token's lemma, lower case
    lowers: list[str]  # each token's text, lower case
    by_form: dict[str, list[int]] = field(default_factory=dict)  # lemma or lower-case text -> positions
    found: dict[str, list[int]] = field(default_factory=dict)  # a caller's word list (by name) -> positions


def doc_table(doc: Doc) -> DocWords:
    table: DocWords | None = doc.user_data.get(_KEY)
    if table is None:
        words, spaces, lemmas, lowers = [], [], [], []
        for t in doc:
            words.append(t.text)
            spaces.append(t.whitespace_)
            lemmas.append(t.lemma_.lower())
            lowers.append(t.lower_)
        table = DocWords("".join(w + s for w, s in zip(words, spaces, strict=True)), words, spaces, lemmas, lowers)
        for i, (lemma, lower) in enumerate(zip(lemmas, lowers, strict=True)):
            table.by_form.setdefault(lemma, []).append(i)
            if lower != lemma:
                table.by_form.setdefault(lower, []).append(i)
        doc.user_data[_KEY] = table
    return table


@dataclass
class DocTree:
    """The dependency tree as plain lists: what walking a phrase needs, without a Token per look."""

    children: list[list[int]]  # each token's children, by index
    deps: list[str]  # each token's dependency label
    blank: list[bool]  # punctuation or space: trimmed from a phrase's edges


def doc_tree(doc: Doc) -> DocTree:
    tree: DocTree | None = doc.user_data.get(_TREE_KEY)
    if tree is None:
        tree = DocTree([[] for _ in range(len(doc))], [], [])
        for t in doc:
            if t.head.i != t.i:
                tree.children[t.head.i].append(t.i)
            tree.deps.append(t.dep_)
            tree.blank.append(t.is_punct or t.is_space)
        doc.user_data[_TREE_KEY] = tree
    return tree


def doc_text(doc: Doc) -> str:
    """doc.text (the text the Doc was made from)."""
    return doc_table(doc).text


def span_text(span: Span) -> str:
    """span.text, cut from the document's text (Span.text joins its tokens each time it is read)."""
    return doc_table(span.doc).text[span.start_char : span.end_char]


def doc_words(doc: Doc) -> list[str]:
    """The text of each token, by index."""
    return doc_table(doc).words


def doc_spaces(doc: Doc) -> list[str]:
    """The whitespace after each token, by index."""
    return doc_table(doc).spaces


Words = Collection[str] | Callable[[], Collection[str]]


def positions(doc: Doc, name: str, words: Words) -> list[int]:
    """Sorted indices of the tokens whose lemma or lower-case text is one of `words` (a word list, or a
    function that makes it, which the caller names by `name`: it is looked up once per Doc)."""
    table = doc_table(doc)
    found = table.found.get(name)
    if found is None:
        forms = table.by_form
        words = words() if callable(words) else words
        hits = {i for w in (forms.keys() & words if len(words) > len(forms) else words) for i in forms.get(w, ())}
        found = table.found[name] = sorted(hits)
    return found


def in_sentence(found: list[int], sent: Span) -> list[int]:
    """The positions of `found` (sorted) inside the sentence (or any span)."""
    return found[bisect_left(found, sent.start) : bisect_left(found, sent.end)]


def sentence_positions(sent: Span, name: str, words: Words) -> list[int]:
    """positions() inside one sentence."""
    return in_sentence(positions(sent.doc, name, words), sent)


def first_words(entries: Collection[str]) -> set[str]:
    """The first word of each entry ("point" of "point out"): the word to look for a verb and particle by."""
    return {entry.split()[0] for entry in entries if entry.strip()}
