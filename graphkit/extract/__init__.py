"""Stage 2: spaCy Docs in, records (mentions, triples, events, relations) out."""

from graphkit.extract.document import extract_all, extract_doc
from graphkit.extract.entities import mentions
from graphkit.extract.events import events
from graphkit.extract.relations import relations
from graphkit.extract.triples import triples

__all__ = ["extract_all", "extract_doc", "events", "mentions", "relations", "triples"]
