# Two commands for a newcomer: `make serve` and `make test`. Both set everything up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: serve build test check sync bench bench-browser clean

$(STAMP): pyproject.toml requirements-lock.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

serve: $(STAMP)  ## the site at http://localhost:8000, rebuilt on every change
	AGENTCAT_SITE_URL=http://localhost:8000/ $(BIN)/mkdocs serve --dirty --dev-addr localhost:8000

build: $(STAMP)  ## a strict build into site/
	$(BIN)/mkdocs build --strict --site-dir site

test: $(STAMP)  ## the whole test suite (browser tests run when Chromium is present)
	$(BIN)/python -m pytest

check: $(STAMP)  ## the linter alone, on the catalog
	$(BIN)/agentcat check --warnings-as-errors

sync: $(STAMP)  ## regenerate .claude-plugin/marketplace.json after adding or renaming an agent
	$(BIN)/agentcat sync

bench: $(STAMP)  ## build-time and linter benchmarks (not tests)
	$(BIN)/python benchmarks/bench.py

bench-browser: $(STAMP)  ## the catalog filter on 3,000 agents in headless Chromium (not a test)
	$(BIN)/python benchmarks/browser_bench.py

clean:
	rm -rf site .pytest_cache test-artifacts
