PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint typecheck check install lexicon bench clean

$(BIN)/racecard: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(BIN)/racecard

install: $(BIN)/racecard

demo: install
	$(BIN)/racecard demo

test: install
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check racecard tests benchmarks

typecheck: install
	$(BIN)/mypy

check: lint typecheck test

lexicon: install
	$(BIN)/python -m racecard.lexicon.build --data ../shared/data

bench: install
	$(BIN)/python benchmarks/read_throughput.py

clean:
	rm -rf $(VENV) build *.egg-info
