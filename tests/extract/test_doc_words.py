"""The per-Doc word table (extract.doc_words) gives what reading the tokens gives: the rules that look words
up there instead of walking every token find the same tokens."""

from __future__ import annotations

from graphkit.extract.doc_words import (
    doc_spaces,
    doc_text,
    doc_tree,
    doc_words,
    first_words,
    in_sentence,
    positions,
    sentence_positions,
    span_text,
)
from graphkit.extract.parse import phrase_bounds

TEXT = ("The soldiers detained three journalists in Caracas.  Officials said the men were tortured.\n\n"
        "Witnesses pointed out that  the army had detained them again; the ARMY denied it.")


def test_text_words_and_spaces_are_the_tokens(nlp):
    doc = nlp(TEXT)
    assert doc_text(doc) == doc.text == TEXT
    assert doc_words(doc) == [t.text for t in doc]
    assert doc_spaces(doc) == [t.whitespace_ for t in doc]


def test_span_text_is_span_text_for_every_sentence_chunk_and_slice(nlp):
    doc = nlp(TEXT)
    spans = [*doc.sents, *doc.noun_chunks, *doc.ents, doc[2:5], doc[0:0], doc[len(doc) - 3 :]]
    for sent in doc.sents:
        spans += [sent[1:], sent[:-1]]
    assert [span_text(s) for s in spans] == [s.text for s in spans]


def test_positions_find_a_word_by_lemma_or_by_lower_case_text(nlp):
    doc = nlp(TEXT)
    # "detained" twice by its lemma, "ARMY" by its lower-case text, "pointed" for "point out" by its first word
    expected = sorted(t.i for t in doc if t.lemma_.lower() in {"detain", "army", "point"}
                      or t.lower_ in {"detain", "army", "point"})
    assert positions(doc, "test-words", {"detain", "army", "point"}) == expected
    assert [doc[i].lower_ for i in expected].count("detained") == 2 and "army" in [doc[i].lower_ for i in expected]
    # looked up once per Doc under its name: a second call with another list gives the first answer
    assert positions(doc, "test-words", lambda: {"said"}) == expected
    assert positions(doc, "test-said", lambda: {"say"}) == [t.i for t in doc if t.lemma_ == "say"] != []


def test_positions_inside_each_sentence(nlp):
    doc = nlp(TEXT)
    found = positions(doc, "test-detain", {"detain"})
    per_sentence = [sentence_positions(s, "test-detain", {"detain"}) for s in doc.sents]
    assert [i for part in per_sentence for i in part] == found
    for sent, part in zip(doc.sents, per_sentence, strict=True):
        assert part == [t.i for t in sent if t.lemma_ == "detain"]
        assert in_sentence(found, sent) == part


def test_first_words_of_verb_and_particle_entries():
    assert first_words({"point out", "say", " "}) == {"point", "say"}


def test_the_tree_lists_are_the_parse(nlp):
    doc = nlp(TEXT)
    tree = doc_tree(doc)
    assert tree.children == [[c.i for c in t.children] for t in doc]
    assert tree.deps == [t.dep_ for t in doc]
    assert tree.blank == [t.is_punct or t.is_space for t in doc]


def test_phrase_bounds_is_the_subtree_without_the_cut_branches(nlp):
    doc = nlp(TEXT)
    cut = frozenset({"relcl", "appos", "punct", "cc", "conj", "prep"})
    for token in doc:
        # the reference: walk Token.children, as phrase_bounds did before the tree lists
        inside, todo = {token.i}, [token]
        while todo:
            for child in todo.pop().children:
                if child.dep_ not in cut:
                    inside.add(child.i)
                    todo.append(child)
        left, right = min(inside), max(inside)
        while left < right and (doc[left].is_punct or doc[left].is_space):
            left += 1
        while right > left and (doc[right].is_punct or doc[right].is_space):
            right -= 1
        assert phrase_bounds(token, cut) == (left, right)
    kept = [t for t in doc if any(c.dep_ == "prep" for c in t.children)]
    assert kept and all(phrase_bounds(t, cut, lambda parent, child: child.dep_ == "prep")[1] >= t.i for t in kept)
