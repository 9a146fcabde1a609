"""spaCy pipeline assembly: the base model plus graphkit's own components."""

from graphkit.nlp.build import make_nlp, resolve_model_name

__all__ = ["make_nlp", "resolve_model_name"]
