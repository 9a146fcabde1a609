# The two commands of the README's Quickstart, and what they need.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: demo test lint clean neo4j-start neo4j-stop notebook screenshots

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
	$(BIN)/ruff check graphkit tests benchmarks tools
	$(BIN)/mypy --strict graphkit
	$(BIN)/python -m pytest -q

## make notebook: install JupyterLab and matplotlib (the notebook extra) and open notebooks/ in JupyterLab
notebook: $(STAMP)
	$(BIN)/pip install -q -e '.[notebook]'
	$(BIN)/jupyter lab notebooks/

## make screenshots: the README's pictures of both map views of the seeds (headless Chromium)
screenshots: $(DEVSTAMP)
	$(BIN)/graphkit run seeds --out out
	$(BIN)/graphkit map --graph out/graph.json -o out/map.html --png docs/map-network.png
	$(BIN)/graphkit map --graph out/graph.json -o out/allegations.html --view allegations --png docs/map-allegations.png

lint: $(DEVSTAMP)
	$(BIN)/ruff check graphkit tests benchmarks tools
	$(BIN)/mypy --strict graphkit

neo4j-start:
	bash tools/neo4j/start

neo4j-stop:
	bash tools/neo4j/stop

clean:
	rm -rf $(VENV) out build *.egg-info
