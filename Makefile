# Two commands for a newcomer: `make serve` and `make test`. Both set everything up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# The pinned Claude Code that the client tests run (package.json, package-lock.json)
NODE_STAMP := node_modules/.installed-stamp
# The engine that builds the site: mkdocs (MkDocs 1.6.1, the default) or properdocs
# (ProperDocs 1.6.x, the maintained fork of MkDocs 1.x, in its own .venv-properdocs).
# `make ENGINE=properdocs build` or `make ENGINE=properdocs serve`.
ENGINE ?= mkdocs
PD_VENV  := .venv-properdocs
PD_STAMP := $(PD_VENV)/.installed-stamp
ifeq ($(ENGINE),properdocs)
DOCS       := $(PD_VENV)/bin/properdocs
DOCS_STAMP := $(PD_STAMP)
else ifeq ($(ENGINE),mkdocs)
DOCS       := $(BIN)/mkdocs
DOCS_STAMP := $(STAMP)
else
$(error ENGINE must be mkdocs or properdocs, not $(ENGINE))
endif

.PHONY: serve build test check sync bench bench-quick bench-ab bench-browser claude-code-bump clean

$(STAMP): pyproject.toml requirements-lock.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "agentcat: npm is missing; install Node.js with npm (the client tests run the pinned Claude Code), then run make test again" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# --no-deps: Material and the macros plugin name `mkdocs` as a dependency; ProperDocs stands in
$(PD_STAMP): requirements-properdocs-lock.txt
	test -x $(PD_VENV)/bin/python || $(PYTHON) -m venv $(PD_VENV)
	$(PD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-properdocs-lock.txt
	touch $(PD_STAMP)

# --dirty: an edit rebuilds only the pages it changes (the hook keeps generated pages in .cache/)
serve: $(STAMP) $(DOCS_STAMP)  ## the site at http://localhost:8000, rebuilt on every change
	AGENTCAT_SITE_URL=http://localhost:8000/ $(DOCS) serve --dirty --dev-addr localhost:8000

build: $(STAMP) $(DOCS_STAMP)  ## a strict build into site/
	$(DOCS) build --strict --site-dir site

test: $(STAMP) $(PD_STAMP) $(NODE_STAMP)  ## the whole suite: the real Claude Code, both engines, browser tests when Chromium is present
	$(BIN)/python -m pytest

check: $(STAMP)  ## the linter alone, on the catalog
	$(BIN)/agentcat check --warnings-as-errors

sync: $(STAMP)  ## regenerate .claude-plugin/marketplace.json after adding or renaming an agent
	$(BIN)/agentcat sync

bench: $(STAMP)  ## build-time, edit-loop, page-weight and linter benchmarks (not tests; about 20 minutes)
	$(BIN)/python benchmarks/bench.py

bench-quick: $(STAMP)  ## the same at 1,000 agents, one run each (about 5 minutes)
	$(BIN)/python benchmarks/bench.py --quick

bench-ab: $(STAMP)  ## `agentcat check` against an earlier revision, in turns in one process: make bench-ab AGAINST=3c2082e
	$(BIN)/python benchmarks/check_ab.py --against "$(AGAINST)"

bench-browser: $(STAMP)  ## the catalog filter on 3,000 agents in headless Chromium (not a test)
	$(BIN)/python benchmarks/browser_bench.py

claude-code-bump: $(STAMP) $(NODE_STAMP)  ## pin the newest Claude Code, rerun the client tests, list the facts that changed
	$(BIN)/python scripts/claude_code_bump.py

clean:
	rm -rf site .pytest_cache test-artifacts .cache
