"""Every graphkit spaCy component, registered once under a `graphkit_<job>` name."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


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
