"""Extraction leaves no reference cycle of its own: a Doc and what the rules built over it are freed by
reference counting as soon as the document is done, not when the cyclic garbage collector next runs
(a nested function that called itself kept every Doc, its tables and its mention index alive until then)."""

from __future__ import annotations

import gc

import pytest

from graphkit.extract.document import extract_doc
from graphkit.ingest.readers import make_article

pytestmark = pytest.mark.model

TEXT = ("Maria Lopez, a critic of the Federal Police, said soldiers detained two students in Lima. "
        "A critic of the army, Juan Perez, was arrested by the National Guard on Monday.")


def test_extraction_leaves_no_cyclic_garbage_of_graphkit(nlp):
    article = make_article("t", TEXT)
    extract_doc(nlp(article.text), article)  # warm: caches and lexicons loaded outside the count
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        doc = nlp(article.text)
        result = extract_doc(doc, article)
        del doc
        gc.collect()
        ours = [o for o in gc.garbage if getattr(type(o), "__module__", "").startswith("graphkit")
                or (callable(o) and getattr(o, "__module__", "") and o.__module__.startswith("graphkit"))]
        kinds = {type(o).__name__ for o in gc.garbage}
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert result.mentions, "the text must give mentions, or the check below proves little"
    assert ours == [] and "Doc" not in kinds, sorted(kinds)
