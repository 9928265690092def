# Two commands on a fresh machine: `make demo` and `make test`. Each creates .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo docs screenshots test lint typecheck pytest bench install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

# The main job on corpus/: cluster the sample corpus, diff the two seed articles, score the
# clustering against the ECB+ labels. Shown in the terminal and written to reports/ (tests check
# that reports/ matches what these commands produce; reports/index_files/, the diff pages
# that reports/index.html links to, is written here and not kept in git).
SEED_PAIR := corpus/seeds/000_fcc5a75e636137bc.txt corpus/seeds/003_74b6125a896b40ce.txt
REPORT_ENV := COLUMNS=100 NO_COLOR=1
demo: $(STAMP) docs
	@mkdir -p reports
	$(REPORT_ENV) $(BIN)/dedup cluster corpus --quiet | tee reports/clusters.txt
	$(BIN)/dedup cluster corpus --quiet --format jsonl --out reports/clusters.jsonl
	$(BIN)/dedup cluster corpus --quiet --format json --out reports/clusters.json
	$(BIN)/dedup cluster corpus --quiet --all --format html --out reports/index.html
	$(REPORT_ENV) $(BIN)/dedup diff $(SEED_PAIR) | tee reports/seed-diff.txt
	$(BIN)/dedup diff $(SEED_PAIR) --format markdown > reports/seed-diff.md
	$(BIN)/dedup diff $(SEED_PAIR) --format json > reports/seed-diff.json
	$(BIN)/dedup diff $(SEED_PAIR) --format html --out reports/seed-diff.html
	$(REPORT_ENV) $(BIN)/dedup eval corpus/ecbplus/documents.jsonl --label-field cluster --quiet | tee reports/eval-ecbplus.txt
	@if command -v chromium >/dev/null; then $(MAKE) --no-print-directory screenshots; \
	else echo "no chromium on PATH: screenshots not redrawn (apt-get install chromium)"; fi
	@echo "reports written to reports/ (open reports/index.html)"

# docs/cli.md: the --help of every command, from the real command line (tests/test_docs.py
# fails when it is stale).
docs: $(STAMP)
	$(BIN)/python scripts/build_docs.py

# The README's pictures of the two HTML reports, drawn by headless Chromium (Debian's package).
screenshots: $(STAMP)
	$(BIN)/python scripts/browser.py reports/index.html reports/index.png reports/seed-diff.html reports/seed-diff.png

test: $(STAMP) lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check dedup tests benchmarks evaluation scripts
	$(BIN)/ruff format --check dedup tests benchmarks evaluation scripts

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .pytest_cache .ruff_cache
