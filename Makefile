# Two commands on a fresh machine: `make demo` and `make test`. Each creates .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test lint typecheck pytest bench install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

# The main job on corpus/: what exists so far is shown in the terminal and written to reports/.
demo: $(STAMP)
	$(BIN)/dedup read corpus/seeds > reports/seeds.read.jsonl
	@echo "wrote reports/seeds.read.jsonl"

test: $(STAMP) lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check dedup tests benchmarks evaluation
	$(BIN)/ruff format --check dedup tests benchmarks evaluation

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .pytest_cache .ruff_cache
