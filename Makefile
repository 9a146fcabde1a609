# The two commands of the README's Quickstart, and what they need.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: demo test lint clean neo4j-start neo4j-stop

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "graphkit needs Python 3.11 ($(PYTHON) not found; set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e .
	@touch $@

$(DEVSTAMP): $(STAMP)
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

## make demo: set up and run graphkit on the sample articles with the embedded (NetworkX) backend
demo: $(STAMP)
	$(BIN)/graphkit run seeds --out out

## make test: set up (dev extras, Chromium, Neo4j build) and run the whole test suite
test: $(DEVSTAMP)
	bash tools/install-browser
	$(BIN)/python -m pytest -q

lint: $(DEVSTAMP)
	$(BIN)/ruff check graphkit tests benchmarks tools
	$(BIN)/mypy --strict graphkit

neo4j-start:
	bash tools/neo4j/start

neo4j-stop:
	bash tools/neo4j/stop

clean:
	rm -rf $(VENV) out build *.egg-info
