"""make_nlp(): the base English model plus graphkit components in a fixed order."""

from __future__ import annotations

import importlib.util
import logging

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler

from graphkit.config import DEFAULT_MODELS, Settings
from graphkit.errors import GraphkitError, ModelNotFoundError
from graphkit.nlp import factories  # noqa: F401  (registers the components)
from graphkit.nlp.rulers import actor_patterns, weak_actor_patterns

log = logging.getLogger(__name__)


def resolve_model_name(requested: str | None) -> str:
    """The requested model, else the first installed default; raise with install advice."""
    candidates = [requested] if requested else list(DEFAULT_MODELS)
    for name in candidates:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(candidates)


def make_nlp(settings: Settings | None = None) -> Language:
    settings = settings or Settings.from_env()
    name = resolve_model_name(settings.model)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise GraphkitError(f"spaCy model {name!r} could not be loaded: {exc}") from exc
    nlp.add_pipe("graphkit_line_breaks", before="parser")
    nlp.add_pipe("graphkit_compound_nouns", after="attribute_ruler")
    ruler: EntityRuler = nlp.add_pipe(  # type: ignore[assignment]  # add_pipe is typed as returning a callable
        "entity_ruler",
        name="graphkit_actors",
        before="ner",
        config={"validate": False, "overwrite_ents": True},
    )
    ruler.initialize(lambda: [], nlp=nlp, patterns=actor_patterns())
    nlp.add_pipe("graphkit_longer_names", after="graphkit_actors")
    weak: EntityRuler = nlp.add_pipe(  # type: ignore[assignment]
        "entity_ruler", name="graphkit_actors_fill", after="ner", config={"validate": False, "overwrite_ents": False})
    weak.initialize(lambda: [], nlp=nlp, patterns=weak_actor_patterns())
    log.debug("pipeline %s: %s", name, nlp.pipe_names)
    return nlp
