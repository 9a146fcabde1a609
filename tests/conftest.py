"""The only conftest: shared fixtures (model, runner, hand-built docs, the seeds run)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from spacy.tokens import Doc
from spacy.vocab import Vocab

pytest_plugins = ["tests.neo4j_server"]

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "data" / "gold" / "seeds"


@pytest.fixture(scope="session")
def vocab() -> Vocab:
    return Vocab()


@pytest.fixture
def make_doc(vocab: Vocab):
    """Build a parsed Doc by hand (words, heads as absolute indices, deps, optional pos/lemmas/ents)."""

    def make(words, heads, deps, pos=None, lemmas=None, tags=None, ents=None):
        doc = Doc(vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, tags=tags, ents=ents)
        return doc

    return make


@pytest.fixture(scope="session")
def nlp():
    from graphkit.nlp import make_nlp

    return make_nlp()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def seeds_run(tmp_path_factory):
    """graphkit run seeds --out DIR, once per session."""
    from graphkit.pipeline import run_pipeline

    out = tmp_path_factory.mktemp("seeds-out")
    outputs = run_pipeline([SEEDS], out)
    return outputs, out
