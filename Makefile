# kgbuilder: `make run` builds the graph from seeds/, `make test` runs the suite,
# `make eval` builds the dev set into output/dev/ and scores it with `kg eval`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check
SEEDS := seeds
OUT := output
DEV := ../shared/eval/dev

.PHONY: run test eval bench install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt pyproject.toml | $(BIN)/python
	$(PIP) install --require-hashes -r requirements.txt
	$(PIP) install --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(PIP) install --require-hashes -r requirements-test.txt
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(BIN)/kg build $(SEEDS) -o $(OUT)
	@echo "kg is installed in $(BIN): run '. $(BIN)/activate' to have it on your PATH (or call $(BIN)/kg)"

test: install-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

eval: install
	$(BIN)/kg build $(DEV)/docs -o $(OUT)/dev
	$(BIN)/kg eval $(OUT)/dev/graph.ttl --gold $(DEV)/gold.json

bench: install-test
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) $(OUT)/graph.* build *.egg-info
