"""Every graphkit spaCy component, registered once under a `graphkit_<job>` name."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from graphkit import lexicons


@Language.component("graphkit_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, captions and bylines are not glued to the body.

    Runs before the parser, which keeps boundaries set before it.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
        elif token.is_space:
            token.is_sent_start = False
    return doc


@Language.component("graphkit_longer_names", assigns=["doc.ents"])
def longer_names(doc: Doc) -> Doc:
    """'the Kyrgyz State Security Service': a government pattern ('Kyrgyz State') that runs on into more
    capitalised words is the start of another body's name, so the statistical NER that runs next decides.

    Runs between the actor ruler and the NER.
    """
    nouns = lexicons.word_list("government_nouns")
    kept, dropped = [], []
    for ent in doc.ents:
        after = doc[ent.end] if ent.end < len(doc) else None
        if (after is not None and ent.ent_id_ and ent[-1].lower_ in nouns and ent[-1].whitespace_
                and after.is_title and after.is_alpha and not after.is_sent_start):
            dropped.append(ent)
            continue
        kept.append(ent)
    if dropped:
        doc.set_ents(kept, missing=dropped, default="unmodified")
    return doc


@Language.component("graphkit_compound_nouns", assigns=["token.pos", "token.tag"])
def compound_nouns(doc: Doc) -> Doc:
    """A word the parser hangs on a noun as a compound is a noun, whatever the tagger said ('plainclothes
    security officers', 'the agency head Ana Ruiz'): noun phrases (and the groups read from them) keep it.

    Runs after the attribute ruler (which sets the part of speech) and before the lemmatizer.
    """
    for token in doc:
        if token.dep_ == "compound" and token.pos_ == "VERB" and token.head.pos_ in ("NOUN", "PROPN"):
            token.pos_ = "NOUN"
            token.tag_ = "NNS" if token.text.endswith("s") else "NN"
    return doc
