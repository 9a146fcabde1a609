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
