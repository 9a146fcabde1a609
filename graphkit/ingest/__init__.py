"""Stage 1: files, folders, JSONL and stdin in; clean Article records out."""

from graphkit.ingest.clutter import strip_clutter
from graphkit.ingest.readers import iter_articles, load_articles

__all__ = ["iter_articles", "load_articles", "strip_clutter"]
